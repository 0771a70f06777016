import type { EncryptionKey } from '../shared/crypto.ts';
import { open } from '../shared/crypto.ts';
import { attachmentNameContext, eventContext, fieldContext, openOptional } from './cases.crypto.ts';
import { citationOf, findLegalBasis, rightsFor } from './cases.legal.ts';
import { holdReviewDue, retentionMonthsFor } from './cases.retention.ts';
import type { CaseDetail, CaseSummary } from './cases.schema.ts';
import type { EffectiveCaseSettings } from './cases.settings.ts';
import type { CaseAttachmentRow, CaseEventRow, CaseRow } from './cases.table.ts';

/** Decrypts only what a page shows: the contact's name in lists, the rest on the detail page. */
export function toCaseSummary(row: CaseRow, keys: readonly EncryptionKey[]): CaseSummary {
  return {
    id: row.id,
    number: Number(row.number),
    source: row.source,
    status: row.status,
    category: row.category,
    legalBasis: row.legal_basis,
    contactName: openOptional(row.contact_name, keys, fieldContext(row.id, 'contact_name')),
    orgUnitId: row.org_unit_id,
    assigneeId: row.assignee_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    onHold: row.hold_kind !== null,
    deleteAt: row.delete_after?.toISOString() ?? null,
  };
}

export interface CaseDetailParts {
  readonly row: CaseRow;
  readonly events: readonly CaseEventRow[];
  readonly attachments: readonly CaseAttachmentRow[];
  readonly linkedItems: readonly {
    id: string;
    platform: string;
    kind: string;
    visibility: string;
    received_at: Date;
  }[];
}

export function toCaseDetail(
  parts: CaseDetailParts,
  keys: readonly EncryptionKey[],
  settings: EffectiveCaseSettings,
  now: Date,
): CaseDetail {
  const { row } = parts;
  const field = (name: Parameters<typeof fieldContext>[1], value: string | null) =>
    openOptional(value, keys, fieldContext(row.id, name));
  const basis = findLegalBasis(settings.legalBases, row.legal_basis) ?? {
    // A basis removed from the settings after the case was created: shown, with all rights.
    key: row.legal_basis,
    gdpr: row.legal_basis,
    national: null,
    label: row.legal_basis,
    labelEn: row.legal_basis,
    objection: true,
    portability: false,
  };
  return {
    ...toCaseSummary(row, keys),
    contact: {
      name: field('contact_name', row.contact_name),
      handle: field('contact_handle', row.contact_handle),
      platform: row.contact_platform,
      email: field('contact_email', row.contact_email),
      phone: field('contact_phone', row.contact_phone),
      address: field('contact_address', row.contact_address),
    },
    concern: open(row.concern, keys, fieldContext(row.id, 'concern')),
    basis: {
      key: basis.key,
      citation: citationOf(basis),
      label: basis.label,
      labelEn: basis.labelEn,
      objection: basis.objection,
    },
    rights: rightsFor(basis).map((r) => ({ ...r })),
    firstReplyAt: row.first_reply_at?.toISOString() ?? null,
    hold:
      row.hold_kind === null
        ? null
        : {
            kind: row.hold_kind,
            reason: row.hold_reason ?? '',
            reviewOn: row.hold_review_on,
            setAt: row.hold_set_at?.toISOString() ?? null,
            reviewDue: holdReviewDue(row.hold_review_on, now),
          },
    retentionMonths: retentionMonthsFor(settings, row.category),
    deletionAttempts: row.deletion_attempts,
    timeline: parts.events.map((event) => ({
      id: event.id,
      kind: event.kind,
      text: openOptional(event.body, keys, eventContext(event.id)),
      detail: event.detail,
      authorId: event.author_id,
      at: event.created_at.toISOString(),
    })),
    attachments: parts.attachments.map((attachment) => ({
      id: attachment.id,
      name: open(attachment.name, keys, attachmentNameContext(attachment.id)),
      mimeType: attachment.mime_type,
      byteSize: attachment.byte_size,
      createdAt: attachment.created_at.toISOString(),
    })),
    linkedItems: parts.linkedItems.map((item) => ({
      id: item.id,
      platform: item.platform,
      kind: item.kind,
      visibility: item.visibility,
      receivedAt: item.received_at.toISOString(),
    })),
  };
}
