import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { notFound } from '../errors/errors.ts';
import type { Role } from '../shared/enum.ts';
import {
  insertNotificationRows,
  listActiveUsersWithRole,
  listNotificationRows,
  markNotificationRowRead,
} from './notifications.repository.ts';
import type { Notification } from './notifications.schema.ts';
import type { NotificationRow } from './notifications.table.ts';

/** German text for staff; never personal data of citizens. */
export interface NotificationInput {
  readonly kind: string;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
  /** The same key reaches each person at most once (e.g. one reminder per item and due date). */
  readonly dedupeKey: string | null;
}

export interface NotifiedRecipient {
  readonly userId: string;
  readonly email: string;
  readonly notificationId: string;
}

const LIST_LIMIT = 200;

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}

/**
 * Notifies every enabled holder of a role. Returns only those who got a new notification, so a
 * caller sends e-mail to them and a repeated run sends nothing twice.
 */
export async function notifyRole(
  db: Kysely<Database>,
  role: Role,
  input: NotificationInput,
  now: Date = new Date(),
): Promise<NotifiedRecipient[]> {
  return notifyUsers(db, await listActiveUsersWithRole(db, role), input, now);
}

/** Notifies the given (enabled) people; same once-per-dedupe-key rule as `notifyRole`. */
export async function notifyUsers(
  db: Kysely<Database>,
  users: readonly { id: string; email: string }[],
  input: NotificationInput,
  now: Date = new Date(),
): Promise<NotifiedRecipient[]> {
  const created = await insertNotificationRows(
    db,
    users.map((user) => ({
      user_id: user.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      link: input.link,
      dedupe_key: input.dedupeKey,
      created_at: now,
      read_at: null,
    })),
  );
  const emails = new Map(users.map((user) => [user.id, user.email]));
  return created.map((row) => ({
    userId: row.user_id,
    email: emails.get(row.user_id) ?? '',
    notificationId: row.id,
  }));
}

/** The user's own notifications, newest first. */
export async function listForUser(db: Kysely<Database>, userId: string): Promise<Notification[]> {
  return (await listNotificationRows(db, userId, LIST_LIMIT)).map(toNotification);
}

/** Someone else's notification answers "not found", so ids of others reveal nothing. */
export async function markRead(
  db: Kysely<Database>,
  userId: string,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  const row = await markNotificationRowRead(db, userId, id, now);
  if (row === undefined) {
    throw notFound('Diese Benachrichtigung gibt es nicht.');
  }
}
