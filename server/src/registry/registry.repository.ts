import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type {
  ChannelRow,
  ChannelUpdate,
  NewChannelRow,
  NewPlatformRow,
  PlatformRow,
  PlatformUpdate,
  RegistryRevisionRow,
} from './registry.table.ts';
import type { OrganisationProfile } from './registry.schema.ts';

export async function findOrganisationProfile(
  db: Kysely<Database>,
): Promise<OrganisationProfile | undefined> {
  const row = await db.selectFrom('organisation_profile').select('profile').executeTakeFirst();
  return row?.profile;
}

export async function upsertOrganisationProfile(
  db: Kysely<Database>,
  profile: OrganisationProfile,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(profile);
  await db
    .insertInto('organisation_profile')
    .values({ profile: json })
    .onConflict((oc) => oc.column('id').doUpdateSet({ profile: json, updated_at: now }))
    .execute();
}

export async function listPlatformRows(db: Kysely<Database>): Promise<PlatformRow[]> {
  return db.selectFrom('platforms').selectAll().orderBy('name').execute();
}

export async function findPlatformRow(
  db: Kysely<Database>,
  by: { id: string } | { key: string },
): Promise<PlatformRow | undefined> {
  const q = db.selectFrom('platforms').selectAll();
  return ('id' in by ? q.where('id', '=', by.id) : q.where('key', '=', by.key)).executeTakeFirst();
}

export async function insertPlatformRow(
  db: Kysely<Database>,
  row: NewPlatformRow,
): Promise<PlatformRow> {
  return db.insertInto('platforms').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatePlatformRow(
  db: Kysely<Database>,
  id: string,
  patch: PlatformUpdate,
): Promise<PlatformRow | undefined> {
  return db
    .updateTable('platforms')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * A reader's visible subset: channels owned by one of `orgUnitIds` (a unit's subtree) or listed
 * in `channelIds` (an agency's assignments). Both empty means nothing is visible.
 */
export interface ChannelFilter {
  readonly orgUnitIds: readonly string[];
  readonly channelIds: readonly string[];
}

export async function listChannelRows(
  db: Kysely<Database>,
  scope: ChannelFilter | 'all' = 'all',
  platformId?: string,
): Promise<ChannelRow[]> {
  let q = db.selectFrom('channels').selectAll();
  if (scope !== 'all') {
    const { orgUnitIds, channelIds } = scope;
    // Guard: `IN ()` is invalid SQL, and an empty scope sees nothing.
    if (orgUnitIds.length === 0 && channelIds.length === 0) {
      return [];
    }
    q = q.where((eb) =>
      eb.or([
        ...(orgUnitIds.length > 0 ? [eb('org_unit_id', 'in', orgUnitIds)] : []),
        ...(channelIds.length > 0 ? [eb('id', 'in', channelIds)] : []),
      ]),
    );
  }
  if (platformId !== undefined) {
    q = q.where('platform_id', '=', platformId);
  }
  return q.orderBy('name').execute();
}

export async function findChannelRow(
  db: Kysely<Database>,
  id: string,
): Promise<ChannelRow | undefined> {
  return db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertChannelRow(
  db: Kysely<Database>,
  row: NewChannelRow,
): Promise<ChannelRow> {
  return db.insertInto('channels').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateChannelRow(
  db: Kysely<Database>,
  id: string,
  patch: ChannelUpdate,
): Promise<ChannelRow | undefined> {
  return db
    .updateTable('channels')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function insertRevision(
  db: Kysely<Database>,
  revision: {
    objectType: string;
    objectId: string;
    actorId: string | null;
    snapshot: unknown;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('registry_revisions')
    .values({
      object_type: revision.objectType,
      object_id: revision.objectId,
      actor_id: revision.actorId,
      changed_at: revision.now,
      snapshot: JSON.stringify(revision.snapshot),
    })
    .execute();
}

export async function listRevisionRows(
  db: Kysely<Database>,
  objectType: string,
  objectId: string,
): Promise<(RegistryRevisionRow & { actor_name: string | null })[]> {
  return db
    .selectFrom('registry_revisions')
    .leftJoin('users', 'users.id', 'registry_revisions.actor_id')
    .selectAll('registry_revisions')
    .select('users.display_name as actor_name')
    .where('object_type', '=', objectType)
    .where('object_id', '=', objectId)
    .orderBy('registry_revisions.id', 'desc')
    .execute();
}
