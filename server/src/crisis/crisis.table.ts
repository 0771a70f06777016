import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { LatLon } from './cap.model.ts';

export const CRISIS_FEED_KINDS = ['cap-xml', 'bbk-json', 'nina-dashboard'] as const;
export type CrisisFeedKind = (typeof CRISIS_FEED_KINDS)[number];

/** Art. 6 Abs. 1 lit. c (legal obligation) or lit. e (public task) DSGVO (concept §8). */
export const CRISIS_LEGAL_BASES = ['art6-1-c', 'art6-1-e'] as const;
export type CrisisLegalBasis = (typeof CRISIS_LEGAL_BASES)[number];

export const INCIDENT_END_REASONS = ['cancel', 'allclear', 'expired', 'manual'] as const;
export type IncidentEndReason = (typeof INCIDENT_END_REASONS)[number];

export const CRISIS_POST_KINDS = ['alert', 'update', 'allclear'] as const;
export type CrisisPostKind = (typeof CRISIS_POST_KINDS)[number];

type Json<T> = ColumnType<T, string, string>;

export interface CrisisSettingsTable {
  id: Generated<boolean>;
  ars: string;
  warn_cell_ids: ColumnType<string[], string[] | undefined, string[]>;
  outline: Json<LatLon[] | null>;
  sender_id: string;
  sender_name: string;
  channel_order: ColumnType<string[], string[] | undefined, string[]>;
  alert_webhook_url: string | null;
  approval_stall_minutes: number;
  legal_basis: CrisisLegalBasis;
  legal_norm: string;
  crisis_mode: boolean;
  crisis_reason: string | null;
  crisis_started_by: string | null;
  crisis_started_at: Date | null;
  updated_at: Generated<Date>;
}

export interface CrisisFeedTable {
  id: Generated<string>;
  name: string;
  kind: CrisisFeedKind;
  url: string;
  poll_seconds: number;
  enabled: boolean;
  last_polled_at: Date | null;
  last_ok_at: Date | null;
  last_error: string | null;
  last_counts: Json<Record<string, number> | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CrisisIncidentTable {
  id: Generated<string>;
  template_key: string;
  event: string;
  headline: string;
  severity: string;
  urgency: string;
  source_sender: string;
  /** CAP status of the first message: Actual, or Test/Exercise (never posted publicly). */
  status: string;
  state: 'active' | 'ended';
  end_reason: IncidentEndReason | null;
  expires_at: Date | null;
  legal_basis: CrisisLegalBasis;
  legal_norm: string;
  started_at: Date;
  ended_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CrisisMessageTable {
  id: Generated<string>;
  incident_id: string | null;
  feed_id: string | null;
  sender: string;
  identifier: string;
  sent: Date;
  msg_type: string;
  status: string;
  /** SHA-256 of the source bytes as received: what the approval's audit entry names. */
  source_hash: string;
  /** The normalised CapWarning. */
  warning: Json<unknown>;
  concerns: boolean;
  match_reason: string;
  received_at: Generated<Date>;
}

export interface CrisisPostTable {
  post_id: string;
  incident_id: string;
  message_id: string;
  kind: CrisisPostKind;
  language: string;
  pre_approved: boolean;
  /** Templates that are not pre-approved need a second, different person (four eyes). */
  first_approved_by: string | null;
  first_approved_at: Date | null;
  published_version: number | null;
  created_at: Generated<Date>;
}

export interface CrisisPinTable {
  incident_id: string;
  channel_id: string;
  external_id: string;
  pinned_at: Date;
  unpinned_at: Date | null;
}

export type CrisisSettingsRow = Selectable<CrisisSettingsTable>;
export type CrisisFeedRow = Selectable<CrisisFeedTable>;
export type CrisisIncidentRow = Selectable<CrisisIncidentTable>;
export type NewCrisisIncidentRow = Insertable<CrisisIncidentTable>;
export type CrisisMessageRow = Selectable<CrisisMessageTable>;
export type CrisisPostRow = Selectable<CrisisPostTable>;
