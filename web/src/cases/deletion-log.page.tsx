// "Löschprotokoll" (cases.deletion-log): one row per deleted case, without personal data. The
// case is named only by a keyed hash of its id, so someone who still holds the id can match it.
import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { fetchDeletionLog } from './cases.api.ts';
import { basisLabel, categoryLabel, useCaseOptions } from './cases.options.ts';
import type { CaseOptions } from './cases.options.ts';
import type { DeletionLogEntry } from './cases.types.ts';

const PAGE = 100;

function LogTable({
  items,
  options,
}: {
  items: readonly DeletionLogEntry[];
  options: CaseOptions;
}) {
  const { t, locale, formatDate, formatDateTime } = useI18n();
  return (
    <TableScroll label={t('cases.log.table')}>
      <Table striped verticalSpacing="xs" miw={1100}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.log.deletedAt')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.hash')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.category')}</Table.Th>
            <Table.Th scope="col">{t('cases.field.legalBasis')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.createdOn')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.closedOn')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.rule')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.trigger')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.attempts')}</Table.Th>
            <Table.Th scope="col">{t('cases.log.removed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Th scope="row" fw={400}>
                {formatDateTime(entry.deletedAt)}
              </Table.Th>
              <Table.Td>
                <code title={entry.caseHash}>{entry.caseHash.slice(0, 12)}…</code>
              </Table.Td>
              <Table.Td>{categoryLabel(options.settings, entry.category, locale)}</Table.Td>
              <Table.Td>{basisLabel(options.settings, entry.legalBasis, locale)}</Table.Td>
              <Table.Td>{formatDate(entry.createdOn)}</Table.Td>
              <Table.Td>{entry.closedOn === null ? '–' : formatDate(entry.closedOn)}</Table.Td>
              <Table.Td>{entry.rule}</Table.Td>
              <Table.Td>{entry.trigger}</Table.Td>
              <Table.Td>{entry.attempts}</Table.Td>
              <Table.Td>
                {t('cases.log.removedText', {
                  deleted: entry.linkedItemsDeleted,
                  blanked: entry.linkedItemsBlanked,
                  attachments: entry.attachmentsDeleted,
                })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function DeletionLogPage() {
  const { t } = useI18n();
  const [limit, setLimit] = useState(PAGE);
  const load = useCallback(() => fetchDeletionLog(limit, 0), [limit]);
  const log = useResource(load);
  const options = useCaseOptions();
  return (
    <>
      <PageHeader title={t('cases.log.title')} intro={t('cases.log.intro')} />
      <Group gap="sm" mb="lg">
        <Anchor component={Link} to="/cases/aufbewahrung">
          {t('cases.log.backToRetention')}
        </Anchor>
      </Group>
      {log.resource.status === 'error' && (
        <LoadError error={log.resource.error} onRetry={log.reload} />
      )}
      {options.resource.status === 'error' && (
        <LoadError error={options.resource.error} onRetry={options.reload} />
      )}
      {(log.resource.status === 'loading' || options.resource.status === 'loading') && <Loading />}
      {log.resource.status === 'ready' && options.resource.status === 'ready' && (
        <Stack gap="sm">
          <Text role="status" size="sm">
            {log.resource.data.length === 1
              ? t('cases.log.countOne')
              : t('cases.log.count', { count: log.resource.data.length })}
          </Text>
          {log.resource.data.length === 0 ? (
            <Text>{t('cases.log.empty')}</Text>
          ) : (
            <LogTable items={log.resource.data} options={options.resource.data} />
          )}
          {log.resource.data.length >= limit && limit < 500 && (
            <Group>
              <Button
                variant="default"
                onClick={() => {
                  setLimit((value) => Math.min(500, value + PAGE));
                }}
              >
                {t('cases.log.more')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </>
  );
}
