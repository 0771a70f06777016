import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // One row: retention per category, extra legal bases, the privacy-notice link, the last sweep.
    `CREATE TABLE case_settings (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      default_retention_months integer NOT NULL DEFAULT 6
        CHECK (default_retention_months BETWEEN 1 AND 120),
      categories jsonb NOT NULL DEFAULT '[]',
      extra_legal_bases jsonb NOT NULL DEFAULT '[]',
      privacy_notice_url text,
      last_sweep_at timestamptz,
      last_sweep jsonb,
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO case_settings (id) VALUES (true)`,
    // Contact fields and the concern are sealed (AES-256-GCM, key id inside each value).
    `CREATE TABLE cases (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      source text NOT NULL CHECK (source IN ('inbox', 'web-form', 'email', 'phone')),
      legal_basis text NOT NULL,
      category text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting', 'closed')),
      org_unit_id uuid REFERENCES org_units(id) ON DELETE SET NULL,
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      contact_platform text,
      contact_name text,
      contact_handle text,
      contact_email text,
      contact_phone text,
      contact_address text,
      concern text NOT NULL,
      first_reply_at timestamptz,
      closed_at timestamptz,
      hold_kind text CHECK (hold_kind IN ('legal-hold', 'retention-duty')),
      hold_reason text,
      hold_review_on date,
      hold_set_at timestamptz,
      hold_set_by uuid REFERENCES users(id) ON DELETE SET NULL,
      delete_after timestamptz,
      deletion_attempts integer NOT NULL DEFAULT 0,
      last_deletion_error text,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((hold_kind IS NULL) = (hold_reason IS NULL)),
      CHECK (delete_after IS NULL OR (status = 'closed' AND hold_kind IS NULL))
    )`,
    // The sweep reads only what is due: its cost follows the expired cases, not all cases.
    `CREATE INDEX cases_delete_after ON cases (delete_after) WHERE delete_after IS NOT NULL`,
    `CREATE INDEX cases_list ON cases (created_at DESC, id)`,
    `CREATE INDEX cases_status ON cases (status, created_at DESC)`,
    `CREATE INDEX cases_org_unit ON cases (org_unit_id) WHERE org_unit_id IS NOT NULL`,
    `CREATE INDEX cases_assignee ON cases (assignee_id) WHERE assignee_id IS NOT NULL`,
    `CREATE INDEX cases_hold ON cases (hold_review_on) WHERE hold_kind IS NOT NULL`,
    // Keyed HMAC digests of normalised name, e-mail, phone and handle: search without decrypting.
    `CREATE TABLE case_blind_indexes (
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('name', 'name-part', 'email', 'phone', 'handle')),
      digest text NOT NULL,
      PRIMARY KEY (case_id, kind, digest)
    )`,
    `CREATE INDEX case_blind_indexes_lookup ON case_blind_indexes (digest, kind)`,
    // The timeline: notes and replies carry a sealed body; status changes only their detail.
    `CREATE TABLE case_events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      kind text NOT NULL,
      body text,
      detail jsonb,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX case_events_case ON case_events (case_id, created_at)`,
    // Files are sealed on disk under DATA_DIR/cases/<case id>/<storage key>; the name is sealed too.
    `CREATE TABLE case_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
      storage_key text NOT NULL UNIQUE CHECK (storage_key ~ '^[0-9a-f]{32}$'),
      name text NOT NULL,
      mime_type text NOT NULL,
      byte_size integer NOT NULL,
      key_id text NOT NULL,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX case_attachments_case ON case_attachments (case_id)`,
    // What was deleted, without personal data: a keyed hash of the id, category, dates, rule.
    `CREATE TABLE case_deletion_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      case_hash text NOT NULL UNIQUE,
      category text NOT NULL,
      legal_basis text NOT NULL,
      created_on date NOT NULL,
      closed_on date,
      deleted_at timestamptz NOT NULL,
      rule text NOT NULL,
      trigger text NOT NULL CHECK (trigger IN ('sweep', 'manual')),
      attempts integer NOT NULL DEFAULT 1,
      linked_items_deleted integer NOT NULL DEFAULT 0,
      linked_items_blanked integer NOT NULL DEFAULT 0,
      attachments_deleted integer NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX case_deletion_log_deleted ON case_deletion_log (deleted_at DESC)`,
    `ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_case_fk
      FOREIGN KEY (case_id) REFERENCES cases(id) ON DELETE SET NULL`,
  ]);
}
