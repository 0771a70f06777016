import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface NotificationTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  /** Unique per recipient: the same reminder is never created twice for one person. */
  dedupe_key: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  read_at: Date | null;
}

export type NotificationRow = Selectable<NotificationTable>;
export type NewNotificationRow = Insertable<NotificationTable>;
