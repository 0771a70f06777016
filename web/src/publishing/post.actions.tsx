// What an editor can do with a post before the outbox takes over: edit, submit, move the time,
// delete. Each refusal by the server is shown in its words.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { useFocusAfterRender } from '../registry/registry.fields.tsx';
import { ScheduleFields, scheduleProblem } from './composer.schedule.tsx';
import { berlinDateTime, berlinToIso } from './composer.time.ts';
import { EDITABLE_STATUSES } from './post.rules.ts';
import { deletePost, schedulePost, submitPost } from './publishing.api.ts';
import type { Post } from './publishing.types.ts';

type Mode = 'idle' | 'schedule' | 'delete';

export function EditorActions({
  post,
  onChanged,
}: {
  post: Post;
  onChanged: (post: Post, message: string) => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const focusLater = useFocusAfterRender();
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const editable = EDITABLE_STATUSES.has(post.status);

  const fail = (failure: unknown) => {
    setBusy(false);
    setError(
      failure instanceof ApiError && failure.details.length > 0
        ? [failure.message, ...failure.details.map((detail) => detail.message)]
        : [errorText(failure, t)],
    );
  };
  const submit = () => {
    setBusy(true);
    setError(null);
    submitPost(post.id).then((saved) => {
      setBusy(false);
      onChanged(
        saved,
        t(
          saved.status === 'in-review'
            ? 'post.submitted'
            : saved.status === 'approved'
              ? 'post.releasedNoTime'
              : 'post.released',
        ),
      );
    }, fail);
  };
  const remove = () => {
    setBusy(true);
    setError(null);
    deletePost(post.id).then(() => {
      void navigate('/publishing', { state: { notice: t('post.deleted', { title: post.title }) } });
    }, fail);
  };

  if (!editable) {
    return <Text size="sm">{t('post.notEditable')}</Text>;
  }
  return (
    <Stack gap="sm">
      {post.status === 'approved' && post.scheduledAt === null && (
        <Text size="sm" fw={600}>
          {t('post.needsTime')}
        </Text>
      )}
      {(post.status === 'approved' || post.status === 'scheduled') && post.needsApproval && (
        <Text size="sm">{t('post.editReturnsToReview')}</Text>
      )}
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
      {mode === 'idle' && (
        <Group>
          <Button component={Link} to={`/publishing/posts/${post.id}/edit`} variant="default">
            {t('post.edit')}
          </Button>
          {post.status === 'draft' && (
            <Button onClick={submit} loading={busy}>
              {post.needsApproval ? t('composer.submit') : t('composer.release')}
            </Button>
          )}
          <Button
            variant="default"
            onClick={() => {
              setMode('schedule');
              focusLater('post-schedule');
            }}
          >
            {t('post.reschedule')}
          </Button>
          <Button
            variant="default"
            color="red"
            onClick={() => {
              setMode('delete');
              focusLater('post-delete-yes');
            }}
          >
            {t('post.delete')}
          </Button>
        </Group>
      )}
      {mode === 'schedule' && (
        <RescheduleForm
          post={post}
          onDone={(saved) => {
            setMode('idle');
            focusLater('post-actions-title');
            if (saved !== null) {
              onChanged(
                saved,
                saved.scheduledAt === null ? t('post.timeRemoved') : t('post.timeMoved'),
              );
            }
          }}
        />
      )}
      {mode === 'delete' && (
        <Alert color="yellow" variant="light" role="alertdialog" aria-labelledby="post-delete-q">
          <Stack gap="sm">
            <Text id="post-delete-q" c="dark.7">
              {t('post.deleteConfirm', { title: post.title })}
            </Text>
            <Group>
              <Button id="post-delete-yes" color="red" onClick={remove} loading={busy}>
                {t('post.deleteYes')}
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setMode('idle');
                }}
              >
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

function RescheduleForm({ post, onDone }: { post: Post; onDone: (post: Post | null) => void }) {
  const { t } = useI18n();
  const initial = post.scheduledAt === null ? null : berlinDateTime(post.scheduledAt);
  const [value, setValue] = useState({ date: initial?.date ?? '', time: initial?.time ?? '' });
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const save = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = scheduleProblem(value.date, value.time, Date.now());
    if (problem !== undefined) {
      setError(t(problem));
      document.getElementById('post-schedule')?.focus();
      return;
    }
    const when = berlinToIso(value.date, value.time);
    setBusy(true);
    schedulePost(post.id, when.kind === 'ok' ? when.iso : null).then(
      (saved) => {
        setBusy(false);
        onDone(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(
          failure instanceof ApiError && failure.details.length > 0
            ? failure.details.map((detail) => detail.message).join(' ')
            : errorText(failure, t),
        );
        document.getElementById('post-schedule')?.focus();
      },
    );
  };

  return (
    <form noValidate onSubmit={save}>
      <Stack gap="sm">
        <ScheduleFields
          id="post-schedule"
          legend={t('post.rescheduleLegend')}
          date={value.date}
          time={value.time}
          error={error}
          onChange={setValue}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('post.rescheduleSave')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              onDone(null);
            }}
          >
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
