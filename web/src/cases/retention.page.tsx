// "Aufbewahrung und Löschung": counts, deletions due in the next 30 days (overdue first), holds
// and their review dates, and the last run of the daily deletion.
import { Anchor, Button, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, Section } from '../registry/registry.fields.tsx';
import { fetchRetention } from './cases.api.ts';
import { HOLD_LABELS, STATUS_LABELS } from './cases.labels.ts';
import type { CaseOptions } from './cases.options.ts';
import { berlinDay, categoryLabel, useCaseOptions } from './cases.options.ts';
import type { RetentionDashboard } from './cases.types.ts';

function Counts({ counts }: { counts: RetentionDashboard['counts'] }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {(
        [
          ['cases.retention.countOpen', counts.open],
          ['cases.retention.countWaiting', counts.waiting],
          ['cases.retention.countClosed', counts.closed],
          ['cases.retention.countDue', counts.due],
        ] as const
      ).map(([key, value]) => (
        <div key={key}>
          <Text size="xl" fw={700}>
            {value}
          </Text>
          <Text size="sm">{t(key)}</Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Upcoming({ data, options }: { data: RetentionDashboard; options: CaseOptions }) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  if (data.upcoming.length === 0) {
    return <Text>{t('cases.retention.noUpcoming')}</Text>;
  }
  const today = berlinDay(new Date().toISOString());
  return (
    <TableScroll label={t('cases.retention.upcomingTable')}>
      <Table striped verticalSpacing="xs" miw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.list.case')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.category')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.closedAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.list.deleteAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.retention.attempts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.upcoming.map((item) => {
            const day = berlinDay(item.deleteAt);
            return (
              <Table.Tr key={item.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/cases/${item.id}`}>
                    {t('cases.number', { number: item.number })}
                  </Anchor>
                </Table.Th>
                <Table.Td>{categoryLabel(options.settings, item.category, locale)}</Table.Td>
                <Table.Td>{item.closedAt === null ? '–' : formatDateTime(item.closedAt)}</Table.Td>
                <Table.Td>
                  {formatDate(day)}{' '}
                  {day <= today && (
                    <StatusBadge tone="warn">{t('cases.retention.overdue')}</StatusBadge>
                  )}
                </Table.Td>
                <Table.Td>
                  {item.deletionAttempts === 0 ? (
                    '0'
                  ) : (
                    <StatusBadge tone="bad">
                      {t('cases.retention.failedAttempts', { count: item.deletionAttempts })}
                    </StatusBadge>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function Holds({ data, options }: { data: RetentionDashboard; options: CaseOptions }) {
  const { t, locale, formatDate } = useI18n();
  if (data.holds.length === 0) {
    return <Text>{t('cases.retention.noHolds')}</Text>;
  }
  return (
    <TableScroll label={t('cases.retention.holdsTable')}>
      <Table striped verticalSpacing="xs" miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.list.case')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.category')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.status')}</Table.Th>
            <Table.Th scope="col">{t('cases.hold.kind')}</Table.Th>
            <Table.Th scope="col">{t('cases.hold.reason')}</Table.Th>
            <Table.Th scope="col">{t('cases.hold.reviewOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.holds.map((hold) => (
            <Table.Tr key={hold.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/cases/${hold.id}`}>
                  {t('cases.number', { number: hold.number })}
                </Anchor>
              </Table.Th>
              <Table.Td>{categoryLabel(options.settings, hold.category, locale)}</Table.Td>
              <Table.Td>{t(STATUS_LABELS[hold.status].key)}</Table.Td>
              <Table.Td>{t(HOLD_LABELS[hold.kind])}</Table.Td>
              <Table.Td>{hold.reason}</Table.Td>
              <Table.Td>
                {hold.reviewOn === null ? '–' : formatDate(hold.reviewOn)}{' '}
                {hold.reviewDue && (
                  <StatusBadge tone="bad">{t('cases.hold.reviewDue')}</StatusBadge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function LastSweep({ sweep }: { sweep: RetentionDashboard['lastSweep'] }) {
  const { t, formatDateTime } = useI18n();
  if (sweep === null) {
    return <Text>{t('cases.retention.noSweep')}</Text>;
  }
  return (
    <DetailList
      items={[
        [t('cases.retention.sweepAt'), formatDateTime(sweep.at)],
        [t('cases.retention.sweepDue'), String(sweep.due)],
        [t('cases.retention.sweepDeleted'), String(sweep.deleted)],
        [
          t('cases.retention.sweepFailed'),
          sweep.failed === 0 ? (
            '0'
          ) : (
            <StatusBadge key="failed" tone="bad">
              {String(sweep.failed)}
            </StatusBadge>
          ),
        ],
        [t('cases.retention.sweepRetried'), String(sweep.retried)],
      ]}
    />
  );
}

export function RetentionPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const dashboard = useResource(fetchRetention);
  const options = useCaseOptions();
  const failed =
    dashboard.resource.status === 'error'
      ? dashboard
      : options.resource.status === 'error'
        ? options
        : null;
  return (
    <>
      <PageHeader title={t('cases.retention.title')} intro={t('cases.retention.intro')} />
      <Group gap="sm" mb="lg">
        <Anchor component={Link} to="/cases">
          {t('cases.backToList')}
        </Anchor>
        {can(PERMISSIONS.casesDeletionLog) && (
          <Button component={Link} to="/cases/loeschprotokoll" variant="default">
            {t('cases.log.link')}
          </Button>
        )}
        {can(PERMISSIONS.casesConfigure) && (
          <Button component={Link} to="/cases/einstellungen" variant="default">
            {t('cases.settings.link')}
          </Button>
        )}
      </Group>
      {failed !== null && failed.resource.status === 'error' && (
        <LoadError error={failed.resource.error} onRetry={failed.reload} />
      )}
      {failed === null &&
        (dashboard.resource.status !== 'ready' || options.resource.status !== 'ready') && (
          <Loading />
        )}
      {dashboard.resource.status === 'ready' && options.resource.status === 'ready' && (
        <Stack gap="lg">
          <Section id="retention-counts" title={t('cases.retention.countsTitle')}>
            <Counts counts={dashboard.resource.data.counts} />
          </Section>
          <Section id="retention-upcoming" title={t('cases.retention.upcomingTitle')}>
            <Upcoming data={dashboard.resource.data} options={options.resource.data} />
          </Section>
          <Section id="retention-holds" title={t('cases.retention.holdsTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('cases.retention.holdsHint')}</Text>
              <Holds data={dashboard.resource.data} options={options.resource.data} />
            </Stack>
          </Section>
          <Section id="retention-sweep" title={t('cases.retention.sweepTitle')}>
            <LastSweep sweep={dashboard.resource.data.lastSweep} />
          </Section>
        </Stack>
      )}
    </>
  );
}
