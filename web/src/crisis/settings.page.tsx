// "Krise – Einstellungen" (crisis.manage): the settings form and the warning feeds.
import { Anchor, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { fetchChannels, fetchPlatforms } from '../registry/registry.api.ts';
import { Section } from '../registry/registry.fields.tsx';
import { fetchCrisisSettings, fetchFeeds } from './crisis.api.ts';
import type { ChannelChoice } from './settings.channels.tsx';
import { FeedsSection } from './settings.feeds.tsx';
import { CrisisSettingsForm } from './settings.form.tsx';

function Loaded<T>({
  handle,
  children,
}: {
  handle: ResourceHandle<T>;
  children: (data: T) => ReactNode;
}) {
  const { resource, reload } = handle;
  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return <LoadError error={resource.error} onRetry={reload} />;
  }
  return <>{children(resource.data)}</>;
}

/** Active channels with their platform key, for the order list. */
async function loadChannelChoices(): Promise<ChannelChoice[]> {
  const [channels, platforms] = await Promise.all([fetchChannels(), fetchPlatforms()]);
  const keys = new Map(platforms.map((platform) => [platform.id, platform.key]));
  return channels
    .filter((channel) => channel.status === 'active')
    .map((channel) => ({
      id: channel.id,
      name: channel.name,
      platformKey: keys.get(channel.platformId) ?? '',
    }));
}

async function loadSettings() {
  const [settings, channels] = await Promise.all([fetchCrisisSettings(), loadChannelChoices()]);
  return { settings, channels };
}

export function CrisisSettingsPage() {
  const { t } = useI18n();
  const settings = useResource(loadSettings);
  const feeds = useResource(fetchFeeds);
  const [notice, setNotice] = useState<string | null>(null);
  const { update: updateFeeds } = feeds;
  // Quietly: a reload would unmount the section and lose its status line.
  const refreshFeeds = useCallback(() => {
    fetchFeeds().then(
      (next) => {
        updateFeeds(() => next);
      },
      () => {
        // The list stays as it was; the next change refreshes it.
      },
    );
  }, [updateFeeds]);

  return (
    <>
      <PageHeader title={t('crisis.settings.title')} intro={t('crisis.settings.intro')} />
      <Anchor component={Link} to="/krise" mb="md" display="inline-block">
        {t('crisis.backToList')}
      </Anchor>
      <div role="status">{notice !== null && <p>{notice}</p>}</div>
      <Stack gap="lg">
        <Section id="crisis-settings-section" title={t('crisis.settings.section')}>
          <Loaded handle={settings}>
            {(data) => (
              <CrisisSettingsForm
                settings={data.settings}
                channels={data.channels}
                onSaved={(saved) => {
                  settings.update((previous) => ({ ...previous, settings: saved }));
                  setNotice(t('crisis.settings.saved'));
                }}
              />
            )}
          </Loaded>
        </Section>
        <Section id="crisis-feeds" title={t('crisis.feeds.section')}>
          <Loaded handle={feeds}>
            {(data) => <FeedsSection feeds={data} onChange={refreshFeeds} />}
          </Loaded>
        </Section>
      </Stack>
    </>
  );
}
