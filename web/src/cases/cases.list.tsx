// "Anfragen": the cases the viewer may see, newest first, with filters and the person search.
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { fetchCases } from './cases.api.ts';
import { CaseFilters, CaseSearch, useCaseFilters } from './cases.filters.tsx';
import { STATUS_LABELS } from './cases.labels.ts';
import { berlinDay, categoryLabel, labelIn, useCaseOptions } from './cases.options.ts';
import type { CaseOptions } from './cases.options.ts';
import type { CaseSummary } from './cases.types.ts';

const PAGE = 50;
/** "Löschung fällig bis" is applied here; the server offers no such filter, so ask for more. */
const DUE_PAGE = 200;

export function DeletionDate({ item }: { item: Pick<CaseSummary, 'deleteAt' | 'onHold'> }) {
  const { t, formatDate } = useI18n();
  if (item.onHold) {
    return <StatusBadge tone="warn">{t('cases.deletion.onHold')}</StatusBadge>;
  }
  return <>{item.deleteAt === null ? '–' : formatDate(berlinDay(item.deleteAt))}</>;
}

function CaseTable({ items, options }: { items: readonly CaseSummary[]; options: CaseOptions }) {
  const { t, locale, formatDateTime } = useI18n();
  return (
    <TableScroll label={t('cases.list.table')}>
      <Table striped verticalSpacing="sm" miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.list.case')}</Table.Th>
            <Table.Th scope="col">{t('cases.list.name')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.category')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.status')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.unit')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.assignee')}</Table.Th>
            <Table.Th scope="col">{t('cases.list.received')}</Table.Th>
            <Table.Th scope="col">{t('cases.list.deleteAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Th scope="row">
                <Anchor
                  component={Link}
                  to={`/cases/${item.id}`}
                  fw={600}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {t('cases.number', { number: item.number })}
                </Anchor>
              </Table.Th>
              <Table.Td>{item.contactName ?? t('cases.list.noName')}</Table.Td>
              <Table.Td>{categoryLabel(options.settings, item.category, locale)}</Table.Td>
              <Table.Td>
                <StatusBadge tone={STATUS_LABELS[item.status].tone}>
                  {t(STATUS_LABELS[item.status].key)}
                </StatusBadge>
              </Table.Td>
              <Table.Td>{labelIn(options.units, item.orgUnitId) ?? '–'}</Table.Td>
              <Table.Td>
                {item.assigneeId === null
                  ? t('cases.nobody')
                  : (labelIn(options.people, item.assigneeId) ?? t('cases.someoneElse'))}
              </Table.Td>
              <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
              <Table.Td>
                <DeletionDate item={item} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function Results({ options, search }: { options: CaseOptions; search: string }) {
  const { t } = useI18n();
  const filters = useCaseFilters();
  const { query } = filters;
  const { deleteBy } = filters.values;
  const [limit, setLimit] = useState(PAGE);
  const pageSize = deleteBy === '' ? limit : DUE_PAGE;
  const load = useCallback(
    () => fetchCases({ ...query, ...(search === '' ? {} : { q: search }), limit: pageSize }),
    [query, search, pageSize],
  );
  const cases = useResource(load);
  const resource = cases.resource;
  const shown = resource.status === 'ready' ? resource.data : [];
  return (
    <>
      <CaseFilters filters={filters} options={options} />
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <LoadError error={resource.error} onRetry={cases.reload} />}
      {resource.status === 'ready' && (
        <Stack gap="sm">
          <Text role="status" size="sm">
            {search === ''
              ? shown.length === 1
                ? t('cases.list.countOne')
                : t('cases.list.count', { count: shown.length })
              : shown.length === 1
                ? t('cases.list.countSearchOne')
                : t('cases.list.countSearch', { count: shown.length })}
          </Text>
          {shown.length === 0 ? (
            <Text>{search === '' ? t('cases.list.empty') : t('cases.list.emptySearch')}</Text>
          ) : (
            <CaseTable items={shown} options={options} />
          )}
          {deleteBy === '' && resource.data.length >= limit && limit < 200 && (
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  setLimit((value) => Math.min(200, value + PAGE));
                }}
              >
                {t('cases.list.more')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}

export function CaseListPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const options = useCaseOptions();
  const [search, setSearch] = useState('');
  return (
    <>
      <PageHeader title={t('cases.title')} intro={t('cases.intro')} />
      <Group gap="sm" mb="lg">
        {can(PERMISSIONS.casesManage) && (
          <Button component={Link} to="/cases/neu">
            {t('cases.create.link')}
          </Button>
        )}
        <Button component={Link} to="/cases/aufbewahrung" variant="default">
          {t('cases.retention.link')}
        </Button>
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
      <CaseSearch current={search} onSearch={setSearch} />
      {options.resource.status === 'loading' && <Loading />}
      {options.resource.status === 'error' && (
        <LoadError error={options.resource.error} onRetry={options.reload} />
      )}
      {options.resource.status === 'ready' && (
        <Results options={options.resource.data} search={search} />
      )}
    </>
  );
}
