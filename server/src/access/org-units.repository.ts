import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { NewOrgUnitRow, OrgUnitRow } from './access.table.ts';

export async function listOrgUnitRows(db: Kysely<Database>): Promise<OrgUnitRow[]> {
  return db.selectFrom('org_units').selectAll().orderBy('name').execute();
}

export async function findOrgUnitRow(
  db: Kysely<Database>,
  id: string,
): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgUnitByCode(
  db: Kysely<Database>,
  code: string,
): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRootOrgUnit(db: Kysely<Database>): Promise<OrgUnitRow | undefined> {
  return db.selectFrom('org_units').selectAll().where('parent_id', 'is', null).executeTakeFirst();
}

export async function insertOrgUnitRow(
  db: Kysely<Database>,
  row: NewOrgUnitRow,
): Promise<OrgUnitRow> {
  return db.insertInto('org_units').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrgUnitRow(
  db: Kysely<Database>,
  id: string,
  patch: { name?: string | undefined; parent_id?: string | undefined },
): Promise<OrgUnitRow | undefined> {
  const changes = Object.fromEntries(
    Object.entries(patch as Record<string, unknown>).filter(([, value]) => value !== undefined),
  );
  // Guard: `UPDATE … SET` with nothing to set is invalid SQL.
  if (Object.keys(changes).length === 0) {
    return findOrgUnitRow(db, id);
  }
  return db
    .updateTable('org_units')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function countOrgUnits(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('org_units')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
