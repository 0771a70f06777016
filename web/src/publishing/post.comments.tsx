// The conversation about a post between author and communications, oldest first.
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useResource } from '../api/api.resource.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import { addComment, fetchComments } from './publishing.api.ts';

export function PostComments({ postId }: { postId: string }) {
  const { t, formatDateTime } = useI18n();
  const load = useCallback(() => fetchComments(postId), [postId]);
  const comments = useResource(load);
  const [body, setBody] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const send = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (body.trim() === '') {
      setFieldError(t('post.commentMissing'));
      document.getElementById('post-comment')?.focus();
      return;
    }
    setFieldError(undefined);
    setError(null);
    setBusy(true);
    addComment(postId, body.trim()).then(
      (comment) => {
        setBusy(false);
        setBody('');
        comments.update((list) => [...list, comment]);
        setStatus(t('post.commentSent'));
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorText(failure, t));
      },
    );
  };

  return (
    <Stack gap="md">
      {comments.resource.status === 'loading' && <Loading />}
      {comments.resource.status === 'error' && (
        <LoadError error={comments.resource.error} onRetry={comments.reload} />
      )}
      {comments.resource.status === 'ready' &&
        (comments.resource.data.length === 0 ? (
          <Text size="sm">{t('post.noComments')}</Text>
        ) : (
          <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {comments.resource.data.map((comment) => (
              <li
                key={comment.id}
                style={{
                  padding: '0.5rem 0',
                  borderTop: '1px solid var(--mantine-color-gray-3)',
                }}
              >
                <Text size="sm" fw={600}>
                  {t('post.commentBy', {
                    name: comment.authorName ?? t('post.unknownPerson'),
                    when: formatDateTime(comment.createdAt),
                  })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {comment.body}
                </Text>
              </li>
            ))}
          </ol>
        ))}
      <form noValidate onSubmit={send}>
        <Stack gap="sm">
          {error !== null && (
            <Alert color="red" variant="light" role="alert">
              {error}
            </Alert>
          )}
          <Textarea
            id="post-comment"
            label={t('post.comment')}
            required
            autosize
            minRows={2}
            maxLength={2000}
            error={fieldError}
            value={body}
            onChange={(event) => {
              setBody(event.currentTarget.value);
            }}
          />
          <Group>
            <Button type="submit" variant="default" loading={busy}>
              {t('post.commentSend')}
            </Button>
          </Group>
          <Text size="sm" role="status">
            {status}
          </Text>
        </Stack>
      </form>
    </Stack>
  );
}
