import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // Connection state lives in plain columns so the refresh job can find expiring tokens by
    // index; the tokens themselves stay in the sealed `credentials_encrypted`.
    `ALTER TABLE channels ADD COLUMN api_base_url text`,
    `ALTER TABLE channels ADD COLUMN connection_status text NOT NULL DEFAULT 'not-connected'
       CHECK (connection_status IN ('not-connected', 'connected', 'expired'))`,
    `ALTER TABLE channels ADD COLUMN connected_at timestamptz`,
    `ALTER TABLE channels ADD COLUMN connected_by uuid REFERENCES users(id) ON DELETE SET NULL`,
    `ALTER TABLE channels ADD COLUMN connected_account_id text`,
    `ALTER TABLE channels ADD COLUMN token_expires_at timestamptz`,
    `ALTER TABLE channels ADD COLUMN token_refreshable boolean NOT NULL DEFAULT false`,
    `ALTER TABLE channels ADD COLUMN last_refresh_failure text`,
    `CREATE INDEX channels_token_expiry_idx ON channels (token_expires_at)
       WHERE connection_status = 'connected'`,
    // One registered app per platform (per instance for Mastodon); the secret is sealed.
    `CREATE TABLE platform_apps (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      platform_key text NOT NULL,
      base_url text NOT NULL,
      client_id text NOT NULL,
      client_secret_encrypted text,
      source text NOT NULL CHECK (source IN ('manual', 'registered', 'sandbox')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (platform_key, base_url)
    )`,
    // A started authorization: the state's hash, who started it for which channel, PKCE verifier.
    `CREATE TABLE oauth_flows (
      state_hash text PRIMARY KEY,
      channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      app_id uuid NOT NULL REFERENCES platform_apps(id) ON DELETE CASCADE,
      base_url text NOT NULL,
      code_verifier_encrypted text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX oauth_flows_expires_idx ON oauth_flows (expires_at)`,
  ]);
}
