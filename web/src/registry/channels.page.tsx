// Kanäle: every account of the city, filterable by platform, status and unit.
import { Alert, Anchor, Button, Group, NativeSelect, SimpleGrid, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { ChannelForm } from './channel.form.tsx';
import { outcomeMessage } from './channel-connection.section.tsx';
import { NoticeBadge } from './channel-notice.section.tsx';
import { fetchChannels } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { CHANNEL_STATUS_LABELS, oneOf } from './registry.labels.ts';
import type { ReferenceData } from './registry.refs.ts';
import { useReferenceData } from './registry.refs.ts';
import type { Channel, ChannelStatus } from './registry.types.ts';
import { CHANNEL_STATUSES } from './registry.types.ts';

interface Filters {
  platformId: string;
  status: ChannelStatus | '';
  orgUnitId: string;
}

function ChannelsTable({ channels, refs }: { channels: readonly Channel[]; refs: ReferenceData }) {
  const { t } = useI18n();
  return (
    <TableScroll label={t('channel.tableLabel')}>
      <Table striped verticalSpacing="sm" miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('channel.name')}</Table.Th>
            <Table.Th scope="col">{t('channel.platform')}</Table.Th>
            <Table.Th scope="col">{t('channel.handle')}</Table.Th>
            <Table.Th scope="col">{t('channel.orgUnit')}</Table.Th>
            <Table.Th scope="col">{t('channel.status')}</Table.Th>
            <Table.Th scope="col">{t('channel.noticeColumn')}</Table.Th>
            <Table.Th scope="col">{t('channel.selfPublishingColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {channels.map((channel) => (
            <Table.Tr key={channel.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/registry/channels/${channel.id}`} fw={600}>
                  {channel.name}
                </Anchor>
              </Table.Th>
              <Table.Td>{refs.names.get(channel.platformId) ?? channel.platformId}</Table.Td>
              <Table.Td>{channel.handle}</Table.Td>
              <Table.Td>{refs.names.get(channel.orgUnitId) ?? channel.orgUnitId}</Table.Td>
              <Table.Td>
                <StatusBadge tone={channel.status === 'active' ? 'good' : 'neutral'}>
                  {t(CHANNEL_STATUS_LABELS[channel.status])}
                </StatusBadge>
              </Table.Td>
              <Table.Td>
                <NoticeBadge channel={channel} />
              </Table.Td>
              <Table.Td>{channel.selfPublishing ? t('registry.yes') : t('registry.no')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function ChannelsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const refs = useReferenceData();
  const channels = useResource(fetchChannels);
  const [creating, setCreating] = useState(false);
  const [filters, setFilters] = useState<Filters>(() => ({
    platformId: params.get('platform') ?? '',
    status: '',
    orgUnitId: '',
  }));

  const outcome = outcomeMessage(params.get('verbindung'));
  const header = (
    <>
      <PageHeader title={t('channel.title')} intro={t('channel.intro')} />
      {outcome !== null && (
        <Alert color="yellow" variant="light" role="status" mb="md">
          {t(outcome)}
        </Alert>
      )}
    </>
  );
  if (refs.resource.status === 'error') {
    return (
      <>
        {header}
        <LoadError error={refs.resource.error} onRetry={refs.reload} />
      </>
    );
  }
  if (channels.resource.status === 'error') {
    return (
      <>
        {header}
        <LoadError error={channels.resource.error} onRetry={channels.reload} />
      </>
    );
  }
  if (refs.resource.status === 'loading' || channels.resource.status === 'loading') {
    return (
      <>
        {header}
        <Loading />
      </>
    );
  }
  const data = refs.resource.data;
  const all = channels.resource.data;
  const shown = all.filter(
    (channel) =>
      (filters.platformId === '' || channel.platformId === filters.platformId) &&
      (filters.status === '' || channel.status === filters.status) &&
      (filters.orgUnitId === '' || channel.orgUnitId === filters.orgUnitId),
  );
  const unitIds = new Set(all.map((channel) => channel.orgUnitId));
  const any = { value: '', label: t('channel.filterAll') };

  return (
    <>
      {header}
      {canManage && !creating && (
        <Group mb="lg">
          <Button
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('channel.create')}
          </Button>
        </Group>
      )}
      {canManage && creating && (
        <ChannelForm
          channel={null}
          refs={data}
          presetPlatformId={filters.platformId}
          onCancel={() => {
            setCreating(false);
          }}
          onSaved={(channel) => {
            void navigate(`/registry/channels/${channel.id}`);
          }}
        />
      )}
      {!canManage && (
        <Alert color="gray" variant="light" mb="lg">
          {t('registry.readOnly')}
        </Alert>
      )}
      <section aria-labelledby="channel-filters-title">
        <Text component="h2" id="channel-filters-title" fw={700} size="lg" mb="xs">
          {t('channel.filtersTitle')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mb="sm">
          <NativeSelect
            label={t('channel.platform')}
            data={[any, ...data.platforms.map((p) => ({ value: p.id, label: p.name }))]}
            value={filters.platformId}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFilters((previous) => ({ ...previous, platformId: value }));
            }}
          />
          <NativeSelect
            label={t('channel.status')}
            data={[
              any,
              ...CHANNEL_STATUSES.map((value) => ({
                value,
                label: t(CHANNEL_STATUS_LABELS[value]),
              })),
            ]}
            value={filters.status}
            onChange={(event) => {
              const value = oneOf(CHANNEL_STATUSES, event.currentTarget.value) ?? '';
              setFilters((previous) => ({ ...previous, status: value }));
            }}
          />
          <NativeSelect
            label={t('channel.orgUnit')}
            data={[
              any,
              ...[...unitIds].map((id) => ({ value: id, label: data.names.get(id) ?? id })),
            ]}
            value={filters.orgUnitId}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setFilters((previous) => ({ ...previous, orgUnitId: value }));
            }}
          />
        </SimpleGrid>
        <Text role="status" size="sm" mb="md">
          {t('channel.count', { shown: shown.length, total: all.length })}
        </Text>
      </section>
      {all.length === 0 ? (
        <Text>{t('channel.empty')}</Text>
      ) : (
        <ChannelsTable channels={shown} refs={data} />
      )}
    </>
  );
}
