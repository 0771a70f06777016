import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { ChannelRow } from '../registry/registry.table.ts';
import type {
  NewPlatformAppRow,
  OAuthFlowRow,
  OAuthFlowTable,
  PlatformAppRow,
} from './connections.table.ts';

export async function listPlatformAppRows(db: Kysely<Database>): Promise<PlatformAppRow[]> {
  return db
    .selectFrom('platform_apps')
    .selectAll()
    .orderBy('platform_key')
    .orderBy('base_url')
    .execute();
}

export async function findPlatformAppRow(
  db: Kysely<Database>,
  platformKey: string,
  baseUrl?: string,
): Promise<PlatformAppRow | undefined> {
  let q = db.selectFrom('platform_apps').selectAll().where('platform_key', '=', platformKey);
  if (baseUrl !== undefined) {
    q = q.where('base_url', '=', baseUrl);
  }
  // Newest first: for one-app platforms a replaced app wins over an older registration.
  return q.orderBy('updated_at', 'desc').executeTakeFirst();
}

export async function findPlatformAppById(
  db: Kysely<Database>,
  id: string,
): Promise<PlatformAppRow | undefined> {
  return db.selectFrom('platform_apps').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts or replaces the app for (platform, base URL). */
export async function upsertPlatformAppRow(
  db: Kysely<Database>,
  row: NewPlatformAppRow,
  now: Date,
): Promise<PlatformAppRow> {
  return db
    .insertInto('platform_apps')
    .values({ ...row, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['platform_key', 'base_url']).doUpdateSet({
        client_id: row.client_id,
        client_secret_encrypted: row.client_secret_encrypted ?? null,
        source: row.source,
        scopes: row.scopes ?? null,
        updated_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes every other app of a one-app platform after it was replaced. */
export async function deleteOtherPlatformApps(
  db: Kysely<Database>,
  platformKey: string,
  keepId: string,
): Promise<void> {
  await db
    .deleteFrom('platform_apps')
    .where('platform_key', '=', platformKey)
    .where('id', '!=', keepId)
    .execute();
}

export async function insertOAuthFlowRow(
  db: Kysely<Database>,
  row: Omit<OAuthFlowTable, 'created_at'> & { created_at: Date },
): Promise<void> {
  await db.insertInto('oauth_flows').values(row).execute();
}

/** Takes a flow out of the table: a state can be redeemed once. */
export async function takeOAuthFlowRow(
  db: Kysely<Database>,
  stateHash: string,
): Promise<OAuthFlowRow | undefined> {
  return db
    .deleteFrom('oauth_flows')
    .where('state_hash', '=', stateHash)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteExpiredOAuthFlows(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('oauth_flows')
    .where('expires_at', '<', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Connected channels whose token expires before `horizon` (index on token_expires_at). */
export async function listChannelsExpiringBefore(
  db: Kysely<Database>,
  horizon: Date,
): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .selectAll()
    .where('connection_status', '=', 'connected')
    .where('token_expires_at', 'is not', null)
    .where('token_expires_at', '<=', horizon)
    .orderBy('token_expires_at')
    .execute();
}
