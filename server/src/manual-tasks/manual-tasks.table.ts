import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export const MANUAL_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ManualTaskStatus = (typeof MANUAL_TASK_STATUSES)[number];

/** A picture the person attaches by hand; the files themselves come with the publishing module. */
export interface MediaNote {
  description: string;
  altText: string | null;
}

/** Where a task came from: the outbox (later) or a person in the UI. */
export interface TaskSource {
  kind: string;
  ref: string;
}

export interface ManualTaskTable {
  id: Generated<string>;
  channel_id: string;
  title: string;
  text: string;
  media_notes: Json<MediaNote[]>;
  due_at: Date;
  source: ColumnType<TaskSource | null, string | null, string | null>;
  status: Generated<ManualTaskStatus>;
  published_url: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  cancelled_reason: string | null;
  reminder_count: Generated<number>;
  last_reminded_at: Date | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Generated<Date>;
}

export type ManualTaskRow = Selectable<ManualTaskTable>;
export type NewManualTaskRow = Insertable<ManualTaskTable>;
export type ManualTaskUpdate = Updateable<ManualTaskTable>;
