import { channelConnectors } from '../connections/connections.target.ts';
import { isManualPlatform } from '../platforms/xing/xing.descriptor.ts';
import type { DeliveryContext } from '../publishing/outbox.delivery.ts';
import { CLAIM_TOLERANCE_MS, deliverItem } from '../publishing/outbox.delivery.ts';
import type { DeliveryResult } from '../publishing/outbox.outcome.ts';
import { claimOutboxItemRows } from '../publishing/outbox.repository.ts';
import { enqueueDelivery } from '../publishing/outbox.service.ts';
import type { OutboxItemRow } from '../publishing/outbox.table.ts';
import { contentsForPost } from '../publishing/posts.content.ts';
import { listChannelsWithPlatform } from '../publishing/posts.repository.ts';
import { reconcilePins } from './crisis.pins.ts';

/**
 * An attempt that threw goes to the queue a little later. A process that dies mid-send leaves
 * its items `queued` or `sending`: the scheduler's sweep hands those to the queue again.
 */
const QUEUE_SAFETY_DELAY_MS = 15_000;

/**
 * Delivers a released warning at once, every channel in parallel, X and Mastodon started first;
 * retries go through the priority lane of the queue, and a claim makes sure each item is sent
 * once. Pins follow when all attempts returned.
 */
export async function dispatchNow(
  ctx: DeliveryContext,
  items: readonly OutboxItemRow[],
): Promise<DeliveryResult[]> {
  // Claimed and prepared in a handful of statements, so the first write leaves at once.
  const claimed = orderLike(
    items,
    await claimOutboxItemRows(
      ctx.db,
      items.map((item) => item.id),
      ctx.now(),
      CLAIM_TOLERANCE_MS,
    ),
  );
  const channels = await channelConnectors(
    ctx.db,
    claimed.map((item) => item.channel_id),
    ctx.keys,
    ctx.timeoutMs,
  );
  const manual = new Set(
    (
      await listChannelsWithPlatform(
        ctx.db,
        claimed.map((item) => item.channel_id),
      )
    )
      .filter((channel) => isManualPlatform(channel.platform_key))
      .map((channel) => channel.channel_id),
  );
  const postIds = [...new Set(claimed.map((item) => item.post_id))];
  const contents = new Map(
    await Promise.all(
      postIds.map(async (postId) => [postId, await contentsForPost(ctx.db, postId)] as const),
    ),
  );
  const results = await Promise.all(
    claimed.map(async (item) => {
      const channel = channels.get(item.channel_id);
      const preloaded =
        channel === undefined
          ? undefined
          : {
              item,
              channel,
              content: contents.get(item.post_id)?.get(item.channel_id),
              manual: manual.has(item.channel_id),
            };
      try {
        return await deliverItem(ctx, item.id, preloaded);
      } catch (error) {
        ctx.log.warn(
          { code: 'crisis_dispatch_failed', itemId: item.id, errorName: (error as Error).name },
          'crisis delivery left to the queue',
        );
        // Left to the queue: a little later, so a half-finished attempt can settle first.
        await enqueueDelivery(
          ctx.jobs,
          item,
          new Date(ctx.now().getTime() + QUEUE_SAFETY_DELAY_MS),
        );
        return 'skipped' as const;
      }
    }),
  );
  await reconcilePins(ctx.db, ctx.keys, ctx.timeoutMs, ctx.now(), ctx.log);
  return results;
}

/** The claimed items in the dispatch order of the released ones (X and Mastodon first). */
function orderLike(
  order: readonly OutboxItemRow[],
  claimed: readonly OutboxItemRow[],
): OutboxItemRow[] {
  const rank = new Map(order.map((item, index) => [item.id, index]));
  return [...claimed].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
}
