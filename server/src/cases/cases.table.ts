import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export const CASE_SOURCES = ['inbox', 'web-form', 'email', 'phone'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const CASE_STATUSES = ['open', 'waiting', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A legal hold (litigation, Art. 17(3)(e)) or a statutory retention duty (Art. 17(3)(b)). */
export const HOLD_KINDS = ['legal-hold', 'retention-duty'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const BLIND_INDEX_KINDS = ['name', 'name-part', 'email', 'phone', 'handle'] as const;
export type BlindIndexKind = (typeof BLIND_INDEX_KINDS)[number];

export const CASE_EVENT_KINDS = [
  'created',
  'status',
  'note',
  'reply',
  'attachment',
  'hold',
  'hold-cleared',
  'linked',
  'updated',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

type Json<T> = ColumnType<T, string | undefined, string>;
type DateOnly = ColumnType<string, string, string>;

export interface CaseCategory {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  /** Overrides the default six months; null keeps the default. */
  readonly retentionMonths: number | null;
}

export interface ConfiguredLegalBasis {
  readonly key: string;
  readonly gdpr: string;
  readonly national: string | null;
  readonly label: string;
  readonly labelEn: string;
  readonly objection: boolean;
  readonly portability: boolean;
}

export interface SweepSummary {
  readonly dryRun: boolean;
  readonly due: number;
  readonly deleted: number;
  readonly failed: number;
  readonly retried: number;
  readonly milliseconds: number;
}

export interface CaseSettingsTable {
  id: Generated<boolean>;
  default_retention_months: Generated<number>;
  categories: Json<CaseCategory[]>;
  extra_legal_bases: Json<ConfiguredLegalBasis[]>;
  privacy_notice_url: string | null;
  last_sweep_at: Date | null;
  last_sweep: Json<SweepSummary | null>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface CaseTable {
  id: Generated<string>;
  number: ColumnType<string, never, never>;
  source: CaseSource;
  legal_basis: string;
  category: string;
  status: Generated<CaseStatus>;
  org_unit_id: string | null;
  assignee_id: string | null;
  contact_platform: string | null;
  /** Sealed values (`v1.<keyId>.…`); null where not given. */
  contact_name: string | null;
  contact_handle: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_address: string | null;
  concern: string;
  first_reply_at: Date | null;
  closed_at: Date | null;
  hold_kind: HoldKind | null;
  hold_reason: string | null;
  hold_review_on: ColumnType<string | null, string | null | undefined, string | null>;
  hold_set_at: Date | null;
  hold_set_by: string | null;
  /** When the sweep deletes the case: closed_at + retention, null while open or on hold. */
  delete_after: Date | null;
  deletion_attempts: Generated<number>;
  /** An error class or SQL state, never a message that could quote personal data. */
  last_deletion_error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseBlindIndexTable {
  case_id: string;
  kind: BlindIndexKind;
  digest: string;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  kind: CaseEventKind;
  /** Sealed text of a note or reply. */
  body: string | null;
  /** Without personal data: statuses, channels, flags. */
  detail: Json<Record<string, string | number | boolean | null> | null>;
  author_id: string | null;
  created_at: Generated<Date>;
}

export interface CaseAttachmentTable {
  id: Generated<string>;
  case_id: string;
  storage_key: string;
  /** Sealed file name. */
  name: string;
  mime_type: string;
  byte_size: number;
  key_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseDeletionLogTable {
  id: Generated<string>;
  case_hash: string;
  category: string;
  legal_basis: string;
  created_on: DateOnly;
  closed_on: ColumnType<string | null, string | null, string | null>;
  deleted_at: Date;
  rule: string;
  trigger: 'sweep' | 'manual';
  attempts: number;
  linked_items_deleted: number;
  linked_items_blanked: number;
  attachments_deleted: number;
}

export type CaseRow = Selectable<CaseTable>;
export type NewCaseRow = Insertable<CaseTable>;
export type CaseUpdate = Updateable<CaseTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type CaseAttachmentRow = Selectable<CaseAttachmentTable>;
export type CaseSettingsRow = Selectable<CaseSettingsTable>;
export type CaseDeletionLogRow = Selectable<CaseDeletionLogTable>;
