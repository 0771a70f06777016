import type { Kysely } from 'kysely';

import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, invalid, notFound } from '../errors/errors.ts';
import type { Role } from '../shared/enum.ts';
import type { UserRoleRow, UserRow } from './access.table.ts';
import type { Actor } from './actor.ts';
import { findOrgUnitRow } from './org-units.repository.ts';
import { newSecretToken } from './tokens.ts';
import {
  deleteSessionsOfUser,
  deleteUnusedTokens,
  insertUserToken,
} from './sessions.repository.ts';
import {
  countActiveUsersWithRole,
  findUserByEmail,
  findUserRow,
  insertUserRow,
  listUserRows,
  replaceUserRoles,
  rolesOfUsers,
  updateUserRow,
} from './users.repository.ts';
import type { CreateUserInput, UpdateUserInput, User } from './users.schema.ts';

export const INVITE_VALID_DAYS = 7;

export function toUser(row: UserRow, roles: readonly UserRoleRow[]): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    roles: roles
      .filter((r) => r.user_id === row.id)
      .map((r) => ({ role: r.role, orgUnitId: r.org_unit_id })),
    disabled: row.disabled,
    authProvider: row.auth_provider,
    createdAt: row.created_at.toISOString(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
  };
}

export async function loadUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await findUserRow(db, id);
  return row ? toUser(row, await rolesOfUsers(db, [row.id])) : undefined;
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await listUserRows(db);
  const roles = await rolesOfUsers(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toUser(row, roles));
}

function describeRoles(roles: readonly { role: Role }[]): string {
  return [...new Set(roles.map((r) => r.role))].sort().join(', ') || 'keine';
}

async function assertOrgUnitsExist(
  db: Kysely<Database>,
  roles: readonly { orgUnitId: string | null }[],
): Promise<void> {
  for (const [index, grant] of roles.entries()) {
    if (grant.orgUnitId !== null && (await findOrgUnitRow(db, grant.orgUnitId)) === undefined) {
      throw invalid([
        { path: `roles.${index}.orgUnitId`, message: 'Diese Organisationseinheit gibt es nicht.' },
      ]);
    }
  }
}

/** Creates a user without a password and returns a one-time invite link to set one. */
export async function createUser(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateUserInput,
  publicUrl: string,
  now: Date = new Date(),
): Promise<{ user: User; inviteUrl: string }> {
  return db.transaction().execute(async (trx) => {
    if ((await findUserByEmail(trx, input.email)) !== undefined) {
      throw conflict('Es gibt bereits ein Konto mit dieser E-Mail-Adresse.');
    }
    await assertOrgUnitsExist(trx, input.roles);
    const row = await insertUserRow(trx, {
      email: input.email,
      display_name: input.displayName,
      locale: input.locale,
      password_hash: null,
      auth_provider: 'local',
      oidc_subject: null,
      locked_until: null,
      last_login_at: null,
      created_at: now,
    });
    await replaceUserRoles(trx, row.id, input.roles);
    const inviteUrl = await issueInvite(trx, row.id, actor.userId, publicUrl, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.created',
        objectType: 'user',
        objectId: row.id,
        summary: `Benutzerkonto angelegt; Rollen: ${describeRoles(input.roles)}`,
      },
      now,
    );
    const user = await loadUser(trx, row.id);
    if (user === undefined) {
      throw new AppError('internal');
    }
    return { user, inviteUrl };
  });
}

async function issueInvite(
  trx: Kysely<Database>,
  userId: string,
  createdBy: string | null,
  publicUrl: string,
  now: Date,
): Promise<string> {
  await deleteUnusedTokens(trx, { purpose: 'invite', userId });
  const { token, hash } = newSecretToken();
  await insertUserToken(trx, {
    hash,
    purpose: 'invite',
    userId,
    createdBy,
    expiresAt: new Date(now.getTime() + INVITE_VALID_DAYS * 86_400_000),
  });
  return `${publicUrl}/invite?token=${token}`;
}

export async function reissueInvite(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  publicUrl: string,
  now: Date = new Date(),
): Promise<{ inviteUrl: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await findUserRow(trx, userId);
    if (row === undefined) {
      throw notFound();
    }
    if (row.auth_provider !== 'local') {
      throw conflict('Dieses Konto meldet sich über Single Sign-on an.');
    }
    const inviteUrl = await issueInvite(trx, userId, actor.userId, publicUrl, now);
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.invite_issued',
        objectType: 'user',
        objectId: userId,
        summary: 'Neuer Einladungslink erzeugt',
      },
      now,
    );
    return { inviteUrl };
  });
}

export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: string,
  input: UpdateUserInput,
  now: Date = new Date(),
): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, userId);
    if (before === undefined) {
      throw notFound();
    }
    if (input.disabled === true && userId === actor.userId) {
      throw conflict('Sie können Ihr eigenes Konto nicht deaktivieren.');
    }
    if (input.roles !== undefined) {
      await assertOrgUnitsExist(trx, input.roles);
      await replaceUserRoles(trx, userId, input.roles);
    }
    await updateUserRow(trx, userId, {
      display_name: input.displayName,
      locale: input.locale,
      disabled: input.disabled,
    });
    // Someone must always be able to administer: keep at least one active communications user.
    if ((await countActiveUsersWithRole(trx, 'communications')) === 0) {
      throw conflict(
        'Mindestens ein aktives Konto muss die Rolle Abteilung Kommunikation behalten.',
      );
    }
    if (input.disabled === true) {
      await deleteSessionsOfUser(trx, userId);
    }
    const changes: string[] = [];
    if (input.displayName !== undefined && input.displayName !== before.displayName) {
      changes.push('Name geändert');
    }
    if (input.roles !== undefined) {
      changes.push(`Rollen: ${describeRoles(input.roles)}`);
    }
    if (input.disabled !== undefined && input.disabled !== before.disabled) {
      changes.push(input.disabled ? 'deaktiviert' : 'aktiviert');
    }
    if (input.locale !== undefined && input.locale !== before.locale) {
      changes.push(`Sprache: ${input.locale}`);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.updated',
        objectType: 'user',
        objectId: userId,
        summary: changes.length > 0 ? changes.join('; ') : 'keine Änderung',
      },
      now,
    );
    const after = await loadUser(trx, userId);
    if (after === undefined) {
      throw notFound();
    }
    return after;
  });
}
