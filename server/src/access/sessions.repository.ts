import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { AuthProvider } from '../shared/enum.ts';
import type { SessionRow, UserTokenRow } from './access.table.ts';
import type { TokenPurpose } from '../shared/enum.ts';

export async function insertSession(
  db: Kysely<Database>,
  row: {
    idHash: string;
    userId: string;
    csrfToken: string;
    authMethod: AuthProvider;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: row.idHash,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      auth_method: row.authMethod,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
}

export async function findSession(
  db: Kysely<Database>,
  idHash: string,
): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past their absolute or idle expiry. */
export async function deleteExpiredSessions(
  db: Kysely<Database>,
  now: Date,
  idleCutoff: Date,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertUserToken(
  db: Kysely<Database>,
  row: {
    hash: string;
    purpose: TokenPurpose;
    userId: string | null;
    createdBy: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto('user_tokens')
    .values({
      token_hash: row.hash,
      purpose: row.purpose,
      user_id: row.userId,
      created_by: row.createdBy,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** Marks a valid token used and returns it; undefined when unknown, used or expired. */
export async function consumeUserToken(
  db: Kysely<Database>,
  hash: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<UserTokenRow | undefined> {
  return db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteUnusedTokens(
  db: Kysely<Database>,
  filter: { purpose: TokenPurpose; userId?: string },
): Promise<void> {
  let q = db
    .deleteFrom('user_tokens')
    .where('purpose', '=', filter.purpose)
    .where('used_at', 'is', null);
  if (filter.userId !== undefined) {
    q = q.where('user_id', '=', filter.userId);
  }
  await q.execute();
}

export async function deleteStaleTokens(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('user_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
