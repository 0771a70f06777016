// The keyboard way to reschedule: a small dialog with one date-time field in Berlin time.
import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { berlinLocalToIso } from '../tasks/tasks.time.ts';
import { localValueOf } from './calendar.dates.ts';
import type { Post } from './publishing.types.ts';

const FIELD_ID = 'move-post-time';

export function MoveDialog({
  post,
  onMove,
  onClose,
}: {
  post: Post;
  /** Resolves to the server's complaint, or null once the post has its new time. */
  onMove: (post: Post, scheduledAt: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState(() =>
    post.scheduledAt === null ? '' : localValueOf(post.scheduledAt),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const iso = berlinLocalToIso(value);
    if (iso === null) {
      setError(t('calendar.dialogInvalid'));
      return;
    }
    setBusy(true);
    const complaint = await onMove(post, iso);
    setBusy(false);
    if (complaint === null) {
      onClose();
    } else {
      setError(complaint);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('calendar.dialogTitle', { title: post.title })}
      withinPortal={false}
      returnFocus={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <TextInput
            id={FIELD_ID}
            type="datetime-local"
            label={t('calendar.dialogField')}
            description={t('calendar.dialogHint')}
            required
            data-autofocus
            value={value}
            error={error !== null}
            onChange={(event) => {
              setValue(event.currentTarget.value);
            }}
          />
          {/* An alert rather than a field message, so the server's complaint is also heard. */}
          {error !== null && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('calendar.dialogSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
