// One channel: its data, the §15 profile check, the platform connection, credentials (write-only)
// and change history.
import { Alert, Anchor, Button, List, Stack } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { ChannelForm } from './channel.form.tsx';
import { ConnectionSection, outcomeMessage } from './channel-connection.section.tsx';
import { CredentialsSection } from './channel-credentials.form.tsx';
import { NoticeSection, NoticeWarning } from './channel-notice.section.tsx';
import { fetchChannel, fetchChannelRevisions } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { DetailList, ExternalLink, Section, useFocusAfterRender } from './registry.fields.tsx';
import { RevisionHistory } from './registry.history.tsx';
import { channelHistoryLabels } from './registry.history-labels.ts';
import { CHANNEL_STATUS_LABELS, GOAL_LABELS } from './registry.labels.ts';
import type { ReferenceData } from './registry.refs.ts';
import { useReferenceData } from './registry.refs.ts';
import type { Channel } from './registry.types.ts';

export function ChannelDetailPage() {
  const { t } = useI18n();
  const { channelId = '' } = useParams();
  const load = useCallback(() => fetchChannel(channelId), [channelId]);
  const channel = useResource(load);
  const refs = useReferenceData();

  for (const handle of [channel, refs]) {
    if (handle.resource.status === 'error') {
      return (
        <>
          <PageHeader title={t('channel.detailFallbackTitle')} />
          <LoadError error={handle.resource.error} onRetry={handle.reload} />
        </>
      );
    }
  }
  if (channel.resource.status !== 'ready' || refs.resource.status !== 'ready') {
    return <Loading />;
  }
  return (
    <ChannelDetail
      channel={channel.resource.data}
      refs={refs.resource.data}
      onChanged={(saved) => {
        channel.update(() => saved);
      }}
    />
  );
}

function ChannelDetail({
  channel,
  refs,
  onChanged,
}: {
  channel: Channel;
  refs: ReferenceData;
  onChanged: (channel: Channel) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const [editing, setEditing] = useState(false);
  const [searchParams] = useSearchParams();
  const outcome = outcomeMessage(searchParams.get('verbindung'));
  const [notice, setNotice] = useState<string | null>(outcome === null ? null : t(outcome));
  const focusLater = useFocusAfterRender();
  const loadRevisions = useCallback(() => fetchChannelRevisions(channel.id), [channel.id]);
  const name = (id: string) => refs.names.get(id) ?? id;
  const platformKey = refs.platforms.find((p) => p.id === channel.platformId)?.key ?? '';

  const saved = (message: string) => (next: Channel) => {
    onChanged(next);
    setNotice(message);
  };

  return (
    <>
      <PageHeader
        title={channel.name}
        intro={t('channel.detailIntro', { date: formatDateTime(channel.updatedAt) })}
      />
      <Anchor component={Link} to="/registry/channels" mb="md" display="inline-block">
        {t('channel.backToList')}
      </Anchor>
      <NoticeWarning channel={channel} />
      {notice !== null && (
        <Alert color="blue" variant="light" role="status" mb="md">
          {notice}
        </Alert>
      )}
      <Stack gap="lg">
        {editing ? (
          <ChannelForm
            channel={channel}
            refs={refs}
            onCancel={() => {
              setEditing(false);
              focusLater('channel-edit');
            }}
            onSaved={(next) => {
              saved(t('registry.saved'))(next);
              setEditing(false);
              focusLater('channel-edit');
            }}
          />
        ) : (
          <Section
            id="channel-data"
            title={t('channel.dataTitle')}
            actions={
              canManage && (
                <Button
                  id="channel-edit"
                  variant="default"
                  size="xs"
                  onClick={() => {
                    setNotice(null);
                    setEditing(true);
                  }}
                >
                  {t('channel.edit')}
                </Button>
              )
            }
          >
            <DetailList
              items={[
                [t('channel.platform'), name(channel.platformId)],
                [t('channel.handle'), channel.handle],
                [t('channel.url'), <ExternalLink href={channel.url}>{channel.url}</ExternalLink>],
                [t('channel.orgUnit'), name(channel.orgUnitId)],
                [
                  t('channel.responsible'),
                  channel.responsibleUserIds.length === 0
                    ? t('registry.noEntries')
                    : channel.responsibleUserIds.map(name).join(', '),
                ],
                [
                  t('channel.goals'),
                  <List size="sm" spacing={2}>
                    {channel.goals.map((goal) => (
                      <List.Item key={goal}>{t(GOAL_LABELS[goal])}</List.Item>
                    ))}
                  </List>,
                ],
                [
                  t('channel.status'),
                  <StatusBadge tone={channel.status === 'active' ? 'good' : 'neutral'}>
                    {t(CHANNEL_STATUS_LABELS[channel.status])}
                  </StatusBadge>,
                ],
                [
                  t('channel.selfPublishing'),
                  channel.selfPublishing ? t('registry.yes') : t('registry.no'),
                ],
              ]}
            />
          </Section>
        )}
        <Section id="channel-notice" title={t('channel.noticeTitle')}>
          <NoticeSection
            channel={channel}
            canManage={canManage}
            onSaved={saved(t('channel.checkSaved'))}
          />
        </Section>
        <Section id="channel-connection" title={t('connection.title')}>
          <ConnectionSection
            channel={channel}
            platformKey={platformKey}
            canManage={canManage}
            onSaved={(next, message) => {
              saved(message)(next);
            }}
          />
        </Section>
        <Section id="channel-credentials" title={t('channel.credentialsTitle')}>
          <CredentialsSection
            channel={channel}
            canManage={canManage}
            onSaved={saved(t('channel.credentialsSaved'))}
          />
        </Section>
        <Section id="channel-history" title={t('history.title')}>
          <RevisionHistory
            key={channel.updatedAt}
            load={loadRevisions}
            labels={channelHistoryLabels(t, formatDateTime, refs.names)}
            tableLabel={t('history.table')}
          />
        </Section>
      </Stack>
    </>
  );
}
