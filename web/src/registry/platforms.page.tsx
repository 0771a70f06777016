// Plattformen: the platforms the city uses, with the state of their paperwork at a glance.
import { Alert, Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { berlinToday } from '../i18n/i18n.format.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { PlatformCreateForm } from './platform.form.tsx';
import { fetchPlatforms } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { Day } from './registry.fields.tsx';
import { DPIA_STATUS_LABELS } from './registry.labels.ts';
import type { Platform } from './registry.types.ts';

/** The day `days` after a `YYYY-MM-DD` day, as `YYYY-MM-DD`. */
function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Same horizon as the review dashboard. */
const SOON_DAYS = 60;

function DpiaCell({ platform }: { platform: Platform }) {
  const { t, formatDateTime } = useI18n();
  if (platform.dpia === null) {
    return <>{t('platform.noDpiaShort')}</>;
  }
  const signOff = platform.dpiaSignOff;
  return (
    <Stack gap={4} align="flex-start">
      <StatusBadge tone={platform.dpia.status === 'signed-off' ? 'good' : 'neutral'}>
        {t(DPIA_STATUS_LABELS[platform.dpia.status])}
      </StatusBadge>
      <Text size="xs">
        {signOff === null
          ? t('platform.notSignedOff')
          : t('platform.signedOffBy', {
              name: signOff.signedOffByName ?? signOff.signedOffBy,
              at: formatDateTime(signOff.signedOffAt),
            })}
      </Text>
    </Stack>
  );
}

function PlatformsTable({ platforms }: { platforms: readonly Platform[] }) {
  const { t } = useI18n();
  const today = berlinToday();
  const soon = addDays(today, SOON_DAYS);
  if (platforms.length === 0) {
    return <Text>{t('platform.empty')}</Text>;
  }
  return (
    <TableScroll label={t('platform.tableLabel')}>
      <Table striped verticalSpacing="sm" miw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('platform.name')}</Table.Th>
            <Table.Th scope="col">{t('platform.operator')}</Table.Th>
            <Table.Th scope="col">{t('platform.purposesCount')}</Table.Th>
            <Table.Th scope="col">{t('platform.necessityNextReview')}</Table.Th>
            <Table.Th scope="col">{t('platform.sectionDpia')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {platforms.map((platform) => {
            const next = platform.necessity.nextReviewOn;
            return (
              <Table.Tr key={platform.id}>
                <Table.Th scope="row">
                  <Anchor component={Link} to={`/registry/platforms/${platform.id}`} fw={600}>
                    {platform.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{platform.operator.legalEntity}</Table.Td>
                <Table.Td>{platform.purposes.length}</Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <Day value={next} />
                    {next < today && <StatusBadge tone="bad">{t('review.overdue')}</StatusBadge>}
                    {next >= today && next <= soon && (
                      <StatusBadge tone="warn">{t('review.dueSoon')}</StatusBadge>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <DpiaCell platform={platform} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function PlatformsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canManage = can(PERMISSIONS.registryManage);
  const platforms = useResource(fetchPlatforms);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader title={t('platform.title')} intro={t('platform.intro')} />
      {canManage && !creating && (
        <Group mb="lg">
          <Button
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('platform.create')}
          </Button>
        </Group>
      )}
      {canManage && creating && (
        <PlatformCreateForm
          onCancel={() => {
            setCreating(false);
          }}
          onCreated={(platform) => {
            void navigate(`/registry/platforms/${platform.id}`);
          }}
        />
      )}
      {!canManage && (
        <Alert color="gray" variant="light" mb="lg">
          {t('registry.readOnly')}
        </Alert>
      )}
      {platforms.resource.status === 'loading' && <Loading />}
      {platforms.resource.status === 'error' && (
        <LoadError error={platforms.resource.error} onRetry={platforms.reload} />
      )}
      {platforms.resource.status === 'ready' && (
        <PlatformsTable platforms={platforms.resource.data} />
      )}
    </>
  );
}
