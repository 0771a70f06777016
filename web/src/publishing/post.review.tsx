// Communications' decision on a post in review: approve, or reject with a reason the author reads.
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { ApiError } from '../api/api.client.ts';
import { approvePost, rejectPost } from './publishing.api.ts';
import type { Post } from './publishing.types.ts';

export function ReviewActions({
  post,
  onChanged,
}: {
  post: Post;
  onChanged: (post: Post, message: string) => void;
}) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);

  const fail = (failure: unknown) => {
    setBusy(null);
    // Approval re-checks the content: the server lists what still stops the post.
    setError(
      failure instanceof ApiError && failure.details.length > 0
        ? [failure.message, ...failure.details.map((detail) => detail.message)]
        : [errorText(failure, t)],
    );
  };

  const approve = () => {
    setBusy('approve');
    setError(null);
    approvePost(post.id).then((saved) => {
      setBusy(null);
      onChanged(saved, t('post.approved'));
    }, fail);
  };

  const reject = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setReasonError(t('post.rejectReasonMissing'));
      document.getElementById('post-reject-reason')?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy('reject');
    setError(null);
    rejectPost(post.id, reason.trim()).then((saved) => {
      setBusy(null);
      setRejecting(false);
      setReason('');
      onChanged(saved, t('post.rejectedNotice'));
    }, fail);
  };

  return (
    <Stack gap="sm">
      <Text size="sm">{t('post.reviewIntro')}</Text>
      {error !== null && (
        <Alert color="red" variant="light" role="alert">
          <Stack gap={4}>
            {error.map((line) => (
              <Text key={line} size="sm">
                {line}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {!rejecting && (
        <Group>
          <Button onClick={approve} loading={busy === 'approve'} disabled={busy !== null}>
            {t('post.approve')}
          </Button>
          <Button
            variant="default"
            disabled={busy !== null}
            onClick={() => {
              setRejecting(true);
              window.setTimeout(() => document.getElementById('post-reject-reason')?.focus(), 0);
            }}
          >
            {t('post.reject')}
          </Button>
        </Group>
      )}
      {rejecting && (
        <form noValidate onSubmit={reject}>
          <Stack gap="sm">
            <Textarea
              id="post-reject-reason"
              label={t('post.rejectReason')}
              description={t('post.rejectReasonHint')}
              required
              autosize
              minRows={3}
              maxLength={1000}
              error={reasonError}
              value={reason}
              onChange={(event) => {
                setReason(event.currentTarget.value);
              }}
            />
            <Group>
              <Button type="submit" color="red" loading={busy === 'reject'}>
                {t('post.rejectConfirm')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setRejecting(false);
                  setReasonError(undefined);
                }}
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
