// Target channels, grouped by platform: connection state and whether this person's post goes
// out directly or needs communications' approval, both in words.
import { Badge, Checkbox, Stack, Text } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import { GroupFieldset } from '../registry/registry.fields.tsx';
import type { FieldMessages } from './composer.fields.tsx';
import type { ComposerChannel } from './publishing.types.ts';

function byPlatform(channels: readonly ComposerChannel[]): [string, ComposerChannel[]][] {
  const groups = new Map<string, ComposerChannel[]>();
  for (const channel of channels) {
    const list = groups.get(channel.platformName) ?? [];
    list.push(channel);
    groups.set(channel.platformName, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'de'));
}

export function channelFieldKey(channelId: string): string {
  return `channel-${channelId}-channelId`;
}

const TONE_COLORS: Record<BadgeTone, string> = {
  neutral: 'gray',
  good: 'blue',
  warn: 'yellow',
  bad: 'red',
};

/** Like StatusBadge, but a span: the checkbox description it sits in is a paragraph. */
function InlineBadge({ tone, children }: { tone: BadgeTone; children: string }) {
  return (
    <Badge
      component="span"
      variant="light"
      color={TONE_COLORS[tone]}
      tt="none"
      mr={6}
      styles={{
        label: { overflow: 'visible' },
        root: tone === 'warn' ? { color: 'var(--mantine-color-dark-7)' } : undefined,
      }}
    >
      {children}
    </Badge>
  );
}

function ChannelState({ channel }: { channel: ComposerChannel }) {
  const { t } = useI18n();
  return (
    <>
      {channel.manual ? (
        <InlineBadge tone="neutral">{t('composer.channelManual')}</InlineBadge>
      ) : channel.connected ? (
        <InlineBadge tone="good">{t('composer.channelConnected')}</InlineBadge>
      ) : (
        <InlineBadge tone="bad">{t('composer.channelNotConnected')}</InlineBadge>
      )}
      {channel.publishesWithoutApproval ? (
        <InlineBadge tone="good">{t('composer.direct')}</InlineBadge>
      ) : (
        <InlineBadge tone="warn">{t('composer.needsApproval')}</InlineBadge>
      )}
    </>
  );
}

export function ComposerChannels({
  channels,
  selectedIds,
  onToggle,
  fields,
}: {
  channels: readonly ComposerChannel[];
  selectedIds: readonly string[];
  onToggle: (channelId: string, selected: boolean) => void;
  fields: FieldMessages;
}) {
  const { t } = useI18n();
  if (channels.length === 0) {
    return <Text>{t('composer.noChannels')}</Text>;
  }
  return (
    <GroupFieldset
      id={fields.id('targets')}
      legend={t('composer.channels')}
      description={t('composer.channelsHint')}
      error={fields.error('targets')}
    >
      {byPlatform(channels).map(([platform, list]) => (
        <GroupFieldset
          key={platform}
          id={`composer-platform-${list[0]?.platformKey ?? ''}`}
          legend={platform}
        >
          <Stack gap="sm">
            {list.map((channel) => {
              const key = channelFieldKey(channel.id);
              return (
                <Checkbox
                  key={channel.id}
                  id={fields.id(key)}
                  label={
                    channel.handle === '' ? channel.name : `${channel.name} (${channel.handle})`
                  }
                  description={<ChannelState channel={channel} />}
                  error={fields.error(key)}
                  checked={selectedIds.includes(channel.id)}
                  onChange={(event) => {
                    onToggle(channel.id, event.currentTarget.checked);
                  }}
                />
              );
            })}
          </Stack>
        </GroupFieldset>
      ))}
    </GroupFieldset>
  );
}
