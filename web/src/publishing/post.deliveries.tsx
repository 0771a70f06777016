// Where the post stands on each channel. While anything is still moving, the page asks every
// 3 s; the status is always a word, the colour only repeats it.
import { Paper, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useRef } from 'react';
import { useSession } from '../access/session.context.tsx';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import { LoadError, Loading } from '../layout/layout.page.tsx';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import { StatusBadge } from '../registry/registry.badges.tsx';
import { DetailList, ExternalLink } from '../registry/registry.fields.tsx';
import { DeliveryActions } from './post.delivery-actions.tsx';
import { MOVING_DELIVERIES } from './post.rules.ts';
import { fetchDeliveries } from './publishing.api.ts';
import type { Delivery, DeliveryStatus, Post } from './publishing.types.ts';

const POLL_MS = 3000;
/** A retried item keeps its last failure class; the reason matters only while it stands. */
const SHOWS_REASON: ReadonlySet<DeliveryStatus> = new Set(['failed', 'unconfirmed']);
/** How close to its time a scheduled post must be for the page to start asking. */
const DUE_WINDOW_MS = 5 * 60_000;

const LABELS: Record<DeliveryStatus, { key: MessageKey; tone: BadgeTone }> = {
  queued: { key: 'delivery.status.queued', tone: 'neutral' },
  sending: { key: 'delivery.status.sending', tone: 'neutral' },
  processing: { key: 'delivery.status.processing', tone: 'neutral' },
  published: { key: 'delivery.status.published', tone: 'good' },
  failed: { key: 'delivery.status.failed', tone: 'bad' },
  unconfirmed: { key: 'delivery.status.unconfirmed', tone: 'warn' },
  cancelled: { key: 'delivery.status.cancelled', tone: 'neutral' },
};

export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useI18n();
  return <StatusBadge tone={LABELS[status].tone}>{t(LABELS[status].key)}</StatusBadge>;
}

function signature(list: readonly Delivery[]): string {
  return list.map((item) => `${item.id}:${item.status}`).join(',');
}

export function PostDeliveries({
  post,
  onPostChanged,
  onNotice,
}: {
  post: Post;
  /** The post's own status may follow a delivery's change; the page reloads it. */
  onPostChanged: () => void;
  onNotice: (message: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const load = useCallback(() => fetchDeliveries(post.id), [post.id]);
  const deliveries = useResource(load);
  const last = useRef<string | null>(null);
  const list = deliveries.resource.status === 'ready' ? deliveries.resource.data : [];
  const moving = post.status === 'publishing' || list.some((d) => MOVING_DELIVERIES.has(d.status));
  const { update } = deliveries;

  const { scheduledAt, status } = post;
  useEffect(() => {
    // A scheduled post close to its time is picked up by the scheduler within a minute: keep
    // asking so the page shows the start without a reload.
    const due =
      status === 'scheduled' &&
      scheduledAt !== null &&
      new Date(scheduledAt).getTime() - Date.now() < DUE_WINDOW_MS;
    if (!moving && !due) {
      return;
    }
    const timer = window.setInterval(() => {
      if (due) {
        onPostChanged();
      }
      fetchDeliveries(post.id).then(
        (next) => {
          update(() => next);
          const now = signature(next);
          // The post's own status settles just after its deliveries: ask until it has.
          const settled = !next.some((item) => MOVING_DELIVERIES.has(item.status));
          if ((last.current !== null && last.current !== now) || settled) {
            onPostChanged();
          }
          last.current = now;
        },
        () => {
          // A missed poll is retried by the next one.
        },
      );
    }, POLL_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [moving, status, scheduledAt, post.id, update, onPostChanged]);

  if (deliveries.resource.status === 'loading') {
    return <Loading />;
  }
  if (deliveries.resource.status === 'error') {
    return <LoadError error={deliveries.resource.error} onRetry={deliveries.reload} />;
  }
  if (list.length === 0) {
    return <Text size="sm">{t('delivery.none')}</Text>;
  }
  const mayAct = can(PERMISSIONS.postsPublish);
  return (
    <Stack gap="sm">
      {moving && <Text size="sm">{t('delivery.polling')}</Text>}
      {list.map((delivery) => {
        const target = post.targets.find((candidate) => candidate.channelId === delivery.channelId);
        return (
          <Paper
            key={delivery.id}
            withBorder
            p="sm"
            component="article"
            aria-labelledby={`delivery-${delivery.id}-name`}
          >
            <Stack gap="xs">
              <Text id={`delivery-${delivery.id}-name`} fw={600}>
                {delivery.channelName}
              </Text>
              <DetailList
                items={[
                  [t('delivery.status'), <DeliveryBadge key="s" status={delivery.status} />],
                  ...(delivery.url === null
                    ? []
                    : ([
                        [
                          t('delivery.link'),
                          <ExternalLink key="l" href={delivery.url}>
                            {t('delivery.open', { channel: delivery.channelName })}
                          </ExternalLink>,
                        ],
                      ] as const)),
                  ...(delivery.publishedAt === null
                    ? []
                    : ([
                        [t('delivery.publishedAt'), formatDateTime(delivery.publishedAt)],
                      ] as const)),
                  ...(delivery.failure === null || !SHOWS_REASON.has(delivery.status)
                    ? []
                    : ([
                        [
                          t('delivery.reason'),
                          delivery.failure.reason ?? t('delivery.reasonUnknown'),
                        ],
                      ] as const)),
                  ...(delivery.status === 'queued' && delivery.nextAttemptAt !== null
                    ? ([
                        [t('delivery.nextAttempt'), formatDateTime(delivery.nextAttemptAt)],
                      ] as const)
                    : []),
                  ...(delivery.attempts > 1
                    ? ([[t('delivery.attempts'), String(delivery.attempts)]] as const)
                    : []),
                ]}
              />
              {mayAct && (
                <DeliveryActions
                  delivery={delivery}
                  text={target?.effectiveText ?? ''}
                  onChanged={(saved, message) => {
                    deliveries.update((items) =>
                      items.map((item) => (item.id === saved.id ? saved : item)),
                    );
                    onNotice(message);
                    onPostChanged();
                  }}
                />
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
