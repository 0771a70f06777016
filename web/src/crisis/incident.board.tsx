// The live delivery board of one released warning post: status per channel in words, attempts,
// the link to the published post, the failure reason, and whether the post is pinned. A hidden
// live region sums the board up so screen readers hear the progress.
import { Anchor, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useI18n } from '../i18n/i18n.context.tsx';
import { TableScroll } from '../layout/layout.page.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DELIVERY_LABELS, labelOf, POST_KIND_LABELS, POST_STATE_LABELS } from './crisis.labels.ts';
import type { CrisisPost, Delivery } from './crisis.types.ts';

function DeliveryStatus({ delivery }: { delivery: Delivery }) {
  const { t } = useI18n();
  const label = DELIVERY_LABELS[delivery.status];
  return label === undefined ? (
    <StatusBadge tone="neutral">{delivery.status}</StatusBadge>
  ) : (
    <StatusBadge tone={label.tone}>{t(label.key)}</StatusBadge>
  );
}

export function DeliveryBoard({ post, isTest }: { post: CrisisPost; isTest: boolean }) {
  const { t, formatDateTime } = useI18n();
  const titleId = `board-${post.postId}`;
  const kind = labelOf(t, POST_KIND_LABELS, post.kind);
  const published = post.deliveries.filter((d) => d.status === 'published').length;
  const failed = post.deliveries.filter((d) => d.status === 'failed').length;
  const state = POST_STATE_LABELS[post.status];

  return (
    <Paper withBorder p="md" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} id={titleId}>
          {t('crisis.board.title', { kind, language: post.language })}
        </Title>
        <Text size="sm">
          {state === undefined ? post.status : t(state.key)}
          {post.approvedByName !== null &&
            post.approvedAt !== null &&
            ` – ${t('crisis.board.approvedBy', { name: post.approvedByName, date: formatDateTime(post.approvedAt) })}`}
        </Text>
        <div role="status">
          <VisuallyHidden>
            {t('crisis.board.summary', {
              kind,
              published,
              failed,
              total: post.deliveries.length,
            })}
          </VisuallyHidden>
        </div>
        {post.deliveries.length === 0 ? (
          <Text size="sm">{isTest ? t('crisis.board.drilled') : t('crisis.board.none')}</Text>
        ) : (
          <TableScroll label={t('crisis.board.table', { kind })}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('crisis.board.channel')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.board.platform')}</Table.Th>
                  <Table.Th scope="col">{t('crisis.board.status')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('crisis.board.attempts')}
                  </Table.Th>
                  <Table.Th scope="col">{t('crisis.board.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {post.deliveries.map((delivery) => (
                  <Table.Tr key={delivery.channelId}>
                    <Table.Th scope="row" fw={400}>
                      {delivery.channelName}
                    </Table.Th>
                    <Table.Td>{platformMark(delivery.platformKey).name}</Table.Td>
                    <Table.Td>
                      <DeliveryStatus delivery={delivery} />
                    </Table.Td>
                    <Table.Td ta="right">{delivery.attempts}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        {delivery.url !== null && (
                          <Anchor href={delivery.url} target="_blank" rel="noreferrer">
                            {t('crisis.board.open', { channel: delivery.channelName })}
                          </Anchor>
                        )}
                        {delivery.pinned && (
                          <Text size="sm" fw={600}>
                            {t('crisis.board.pinned')}
                          </Text>
                        )}
                        {delivery.replyToExternalId !== null && (
                          <Text size="sm">{t('crisis.board.thread')}</Text>
                        )}
                        {delivery.failureReason !== null && delivery.status !== 'published' && (
                          <Text size="sm">{delivery.failureReason}</Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Paper>
  );
}
