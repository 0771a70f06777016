import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Uploaded files, metadata stripped; the bytes live under DATA_DIR/media/<storage_key>.
    `CREATE TABLE media (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('image', 'video')),
      mime_type text NOT NULL,
      byte_size bigint NOT NULL CHECK (byte_size > 0),
      width integer,
      height integer,
      duration_seconds numeric,
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      alt_text text,
      uploaded_by uuid REFERENCES users(id) ON DELETE SET NULL,
      org_unit_id uuid REFERENCES org_units(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE posts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      master_text text NOT NULL,
      link_url text,
      hashtags text[] NOT NULL DEFAULT '{}',
      campaign text,
      goal text,
      status text NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'scheduled',
        'publishing', 'published', 'partly-failed', 'failed')),
      scheduled_at timestamptz,
      priority smallint NOT NULL DEFAULT 0,
      created_by uuid NOT NULL REFERENCES users(id),
      submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
      submitted_at timestamptz,
      approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
      approved_at timestamptz,
      rejection_reason text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX posts_due_idx ON posts (scheduled_at) WHERE status = 'scheduled'`,
    `CREATE INDEX posts_status_idx ON posts (status, scheduled_at)`,
    // The channels a post goes to, with the per-channel variant (null: derived from the master).
    `CREATE TABLE post_targets (
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels(id),
      variant_text text,
      variant_title text,
      PRIMARY KEY (post_id, channel_id)
    )`,
    `CREATE TABLE post_media (
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      media_id uuid NOT NULL REFERENCES media(id),
      position smallint NOT NULL,
      PRIMARY KEY (post_id, media_id)
    )`,
    `CREATE TABLE post_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX post_comments_post_idx ON post_comments (post_id, created_at)`,
    // One delivery per (post, channel); the key stays the same across every retry.
    `CREATE TABLE outbox_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      post_id uuid NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels(id),
      idempotency_key text NOT NULL UNIQUE,
      priority smallint NOT NULL DEFAULT 0,
      status text NOT NULL CHECK (status IN ('queued', 'sending', 'processing', 'published',
        'failed', 'unconfirmed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      first_sent_at timestamptz,
      external_id text,
      url text,
      pending_ref text,
      failure_kind text,
      failure_reason text,
      failure_code text,
      published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (post_id, channel_id)
    )`,
    `CREATE INDEX outbox_items_status_idx ON outbox_items (status, next_attempt_at)`,
    // The global "suspend all scheduled posts" switch (crisis mode uses it).
    `CREATE TABLE publishing_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      suspended boolean NOT NULL DEFAULT false,
      suspended_reason text,
      suspended_by uuid REFERENCES users(id) ON DELETE SET NULL,
      suspended_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO publishing_settings (id) VALUES (true)`,
  ]);
}
