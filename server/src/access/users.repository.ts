import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { Role } from '../shared/enum.ts';
import type { NewUserRow, UserRoleRow, UserRow, UserUpdate } from './access.table.ts';

export async function listUserRows(db: Kysely<Database>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('display_name').execute();
}

export async function findUserRow(db: Kysely<Database>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserByOidcSubject(
  db: Kysely<Database>,
  subject: string,
): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
}

export async function insertUserRow(db: Kysely<Database>, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(
  db: Kysely<Database>,
  id: string,
  patch: UserUpdate,
): Promise<UserRow | undefined> {
  const changes = Object.fromEntries(
    Object.entries(patch as Record<string, unknown>).filter(([, value]) => value !== undefined),
  ) as UserUpdate;
  // Guard: `UPDATE … SET` with nothing to set is invalid SQL.
  if (Object.keys(changes).length === 0) {
    return findUserRow(db, id);
  }
  return db
    .updateTable('users')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function rolesOfUsers(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<UserRoleRow[]> {
  // Guard: `IN ()` is invalid SQL.
  if (userIds.length === 0) {
    return [];
  }
  return db.selectFrom('user_roles').selectAll().where('user_id', 'in', userIds).execute();
}

export async function replaceUserRoles(
  db: Kysely<Database>,
  userId: string,
  roles: readonly { role: Role; orgUnitId: string | null }[],
): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await db
      .insertInto('user_roles')
      .values(roles.map((r) => ({ user_id: userId, role: r.role, org_unit_id: r.orgUnitId })))
      .execute();
  }
}

/** Active holders of a role; protects against removing the last `communications` user. */
export async function countActiveUsersWithRole(db: Kysely<Database>, role: Role): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .where('user_roles.role', '=', role)
    .where('users.disabled', '=', false)
    .select((eb) => eb.fn.count<string>('users.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active people, optionally only those holding a grant in one of the units; names only. */
export async function listActiveColleagueRows(
  db: Kysely<Database>,
  unitIds: readonly string[] | 'all',
  alwaysIncludeId: string,
): Promise<{ id: string; display_name: string }[]> {
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.display_name'])
    .where('users.disabled', '=', false);
  if (unitIds !== 'all') {
    const units = [...unitIds];
    query = query.where((eb) =>
      eb.or([
        eb('users.id', '=', alwaysIncludeId),
        ...(units.length === 0
          ? []
          : [
              eb.exists(
                eb
                  .selectFrom('user_roles')
                  .select('user_roles.id')
                  .whereRef('user_roles.user_id', '=', 'users.id')
                  .where('user_roles.org_unit_id', 'in', units),
              ),
            ]),
      ]),
    );
  }
  return query.orderBy('users.display_name').execute();
}
