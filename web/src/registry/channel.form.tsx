// Create or edit a channel (account): platform, name, handle, URL, unit, responsible people,
// goals of concept §1, status and whether its editors may publish without approval.
import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { createChannel, updateChannel } from './registry.api.ts';
import { GroupFieldset } from './registry.fields.tsx';
import type { FormFeedback } from './registry.form-errors.tsx';
import {
  feedbackFrom,
  fieldId,
  fieldProps,
  FormAlert,
  localFeedback,
  NO_FEEDBACK,
} from './registry.form-errors.tsx';
import { CHANNEL_STATUS_LABELS, GOAL_LABELS, oneOf } from './registry.labels.ts';
import type { ReferenceData } from './registry.refs.ts';
import type { Channel, ChannelFields, ChannelGoal, ChannelStatus } from './registry.types.ts';
import { CHANNEL_GOALS, CHANNEL_STATUSES } from './registry.types.ts';

interface ChannelDraft {
  platformId: string;
  name: string;
  handle: string;
  url: string;
  orgUnitId: string;
  responsibleUserIds: string[];
  goals: ChannelGoal[];
  status: ChannelStatus | '';
  selfPublishing: boolean;
}

function draftOf(channel: Channel | null, platformId: string): ChannelDraft {
  if (channel === null) {
    return {
      platformId,
      name: '',
      handle: '',
      url: '',
      orgUnitId: '',
      responsibleUserIds: [],
      goals: [],
      status: 'planned',
      selfPublishing: false,
    };
  }
  return {
    platformId: channel.platformId,
    name: channel.name,
    handle: channel.handle,
    url: channel.url,
    orgUnitId: channel.orgUnitId,
    responsibleUserIds: [...channel.responsibleUserIds],
    goals: [...channel.goals],
    status: channel.status,
    selfPublishing: channel.selfPublishing,
  };
}

