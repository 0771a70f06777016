import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { toMediaRow } from './media.table.ts';
import type { MediaRow, NewMediaRow } from './media.table.ts';

export async function insertMediaRow(db: Kysely<Database>, row: NewMediaRow): Promise<MediaRow> {
  const inserted = await db
    .insertInto('media')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMediaRow(inserted);
}

export async function findMediaRow(
  db: Kysely<Database>,
  id: string,
): Promise<MediaRow | undefined> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toMediaRow(row);
}

/** The rows for `ids`, in the order of `ids`; unknown ids are left out. */
export async function findMediaRows(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<MediaRow[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((row) => [row.id, toMediaRow(row)]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row === undefined ? [] : [row];
  });
}

export async function updateMediaAltText(
  db: Kysely<Database>,
  id: string,
  altText: string | null,
): Promise<MediaRow | undefined> {
  const row = await db
    .updateTable('media')
    .set({ alt_text: altText })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? undefined : toMediaRow(row);
}
