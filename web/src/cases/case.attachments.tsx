// Attachments: upload (PDF and images, up to 10 MB; the server checks the content) and download.
// Types and sizes are checked here first so people get the German message before the upload.
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useSession } from '../access/session.context.tsx';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { attachmentUrl, uploadAttachment } from './cases.api.ts';
import type { CaseDetail } from './cases.types.ts';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from './cases.types.ts';

const INPUT_ID = 'case-attachment-file';

export function formatBytes(bytes: number, locale: string): string {
  const format = (value: number) =>
    new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'de-DE', {
      maximumFractionDigits: 1,
    }).format(value);
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${format(bytes / 1024)} KB`;
  }
  return `${format(bytes / (1024 * 1024))} MB`;
}

export function AttachmentsSection({
  detail,
  canManage,
  onChanged,
}: {
  detail: CaseDetail;
  canManage: boolean;
  onChanged: (detail: CaseDetail) => void;
}) {
  const { t, locale, formatDateTime } = useI18n();
  const { state } = useSession();
  const csrfToken = state.status === 'ready' ? state.session.csrfToken : null;
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(null);
    const file = input.current?.files?.[0];
    if (file === undefined) {
      setError(t('cases.attachments.choose'));
      input.current?.focus();
      return;
    }
    if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) {
      setError(t('cases.attachments.wrongType'));
      input.current?.focus();
      return;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(t('cases.attachments.tooLarge'));
      input.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onChanged(await uploadAttachment(detail.id, file, csrfToken));
      if (input.current !== null) {
        input.current.value = '';
      }
      setSaved(t('cases.attachments.saved', { name: file.name }));
    } catch (failure: unknown) {
      setError(errorText(failure, t));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm">
      {detail.attachments.length === 0 ? (
        <Text size="sm">{t('cases.attachments.none')}</Text>
      ) : (
        <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
          {detail.attachments.map((attachment) => (
            <li key={attachment.id}>
              <Anchor href={attachmentUrl(detail.id, attachment.id)} download={attachment.name}>
                {t('cases.attachments.download', { name: attachment.name })}
              </Anchor>{' '}
              <Text component="span" size="sm" c="dimmed">
                ({formatBytes(attachment.byteSize, locale)}, {formatDateTime(attachment.createdAt)})
              </Text>
            </li>
          ))}
        </ul>
      )}
      {canManage && (
        <form noValidate onSubmit={(event) => void submit(event)}>
          <Stack gap={4}>
            <label htmlFor={INPUT_ID}>
              <Text component="span" size="sm" fw={500}>
                {t('cases.attachments.label')}
              </Text>
            </label>
            <Text id={`${INPUT_ID}-hint`} size="sm" c="dimmed">
              {t('cases.attachments.hint')}
            </Text>
            <input
              ref={input}
              id={INPUT_ID}
              type="file"
              accept={ATTACHMENT_TYPES.join(',')}
              aria-describedby={
                error === null ? `${INPUT_ID}-hint` : `${INPUT_ID}-hint ${INPUT_ID}-error`
              }
              aria-invalid={error === null ? undefined : true}
            />
            {error !== null && (
              <Text id={`${INPUT_ID}-error`} size="sm" c="red.9" role="alert">
                {error}
              </Text>
            )}
            <Group mt="xs">
              <Button type="submit" variant="default" loading={busy}>
                {t('cases.attachments.submit')}
              </Button>
            </Group>
            {saved !== null && (
              <Text role="status" size="sm">
                {saved}
              </Text>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
