import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { CreatePlatformInput, OrganisationProfile } from './registry.schema.ts';
import type { ChannelGoal, ChannelStatus } from './registry.enum.ts';

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface ProfileNoticeRecord {
  privacyPolicyLinked: boolean;
  imprintLinked: boolean;
  checkedAt: string;
  method: 'api' | 'manual';
  checkedBy: string | null;
}

export interface OrganisationProfileTable {
  id: Generated<boolean>;
  profile: Json<OrganisationProfile>;
  updated_at: Generated<Date>;
}

export interface PlatformTable {
  id: Generated<string>;
  key: string;
  name: string;
  operator: Json<CreatePlatformInput['operator']>;
  purposes: Json<CreatePlatformInput['purposes']>;
  target_groups: Json<string[]>;
  recipients: Json<string[]>;
  necessity: Json<CreatePlatformInput['necessity']>;
  joint_controllership: Json<CreatePlatformInput['jointControllership']>;
  transfers: Json<CreatePlatformInput['transfers']>;
  dpia: Json<CreatePlatformInput['dpia']>;
  dpia_signed_off_by: string | null;
  dpia_signed_off_at: Date | null;
  storage_periods: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface ChannelTable {
  id: Generated<string>;
  platform_id: string;
  name: string;
  handle: string;
  url: string;
  org_unit_id: string;
  responsible_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  goals: ColumnType<ChannelGoal[], ChannelGoal[], ChannelGoal[]>;
  status: ChannelStatus;
  self_publishing: Generated<boolean>;
  profile_notice: Json<ProfileNoticeRecord | null>;
  credentials_encrypted: string | null;
  /** Where the connector talks to; null means the platform app's (or Mastodon: the channel URL's). */
  api_base_url: string | null;
  connection_status: Generated<ConnectionStatus>;
  connected_at: Date | null;
  connected_by: string | null;
  connected_account_id: string | null;
  token_expires_at: Date | null;
  token_refreshable: Generated<boolean>;
  /** The failure kind of the last refresh attempt (never a platform message). */
  last_refresh_failure: string | null;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export type ConnectionStatus = 'not-connected' | 'connected' | 'expired';

export interface RegistryRevisionTable {
  id: Generated<string>;
  object_type: string;
  object_id: string;
  changed_at: Generated<Date>;
  actor_id: string | null;
  snapshot: Json<unknown>;
}

export type PlatformRow = Selectable<PlatformTable>;
export type NewPlatformRow = Insertable<PlatformTable>;
export type PlatformUpdate = Updateable<PlatformTable>;
export type ChannelRow = Selectable<ChannelTable>;
export type NewChannelRow = Insertable<ChannelTable>;
export type ChannelUpdate = Updateable<ChannelTable>;
export type RegistryRevisionRow = Selectable<RegistryRevisionTable>;
