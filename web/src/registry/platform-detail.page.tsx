// One platform: every part of its record with an edit form per part, the DSFA sign-off, the
// reviews and the change history.
import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { DpiaSignOff } from './platform-dpia.sign-off.tsx';
import type { PlatformSection } from './platform.draft.ts';
import { PLATFORM_SECTIONS } from './platform.draft.ts';
import { PlatformSectionForm, SECTION_TITLES } from './platform.form.tsx';
import { PlatformSectionView } from './platform.view.tsx';
import { fetchPlatform, fetchPlatformRevisions, PUBLIC_NOTICES_PATH } from './registry.api.ts';
import { ExternalLink, Section, useFocusAfterRender } from './registry.fields.tsx';
import { RevisionHistory } from './registry.history.tsx';
import { platformHistoryLabels } from './registry.history-labels.ts';
import { ReviewHistory } from './review.history.tsx';
import type { Platform } from './registry.types.ts';

export function PlatformDetailPage() {
  const { platformId = '' } = useParams();
  const load = useCallback(() => fetchPlatform(platformId), [platformId]);
  const { resource, reload, update } = useResource(load);
  const { t } = useI18n();

  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return (
      <>
        <PageHeader title={t('platform.detailFallbackTitle')} />
        <LoadError error={resource.error} onRetry={reload} />
      </>
    );
  }
  return (
    <PlatformDetail
      platform={resource.data}
      onChanged={(saved) => {
        update(() => saved);
      }}
    />
  );
}

function PlatformDetail({
  platform,
  onChanged,
}: {
  platform: Platform;
  onChanged: (platform: Platform) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const [editing, setEditing] = useState<PlatformSection | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusLater = useFocusAfterRender();
  const loadRevisions = useCallback(() => fetchPlatformRevisions(platform.id), [platform.id]);

  const closeForm = (section: PlatformSection) => {
    setEditing(null);
    focusLater(`platform-edit-${section}`);
  };

  return (
    <>
      <PageHeader
        title={platform.name}
        intro={t('platform.detailIntro', { date: formatDateTime(platform.updatedAt) })}
      />
      <Group mb="md" gap="lg">
        <Anchor component={Link} to="/registry/platforms">
          {t('platform.backToList')}
        </Anchor>
        <Anchor component={Link} to={`/registry/channels?platform=${platform.id}`}>
          {t('platform.channelsOfPlatform', { name: platform.name })}
        </Anchor>
        <ExternalLink href={`${PUBLIC_NOTICES_PATH}/${platform.key}`}>
          {t('platform.publicNotice', { name: platform.name })}
        </ExternalLink>
      </Group>
      {notice !== null && (
        <Alert color="blue" variant="light" role="status" mb="md">
          {notice}
        </Alert>
      )}
      <Stack gap="lg">
        {PLATFORM_SECTIONS.map((section) => (
          <Section
            key={section}
            id={`platform-${section}`}
            title={t(SECTION_TITLES[section])}
            actions={
              canManage &&
              editing !== section && (
                <Button
                  id={`platform-edit-${section}`}
                  variant="default"
                  size="xs"
                  disabled={editing !== null}
                  aria-label={t('registry.editSection', { section: t(SECTION_TITLES[section]) })}
                  onClick={() => {
                    setNotice(null);
                    setEditing(section);
                  }}
                >
                  {t('registry.edit')}
                </Button>
              )
            }
          >
            {editing === section ? (
              <PlatformSectionForm
                platform={platform}
                section={section}
                onCancel={() => {
                  closeForm(section);
                }}
                onSaved={(saved) => {
                  onChanged(saved);
                  setNotice(t('registry.saved'));
                  closeForm(section);
                }}
              />
            ) : (
              <PlatformSectionView platform={platform} section={section} />
            )}
            {section === 'dpia' && editing !== 'dpia' && (
              <DpiaSignOff
                platform={platform}
                onSigned={(saved) => {
                  onChanged(saved);
                  setNotice(t('platform.signedOffNotice'));
                }}
              />
            )}
          </Section>
        ))}
        <Section id="platform-reviews" title={t('platform.reviewsTitle')}>
          <ReviewHistory
            key={platform.updatedAt}
            subject={null}
            platformId={platform.id}
            tableLabel={t('platform.reviewsTable')}
          />
        </Section>
        <Section id="platform-history" title={t('history.title')}>
          <RevisionHistory
            key={platform.updatedAt}
            load={loadRevisions}
            labels={platformHistoryLabels(t, formatDateTime)}
            tableLabel={t('history.table')}
          />
        </Section>
      </Stack>
    </>
  );
}
