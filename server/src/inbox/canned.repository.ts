import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { CannedAnswerRow } from './inbox.table.ts';

export async function listCannedRows(db: Kysely<Database>): Promise<CannedAnswerRow[]> {
  return db.selectFrom('canned_answers').selectAll().orderBy('language').orderBy('title').execute();
}

export async function countCannedRows(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('canned_answers')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Undefined when the title is taken (titles are unique). */
export async function insertCannedRow(
  db: Kysely<Database>,
  row: { title: string; text: string; language: 'de' | 'en'; updatedBy: string | null },
): Promise<CannedAnswerRow | undefined> {
  return db
    .insertInto('canned_answers')
    .values({
      title: row.title,
      text: row.text,
      language: row.language,
      updated_by: row.updatedBy,
    })
    .onConflict((oc) => oc.column('title').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function updateCannedRow(
  db: Kysely<Database>,
  id: string,
  row: { title: string; text: string; language: 'de' | 'en'; updatedBy: string | null },
): Promise<CannedAnswerRow | undefined> {
  return db
    .updateTable('canned_answers')
    .set({
      title: row.title,
      text: row.text,
      language: row.language,
      updated_by: row.updatedBy,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function findCannedByTitle(
  db: Kysely<Database>,
  title: string,
): Promise<CannedAnswerRow | undefined> {
  return db.selectFrom('canned_answers').selectAll().where('title', '=', title).executeTakeFirst();
}

export async function deleteCannedRow(db: Kysely<Database>, id: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('canned_answers')
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return deleted !== undefined;
}
