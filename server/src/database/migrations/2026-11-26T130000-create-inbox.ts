import type { Kysely } from 'kysely';

import { STUTTGART_NETIQUETTE } from '../../moderation/netiquette.model.ts';
import { DEFAULT_WORD_LIST } from '../../moderation/wordlist.match.ts';
import { runStatements } from '../migration-helpers.ts';

/** A SQL string literal; the seed data is our own, but quoting stays correct for any text. */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Stuttgart's Netiquette and the starting word list, as they were when this migration was written. */
function seedStatements(): string[] {
  const rules = STUTTGART_NETIQUETTE.map(
    (rule, index) =>
      `(${literal(rule.id)}, ${index}, ${literal(rule.title)}, ${literal(rule.text)}, ${literal(rule.titleEn)}, ${literal(rule.textEn)}, ${literal(rule.action)})`,
  );
  const terms = DEFAULT_WORD_LIST.map(
    (entry) =>
      `(${literal(entry.term)}, ${literal(entry.kind)}, ${literal(entry.ruleId)}, ${entry.weight}, ${entry.infix === true})`,
  );
  return [
    `INSERT INTO netiquette_rules (id, position, title, text, title_en, text_en, action) VALUES ${rules.join(', ')}`,
    `INSERT INTO moderation_terms (term, kind, rule_id, weight, infix) VALUES ${terms.join(', ')}`,
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The Netiquette as data (concept §14); seeded with Stuttgart's rules, edited by communications.
    `CREATE TABLE netiquette_rules (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
      position integer NOT NULL,
      title text NOT NULL,
      text text NOT NULL,
      title_en text NOT NULL,
      text_en text NOT NULL,
      action text NOT NULL CHECK (action IN ('flag', 'hide', 'escalate')),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Team-maintained word list; each entry cites the rule a match breaks.
    `CREATE TABLE moderation_terms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      term text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('word', 'stem', 'regex')),
      rule_id text NOT NULL REFERENCES netiquette_rules(id) ON UPDATE CASCADE,
      weight real NOT NULL CHECK (weight >= 0 AND weight <= 1),
      infix boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (kind, term)
    )`,
    // Per channel: suggest only (default) or hide automatically. There is no auto-delete.
    `CREATE TABLE inbox_channel_settings (
      channel_id uuid PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
      policy text NOT NULL DEFAULT 'suggest' CHECK (policy IN ('suggest', 'auto-hide')),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // Where polling resumes, per channel; last_error is a failure kind, never a platform body.
    `CREATE TABLE inbox_cursors (
      channel_id uuid PRIMARY KEY REFERENCES channels(id) ON DELETE CASCADE,
      cursor text,
      last_polled_at timestamptz,
      last_ok_at timestamptz,
      last_error text,
      items_seen bigint NOT NULL DEFAULT 0
    )`,
    // One row per comment, mention or direct message, deduplicated by (platform, external id).
    `CREATE TABLE inbox_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      platform text NOT NULL,
      external_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('comment', 'mention', 'direct-message')),
      visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
      parent_external_id text,
      post_external_id text,
      post_id uuid REFERENCES posts(id) ON DELETE SET NULL,
      author_handle text NOT NULL,
      author_name text,
      text text NOT NULL,
      remote_created_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_upstream_at timestamptz,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      org_unit_id uuid REFERENCES org_units(id) ON DELETE SET NULL,
      verdict text NOT NULL CHECK (verdict IN ('ok', 'flag', 'hide', 'escalate')),
      verdict_score real NOT NULL,
      verdict_rule_id text,
      verdict_reasons jsonb NOT NULL DEFAULT '[]',
      personal_data text[] NOT NULL DEFAULT '{}',
      suggest_private boolean NOT NULL DEFAULT false,
      visibility_state text NOT NULL DEFAULT 'visible'
        CHECK (visibility_state IN ('visible', 'hidden', 'hide-failed')),
      hidden_rule_id text,
      case_id uuid,
      appeal_open boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform, external_id)
    )`,
    `CREATE INDEX inbox_items_list ON inbox_items (status, received_at DESC, id)`,
    `CREATE INDEX inbox_items_channel ON inbox_items (channel_id, received_at DESC)`,
    `CREATE INDEX inbox_items_parent ON inbox_items (platform, parent_external_id)`,
    `CREATE INDEX inbox_items_post ON inbox_items (platform, post_external_id)`,
    `CREATE INDEX inbox_items_author ON inbox_items (platform, author_handle)`,
    `CREATE INDEX inbox_items_assignee ON inbox_items (assignee_id) WHERE assignee_id IS NOT NULL`,
    `CREATE INDEX inbox_items_case ON inbox_items (case_id) WHERE case_id IS NOT NULL`,
    // Every moderation decision and inbox action: who or what decided, on which rule, why.
    `CREATE TABLE inbox_actions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
      action text NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system', 'writer')),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      rule_id text,
      reason text,
      detail jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX inbox_actions_item ON inbox_actions (item_id, id)`,
    `CREATE TABLE inbox_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX inbox_notes_item ON inbox_notes (item_id, created_at)`,
    `CREATE TABLE inbox_replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_id uuid NOT NULL REFERENCES inbox_items(id) ON DELETE CASCADE,
      text text NOT NULL,
      state text NOT NULL CHECK (state IN ('sent', 'failed')),
      external_id text,
      failure text,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX inbox_replies_item ON inbox_replies (item_id, created_at)`,
    `CREATE TABLE canned_answers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      text text NOT NULL,
      language text NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (title)
    )`,
    // Payloads that could not be read: kept with the reason until retried successfully.
    `CREATE TABLE inbox_quarantine (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source text NOT NULL CHECK (source IN ('webhook', 'poll')),
      platform text NOT NULL,
      channel_id uuid REFERENCES channels(id) ON DELETE CASCADE,
      reason text NOT NULL,
      payload jsonb NOT NULL,
      attempts integer NOT NULL DEFAULT 1,
      received_at timestamptz NOT NULL DEFAULT now(),
      last_attempt_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz
    )`,
    `CREATE INDEX inbox_quarantine_open ON inbox_quarantine (received_at) WHERE resolved_at IS NULL`,
    ...seedStatements(),
  ]);
}
