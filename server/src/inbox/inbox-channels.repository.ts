import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';

/** Channels with their platform key, inbox policy and polling state. */
export async function listInboxChannelRows(db: Kysely<Database>, channelId?: string) {
  let query = db
    .selectFrom('channels as c')
    .innerJoin('platforms as p', 'p.id', 'c.platform_id')
    .leftJoin('inbox_channel_settings as s', 's.channel_id', 'c.id')
    .leftJoin('inbox_cursors as k', 'k.channel_id', 'c.id')
    .select([
      'c.id as channel_id',
      'c.name as channel_name',
      'c.org_unit_id',
      'p.key as platform',
      's.policy',
      'k.last_polled_at',
      'k.last_ok_at',
      'k.last_error',
    ])
    .orderBy('c.name');
  if (channelId !== undefined) {
    query = query.where('c.id', '=', channelId);
  }
  return query.execute();
}

export async function upsertChannelPolicy(
  db: Kysely<Database>,
  channelId: string,
  policy: 'suggest' | 'auto-hide',
  userId: string | null,
): Promise<void> {
  await db
    .insertInto('inbox_channel_settings')
    .values({ channel_id: channelId, policy, updated_by: userId })
    .onConflict((oc) =>
      oc.column('channel_id').doUpdateSet({ policy, updated_by: userId, updated_at: sql`now()` }),
    )
    .execute();
}

export async function findChannelOrgUnit(
  db: Kysely<Database>,
  channelId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('channels')
    .select('org_unit_id')
    .where('id', '=', channelId)
    .executeTakeFirst();
  return row?.org_unit_id;
}

/** Whom an item is assigned to, person and unit: they widen who may see it. */
export async function findItemAssignment(
  db: Kysely<Database>,
  itemId: string,
): Promise<{ org_unit_id: string | null; assignee_id: string | null } | undefined> {
  return db
    .selectFrom('inbox_items')
    .select(['org_unit_id', 'assignee_id'])
    .where('id', '=', itemId)
    .executeTakeFirst();
}
