import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // One row: the city's area, crisis mode and the fast path's settings. Stuttgart by default.
    `CREATE TABLE crisis_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      ars text NOT NULL DEFAULT '081110000000' CHECK (ars ~ '^[0-9]{12}$'),
      warn_cell_ids text[] NOT NULL DEFAULT '{808111000,108111000}',
      outline jsonb,
      sender_id text NOT NULL DEFAULT 'stadtfunk@stuttgart.de',
      sender_name text NOT NULL DEFAULT 'Landeshauptstadt Stuttgart',
      channel_order uuid[] NOT NULL DEFAULT '{}',
      alert_webhook_url text,
      approval_stall_minutes integer NOT NULL DEFAULT 5 CHECK (approval_stall_minutes BETWEEN 1 AND 120),
      legal_basis text NOT NULL DEFAULT 'art6-1-e' CHECK (legal_basis IN ('art6-1-c', 'art6-1-e')),
      legal_norm text NOT NULL DEFAULT '§ 4 LDSG BW i. V. m. § 2 Abs. 1 LKatSG BW',
      crisis_mode boolean NOT NULL DEFAULT false,
      crisis_reason text,
      crisis_started_by uuid REFERENCES users(id) ON DELETE SET NULL,
      crisis_started_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO crisis_settings (id) VALUES (true)`,
    `CREATE TABLE crisis_feeds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('cap-xml', 'bbk-json', 'nina-dashboard')),
      url text NOT NULL,
      poll_seconds integer NOT NULL DEFAULT 60 CHECK (poll_seconds BETWEEN 30 AND 3600),
      enabled boolean NOT NULL DEFAULT true,
      last_polled_at timestamptz,
      last_ok_at timestamptz,
      last_error text,
      last_counts jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // An incident groups Alert → Update(s) → Cancel of one warning; is_test for Test/Exercise.
    `CREATE TABLE crisis_incidents (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      template_key text NOT NULL,
      event text NOT NULL,
      headline text NOT NULL,
      severity text NOT NULL,
      urgency text NOT NULL,
      source_sender text NOT NULL,
      status text NOT NULL,
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
      end_reason text CHECK (end_reason IN ('cancel', 'allclear', 'expired', 'manual')),
      expires_at timestamptz,
      legal_basis text NOT NULL CHECK (legal_basis IN ('art6-1-c', 'art6-1-e')),
      legal_norm text NOT NULL,
      started_at timestamptz NOT NULL,
      ended_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX crisis_incidents_state ON crisis_incidents (state, started_at DESC)`,
    // Every message received, once per (sender, identifier); the raw source's hash is audited.
    `CREATE TABLE crisis_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      incident_id uuid REFERENCES crisis_incidents(id) ON DELETE CASCADE,
      feed_id uuid REFERENCES crisis_feeds(id) ON DELETE SET NULL,
      sender text NOT NULL,
      identifier text NOT NULL,
      sent timestamptz NOT NULL,
      msg_type text NOT NULL,
      status text NOT NULL,
      source_hash text NOT NULL,
      warning jsonb NOT NULL,
      concerns boolean NOT NULL,
      match_reason text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (sender, identifier)
    )`,
    `CREATE INDEX crisis_messages_incident ON crisis_messages (incident_id, sent)`,
    `CREATE INDEX crisis_messages_identifier ON crisis_messages (identifier)`,
    // The posts drafted for an incident: one per message and language.
    `CREATE TABLE crisis_posts (
      post_id uuid PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
      incident_id uuid NOT NULL REFERENCES crisis_incidents(id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES crisis_messages(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('alert', 'update', 'allclear')),
      language text NOT NULL,
      pre_approved boolean NOT NULL,
      first_approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
      first_approved_at timestamptz,
      published_version integer,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX crisis_posts_incident ON crisis_posts (incident_id, created_at)`,
    // Pinned posts per channel, so the all-clear unpins exactly what the alert pinned.
    `CREATE TABLE crisis_pins (
      incident_id uuid NOT NULL REFERENCES crisis_incidents(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      external_id text NOT NULL,
      pinned_at timestamptz NOT NULL,
      unpinned_at timestamptz,
      PRIMARY KEY (incident_id, channel_id, external_id)
    )`,
    // Updates reply to the channel's earlier warning post (threads on X and Mastodon).
    `ALTER TABLE outbox_items ADD COLUMN reply_to_external_id text`,
    // Warning drafts are written by the feed, not by a person.
    `ALTER TABLE posts ALTER COLUMN created_by DROP NOT NULL`,
  ]);
}
