// The post's own fields: working title, master text, link, hashtags, campaign and goal.
import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { GroupFieldset } from '../registry/registry.fields.tsx';
import { GOAL_LABELS } from '../registry/registry.labels.ts';
import { CHANNEL_GOALS } from '../registry/registry.types.ts';
import type { ComposerDraft } from './composer.draft.ts';
import { HASHTAG, withHashtag } from './composer.draft.ts';

/** Element id of a field, and its message (several joined) if it has any. */
export interface FieldMessages {
  id: (key: string) => string;
  error: (key: string) => string | undefined;
}

export function ComposerFields({
  draft,
  onChange,
  fields,
}: {
  draft: ComposerDraft;
  onChange: (patch: Partial<ComposerDraft>) => void;
  fields: FieldMessages;
}) {
  const { t } = useI18n();
  return (
    <Stack gap="sm">
      <TextInput
        id={fields.id('title')}
        error={fields.error('title')}
        label={t('composer.title')}
        description={t('composer.titleHint')}
        required
        maxLength={200}
        value={draft.title}
        onChange={(event) => {
          onChange({ title: event.currentTarget.value });
        }}
      />
      <Textarea
        id={fields.id('masterText')}
        error={fields.error('masterText')}
        label={t('composer.masterText')}
        description={t('composer.masterTextHint')}
        autosize
        minRows={5}
        value={draft.masterText}
        onChange={(event) => {
          onChange({ masterText: event.currentTarget.value });
        }}
      />
      <TextInput
        id={fields.id('linkUrl')}
        error={fields.error('linkUrl')}
        type="url"
        label={t('composer.link')}
        description={t('composer.linkHint')}
        value={draft.linkUrl}
        onChange={(event) => {
          onChange({ linkUrl: event.currentTarget.value });
        }}
      />
      <HashtagField
        id={fields.id('hashtags')}
        error={fields.error('hashtags')}
        tags={draft.hashtags}
        onChange={(hashtags) => {
          onChange({ hashtags });
        }}
      />
      <Group grow align="flex-start">
        <TextInput
          id={fields.id('campaign')}
          error={fields.error('campaign')}
          label={t('composer.campaign')}
          description={t('composer.campaignHint')}
          maxLength={200}
          value={draft.campaign}
          onChange={(event) => {
            onChange({ campaign: event.currentTarget.value });
          }}
        />
        <NativeSelect
          id={fields.id('goal')}
          error={fields.error('goal')}
          label={t('composer.goal')}
          description={t('composer.goalHint')}
          data={[
            { value: '', label: t('composer.goalNone') },
            ...CHANNEL_GOALS.map((goal) => ({ value: goal, label: t(GOAL_LABELS[goal]) })),
          ]}
          value={draft.goal}
          onChange={(event) => {
            const value = event.currentTarget.value;
            const goal = CHANNEL_GOALS.find((candidate) => candidate === value);
            onChange({ goal: goal ?? '' });
          }}
        />
      </Group>
    </Stack>
  );
}

const CHIP_LIST = {
  listStyle: 'none',
  display: 'flex',
  flexWrap: 'wrap',
  gap: '0.5rem',
  margin: 0,
  padding: 0,
} as const;

/** Hashtags as removable chips; a plain input and buttons, so every step works by keyboard. */
function HashtagField({
  id,
  error,
  tags,
  onChange,
}: {
  id: string;
  error: string | undefined;
  tags: readonly string[];
  onChange: (tags: string[]) => void;
}) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const add = () => {
    const raw = typed.trim();
    if (raw === '') {
      return;
    }
    if (!HASHTAG.test(raw)) {
      setInvalid(t('composer.hashtagInvalid'));
      return;
    }
    setInvalid(null);
    setTyped('');
    onChange(withHashtag(tags, raw));
  };

  return (
    <GroupFieldset
      id={`${id}-group`}
      legend={t('composer.hashtags')}
      description={t('composer.hashtagsHint')}
      error={error}
    >
      {tags.length === 0 ? (
        <Text size="sm">{t('composer.noHashtags')}</Text>
      ) : (
        <ul style={CHIP_LIST} aria-label={t('composer.hashtagList')}>
          {tags.map((tag) => (
            <li key={tag}>
              <Group gap={4} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {tag}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  aria-label={t('composer.hashtagRemove', { tag })}
                  onClick={() => {
                    onChange(tags.filter((other) => other !== tag));
                    document.getElementById(id)?.focus();
                  }}
                >
                  ×
                </Button>
              </Group>
            </li>
          ))}
        </ul>
      )}
      <Group align="flex-end" gap="xs">
        <TextInput
          id={id}
          label={t('composer.hashtagAdd')}
          error={invalid ?? undefined}
          value={typed}
          style={{ flex: 1 }}
          onChange={(event) => {
            setTyped(event.currentTarget.value);
          }}
          onKeyDown={(event) => {
            // Enter adds the tag instead of submitting the whole form.
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              add();
            }
          }}
        />
        <Button variant="default" onClick={add}>
          {t('composer.hashtagAddButton')}
        </Button>
      </Group>
    </GroupFieldset>
  );
}
