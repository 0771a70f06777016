import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';

/**
 * Done items whose processing ended before the cutoff and that still hold personal data: not a
 * case (cases keep their own clock), no open appeal. Walks `inbox_items_retention`, so the cost
 * follows the expired items, not all items.
 */
export async function findExpiredItems(
  db: Kysely<Database>,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; visibility: 'public' | 'private' }[]> {
  return db
    .selectFrom('inbox_items')
    .select(['id', 'visibility'])
    .where('status', '=', 'done')
    .where('case_id', 'is', null)
    .where('author_handle', '<>', '')
    .where('updated_at', '<', cutoff)
    .where('appeal_open', '=', false)
    .orderBy('updated_at')
    .limit(limit)
    .execute();
}

/** Direct messages go entirely, with their notes, replies and actions (cascade). */
export async function deleteItems(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const rows = await db
    .deleteFrom('inbox_items')
    .where('id', 'in', [...ids])
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * Public comments stay on the platform; our copy keeps the moderation skeleton (verdict, rule,
 * action names and who decided) and loses author, text, notes, reply texts and free-text reasons.
 */
export async function blankItems(db: Kysely<Database>, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const itemIds = [...ids];
  await db.deleteFrom('inbox_notes').where('item_id', 'in', itemIds).execute();
  await db.updateTable('inbox_replies').set({ text: '' }).where('item_id', 'in', itemIds).execute();
  await db
    .updateTable('inbox_actions')
    .set({ reason: null, detail: sql<string>`NULL` })
    .where('item_id', 'in', itemIds)
    .execute();
  const rows = await db
    .updateTable('inbox_items')
    .set({
      author_handle: '',
      author_name: null,
      text: '',
      personal_data: [],
      verdict_reasons: '[]',
    })
    .where('id', 'in', itemIds)
    .returning('id')
    .execute();
  return rows.length;
}
