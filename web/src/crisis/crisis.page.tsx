// "Krise": crisis mode, the incidents (active first) and importing a message by hand.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { Section } from '../registry/registry.fields.tsx';
import { fetchCrisisStatus, fetchIncidents } from './crisis.api.ts';
import { CrisisImport } from './crisis.import.tsx';
import { END_REASON_LABELS, labelOf, SEVERITY_LABELS, TEMPLATE_LABELS } from './crisis.labels.ts';
import { CrisisModePanel } from './crisis.mode.tsx';
import type { Incident } from './crisis.types.ts';

type StateFilter = 'all' | 'active' | 'ended';

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

/** Active incidents first, each group newest first. */
function ordered(incidents: readonly Incident[]): Incident[] {
  return [...incidents].sort(
    (a, b) =>
      (a.state === 'active' ? 0 : 1) - (b.state === 'active' ? 0 : 1) ||
      b.startedAt.localeCompare(a.startedAt),
  );
}

export function ExerciseBadge() {
  const { t } = useI18n();
  return <StatusBadge tone="warn">{t('crisis.exercise')}</StatusBadge>;
}

function IncidentTable({ incidents }: { incidents: readonly Incident[] }) {
  const { t, formatDateTime } = useI18n();
  if (incidents.length === 0) {
    return <Text>{t('crisis.list.empty')}</Text>;
  }
  return (
    <TableScroll label={t('crisis.list.table')}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('crisis.list.warning')}</Table.Th>
            <Table.Th scope="col">{t('crisis.list.severity')}</Table.Th>
            <Table.Th scope="col">{t('crisis.list.template')}</Table.Th>
            <Table.Th scope="col">{t('crisis.list.started')}</Table.Th>
            <Table.Th scope="col">{t('crisis.list.state')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('crisis.list.openApprovals')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incidents.map((incident) => (
            <Table.Tr key={incident.id}>
              <Table.Th scope="row" fw={400}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  {incident.isTest && <ExerciseBadge />}
                  <Anchor component={Link} to={`/krise/vorfaelle/${incident.id}`}>
                    {incident.headline}
                  </Anchor>
                </Group>
              </Table.Th>
              <Table.Td>{labelOf(t, SEVERITY_LABELS, incident.severity)}</Table.Td>
              <Table.Td>{labelOf(t, TEMPLATE_LABELS, incident.templateKey)}</Table.Td>
              <Table.Td>{formatDateTime(incident.startedAt)}</Table.Td>
              <Table.Td>
                {incident.state === 'active' ? (
                  <StatusBadge tone="bad">{t('crisis.state.active')}</StatusBadge>
                ) : (
                  <StatusBadge tone="neutral">
                    {incident.endReason === null
                      ? t('crisis.state.ended')
                      : `${t('crisis.state.ended')}: ${labelOf(t, END_REASON_LABELS, incident.endReason)}`}
                  </StatusBadge>
                )}
              </Table.Td>
              <Table.Td ta="right">{incident.openApprovals}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function CrisisPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [filter, setFilter] = useState<StateFilter>('all');
  const status = useResource(fetchCrisisStatus);
  const loadIncidents = useCallback(
    () => fetchIncidents(filter === 'all' ? undefined : filter),
    [filter],
  );
  const incidents = useResource(loadIncidents);
  const manage = can(PERMISSIONS.crisisManage);

  return (
    <>
      <PageHeader title={t('crisis.title')} intro={t('crisis.intro')} />
      <Stack gap="lg">
        {manage && (
          <Group>
            <Button component={Link} to="/krise/einstellungen" variant="default">
              {t('crisis.settings.link')}
            </Button>
          </Group>
        )}
        <Section id="crisis-mode" title={t('crisis.mode.title')}>
          <Loaded handle={status}>
            {(data) => (
              <CrisisModePanel
                status={data}
                onChanged={(next) => {
                  status.update(() => next);
                }}
              />
            )}
          </Loaded>
        </Section>
        <Section id="crisis-incidents" title={t('crisis.list.title')}>
          <Stack gap="sm">
            <NativeSelect
              id="crisis-incidents-filter"
              label={t('crisis.list.filter')}
              maw={320}
              data={[
                { value: 'all', label: t('crisis.list.filterAll') },
                { value: 'active', label: t('crisis.list.filterActive') },
                { value: 'ended', label: t('crisis.list.filterEnded') },
              ]}
              value={filter}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setFilter(value === 'active' || value === 'ended' ? value : 'all');
              }}
            />
            <Loaded handle={incidents}>
              {(data) => <IncidentTable incidents={ordered(data)} />}
            </Loaded>
          </Stack>
        </Section>
        {manage && (
          <Section id="crisis-import" title={t('crisis.import.title')}>
            <CrisisImport
              onImported={() => {
                incidents.reload();
                status.reload();
              }}
            />
          </Section>
        )}
      </Stack>
    </>
  );
}
