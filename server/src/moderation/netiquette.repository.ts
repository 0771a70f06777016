import { sql } from 'kysely';
import type { Insertable, Kysely, Updateable } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type {
  ModerationTermRow,
  ModerationTermTable,
  NetiquetteRuleRow,
  NetiquetteRuleTable,
} from './netiquette.table.ts';

/** The Netiquette in its published order. */
export async function listRuleRows(db: Kysely<Database>): Promise<NetiquetteRuleRow[]> {
  return db.selectFrom('netiquette_rules').selectAll().orderBy('position').orderBy('id').execute();
}

export async function listTermRows(db: Kysely<Database>): Promise<ModerationTermRow[]> {
  return db.selectFrom('moderation_terms').selectAll().orderBy('rule_id').orderBy('term').execute();
}

export async function findRuleRow(
  db: Kysely<Database>,
  id: string,
): Promise<NetiquetteRuleRow | undefined> {
  return db.selectFrom('netiquette_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRuleRow(
  db: Kysely<Database>,
  row: Insertable<NetiquetteRuleTable>,
): Promise<NetiquetteRuleRow> {
  return db.insertInto('netiquette_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRuleRow(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<NetiquetteRuleTable>,
): Promise<NetiquetteRuleRow | undefined> {
  return db
    .updateTable('netiquette_rules')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRuleRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('netiquette_rules').where('id', '=', id).execute();
}

export async function nextRulePosition(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('netiquette_rules')
    .select(sql<number>`coalesce(max(position), -1) + 1`.as('next'))
    .executeTakeFirstOrThrow();
  return row.next;
}

export async function setRulePosition(
  db: Kysely<Database>,
  id: string,
  position: number,
): Promise<void> {
  await db.updateTable('netiquette_rules').set({ position }).where('id', '=', id).execute();
}

/** Whether any item, action or word-list entry cites the rule: then it must stay. */
export async function ruleIsCited(db: Kysely<Database>, id: string): Promise<boolean> {
  const cited = await sql<{ cited: boolean }>`
    SELECT EXISTS (SELECT 1 FROM inbox_items WHERE verdict_rule_id = ${id} OR hidden_rule_id = ${id})
        OR EXISTS (SELECT 1 FROM inbox_actions WHERE rule_id = ${id})
        OR EXISTS (SELECT 1 FROM moderation_terms WHERE rule_id = ${id}) AS cited`.execute(db);
  return cited.rows[0]?.cited === true;
}

export async function insertTermRow(
  db: Kysely<Database>,
  row: Insertable<ModerationTermTable>,
): Promise<ModerationTermRow | undefined> {
  return db
    .insertInto('moderation_terms')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'term']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function deleteTermRow(
  db: Kysely<Database>,
  id: string,
): Promise<ModerationTermRow | undefined> {
  return db.deleteFrom('moderation_terms').where('id', '=', id).returningAll().executeTakeFirst();
}
