import type { Kysely } from 'kysely';

import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import type { Actor } from './actor.ts';
import { findRootOrgUnit } from './org-units.repository.ts';
import { burnVerificationTime, hashPassword, verifyPassword } from './passwords.ts';
import { consumeUserToken, deleteUnusedTokens, insertUserToken } from './sessions.repository.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import {
  countUsers,
  findUserByEmail,
  findUserRow,
  insertUserRow,
  replaceUserRoles,
  updateUserRow,
} from './users.repository.ts';
import type { SetupInput } from './auth.schema.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const SETUP_VALID_HOURS = 24;

/**
 * Checks e-mail and password. Five failures lock the account for fifteen minutes; an unknown
 * e-mail takes as long as a wrong password, so the answer does not reveal which accounts exist.
 */
export async function verifyLogin(
  db: Kysely<Database>,
  email: string,
  password: string,
  correlationId: string | null,
  now: Date = new Date(),
): Promise<string> {
  const user = await findUserByEmail(db, email.trim());
  if (
    user === undefined ||
    user.password_hash === null ||
    user.disabled ||
    user.auth_provider !== 'local'
  ) {
    await burnVerificationTime(password);
    throw new AppError('invalid_credentials');
  }
  if (user.locked_until !== null && user.locked_until.getTime() > now.getTime()) {
    throw new AppError('login_locked');
  }
  const actor = { userId: user.id, role: null, correlationId };
  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_login_count + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, user.id, {
        failed_login_count: lock ? 0 : failures,
        locked_until: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          objectType: 'user',
          objectId: user.id,
          summary: lock
            ? `Konto nach ${MAX_FAILED_LOGINS} Fehlversuchen für ${LOCKOUT_MINUTES} Minuten gesperrt`
            : `Anmeldung fehlgeschlagen (Versuch ${failures})`,
        },
        now,
      );
    });
    throw new AppError(lock ? 'login_locked' : 'invalid_credentials');
  }
  await recordLogin(db, actor, 'local', now);
  return user.id;
}

export async function recordLogin(
  db: Kysely<Database>,
  actor: Actor & { userId: string },
  method: 'local' | 'oidc',
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateUserRow(trx, actor.userId, {
      failed_login_count: 0,
      locked_until: null,
      last_login_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: actor.userId,
        summary: method === 'local' ? 'Anmeldung mit Passwort' : 'Anmeldung über Single Sign-on',
      },
      now,
    );
  });
}

/** True while nobody can log in yet: the first start's one-time setup link is the way in. */
export async function isSetupRequired(db: Kysely<Database>): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

/** Replaces any earlier setup link with a new one; the caller prints it, it is never logged. */
export async function issueSetupLink(
  db: Kysely<Database>,
  publicUrl: string,
  now: Date = new Date(),
): Promise<string> {
  const { token, hash } = newSecretToken();
  await db.transaction().execute(async (trx) => {
    await deleteUnusedTokens(trx, { purpose: 'setup' });
    await insertUserToken(trx, {
      hash,
      purpose: 'setup',
      userId: null,
      createdBy: null,
      expiresAt: new Date(now.getTime() + SETUP_VALID_HOURS * 3_600_000),
    });
  });
  return `${publicUrl}/setup?token=${token}`;
}

/** Creates the first `communications` user from the setup link. */
export async function completeSetup(
  db: Kysely<Database>,
  input: SetupInput,
  correlationId: string | null,
  now: Date = new Date(),
): Promise<string> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if ((await countUsers(trx)) > 0) {
      throw new AppError('setup_done');
    }
    if ((await consumeUserToken(trx, hashToken(input.token), 'setup', now)) === undefined) {
      throw new AppError('token_invalid');
    }
    const root = await findRootOrgUnit(trx);
    const user = await insertUserRow(trx, {
      email: input.email,
      display_name: input.displayName,
      locale: 'de',
      password_hash: passwordHash,
      auth_provider: 'local',
      oidc_subject: null,
      locked_until: null,
      last_login_at: now,
      created_at: now,
    });
    await replaceUserRoles(trx, user.id, [{ role: 'communications', orgUnitId: root?.id ?? null }]);
    await recordAudit(
      trx,
      { userId: user.id, role: 'communications', correlationId },
      {
        action: 'setup.completed',
        objectType: 'user',
        objectId: user.id,
        summary: 'Ersteinrichtung abgeschlossen; erstes Konto der Abteilung Kommunikation angelegt',
      },
      now,
    );
    return user.id;
  });
}

/** Sets the password of an invited user; the link works once. */
export async function acceptInvite(
  db: Kysely<Database>,
  token: string,
  password: string,
  correlationId: string | null,
  now: Date = new Date(),
): Promise<string> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const consumed = await consumeUserToken(trx, hashToken(token), 'invite', now);
    const user = consumed?.user_id ? await findUserRow(trx, consumed.user_id) : undefined;
    if (user === undefined || user.disabled) {
      throw new AppError('token_invalid');
    }
    await updateUserRow(trx, user.id, {
      password_hash: passwordHash,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: now,
    });
    await recordAudit(
      trx,
      { userId: user.id, role: null, correlationId },
      {
        action: 'user.password_set',
        objectType: 'user',
        objectId: user.id,
        summary: 'Passwort über Einladungslink gesetzt',
      },
      now,
    );
    return user.id;
  });
}
