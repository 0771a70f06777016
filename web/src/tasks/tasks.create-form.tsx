// "Xing-Beitrag vormerken": a task created by hand until the publishing module creates them.
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import {
  feedbackFrom,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from '../registry/registry.form-errors.tsx';
import type { FormFeedback } from '../registry/registry.form-errors.tsx';
import type { CreateTaskInput, ManualTask } from './tasks.api.ts';
import { createTask, fetchManualChannels, XING_MAX_TEXT_LENGTH } from './tasks.api.ts';
import { berlinLocalToIso } from './tasks.time.ts';

const FORM_ID = 'task-create';

interface Draft {
  channelId: string;
  title: string;
  text: string;
  dueAt: string;
  mediaDescription: string;
  mediaAltText: string;
}

const EMPTY: Draft = {
  channelId: '',
  title: '',
  text: '',
  dueAt: '',
  mediaDescription: '',
  mediaAltText: '',
};

function toInput(draft: Draft): CreateTaskInput {
  const description = draft.mediaDescription.trim();
  const altText = draft.mediaAltText.trim();
  return {
    channelId: draft.channelId,
    title: draft.title.trim(),
    text: draft.text.trim(),
    dueAt: berlinLocalToIso(draft.dueAt) ?? '',
    mediaNotes:
      description === '' ? [] : [{ description, altText: altText === '' ? null : altText }],
  };
}

export function CreateTaskForm({ onCreated }: { onCreated: (task: ManualTask) => void }) {
  const { t } = useI18n();
  const channels = useResource(fetchManualChannels);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);

  if (channels.resource.status === 'loading') {
    return <Loading />;
  }
  if (channels.resource.status === 'error') {
    return <LoadError error={channels.resource.error} onRetry={channels.reload} />;
  }
  const options = channels.resource.data;
  if (options.length === 0) {
    return <Text>{t('tasks.noManualChannels')}</Text>;
  }

  const set = (field: keyof Draft) => (value: string) => {
    setDraft((previous) => ({ ...previous, [field]: value }));
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    for (const field of ['channelId', 'title', 'text', 'dueAt'] as const) {
      if (draft[field].trim() === '') {
        missing[field] = t('common.required');
      }
    }
    if (Object.keys(missing).length > 0) {
      setFeedback(localFeedback(t, missing));
      return;
    }
    const input = toInput(draft);
    setBusy(true);
    try {
      const task = await createTask(input);
      setDraft(EMPTY);
      setFeedback(NO_FEEDBACK);
      onCreated(task);
    } catch (error) {
      setFeedback(feedbackFrom(FORM_ID, error, t, input));
    } finally {
      setBusy(false);
    }
  };

  const count = Array.from(draft.text).length;
  return (
    <form id={FORM_ID} noValidate onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm">{t('tasks.createIntro')}</Text>
        <FormAlert feedback={feedback} />
        <NativeSelect
          {...fieldProps(FORM_ID, feedback, 'channelId')}
          label={t('tasks.createChannel')}
          required
          data={[
            { value: '', label: t('common.pleaseChoose') },
            ...options.map((channel) => ({ value: channel.id, label: channel.name })),
          ]}
          value={draft.channelId}
          onChange={(event) => {
            set('channelId')(event.currentTarget.value);
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'title')}
          label={t('tasks.createName')}
          required
          maxLength={200}
          value={draft.title}
          onChange={(event) => {
            set('title')(event.currentTarget.value);
          }}
        />
        <Textarea
          {...fieldProps(FORM_ID, feedback, 'text')}
          label={t('tasks.createText')}
          description={t('tasks.characters', { count, max: XING_MAX_TEXT_LENGTH })}
          required
          autosize
          minRows={4}
          value={draft.text}
          onChange={(event) => {
            set('text')(event.currentTarget.value);
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'dueAt')}
          type="datetime-local"
          label={t('tasks.createDueAt')}
          required
          value={draft.dueAt}
          onChange={(event) => {
            set('dueAt')(event.currentTarget.value);
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'mediaNotes.0.description')}
          label={t('tasks.createMedia')}
          value={draft.mediaDescription}
          onChange={(event) => {
            set('mediaDescription')(event.currentTarget.value);
          }}
        />
        <TextInput
          {...fieldProps(FORM_ID, feedback, 'mediaNotes.0.altText')}
          label={t('tasks.createAltText')}
          value={draft.mediaAltText}
          onChange={(event) => {
            set('mediaAltText')(event.currentTarget.value);
          }}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('tasks.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
