import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';

/** The inbox items a case links to: copying from them, linking them, replying under them. */

export async function findInboxItemForCase(db: Kysely<Database>, itemId: string) {
  return db
    .selectFrom('inbox_items')
    .innerJoin('channels', 'channels.id', 'inbox_items.channel_id')
    .select([
      'inbox_items.id',
      'inbox_items.channel_id',
      'inbox_items.platform',
      'inbox_items.kind',
      'inbox_items.visibility',
      'inbox_items.author_handle',
      'inbox_items.author_name',
      'inbox_items.text',
      'inbox_items.case_id',
      'channels.org_unit_id as channel_org_unit_id',
    ])
    .where('inbox_items.id', '=', itemId)
    .forUpdate()
    .executeTakeFirst();
}

export async function linkInboxItemRow(
  db: Kysely<Database>,
  itemId: string,
  caseId: string,
  actorId: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('inbox_items')
    .set({ case_id: caseId, updated_at: now })
    .where('id', '=', itemId)
    .execute();
  await db
    .insertInto('inbox_actions')
    .values({
      item_id: itemId,
      action: 'case',
      actor_kind: 'user',
      actor_id: actorId,
      rule_id: null,
      reason: null,
      detail: JSON.stringify({ caseId }),
      created_at: now,
    })
    .execute();
}

export async function listLinkedInboxItems(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('inbox_items')
    .select(['id', 'platform', 'kind', 'visibility', 'received_at'])
    .where('case_id', '=', caseId)
    .orderBy('received_at')
    .execute();
}

/** The newest linked inbox item still present upstream: where a platform reply goes. */
export async function findLatestReplyTarget(db: Kysely<Database>, caseId: string) {
  return db
    .selectFrom('inbox_items')
    .select(['channel_id', 'external_id'])
    .where('case_id', '=', caseId)
    .where('deleted_upstream_at', 'is', null)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