export function ChannelForm({
  channel,
  refs,
  presetPlatformId = '',
  onSaved,
  onCancel,
}: {
  /** Null to create a channel. */
  channel: Channel | null;
  refs: ReferenceData;
  presetPlatformId?: string;
  onSaved: (channel: Channel) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = channel === null ? 'channel-create' : 'channel-edit';
  const [draft, setDraft] = useState<ChannelDraft>(() => draftOf(channel, presetPlatformId));
  const [feedback, setFeedback] = useState<FormFeedback>(NO_FEEDBACK);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const field = (path: string) => fieldProps(formId, feedback, path);
  const set = <K extends keyof ChannelDraft>(name: K, value: ChannelDraft[K]) => {
    setDraft((previous) => ({ ...previous, [name]: value }));
  };

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const choose = t('registry.pleaseChoose');
    if (draft.platformId === '') {
      errors.platformId = choose;
    }
    if (draft.orgUnitId === '') {
      errors.orgUnitId = choose;
    }
    if (draft.goals.length === 0) {
      errors.goals = t('channel.goalsMissing');
    }
    const local = localFeedback(t, errors);
    setFeedback(local);
    if (local.message !== null || draft.status === '') {
      return;
    }
    const body: ChannelFields = {
      ...draft,
      status: draft.status,
      name: draft.name.trim(),
      handle: draft.handle.trim(),
      url: draft.url.trim(),
    };
    // Without the user list the responsible people cannot be shown, so they are left as they are.
    const sent: Partial<ChannelFields> =
      refs.users === null && channel !== null ? { ...body, responsibleUserIds: undefined } : body;
    setBusy(true);
    const request = channel === null ? createChannel(body) : updateChannel(channel.id, sent);
    request.then(onSaved, (failure: unknown) => {
      setBusy(false);
      setFeedback(feedbackFrom(formId, failure, t, sent));
    });
  };

  const title = channel === null ? t('channel.createTitle') : t('channel.editTitle');
  return (
    <Paper withBorder p="lg" mb="lg" component="section" aria-labelledby={`${formId}-title`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} id={`${formId}-title`} ref={headingRef} tabIndex={-1}>
            {title}
          </Title>
          <FormAlert feedback={feedback} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              {...field('platformId')}
              label={t('channel.platform')}
              required
              withAsterisk={false}
              data={[
                { value: '', label: t('common.pleaseChoose'), disabled: true },
                ...refs.platforms.map((platform) => ({ value: platform.id, label: platform.name })),
              ]}
              value={draft.platformId}
              onChange={(event) => {
                set('platformId', event.currentTarget.value);
              }}
            />
            <TextInput
              {...field('name')}
              label={t('channel.name')}
              required
              withAsterisk={false}
              value={draft.name}
              onChange={(event) => {
                set('name', event.currentTarget.value);
              }}
            />
            <TextInput
              {...field('handle')}
              label={t('channel.handle')}
              description={t('channel.handleHint')}
              required
              withAsterisk={false}
              value={draft.handle}
              onChange={(event) => {
                set('handle', event.currentTarget.value);
              }}
            />
            <TextInput
              {...field('url')}
              type="url"
              label={t('channel.url')}
              required
              withAsterisk={false}
              value={draft.url}
              onChange={(event) => {
                set('url', event.currentTarget.value);
              }}
            />
            <NativeSelect
              {...field('orgUnitId')}
              label={t('channel.orgUnit')}
              required
              withAsterisk={false}
              data={[
                { value: '', label: t('common.pleaseChoose'), disabled: true },
                ...refs.unitOptions,
              ]}
              value={draft.orgUnitId}
              onChange={(event) => {
                set('orgUnitId', event.currentTarget.value);
              }}
            />
            <NativeSelect
              {...field('status')}
              label={t('channel.status')}
              required
              withAsterisk={false}
              data={CHANNEL_STATUSES.map((value) => ({
                value,
                label: t(CHANNEL_STATUS_LABELS[value]),
              }))}
              value={draft.status}
              onChange={(event) => {
                set('status', oneOf(CHANNEL_STATUSES, event.currentTarget.value) ?? '');
              }}
            />
          </SimpleGrid>
          <GroupFieldset
            id={fieldId(formId, 'goals')}
            legend={t('channel.goals')}
            description={t('channel.goalsHint')}
            error={feedback.errors.goals}
          >
            {CHANNEL_GOALS.map((goal) => (
              <Checkbox
                key={goal}
                label={t(GOAL_LABELS[goal])}
                checked={draft.goals.includes(goal)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  set(
                    'goals',
                    checked ? [...draft.goals, goal] : draft.goals.filter((g) => g !== goal),
                  );
                }}
              />
            ))}
          </GroupFieldset>
          {refs.users !== null && (
            <GroupFieldset
              id={fieldId(formId, 'responsibleUserIds')}
              legend={t('channel.responsible')}
              description={t('channel.responsibleHint')}
              error={feedback.errors.responsibleUserIds}
            >
              {refs.users
                .filter((user) => !user.disabled || draft.responsibleUserIds.includes(user.id))
                .map((user) => (
                  <Checkbox
                    key={user.id}
                    label={user.displayName}
                    description={user.email}
                    checked={draft.responsibleUserIds.includes(user.id)}
                    onChange={(event) => {
                      const checked = event.currentTarget.checked;
                      set(
                        'responsibleUserIds',
                        checked
                          ? [...draft.responsibleUserIds, user.id]
                          : draft.responsibleUserIds.filter((id) => id !== user.id),
                      );
                    }}
                  />
                ))}
            </GroupFieldset>
          )}
          <Switch
            id={fieldId(formId, 'selfPublishing')}
            label={t('channel.selfPublishing')}
            description={t('channel.selfPublishingHint')}
            checked={draft.selfPublishing}
            onChange={(event) => {
              set('selfPublishing', event.currentTarget.checked);
            }}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {channel === null ? t('channel.createSubmit') : t('common.save')}
            </Button>
            <Button variant="default" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
