import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Processors (Art. 28 GDPR): agencies and their contracts (AVV).
    `CREATE TABLE processors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
      address text NOT NULL,
      contact_email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE processor_contracts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      processor_id uuid NOT NULL REFERENCES processors(id),
      reference text NOT NULL,
      subject_matter text NOT NULL,
      duration text NOT NULL,
      nature_purpose text NOT NULL,
      data_types text[] NOT NULL,
      subject_categories text[] NOT NULL,
      sub_processors jsonb NOT NULL DEFAULT '[]',
      starts_on date NOT NULL,
      ends_on date,
      ended_processed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (processor_id, reference),
      CHECK (ends_on IS NULL OR ends_on >= starts_on)
    )`,
    // The contract-end job looks for ended contracts it has not processed yet.
    `CREATE INDEX processor_contracts_unprocessed_idx ON processor_contracts (ends_on)
      WHERE ended_processed_at IS NULL`,
    `CREATE TABLE processor_contract_channels (
      contract_id uuid NOT NULL REFERENCES processor_contracts(id) ON DELETE CASCADE,
      channel_id uuid NOT NULL REFERENCES channels(id),
      PRIMARY KEY (contract_id, channel_id)
    )`,
    `CREATE INDEX processor_contract_channels_channel_idx ON processor_contract_channels (channel_id)`,
    `CREATE TABLE processor_members (
      processor_id uuid NOT NULL REFERENCES processors(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      UNIQUE (processor_id, user_id)
    )`,
    `CREATE INDEX processor_members_user_idx ON processor_members (user_id)`,
    // Reviews of necessity (concept §10), DSFA (§11) and the concept itself (§15): the history.
    `CREATE TABLE registry_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject text NOT NULL CHECK (subject IN ('necessity', 'dpia', 'concept')),
      platform_id uuid REFERENCES platforms(id),
      reviewed_at timestamptz NOT NULL,
      reviewer_id uuid NOT NULL REFERENCES users(id),
      outcome text NOT NULL CHECK (outcome IN ('confirmed', 'changed', 'discontinued')),
      notes text,
      next_review_on date NOT NULL,
      CHECK ((subject = 'concept') = (platform_id IS NULL))
    )`,
    `CREATE INDEX registry_reviews_subject_idx ON registry_reviews (subject, platform_id, reviewed_at)`,
    // In-app notifications; the dedupe key makes a reminder idempotent per recipient.
    `CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      dedupe_key text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (user_id, dedupe_key)
    )`,
    `CREATE INDEX notifications_user_idx ON notifications (user_id, created_at)`,
  ]);
}
