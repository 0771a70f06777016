import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { PlatformError } from '../platforms/connector.ts';
import { PLATFORM_CATALOGUE } from '../platforms/platforms.catalogue.ts';
import type { EncryptionKey } from '../shared/crypto.ts';

/** Platforms whose connector can pin (Mastodon today); pins are only tried there. */
const PIN_PLATFORMS = PLATFORM_CATALOGUE.filter((entry) => entry.capabilities.has('pin')).map(
  (entry) => entry.key,
);

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
