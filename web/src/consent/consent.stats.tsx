// "Statistik": counts of choices per service and per config version; nothing per person.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import type { ConsentStats } from './consent.types.ts';
import { serviceName } from './consent.proofs.tsx';

export function ConsentStatsView({ stats }: { stats: ConsentStats }) {
  const { t } = useI18n();
  return (
    <Stack gap="md">
      <Text size="sm">{t('consent.statsIntro')}</Text>
      <Text>{t('consent.total', { count: stats.total })}</Text>
      {stats.total === 0 ? (
        <Text>{t('consent.noStats')}</Text>
      ) : (
        <>
          <Title order={3}>{t('consent.statsServices')}</Title>
          <TableScroll label={t('consent.statsServicesTable')}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('consent.service')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('consent.accepted')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('consent.refused')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stats.services.map((service) => (
                  <Table.Tr key={service.id}>
                    <Table.Th scope="row">{serviceName(service.id)}</Table.Th>
                    <Table.Td ta="right">{service.accepted}</Table.Td>
                    <Table.Td ta="right">{service.refused}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Title order={3}>{t('consent.statsVersions')}</Title>
          <TableScroll label={t('consent.statsVersionsTable')}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('consent.configVersion')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('consent.count')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {stats.versions.map((version) => (
                  <Table.Tr key={version.configVersion}>
                    <Table.Th scope="row" style={{ overflowWrap: 'anywhere' }}>
                      <code>{version.configVersion}</code>
                    </Table.Th>
                    <Table.Td ta="right">{version.count}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </Stack>
  );
}
