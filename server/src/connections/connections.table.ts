import type { Generated, Insertable, Selectable } from 'kysely';

export type PlatformAppSource = 'manual' | 'registered' | 'sandbox';

/** A platform app registration: one per platform, per instance for Mastodon. */
export interface PlatformAppTable {
  id: Generated<string>;
  platform_key: string;
  base_url: string;
  client_id: string;
  client_secret_encrypted: string | null;
  source: PlatformAppSource;
  /** Space-separated scopes the app was registered with (Mastodon); null where not tracked. */
  scopes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** An authorization in progress between the redirect to the platform and its callback. */
export interface OAuthFlowTable {
  state_hash: string;
  channel_id: string;
  user_id: string;
  app_id: string;
  base_url: string;
  code_verifier_encrypted: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

export type PlatformAppRow = Selectable<PlatformAppTable>;
export type NewPlatformAppRow = Insertable<PlatformAppTable>;
export type OAuthFlowRow = Selectable<OAuthFlowTable>;
