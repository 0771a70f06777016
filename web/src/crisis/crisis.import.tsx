// "Meldung einspielen": paste a CAP 1.2 XML, BBK CAP-JSON or NINA warning and see, per message,
// what became of it, with the server's German reason.
import { Anchor, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Link } from 'react-router';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { importWarning } from './crisis.api.ts';
import { labelOf, OUTCOME_LABELS } from './crisis.labels.ts';
import type { ImportOutcome } from './crisis.types.ts';

const CONTENT_ID = 'crisis-import-content';

export function CrisisImport({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [outcomes, setOutcomes] = useState<readonly ImportOutcome[] | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (content.trim() === '') {
      setError(t('common.required'));
      document.getElementById(CONTENT_ID)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await importWarning(content);
      setOutcomes(result.outcomes);
      if (result.outcomes.some((outcome) => outcome.kind === 'incident')) {
        onImported();
      }
    } catch (failure: unknown) {
      setError(errorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Textarea
          id={CONTENT_ID}
          label={t('crisis.import.content')}
          description={t('crisis.import.hint')}
          required
          autosize
          minRows={4}
          maxRows={14}
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={content}
          error={error ?? undefined}
          onChange={(event) => {
            setContent(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('crisis.import.submit')}
          </Button>
        </Group>
        <div role="status">
          {outcomes !== null && (
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('crisis.import.result', { count: outcomes.length })}
              </Text>
              <List size="sm">
                {outcomes.map((outcome, index) => (
                  <List.Item key={index}>
                    {labelOf(t, OUTCOME_LABELS, outcome.kind)}
                    {outcome.reason !== null && `: ${outcome.reason}`}
                    {outcome.incidentId !== null && (
                      <>
                        {' – '}
                        <Anchor component={Link} to={`/krise/vorfaelle/${outcome.incidentId}`}>
                          {t('crisis.import.open')}
                        </Anchor>
                      </>
                    )}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </div>
      </Stack>
    </form>
  );
}
