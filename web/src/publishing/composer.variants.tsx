// One tab per chosen channel: the text that will be sent (derived or the channel's own version),
// a title where the platform has titles, a rough character count and a preview.
import { Button, Group, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { ComposerDraft } from './composer.draft.ts';
import { approximateLength, effectiveText } from './composer.draft.ts';
import type { FieldMessages } from './composer.fields.tsx';
import type { Media } from './media.api.ts';
import { PostPreview } from './preview.post.tsx';
import type { ComposerChannel, TargetInput } from './publishing.types.ts';

export function variantKey(channelId: string, field: 'variantText' | 'variantTitle' | 'media') {
  return `channel-${channelId}-${field}`;
}

export interface VariantsProps {
  channels: readonly ComposerChannel[];
  draft: ComposerDraft;
  media: readonly Media[];
  active: string | null;
  onActive: (channelId: string) => void;
  onTarget: (channelId: string, patch: Partial<TargetInput>) => void;
  fields: FieldMessages;
  /** Number of issues per channel, for the tab labels. */
  issueCount: (channelId: string) => number;
  focusLater: (id: string) => void;
}

export function ComposerVariants(props: VariantsProps) {
  const { t } = useI18n();
  const { channels, active, onActive } = props;
  if (channels.length === 0) {
    return <Text>{t('composer.variantsEmpty')}</Text>;
  }
  const current = channels.some((channel) => channel.id === active) ? active : channels[0]?.id;
  return (
    <Tabs
      value={current ?? null}
      onChange={(value) => {
        if (value !== null) {
          onActive(value);
        }
      }}
    >
      <Tabs.List aria-label={t('composer.variantsTabs')}>
        {channels.map((channel) => {
          const count = props.issueCount(channel.id);
          return (
            <Tabs.Tab key={channel.id} value={channel.id}>
              {channel.name} · {channel.platformName}
              {count > 0 &&
                ` – ${count === 1 ? t('composer.tabIssuesOne') : t('composer.tabIssues', { count })}`}
            </Tabs.Tab>
          );
        })}
      </Tabs.List>
      {channels.map((channel) => (
        <Tabs.Panel key={channel.id} value={channel.id} pt="md">
          <VariantPanel {...props} channel={channel} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

function VariantPanel({
  channel,
  draft,
  media,
  onTarget,
  fields,
  focusLater,
}: VariantsProps & { channel: ComposerChannel }) {
  const { t } = useI18n();
  const target = draft.targets.find((candidate) => candidate.channelId === channel.id);
  if (target === undefined) {
    return null;
  }
  const text = effectiveText(draft, target);
  const limits = channel.limits;
  const count = approximateLength(text, channel.platformKey);
  const over = limits === null ? 0 : count - limits.maxTextLength;
  const textKey = variantKey(channel.id, 'variantText');
  const titleKey = variantKey(channel.id, 'variantTitle');
  const mediaKey = variantKey(channel.id, 'media');
  const counter =
    limits === null
      ? t('composer.counterNoLimit', { count })
      : `${t('composer.counter', { count, max: limits.maxTextLength })}${over > 0 ? ` – ${t('composer.counterOver', { over })}` : ''}`;
  const own = target.variantText !== null;
  const title = target.variantTitle ?? '';
  const mediaError = fields.error(mediaKey);

  return (
    <Stack gap="md">
      {limits?.maxTitleLength !== null && limits?.maxTitleLength !== undefined && (
        <TextInput
          id={fields.id(titleKey)}
          error={fields.error(titleKey)}
          label={t('composer.variantTitle', { platform: channel.platformName })}
          description={t('composer.variantTitleHint', {
            count: Array.from(title.trim() === '' ? draft.title : title).length,
            max: limits.maxTitleLength,
          })}
          placeholder={draft.title}
          value={title}
          onChange={(event) => {
            const value = event.currentTarget.value;
            onTarget(channel.id, { variantTitle: value === '' ? null : value });
          }}
        />
      )}
      <Textarea
        id={fields.id(textKey)}
        error={fields.error(textKey)}
        label={
          own
            ? t('composer.variantOwn', { channel: channel.name })
            : t('composer.variantDerived', { channel: channel.name })
        }
        description={`${own ? t('composer.variantOwnHint') : t('composer.variantDerivedHint')} ${counter}. ${t('composer.counterApprox')}`}
        readOnly={!own}
        autosize
        minRows={4}
        value={text}
        onChange={(event) => {
          onTarget(channel.id, { variantText: event.currentTarget.value });
        }}
      />
      <Group>
        {own ? (
          <Button
            variant="default"
            onClick={() => {
              onTarget(channel.id, { variantText: null });
              focusLater(fields.id(textKey));
            }}
          >
            {t('composer.variantReset')}
          </Button>
        ) : (
          <Button
            variant="default"
            onClick={() => {
              onTarget(channel.id, { variantText: text });
              focusLater(fields.id(textKey));
            }}
          >
            {t('composer.variantCreate')}
          </Button>
        )}
      </Group>
      {mediaError !== undefined && (
        <Text id={fields.id(mediaKey)} tabIndex={-1} size="sm" c="var(--mantine-color-error)">
          {mediaError}
        </Text>
      )}
      <PostPreview
        platformKey={channel.platformKey}
        platformName={channel.platformName}
        channelName={channel.name}
        handle={channel.handle}
        text={text}
        title={title.trim() === '' ? draft.title : title}
        media={media}
      />
    </Stack>
  );
}
