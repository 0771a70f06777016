// Shapes of the cases API (server/src/cases/cases.schema.ts), copied rather than imported so the
// bundle does not pull in zod.

export const CASE_STATUSES = ['open', 'waiting', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const HOLD_KINDS = ['legal-hold', 'retention-duty'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const CREATE_SOURCES = ['web-form', 'email', 'phone'] as const;
export type CreateSource = (typeof CREATE_SOURCES)[number];
export type CaseSource = CreateSource | 'inbox';

export const REPLY_CHANNELS = ['email', 'phone', 'letter', 'platform'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export type NoticeLanguage = 'de' | 'en';

export interface CaseSummary {
  id: string;
  number: number;
  source: CaseSource;
  status: CaseStatus;
  category: string;
  legalBasis: string;
  contactName: string | null;
  orgUnitId: string | null;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  onHold: boolean;
  /** "Löschung am …": null while open, waiting or on hold. */
  deleteAt: string | null;
}

export interface Contact {
  name: string | null;
  handle: string | null;
  platform: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

export interface CaseHold {
  kind: HoldKind;
  reason: string;
  reviewOn: string | null;
  setAt: string | null;
  reviewDue: boolean;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  text: string | null;
  detail: Record<string, string | number | boolean | null> | null;
  authorId: string | null;
  at: string;
}

export interface CaseAttachment {
  id: string;
  name: string;
  mimeType: string;
  byteSize: number;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  contact: Contact;
  concern: string;
  basis: { key: string; citation: string; label: string; labelEn: string; objection: boolean };
  rights: { right: string; article: string; label: string; labelEn: string }[];
  firstReplyAt: string | null;
  hold: CaseHold | null;
  retentionMonths: number;
  deletionAttempts: number;
  timeline: TimelineEntry[];
  attachments: CaseAttachment[];
  linkedItems: {
    id: string;
    platform: string;
    kind: string;
    visibility: string;
    receivedAt: string;
  }[];
}

export interface CaseListQuery {
  status?: CaseStatus;
  category?: string;
  orgUnitId?: string;
  assigneeId?: string;
  onHold?: boolean;
  /** Closed cases due for deletion on or before this day (YYYY-MM-DD, Berlin). */
  deleteBefore?: string;
  /** Name, e-mail, phone or handle; exact after normalising (blind index). Sent in a POST body. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface CreateCaseInput {
  source: CreateSource;
  legalBasis?: string;
  category?: string;
  contact: Contact;
  concern: string;
  orgUnitId?: string | null;
  assigneeId?: string | null;
}

export interface UpdateCaseInput {
  status?: CaseStatus;
  category?: string;
  orgUnitId?: string | null;
  assigneeId?: string | null;
  contact?: Contact;
}

export interface ReplyTemplate {
  firstReply: boolean;
  noticeRequired: boolean;
  objectionNotice: string | null;
  privacyNoticeUrl: string;
  separator: string;
  preview: string;
}

export interface ReplyInput {
  channel: ReplyChannel;
  text: string;
  objectionNotice: NoticeLanguage | null;
}

export interface HoldInput {
  kind: HoldKind;
  reason: string;
  reviewOn: string;
}

export interface CaseCategory {
  key: string;
  label: string;
  labelEn: string;
  retentionMonths: number | null;
}

export interface LegalBasisOption {
  key: string;
  gdpr: string;
  national: string | null;
  label: string;
  labelEn: string;
  objection: boolean;
  portability: boolean;
  builtIn: boolean;
  citation: string;
}

export interface CaseSettings {
  defaultRetentionMonths: number;
  categories: CaseCategory[];
  legalBases: LegalBasisOption[];
  privacyNoticeUrl: string;
}

export interface CaseSettingsInput {
  defaultRetentionMonths?: number;
  categories?: CaseCategory[];
  privacyNoticeUrl?: string | null;
}

export interface RetentionDashboard {
  counts: { open: number; waiting: number; closed: number; due: number };
  upcoming: {
    id: string;
    number: number;
    category: string;
    closedAt: string | null;
    deleteAt: string;
    deletionAttempts: number;
  }[];
  holds: {
    id: string;
    number: number;
    category: string;
    status: CaseStatus;
    kind: HoldKind;
    reason: string;
    reviewOn: string | null;
    reviewDue: boolean;
  }[];
  lastSweep: {
    at: string;
    due: number;
    deleted: number;
    failed: number;
    retried: number;
    milliseconds: number;
  } | null;
}

export interface DeletionLogEntry {
  id: number;
  caseHash: string;
  category: string;
  legalBasis: string;
  createdOn: string;
  closedOn: string | null;
  deletedAt: string;
  rule: string;
  trigger: string;
  attempts: number;
  linkedItemsDeleted: number;
  linkedItemsBlanked: number;
  attachmentsDeleted: number;
}

/** What the server accepts as attachments (checked by content); the picker offers these. */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
] as const;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
