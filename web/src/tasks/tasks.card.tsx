// One open task: the text to copy, a link to Xing, and the two ways to close it.
import { Button, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, ExternalLink } from '../registry/registry.fields.tsx';
import {
  fieldProps,
  FormAlert,
  feedbackFrom,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import type { ManualTask } from './tasks.api.ts';
import { cancelTask, completeTask, XING_MAX_TEXT_LENGTH } from './tasks.api.ts';
import { isXingPostUrl } from './tasks.url.ts';

function CopyText({ task }: { task: ManualTask }) {
  const { t } = useI18n();
  const textId = `task-${task.id}-text`;
  const [status, setStatus] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const count = Array.from(task.text).length;

  const copy = async () => {
    setStatus('');
    try {
      await navigator.clipboard.writeText(task.text);
      setStatus(t('tasks.copied'));
    } catch {
      // Clipboard access can be refused; selecting the text lets the person copy it themselves.
      ref.current?.focus();
      ref.current?.select();
      setStatus(t('tasks.copyFailed'));
    }
  };

  return (
    <Stack gap="xs">
      <Textarea
        ref={ref}
        id={textId}
        label={t('tasks.text')}
        value={task.text}
        readOnly
        autosize
        minRows={3}
        description={t('tasks.characters', { count, max: XING_MAX_TEXT_LENGTH })}
      />
      <Group gap="sm">
        <Button
          variant="filled"
          aria-label={t('tasks.copyLabel', { title: task.title })}
          onClick={() => {
            void copy();
          }}
        >
          {t('tasks.copy')}
        </Button>
        <ExternalLink href={task.publishUrl || 'https://www.xing.com/'}>
          {t('tasks.openXing')}
        </ExternalLink>
      </Group>
      {/* Always rendered, so screen readers announce the confirmation when it appears. */}
      <Text size="sm" role="status" aria-live="polite">
        {status}
      </Text>
    </Stack>
  );
}

function CompleteForm({ task, onDone }: { task: ManualTask; onDone: (task: ManualTask) => void }) {
  const { t } = useI18n();
  const formId = `task-${task.id}-complete`;
  const [url, setUrl] = useState('');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isXingPostUrl(url)) {
      setFeedback(localFeedback(t, { publishedUrl: t('tasks.publishedUrlInvalid') }));
      return;
    }
    setBusy(true);
    try {
      onDone(await completeTask(task.id, url.trim()));
    } catch (error) {
      setFeedback(feedbackFrom(formId, error, t, { publishedUrl: url }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={formId} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="xs">
        <FormAlert feedback={feedback} />
        <TextInput
          {...fieldProps(formId, feedback, 'publishedUrl')}
          type="url"
          inputMode="url"
          autoComplete="url"
          label={t('tasks.publishedUrl')}
          description={t('tasks.publishedUrlHint')}
          value={url}
          onChange={(event) => {
            setUrl(event.currentTarget.value);
          }}
        />
        <Group>
          <Button
            type="submit"
            loading={busy}
            aria-label={t('tasks.markPublishedLabel', { title: task.title })}
          >
            {t('tasks.markPublished')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CancelForm({ task, onDone }: { task: ManualTask; onDone: (task: ManualTask) => void }) {
  const { t } = useI18n();
  const formId = `task-${task.id}-cancel`;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <Group>
        <Button
          variant="default"
          aria-label={t('tasks.cancelLabel', { title: task.title })}
          onClick={() => {
            setOpen(true);
          }}
        >
          {t('tasks.cancel')}
        </Button>
      </Group>
    );
  }

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setFeedback(localFeedback(t, { reason: t('common.required') }));
      return;
    }
    setBusy(true);
    try {
      onDone(await cancelTask(task.id, reason.trim()));
    } catch (error) {
      setFeedback(feedbackFrom(formId, error, t, { reason }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id={formId} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="xs">
        <FormAlert feedback={feedback} />
        <Textarea
          {...fieldProps(formId, feedback, 'reason')}
          label={t('tasks.cancelReason')}
          data-autofocus
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" color="red" loading={busy}>
            {t('tasks.cancelConfirm')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setOpen(false);
              setFeedback(NO_FEEDBACK);
            }}
          >
            {t('tasks.cancelKeep')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function OpenTaskCard({
  task,
  now,
  canComplete,
  canCancel,
  onChanged,
}: {
  task: ManualTask;
  now: Date;
  canComplete: boolean;
  canCancel: boolean;
  onChanged: (task: ManualTask) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const titleId = `task-${task.id}-title`;
  const overdue = new Date(task.dueAt) <= now;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={titleId}>
          {task.title}
        </Title>
        <DetailList
          items={[
            [t('tasks.channel'), task.channelName],
            [
              t('tasks.dueAt'),
              <>
                {formatDateTime(task.dueAt)}{' '}
                {overdue && <StatusBadge tone="bad">{t('tasks.overdue')}</StatusBadge>}
              </>,
            ],
          ]}
        />
        <CopyText task={task} />
        {task.mediaNotes.length > 0 && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('tasks.media')}
            </Text>
            <List size="sm">
              {task.mediaNotes.map((note, index) => (
                <List.Item key={index}>
                  {note.description}
                  {note.altText !== null && ` – ${t('tasks.altText', { text: note.altText })}`}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {canComplete && <CompleteForm task={task} onDone={onChanged} />}
        {canCancel && <CancelForm task={task} onDone={onChanged} />}
      </Stack>
    </Paper>
  );
}
