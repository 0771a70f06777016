import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE org_units (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      parent_id uuid REFERENCES org_units(id),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$'),
      kind text NOT NULL CHECK (kind IN ('organisation', 'department', 'office', 'team')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'organisation') = (parent_id IS NULL))
    )`,
    `CREATE INDEX org_units_parent_idx ON org_units (parent_id)`,
    `CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
      locale text NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
      password_hash text,
      auth_provider text NOT NULL CHECK (auth_provider IN ('local', 'oidc')),
      oidc_subject text UNIQUE,
      disabled boolean NOT NULL DEFAULT false,
      failed_login_count integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    )`,
    `CREATE UNIQUE INDEX users_email_idx ON users (lower(email))`,
    `CREATE TABLE user_roles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('communications', 'online-team', 'department-editor',
        'agency', 'dpo', 'crisis-approver')),
      org_unit_id uuid REFERENCES org_units(id),
      CHECK (role <> 'department-editor' OR org_unit_id IS NOT NULL)
    )`,
    `CREATE UNIQUE INDEX user_roles_unique_idx ON user_roles (user_id, role, org_unit_id) NULLS NOT DISTINCT`,
    `CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      auth_method text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
    `CREATE INDEX sessions_expires_idx ON sessions (expires_at)`,
    `CREATE TABLE user_tokens (
      token_hash text PRIMARY KEY,
      purpose text NOT NULL CHECK (purpose IN ('setup', 'invite')),
      user_id uuid REFERENCES users(id) ON DELETE CASCADE,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
  ]);
}
