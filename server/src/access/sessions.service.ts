import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { AuthProvider } from '../shared/enum.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  deleteStaleTokens,
  findSession,
  insertSession,
  touchSession,
} from './sessions.repository.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import { loadUser } from './users.service.ts';
import type { User } from './users.schema.ts';

export interface SessionSettings {
  readonly idleMinutes: number;
  readonly absoluteHours: number;
}

export interface ActiveSession {
  readonly idHash: string;
  readonly csrfToken: string;
  readonly user: User;
}

// Writing last_seen_at on every request would turn each read into a write.
const TOUCH_INTERVAL_MS = 60_000;

/** Starts a server-side session; the returned token goes into the cookie, only its hash is stored. */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  authMethod: AuthProvider,
  settings: SessionSettings,
  now: Date = new Date(),
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken();
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
  await insertSession(db, { idHash: hash, userId, csrfToken, authMethod, now, expiresAt });
  return { token, csrfToken, expiresAt };
}

/** The session behind a cookie token, if it is within both its idle and absolute expiry. */
export async function resolveSession(
  db: Kysely<Database>,
  token: string,
  settings: SessionSettings,
  now: Date = new Date(),
): Promise<ActiveSession | undefined> {
  const idHash = hashToken(token);
  const row = await findSession(db, idHash);
  if (row === undefined) {
    return undefined;
  }
  const idleDeadline = row.last_seen_at.getTime() + settings.idleMinutes * 60_000;
  if (row.expires_at.getTime() <= now.getTime() || idleDeadline <= now.getTime()) {
    await deleteSession(db, idHash);
    return undefined;
  }
  const user = await loadUser(db, row.user_id);
  if (user === undefined || user.disabled) {
    await deleteSession(db, idHash);
    return undefined;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(db, idHash, now);
  }
  return { idHash, csrfToken: row.csrf_token, user };
}

export async function endSession(db: Kysely<Database>, idHash: string): Promise<void> {
  await deleteSession(db, idHash);
}

export async function endAllSessions(db: Kysely<Database>, userId: string): Promise<number> {
  return deleteSessionsOfUser(db, userId);
}

/** Housekeeping for the hourly job: expired sessions and spent or expired links. */
export async function purgeExpired(
  db: Kysely<Database>,
  settings: SessionSettings,
  now: Date = new Date(),
): Promise<{ sessions: number; tokens: number }> {
  const idleCutoff = new Date(now.getTime() - settings.idleMinutes * 60_000);
  const sessions = await deleteExpiredSessions(db, now, idleCutoff);
  const tokens = await deleteStaleTokens(db, now);
  return { sessions, tokens };
}
