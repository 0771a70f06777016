import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const OUTBOX_STATUSES = [
  'queued',
  'sending',
  'processing',
  'published',
  'failed',
  'unconfirmed',
  'cancelled',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One delivery of a post to one channel; `idempotency_key` is the same on every retry. */
export interface OutboxItemTable {
  id: Generated<string>;
  post_id: string;
  channel_id: string;
  idempotency_key: string;
  priority: Generated<number>;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  /** When a write first left for the platform: where a lookup after an unknown outcome starts. */
  first_sent_at: Date | null;
  external_id: string | null;
  url: string | null;
  pending_ref: string | null;
  /** A crisis update replies to the channel's earlier warning post (threads on X, Mastodon). */
  reply_to_external_id: Generated<string | null>;
  /** The failure union's kind, the platform's reason (German where ours) and code. */
  failure_kind: string | null;
  failure_reason: string | null;
  failure_code: string | null;
  published_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type OutboxItemRow = Selectable<OutboxItemTable>;
export type NewOutboxItemRow = Insertable<OutboxItemTable>;
export type OutboxItemUpdate = Updateable<OutboxItemTable>;
