// Recorded reviews (who, when, outcome, notes, next date), for one platform or overall.
import { Alert, Table, Text } from '@mantine/core';
import { useCallback } from 'react';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, TableScroll } from '../layout/layout.page.tsx';
import { fetchReviews, isMissingEndpoint } from './registry.api.ts';
import { Day } from './registry.fields.tsx';
import { REVIEW_OUTCOME_LABELS, REVIEW_SUBJECT_LABELS } from './registry.labels.ts';
import type { ReviewSubject } from './registry.types.ts';

/** Shown where the server does not offer an endpoint yet, instead of an error. */
export function NotAvailable() {
  const { t } = useI18n();
  return (
    <Alert color="gray" variant="light">
      {t('registry.notAvailable')}
    </Alert>
  );
}

/** Remount it (key) to reload after a review was recorded. */
export function ReviewHistory({
  subject,
  platformId,
  showPlatform,
  tableLabel,
}: {
  subject: ReviewSubject | null;
  platformId: string | null;
  showPlatform?: ReadonlyMap<string, string>;
  tableLabel: string;
}) {
  const { t, formatDateTime } = useI18n();
  const load = useCallback(() => fetchReviews({ subject, platformId }), [subject, platformId]);
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
  if (resource.data.length === 0) {
    return <Text>{t('review.noHistory')}</Text>;
  }
  return (
    <TableScroll label={tableLabel}>
      <Table verticalSpacing="sm" miw={700}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('review.reviewedAt')}</Table.Th>
            <Table.Th scope="col">{t('review.subject')}</Table.Th>
            {showPlatform !== undefined && <Table.Th scope="col">{t('review.platform')}</Table.Th>}
            <Table.Th scope="col">{t('review.reviewer')}</Table.Th>
            <Table.Th scope="col">{t('review.outcome')}</Table.Th>
            <Table.Th scope="col">{t('review.notes')}</Table.Th>
            <Table.Th scope="col">{t('registry.nextReviewOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {resource.data.map((review) => (
            <Table.Tr key={review.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(review.reviewedAt)}
              </Table.Td>
              <Table.Td>{t(REVIEW_SUBJECT_LABELS[review.subject])}</Table.Td>
              {showPlatform !== undefined && (
                <Table.Td>
                  {review.platformId === null
                    ? t('review.wholeConcept')
                    : (showPlatform.get(review.platformId) ?? review.platformId)}
                </Table.Td>
              )}
              <Table.Td>{review.reviewerName ?? t('audit.system')}</Table.Td>
              <Table.Td>{t(REVIEW_OUTCOME_LABELS[review.outcome])}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-line' }}>{review.notes ?? '–'}</Table.Td>
              <Table.Td>
                <Day value={review.nextReviewOn} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
