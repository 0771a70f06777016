// Zugangsdaten: write-only. People enter key/value pairs; the server stores them encrypted and
// only ever answers whether credentials exist. Values are never shown again.
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { saveChannelCredentials } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { GroupFieldset, useFocusAfterRender } from './registry.fields.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from './registry.form-errors.tsx';
import type { Channel } from './registry.types.ts';

interface Row {
  key: string;
  value: string;
}

const FORM_ID = 'credentials';
const EMPTY_ROW: Row = { key: '', value: '' };

export function CredentialsSection({
  channel,
  canManage,
  onSaved,
}: {
  channel: Channel;
  canManage: boolean;
  onSaved: (channel: Channel) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([EMPTY_ROW]);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const focusLater = useFocusAfterRender();

  const close = () => {
    setOpen(false);
    setRows([EMPTY_ROW]);
    setFeedback(NO_FEEDBACK);
    focusLater('credentials-open');
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = row.key.trim();
      if (key === '') {
        errors[`credentials.${index}.key`] = t('common.required');
      } else if (seen.has(key)) {
        errors[`credentials.${index}.key`] = t('channel.credentialKeyTwice');
      }
      seen.add(key);
    });
    const local = localFeedback(t, errors);
    setFeedback(local);
    if (local.message !== null) {
      return;
    }
    const credentials = Object.fromEntries(rows.map((row) => [row.key.trim(), row.value]));
    setBusy(true);
    saveChannelCredentials(channel.id, credentials).then(
      (saved) => {
        setBusy(false);
        // Drop the typed secrets from memory as soon as the server has them.
        close();
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        // Never echo values: the feedback is built from an empty body.
        setFeedback(feedbackFrom(FORM_ID, failure, t, {}));
      },
    );
  };

  return (
    <Stack gap="md">
      <Group gap="sm">
        {channel.hasCredentials ? (
          <StatusBadge tone="good">{t('channel.credentialsStored')}</StatusBadge>
        ) : (
          <StatusBadge tone="neutral">{t('channel.credentialsNone')}</StatusBadge>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('channel.credentialsHint')}
      </Text>
      {canManage && !open && (
        <Group>
          <Button
            id="credentials-open"
            variant="default"
            onClick={() => {
              setOpen(true);
              focusLater('credentials-credentials-0-key');
            }}
          >
            {channel.hasCredentials ? t('channel.credentialsReplace') : t('channel.credentialsAdd')}
          </Button>
        </Group>
      )}
      {canManage && open && (
        <form onSubmit={submit} noValidate autoComplete="off">
          <Stack gap="sm">
            <FormAlert feedback={feedback} />
            {channel.hasCredentials && (
              <Alert color="yellow" variant="light">
                {t('channel.credentialsReplaceHint')}
              </Alert>
            )}
            <GroupFieldset id="credentials-rows" legend={t('channel.credentialsFields')}>
              {rows.map((row, index) => (
                <Group key={index} align="flex-end" gap="xs">
                  <TextInput
                    {...fieldProps(FORM_ID, feedback, `credentials.${index}.key`)}
                    label={t('channel.credentialKey', { number: index + 1 })}
                    description={index === 0 ? t('channel.credentialKeyHint') : undefined}
                    autoComplete="off"
                    value={row.key}
                    onChange={(event) => {
                      const key = event.currentTarget.value;
                      setRows((all) => all.map((r, i) => (i === index ? { ...r, key } : r)));
                    }}
                  />
                  <TextInput
                    {...fieldProps(FORM_ID, feedback, `credentials.${index}.value`)}
                    type="password"
                    label={t('channel.credentialValue', { number: index + 1 })}
                    autoComplete="new-password"
                    value={row.value}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setRows((all) => all.map((r, i) => (i === index ? { ...r, value } : r)));
                    }}
                  />
                  {rows.length > 1 && (
                    <Button
                      variant="default"
                      onClick={() => {
                        setRows((all) => all.filter((_, i) => i !== index));
                        focusLater('credentials-add');
                      }}
                    >
                      {t('channel.credentialRemove', { number: index + 1 })}
                    </Button>
                  )}
                </Group>
              ))}
              <Group>
                <Button
                  id="credentials-add"
                  variant="subtle"
                  onClick={() => {
                    setRows((all) => [...all, EMPTY_ROW]);
                    focusLater(`credentials-credentials-${rows.length}-key`);
                  }}
                >
                  {t('channel.credentialAdd')}
                </Button>
              </Group>
            </GroupFieldset>
            <Group>
              <Button type="submit" loading={busy}>
                {t('channel.credentialsSave')}
              </Button>
              <Button variant="default" onClick={close} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
