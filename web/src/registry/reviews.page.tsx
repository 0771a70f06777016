// Fällige Prüfungen: what is overdue or due within 60 days, recording a review, and the history.
import { Alert, Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { isRole, ROLE_LABELS } from '../access/access.labels.ts';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { fetchDueReviews, fetchPlatforms, isMissingEndpoint } from './registry.api.ts';
import { StatusBadge } from './registry.badges.tsx';
import { Day, Section, useFocusAfterRender } from './registry.fields.tsx';
import { oneOf, REVIEW_SUBJECT_LABELS } from './registry.labels.ts';
import type { DueReview, Platform, ReviewSubject } from './registry.types.ts';
import { REVIEW_SUBJECTS } from './registry.types.ts';
import type { ReviewPreset } from './review.form.tsx';
import { ReviewForm } from './review.form.tsx';
import { NotAvailable, ReviewHistory } from './review.history.tsx';

const DAYS_AHEAD = 60;

function DueTable({
  items,
  canReview,
  onRecord,
}: {
  items: readonly DueReview[];
  canReview: boolean;
  onRecord: (item: DueReview) => void;
}) {
  const { t } = useI18n();
  if (items.length === 0) {
    return <Text>{t('review.nothingDue', { days: DAYS_AHEAD })}</Text>;
  }
  return (
    <TableScroll label={t('review.dueTable')}>
      <Table verticalSpacing="sm" miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('review.subject')}</Table.Th>
            <Table.Th scope="col">{t('review.platform')}</Table.Th>
            <Table.Th scope="col">{t('review.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('review.state')}</Table.Th>
            <Table.Th scope="col">{t('review.responsible')}</Table.Th>
            {canReview && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const overdue = item.state === 'overdue';
            const what = t(REVIEW_SUBJECT_LABELS[item.subject]);
            const where = item.platformName ?? t('review.wholeConcept');
            return (
              <Table.Tr
                key={`${item.subject}:${item.platformId ?? ''}`}
                bg={overdue ? 'var(--mantine-color-red-0)' : undefined}
              >
                <Table.Th scope="row">{what}</Table.Th>
                <Table.Td>
                  {item.platformId === null ? (
                    where
                  ) : (
                    <Anchor component={Link} to={`/registry/platforms/${item.platformId}`}>
                      {where}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td>
                  <Day value={item.dueOn} />
                </Table.Td>
                <Table.Td>
                  <StatusBadge tone={overdue ? 'bad' : 'warn'}>
                    {overdue ? t('review.overdue') : t('review.dueSoon')}
                  </StatusBadge>
                </Table.Td>
                <Table.Td>
                  {isRole(item.responsibleRole)
                    ? t(ROLE_LABELS[item.responsibleRole])
                    : item.responsibleRole}
                </Table.Td>
                {canReview && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('review.recordLabel', { what, where })}
                      onClick={() => {
                        onRecord(item);
                      }}
                    >
                      {t('review.record')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function DueSection({
  canReview,
  onRecord,
}: {
  canReview: boolean;
  onRecord: (item: DueReview) => void;
}) {
  const load = useCallback(() => fetchDueReviews(DAYS_AHEAD), []);
  const { resource, reload } = useResource(load);
  if (resource.status === 'loading') {
    return <Loading />;
  }
  if (resource.status === 'error') {
    return isMissingEndpoint(resource.error) ? (
      <NotAvailable />
    ) : (
      <LoadError error={resource.error} onRetry={reload} />
    );
  }
  return <DueTable items={resource.data} canReview={canReview} onRecord={onRecord} />;
}

function HistorySection({ platforms }: { platforms: readonly Platform[] }) {
  const { t } = useI18n();
  const [subject, setSubject] = useState<ReviewSubject | null>(null);
  const [platformId, setPlatformId] = useState<string | null>(null);
  const names = new Map(platforms.map((platform) => [platform.id, platform.name]));
  const all = { value: '', label: t('channel.filterAll') };
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <NativeSelect
          label={t('review.filterSubject')}
          data={[
            all,
            ...REVIEW_SUBJECTS.map((value) => ({ value, label: t(REVIEW_SUBJECT_LABELS[value]) })),
          ]}
          value={subject ?? ''}
          onChange={(event) => {
            setSubject(oneOf(REVIEW_SUBJECTS, event.currentTarget.value));
          }}
        />
        <NativeSelect
          label={t('review.filterPlatform')}
          data={[all, ...platforms.map((p) => ({ value: p.id, label: p.name }))]}
          value={platformId ?? ''}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setPlatformId(value === '' ? null : value);
          }}
        />
      </Group>
      <ReviewHistory
        subject={subject}
        platformId={platformId}
        showPlatform={names}
        tableLabel={t('review.historyTable')}
      />
    </Stack>
  );
}

export function ReviewsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canReview = can(PERMISSIONS.registryReview);
  const platforms = useResource(fetchPlatforms);
  const [preset, setPreset] = useState<ReviewPreset | null | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const focusLater = useFocusAfterRender();

  const open = (next: ReviewPreset | null) => {
    setNotice(null);
    setPreset(next);
    focusLater('review-record-title');
  };

  return (
    <>
      <PageHeader title={t('review.title')} intro={t('review.intro', { days: DAYS_AHEAD })} />
      {notice !== null && (
        <Alert color="blue" variant="light" role="status" mb="md">
          {notice}
        </Alert>
      )}
      {platforms.resource.status === 'loading' && <Loading />}
      {platforms.resource.status === 'error' && (
        <LoadError error={platforms.resource.error} onRetry={platforms.reload} />
      )}
      {platforms.resource.status === 'ready' && (
        <Stack gap="lg">
          <Section id="review-due" title={t('review.dueTitle', { days: DAYS_AHEAD })}>
            <DueSection
              key={generation}
              canReview={canReview}
              onRecord={(item) => {
                open({ subject: item.subject, platformId: item.platformId });
              }}
            />
          </Section>
          {canReview && (
            <Section id="review-record" title={t('review.recordTitle')}>
              {preset === undefined ? (
                <Button
                  id="review-open"
                  variant="default"
                  onClick={() => {
                    open(null);
                  }}
                >
                  {t('review.recordOther')}
                </Button>
              ) : (
                <ReviewForm
                  key={JSON.stringify(preset)}
                  preset={preset}
                  platforms={platforms.resource.data}
                  onCancel={() => {
                    setPreset(undefined);
                    focusLater('review-open');
                  }}
                  onSaved={() => {
                    setPreset(undefined);
                    setGeneration((value) => value + 1);
                    setNotice(t('review.saved'));
                    focusLater('review-open');
                  }}
                />
              )}
            </Section>
          )}
          <Section id="review-history" title={t('review.historyTitle')}>
            <HistorySection key={generation} platforms={platforms.resource.data} />
          </Section>
        </Stack>
      )}
    </>
  );
}
