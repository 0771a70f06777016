import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { Role } from '../shared/enum.ts';
import type { NewNotificationRow, NotificationRow } from './notifications.table.ts';

/** Enabled accounts holding a role (in any unit): who a role-addressed notification reaches. */
export async function listActiveUsersWithRole(
  db: Kysely<Database>,
  role: Role,
): Promise<{ id: string; email: string }[]> {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.email'])
    .where('users.disabled', '=', false)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles')
          .select('user_roles.id')
          .whereRef('user_roles.user_id', '=', 'users.id')
          .where('user_roles.role', '=', role),
      ),
    )
    .orderBy('users.id')
    .execute();
}

/** Enabled accounts among `ids`: a disabled person gets no notification or reminder. */
export async function listActiveUsersByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<{ id: string; email: string }[]> {
  // Guard: `IN ()` is invalid SQL.
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', [...ids])
    .where('disabled', '=', false)
    .orderBy('id')
    .execute();
}

/** Inserts notifications; one whose (user, dedupe key) exists already is skipped, not returned. */
export async function insertNotificationRows(
  db: Kysely<Database>,
  rows: readonly NewNotificationRow[],
): Promise<NotificationRow[]> {
  // Guard: an INSERT without values is invalid SQL.
  if (rows.length === 0) {
    return [];
  }
  return db
    .insertInto('notifications')
    .values([...rows])
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .returningAll()
    .execute();
}

export async function listNotificationRows(
  db: Kysely<Database>,
  userId: string,
  limit: number,
): Promise<NotificationRow[]> {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks the user's own notification read (keeping the first read time); undefined if not theirs. */
export async function markNotificationRowRead(
  db: Kysely<Database>,
  userId: string,
  id: string,
  now: Date,
): Promise<NotificationRow | undefined> {
  return db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returningAll()
    .executeTakeFirst();
}
