import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type {
  ChannelPolicy,
  ModerationOutcome,
  ModerationReason,
} from '../moderation/moderation.pipeline.ts';

export const INBOX_ITEM_KINDS = ['comment', 'mention', 'direct-message'] as const;
export type InboxItemKind = (typeof INBOX_ITEM_KINDS)[number];

export const INBOX_STATUSES = ['open', 'done'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** Whether the comment shows on the platform; `hide-failed` when the platform refused to hide it. */
export const VISIBILITY_STATES = ['visible', 'hidden', 'hide-failed'] as const;
export type VisibilityState = (typeof VISIBILITY_STATES)[number];

export const INBOX_ACTOR_KINDS = ['user', 'system', 'writer'] as const;
export type InboxActorKind = (typeof INBOX_ACTOR_KINDS)[number];

type Json<T> = ColumnType<T, string | undefined, string>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface InboxChannelSettingsTable {
  channel_id: string;
  policy: ChannelPolicy;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface InboxCursorTable {
  channel_id: string;
  cursor: string | null;
  last_polled_at: Date | null;
  last_ok_at: Date | null;
  last_error: string | null;
  items_seen: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
}

export interface InboxItemTable {
  id: Generated<string>;
  channel_id: string;
  platform: string;
  external_id: string;
  kind: InboxItemKind;
  visibility: 'public' | 'private';
  parent_external_id: string | null;
  post_external_id: string | null;
  post_id: string | null;
  author_handle: string;
  author_name: string | null;
  text: string;
  remote_created_at: Date;
  received_at: Generated<Date>;
  edited_at: Date | null;
  deleted_upstream_at: Date | null;
  status: Generated<InboxStatus>;
  assignee_id: string | null;
  org_unit_id: string | null;
  verdict: ModerationOutcome;
  verdict_score: number;
  verdict_rule_id: string | null;
  verdict_reasons: Json<ModerationReason[]>;
  personal_data: TextArray;
  suggest_private: Generated<boolean>;
  visibility_state: Generated<VisibilityState>;
  hidden_rule_id: string | null;
  case_id: string | null;
  appeal_open: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface InboxActionTable {
  id: Generated<string>;
  item_id: string;
  /** hide, unhide, restore, flag, escalate, assign, reply, done, reopen, appeal, case, edited, deleted … */
  action: string;
  actor_kind: InboxActorKind;
  actor_id: string | null;
  rule_id: string | null;
  reason: string | null;
  detail: Json<Record<string, unknown> | null>;
  created_at: Generated<Date>;
}

export interface InboxNoteTable {
  id: Generated<string>;
  item_id: string;
  author_id: string | null;
  text: string;
  created_at: Generated<Date>;
}

export interface InboxReplyTable {
  id: Generated<string>;
  item_id: string;
  text: string;
  state: 'sent' | 'failed';
  external_id: string | null;
  /** A PlatformFailure kind, never the platform's message body. */
  failure: string | null;
  author_id: string | null;
  created_at: Generated<Date>;
}

export interface CannedAnswerTable {
  id: Generated<string>;
  title: string;
  text: string;
  language: Generated<'de' | 'en'>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface InboxQuarantineTable {
  id: Generated<string>;
  source: 'webhook' | 'poll';
  platform: string;
  channel_id: string | null;
  reason: string;
  payload: Json<unknown>;
  attempts: Generated<number>;
  received_at: Generated<Date>;
  last_attempt_at: Generated<Date>;
  resolved_at: Date | null;
}

export type InboxItemRow = Selectable<InboxItemTable>;
export type NewInboxItemRow = Insertable<InboxItemTable>;
export type InboxActionRow = Selectable<InboxActionTable>;
export type InboxNoteRow = Selectable<InboxNoteTable>;
export type InboxReplyRow = Selectable<InboxReplyTable>;
export type CannedAnswerRow = Selectable<CannedAnswerTable>;
export type InboxQuarantineRow = Selectable<InboxQuarantineTable>;
export type InboxCursorRow = Selectable<InboxCursorTable>;
