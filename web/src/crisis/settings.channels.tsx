// The channels a warning goes to, in order. X and Mastodon are always sent first by the server;
// the list shows the configured order, with buttons (not drag and drop) so keyboards can move rows.
import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { GroupFieldset } from '../registry/registry.fields.tsx';

export interface ChannelChoice {
  id: string;
  name: string;
  platformKey: string;
}

export function ChannelOrderField({
  id,
  channels,
  value,
  error,
  onChange,
}: {
  id: string;
  channels: readonly ChannelChoice[];
  value: readonly string[];
  error: string | undefined;
  onChange: (next: string[]) => void;
}) {
  const { t } = useI18n();
  const [pick, setPick] = useState('');
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  const rest = channels.filter((channel) => !value.includes(channel.id));
  const label = (channelId: string) => {
    const channel = byId.get(channelId);
    return channel === undefined
      ? t('crisis.settings.unknownChannel')
      : `${channel.name} (${platformMark(channel.platformKey).name})`;
  };
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    if (item !== undefined) {
      next.splice(index + by, 0, item);
      onChange(next);
    }
  };

  return (
    <GroupFieldset
      id={id}
      legend={t('crisis.settings.channels')}
      description={t('crisis.settings.channelsHint')}
      error={error}
    >
      {value.length === 0 ? (
        <Text size="sm">{t('crisis.settings.noChannels')}</Text>
      ) : (
        <ol className="sf-crisis-order">
          {value.map((channelId, index) => (
            <li key={channelId}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Text size="sm">{label(channelId)}</Text>
                <Group gap={4}>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={index === 0}
                    aria-label={t('crisis.settings.up', { channel: label(channelId) })}
                    onClick={() => {
                      move(index, -1);
                    }}
                  >
                    ↑
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    disabled={index === value.length - 1}
                    aria-label={t('crisis.settings.down', { channel: label(channelId) })}
                    onClick={() => {
                      move(index, 1);
                    }}
                  >
                    ↓
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    aria-label={t('crisis.settings.remove', { channel: label(channelId) })}
                    onClick={() => {
                      onChange(value.filter((other) => other !== channelId));
                    }}
                  >
                    {t('crisis.settings.removeShort')}
                  </Button>
                </Group>
              </Group>
            </li>
          ))}
        </ol>
      )}
      {rest.length > 0 && (
        <Group align="flex-end" gap="sm">
          <NativeSelect
            id={`${id}-add`}
            label={t('crisis.settings.addChannel')}
            data={[
              { value: '', label: t('common.pleaseChoose') },
              ...rest.map((channel) => ({ value: channel.id, label: label(channel.id) })),
            ]}
            value={pick}
            onChange={(event) => {
              setPick(event.currentTarget.value);
            }}
          />
          <Button
            variant="default"
            disabled={pick === ''}
            onClick={() => {
              onChange([...value, pick]);
              setPick('');
            }}
          >
            {t('crisis.settings.add')}
          </Button>
        </Group>
      )}
    </GroupFieldset>
  );
}
