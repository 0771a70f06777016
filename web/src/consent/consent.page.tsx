// "Einwilligungen": the city website's privacy widget — settings, embedding, counts, proofs.
import { Alert, Stack } from '@mantine/core';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { Section } from '../registry/registry.fields.tsx';
import { fetchConsentSettings, fetchConsentStats, fetchWidgetConfig } from './consent.api.ts';
import { ConsentEmbed } from './consent.embed.tsx';
import { ProofLookup } from './consent.proofs.tsx';
import { ConsentSettingsForm } from './consent.settings-form.tsx';
import { ConsentStatsView } from './consent.stats.tsx';

/** Loading and error states of one section, so a failing part does not hide the others. */
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

export function ConsentPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const settings = useResource(fetchConsentSettings);
  const config = useResource(fetchWidgetConfig);
  const stats = useResource(fetchConsentStats);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={t('consent.title')} intro={t('consent.intro')} />
      {/* A live region that exists from the start, so the confirmation is announced. */}
      <div role="status">
        {notice !== null && (
          <Alert color="blue" variant="light" mb="md">
            {notice}
          </Alert>
        )}
      </div>
      <Stack gap="lg">
        <Section id="consent-settings" title={t('consent.settingsTitle')}>
          <Loaded handle={settings}>
            {(data) => (
              <ConsentSettingsForm
                settings={data}
                canManage={can(PERMISSIONS.consentManage)}
                onSaved={(saved) => {
                  settings.update(() => saved);
                  // The saved settings change the widget's config and so its version.
                  config.reload();
                  setNotice(t('consent.saved'));
                }}
              />
            )}
          </Loaded>
        </Section>
        <Section id="consent-embed" title={t('consent.embedTitle')}>
          <Loaded handle={config}>{(data) => <ConsentEmbed version={data.version} />}</Loaded>
        </Section>
        <Section id="consent-stats" title={t('consent.statsTitle')}>
          <Loaded handle={stats}>{(data) => <ConsentStatsView stats={data} />}</Loaded>
        </Section>
        <Section id="consent-lookup" title={t('consent.lookupTitle')}>
          <ProofLookup />
        </Section>
      </Stack>
    </>
  );
}
