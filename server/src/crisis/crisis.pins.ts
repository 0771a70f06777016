import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { channelConnector, channelConnectors } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { PlatformError } from '../platforms/connector.ts';
import { PLATFORM_CATALOGUE } from '../platforms/platforms.catalogue.ts';
import type { DeliveryContext } from '../publishing/outbox.delivery.ts';
import type { DeliveryResult } from '../publishing/outbox.outcome.ts';
import { CLAIM_TOLERANCE_MS, deliverItem } from '../publishing/outbox.delivery.ts';
import { claimOutboxItemRows } from '../publishing/outbox.repository.ts';
import { contentsForPost } from '../publishing/posts.content.ts';
import { enqueueDelivery } from '../publishing/outbox.service.ts';
import { listChannelsWithPlatform } from '../publishing/posts.repository.ts';
import { isManualPlatform } from '../platforms/xing/xing.descriptor.ts';
import type { OutboxItemRow } from '../publishing/outbox.table.ts';
import type { EncryptionKey } from '../shared/crypto.ts';

/**
 * An attempt that threw goes to the queue a little later. A process that dies mid-send leaves
 * its items `queued` or `sending`: the scheduler's sweep hands those to the queue again.
 */
const QUEUE_SAFETY_DELAY_MS = 15_000;

/** Platforms whose connector can pin (Mastodon today); pins are only tried there. */
const PIN_PLATFORMS = PLATFORM_CATALOGUE.filter((entry) => entry.capabilities.has('pin')).map(
  (entry) => entry.key,
);

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

export interface PinChanges {
  readonly pinned: number;
  readonly unpinned: number;
  readonly failed: number;
}

/**
 * Pins the first published warning post of every active incident where the platform can pin
 * (Mastodon), and unpins it once the incident ended and nothing of it awaits delivery (the
 * all-clear went out, or there is none). Safe to run any time: it only closes differences.
 */
export async function reconcilePins(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  timeoutMs: number,
  now: Date,
  log: Pick<Logger, 'warn'>,
): Promise<PinChanges> {
  let pinned = 0;
  let unpinned = 0;
  let failed = 0;
  const toPin = await db
    .selectFrom('crisis_posts')
    .innerJoin('crisis_incidents', 'crisis_incidents.id', 'crisis_posts.incident_id')
    .innerJoin('outbox_items', 'outbox_items.post_id', 'crisis_posts.post_id')
    .innerJoin('channels', 'channels.id', 'outbox_items.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .where('platforms.key', 'in', PIN_PLATFORMS.length === 0 ? [''] : PIN_PLATFORMS)
    .select(['crisis_posts.incident_id', 'outbox_items.channel_id', 'outbox_items.external_id'])
    .where('crisis_incidents.state', '=', 'active')
    .where('crisis_incidents.status', '=', 'Actual')
    .where('crisis_posts.kind', '=', 'alert')
    .where('outbox_items.status', '=', 'published')
    .where('outbox_items.external_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('crisis_pins')
            .select('crisis_pins.channel_id')
            .whereRef('crisis_pins.incident_id', '=', 'crisis_posts.incident_id')
            .whereRef('crisis_pins.channel_id', '=', 'outbox_items.channel_id'),
        ),
      ),
    )
    .execute();
  // One pin per channel, all at once: a slow instance must not hold the others back.
  const pinResults = await Promise.all(
    toPin.map(async (row) => {
      const result = await setPin(db, keys, timeoutMs, row.channel_id, row.external_id ?? '', true);
      if (result === 'done') {
        await db
          .insertInto('crisis_pins')
          .values({
            incident_id: row.incident_id,
            channel_id: row.channel_id,
            external_id: row.external_id ?? '',
            pinned_at: now,
            unpinned_at: null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      return result;
    }),
  );
  pinned += pinResults.filter((r) => r === 'done').length;
  failed += pinResults.filter((r) => r === 'failed').length;
  const toUnpin = await db
    .selectFrom('crisis_pins')
    .innerJoin('crisis_incidents', 'crisis_incidents.id', 'crisis_pins.incident_id')
    .select(['crisis_pins.incident_id', 'crisis_pins.channel_id', 'crisis_pins.external_id'])
    .where('crisis_pins.unpinned_at', 'is', null)
    .where('crisis_incidents.state', '=', 'ended')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('crisis_posts')
            .innerJoin('posts', 'posts.id', 'crisis_posts.post_id')
            .select('posts.id')
            .whereRef('crisis_posts.incident_id', '=', 'crisis_pins.incident_id')
            .where('posts.status', 'in', ['in-review', 'approved', 'scheduled', 'publishing']),
        ),
      ),
    )
    .execute();
  const unpinResults = await Promise.all(
    toUnpin.map(async (row) => {
      const result = await setPin(db, keys, timeoutMs, row.channel_id, row.external_id, false);
      if (result !== 'failed') {
        await db
          .updateTable('crisis_pins')
          .set({ unpinned_at: now })
          .where('incident_id', '=', row.incident_id)
          .where('channel_id', '=', row.channel_id)
          .where('external_id', '=', row.external_id)
          .execute();
      }
      return result;
    }),
  );
  unpinned += unpinResults.filter((r) => r !== 'failed').length;
  failed += unpinResults.filter((r) => r === 'failed').length;
  if (failed > 0) {
    log.warn(
      { code: 'crisis_pin_failed', failed },
      'some pins could not be changed; retried later',
    );
  }
  return { pinned, unpinned, failed };
}

async function setPin(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  timeoutMs: number,
  channelId: string,
  externalId: string,
  pin: boolean,
): Promise<'done' | 'unsupported' | 'failed'> {
  try {
    const channel = await channelConnector(db, channelId, keys, timeoutMs);
    const { connector } = channel;
    if (!connector.capabilities.has('pin') || connector.pinPost === undefined) {
      return 'unsupported';
    }
    await connector.pinPost(channel.auth, externalId, pin);
    return 'done';
  } catch (error) {
    if (error instanceof PlatformError || error instanceof Error) {
      return 'failed';
    }
    throw error;
  }
}
