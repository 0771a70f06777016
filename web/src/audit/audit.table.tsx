// Audit entries; times in Europe/Berlin with seconds, since order within a minute matters.
import { Table, Text } from '@mantine/core';
import { isRole, ROLE_LABELS } from '../access/access.labels.ts';
import type { AuditEntry } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, formatDateTime } = useI18n();
  const roleLabel = (role: string | null) => {
    if (role === null) {
      return '–';
    }
    return isRole(role) ? t(ROLE_LABELS[role]) : role;
  };

  return (
    <TableScroll label={t('audit.tableLabel')}>
      <Table striped verticalSpacing="xs" miw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('audit.role')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.object')}</Table.Th>
            <Table.Th scope="col">{t('audit.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={entry.at}>{formatDateTime(entry.at, true)}</time>
              </Table.Td>
              <Table.Td>{entry.actorName ?? entry.actorId ?? t('audit.system')}</Table.Td>
              <Table.Td>{roleLabel(entry.actorRole)}</Table.Td>
              <Table.Td>
                <Text component="code" size="sm" ff="monospace">
                  {entry.action}
                </Text>
              </Table.Td>
              <Table.Td>
                {entry.objectType}
                {entry.objectId !== null && (
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {entry.objectId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{entry.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
