import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export const POST_STATUSES = [
  'draft',
  'in-review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'partly-failed',
  'failed',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export interface PostTable {
  id: Generated<string>;
  title: string;
  master_text: string;
  link_url: string | null;
  hashtags: ColumnType<string[], string[] | undefined, string[]>;
  campaign: string | null;
  goal: string | null;
  status: PostStatus;
  scheduled_at: Date | null;
  /** Higher goes first in the outbox (crisis warnings). */
  priority: Generated<number>;
  /** Null for warning drafts written by a crisis feed. */
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  rejection_reason: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PostTargetTable {
  post_id: string;
  channel_id: string;
  variant_text: string | null;
  variant_title: string | null;
}

export interface PostMediaTable {
  post_id: string;
  media_id: string;
  position: number;
}

export interface PostCommentTable {
  id: Generated<string>;
  post_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export interface PublishingSettingsTable {
  id: Generated<boolean>;
  suspended: Generated<boolean>;
  suspended_reason: string | null;
  suspended_by: string | null;
  suspended_at: Date | null;
  updated_at: Generated<Date>;
}

export type PostRow = Selectable<PostTable>;
export type NewPostRow = Insertable<PostTable>;
export type PostUpdate = Updateable<PostTable>;
export type PostTargetRow = Selectable<PostTargetTable>;
export type PostCommentRow = Selectable<PostCommentTable>;
export type PublishingSettingsRow = Selectable<PublishingSettingsTable>;
