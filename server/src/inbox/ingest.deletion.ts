import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { inboxEvents } from './inbox.events.ts';
import { insertActionRows, markItemDeletedUpstream } from './ingest.repository.ts';
import { publishAll } from './ingest.service.ts';
import type { IngestDeps } from './ingest.service.ts';

/**
 * A comment removed at the platform: the item stays (it may be evidence or an open inquiry) and
 * is marked; unknown comments are ignored. True when an item was marked.
 */
export async function ingestDeletion(
  db: Kysely<Database>,
  platform: string,
  externalId: string,
  deps: Pick<IngestDeps, 'now' | 'events'>,
): Promise<boolean> {
  const at = deps.now();
  const marked = await db.transaction().execute(async (trx) => {
    const row = await markItemDeletedUpstream(trx, platform, externalId, at);
    if (row !== undefined) {
      await insertActionRows(trx, [
        {
          item_id: row.id,
          action: 'deleted-upstream',
          actor_kind: 'system',
          rule_id: null,
          reason: null,
          detail: null,
          created_at: at,
        },
      ]);
    }
    return row;
  });
  if (marked === undefined) {
    return false;
  }
  publishAll(deps.events ?? inboxEvents, [
    { type: 'item-updated', itemId: marked.id, channelId: marked.channel_id },
  ]);
  return true;
}
