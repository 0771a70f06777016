// "Textbausteine" (`netiquette.manage`): canned answers the reply composer offers, in German and
// English. Each is edited in place; the list is the whole state (no paging: a team keeps dozens).
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { Section } from '../registry/registry.fields.tsx';
import { deleteCannedAnswer, fetchCannedAnswers, saveCannedAnswer } from './inbox.api.ts';
import type { CannedAnswer, CannedAnswerInput } from './inbox.types.ts';

function AnswerForm({
  formId,
  answer,
  onSave,
  onCancel,
}: {
  formId: string;
  answer: CannedAnswer | null;
  onSave: (input: CannedAnswerInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState<CannedAnswerInput>({
    title: answer?.title ?? '',
    text: answer?.text ?? '',
    language: answer?.language ?? 'de',
  });
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (value.title.trim() === '' || value.text.trim() === '') {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await onSave({ ...value, title: value.title.trim(), text: value.text.trim() });
    } catch (failure: unknown) {
      setError(errorText(failure, t));
      setBusy(false);
    }
  };
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <TextInput
          id={`${formId}-title`}
          label={t('inbox.canned.answerTitle')}
          required
          maxLength={120}
          value={value.title}
          error={missing && value.title.trim() === '' ? t('common.required') : undefined}
          onChange={(event) => {
            const title = event.currentTarget.value;
            setValue((current) => ({ ...current, title }));
          }}
        />
        <Textarea
          id={`${formId}-text`}
          label={t('inbox.canned.text')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={value.text}
          error={missing && value.text.trim() === '' ? t('common.required') : undefined}
          onChange={(event) => {
            const text = event.currentTarget.value;
            setValue((current) => ({ ...current, text }));
          }}
        />
        <NativeSelect
          id={`${formId}-language`}
          label={t('inbox.canned.language')}
          data={[
            { value: 'de', label: t('inbox.canned.de') },
            { value: 'en', label: t('inbox.canned.en') },
          ]}
          value={value.language}
          onChange={(event) => {
            const language = event.currentTarget.value === 'en' ? 'en' : 'de';
            setValue((current) => ({ ...current, language }));
          }}
        />
        {error !== null && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('inbox.canned.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CannedPage() {
  const { t } = useI18n();
  const { resource, reload, update } = useResource(fetchCannedAnswers);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const saved = (answer: CannedAnswer, isNew: boolean) => {
    update((answers) =>
      isNew
        ? [...answers, answer]
        : answers.map((other) => (other.id === answer.id ? answer : other)),
    );
    setEditing(null);
    setError(null);
    setStatus(t('inbox.canned.saved'));
  };

  return (
    <>
      <PageHeader title={t('inbox.canned.title')} intro={t('inbox.canned.intro')} />
      <div role="status">
        {status !== null && (
          <Alert color="blue" variant="light" mb="md">
            {status}
          </Alert>
        )}
      </div>
      {error !== null && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {error}
        </Alert>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && (
        <Section
          id="canned-answers"
          title={t('inbox.canned.title')}
          actions={
            editing !== 'new' && (
              <Button
                onClick={() => {
                  setEditing('new');
                }}
              >
                {t('inbox.canned.add')}
              </Button>
            )
          }
        >
          <Stack gap="md">
            {editing === 'new' && (
              <Paper withBorder p="md">
                <AnswerForm
                  formId="canned-new"
                  answer={null}
                  onCancel={() => {
                    setEditing(null);
                  }}
                  onSave={async (input) => {
                    saved(await saveCannedAnswer(null, input), true);
                  }}
                />
              </Paper>
            )}
            {resource.data.length === 0 && editing !== 'new' && (
              <Text>{t('inbox.canned.empty')}</Text>
            )}
            {resource.data.map((answer) =>
              editing === answer.id ? (
                <Paper key={answer.id} withBorder p="md">
                  <AnswerForm
                    formId={`canned-${answer.id}`}
                    answer={answer}
                    onCancel={() => {
                      setEditing(null);
                    }}
                    onSave={async (input) => {
                      saved(await saveCannedAnswer(answer.id, input), false);
                    }}
                  />
                </Paper>
              ) : (
                <Paper
                  key={answer.id}
                  withBorder
                  p="md"
                  component="article"
                  aria-label={answer.title}
                >
                  <Stack gap={4}>
                    <Group justify="space-between" wrap="wrap">
                      <Text fw={600}>
                        {answer.title} ({answer.language.toUpperCase()})
                      </Text>
                      <Group gap={4}>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => {
                            setEditing(answer.id);
                          }}
                        >
                          {t('inbox.canned.edit', { title: answer.title })}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          c="red.9"
                          onClick={() => {
                            deleteCannedAnswer(answer.id).then(
                              () => {
                                update((answers) =>
                                  answers.filter((other) => other.id !== answer.id),
                                );
                                setStatus(t('inbox.canned.deleted'));
                              },
                              (failure: unknown) => {
                                setError(errorText(failure, t));
                              },
                            );
                          }}
                        >
                          {t('inbox.canned.delete', { title: answer.title })}
                        </Button>
                      </Group>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }} lang={answer.language}>
                      {answer.text}
                    </Text>
                  </Stack>
                </Paper>
              ),
            )}
          </Stack>
        </Section>
      )}
    </>
  );
}
