import type { Kysely, Updateable } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type {
  CrisisFeedRow,
  CrisisIncidentRow,
  CrisisMessageRow,
  CrisisPostRow,
  CrisisSettingsRow,
  CrisisSettingsTable,
  NewCrisisIncidentRow,
} from './crisis.table.ts';

export async function findSettingsRow(db: Kysely<Database>): Promise<CrisisSettingsRow> {
  return db.selectFrom('crisis_settings').selectAll().executeTakeFirstOrThrow();
}

export async function updateSettingsRow(
  db: Kysely<Database>,
  values: Updateable<CrisisSettingsTable>,
): Promise<CrisisSettingsRow> {
  return db.updateTable('crisis_settings').set(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The incident one of these identifiers belongs to. Matched on the identifier alone: sources
 * write the referenced sender differently (station id vs. address) or not at all.
 */
export async function findIncidentIdByIdentifiers(
  db: Kysely<Database>,
  identifiers: readonly string[],
): Promise<string | undefined> {
  if (identifiers.length === 0) {
    return undefined;
  }
  const row = await db
    .selectFrom('crisis_messages')
    .select('incident_id')
    .where('identifier', 'in', [...identifiers])
    .where('incident_id', 'is not', null)
    .orderBy('sent', 'desc')
    .executeTakeFirst();
  return row?.incident_id ?? undefined;
}

export async function insertMessageRow(
  db: Kysely<Database>,
  row: Omit<CrisisMessageRow, 'id' | 'received_at' | 'warning'> & { warning: string },
): Promise<CrisisMessageRow | undefined> {
  return db
    .insertInto('crisis_messages')
    .values(row)
    .onConflict((oc) => oc.columns(['sender', 'identifier']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function insertIncidentRow(
  db: Kysely<Database>,
  row: NewCrisisIncidentRow,
): Promise<CrisisIncidentRow> {
  return db.insertInto('crisis_incidents').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findIncidentRow(
  db: Kysely<Database>,
  id: string,
): Promise<CrisisIncidentRow | undefined> {
  return db.selectFrom('crisis_incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockIncidentRow(
  db: Kysely<Database>,
  id: string,
): Promise<CrisisIncidentRow | undefined> {
  return db
    .selectFrom('crisis_incidents')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateIncidentRow(
  db: Kysely<Database>,
  id: string,
  values: Partial<Omit<CrisisIncidentRow, 'id' | 'created_at'>>,
): Promise<CrisisIncidentRow> {
  return db
    .updateTable('crisis_incidents')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listIncidentRows(
  db: Kysely<Database>,
  filter: { state?: 'active' | 'ended'; limit: number },
): Promise<CrisisIncidentRow[]> {
  let query = db.selectFrom('crisis_incidents').selectAll();
  if (filter.state !== undefined) {
    query = query.where('state', '=', filter.state);
  }
  return query.orderBy('started_at', 'desc').limit(filter.limit).execute();
}

export async function listMessageRowsOfIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<CrisisMessageRow[]> {
  return db
    .selectFrom('crisis_messages')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('sent', 'asc')
    .execute();
}

export async function latestMessageRowOfIncident(
  db: Kysely<Database>,
  incidentId: string,
): Promise<CrisisMessageRow | undefined> {
  return db
    .selectFrom('crisis_messages')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('sent', 'desc')
    .executeTakeFirst();
}

export async function insertCrisisPostRow(
  db: Kysely<Database>,
  row: Omit<CrisisPostRow, 'created_at' | 'published_version'> & { created_at: Date },
): Promise<void> {
  await db.insertInto('crisis_posts').values(row).execute();
}

export async function findCrisisPostRow(
  db: Kysely<Database>,
  postId: string,
): Promise<CrisisPostRow | undefined> {
  return db.selectFrom('crisis_posts').selectAll().where('post_id', '=', postId).executeTakeFirst();
}

export async function listCrisisPostRows(
  db: Kysely<Database>,
  incidentId: string,
): Promise<CrisisPostRow[]> {
  return db
    .selectFrom('crisis_posts')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_at', 'asc')
    .execute();
}

/** Drafts of an incident still waiting for approval: replaced when a newer message arrives. */
export async function listOpenDraftPostIds(
  db: Kysely<Database>,
  incidentId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('crisis_posts')
    .innerJoin('posts', 'posts.id', 'crisis_posts.post_id')
    .select('posts.id')
    .where('crisis_posts.incident_id', '=', incidentId)
    .where('posts.status', 'in', ['draft', 'in-review'])
    .execute();
  return rows.map((row) => row.id);
}

export async function setPublishedVersion(
  db: Kysely<Database>,
  postId: string,
  version: number,
): Promise<void> {
  await db
    .updateTable('crisis_posts')
    .set({ published_version: version })
    .where('post_id', '=', postId)
    .execute();
}

export async function maxPublishedVersion(
  db: Kysely<Database>,
  incidentId: string,
): Promise<number> {
  const row = await db
    .selectFrom('crisis_posts')
    .select((eb) => eb.fn.max('published_version').as('version'))
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
  return row?.version ?? 0;
}

export async function listFeedRows(db: Kysely<Database>): Promise<CrisisFeedRow[]> {
  return db.selectFrom('crisis_feeds').selectAll().orderBy('created_at', 'asc').execute();
}

export async function findFeedRow(
  db: Kysely<Database>,
  id: string,
): Promise<CrisisFeedRow | undefined> {
  return db.selectFrom('crisis_feeds').selectAll().where('id', '=', id).executeTakeFirst();
}
