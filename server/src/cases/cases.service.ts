import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { findOrgUnitRow } from '../access/org-units.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, invalid, notFound } from '../errors/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { listActiveUsersByIds } from '../notifications/notifications.repository.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { channelScopeFor } from '../registry/channels.access.ts';
import type { Reader } from '../registry/channels.service.ts';
import { addDays, startOfCalendarDate } from '../shared/calendar.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { blindIndexesOf, fieldContext, searchDigests, sealOptional } from './cases.crypto.ts';
import { DEFAULT_LEGAL_BASIS, findLegalBasis } from './cases.legal.ts';
import {
  findInboxItemForCase,
  linkInboxItemRow,
  listLinkedInboxItems,
} from './cases-inbox.repository.ts';
import {
  caseIdsByDigests,
  findCaseRow,
  insertCaseEventRow,
  insertCaseRow,
  listCaseAttachmentRows,
  listCaseEventRows,
  listCaseRows,
  replaceBlindIndexRows,
} from './cases.repository.ts';
import type { CaseScope } from './cases.repository.ts';
import { computeDeleteAfter } from './cases.retention.ts';
import type {
  CaseDetail,
  CaseSummary,
  ContactInput,
  CreateCaseInput,
  ListCasesQuery,
} from './cases.schema.ts';
import { loadCaseSettings } from './cases.settings.ts';
import type { EffectiveCaseSettings } from './cases.settings.ts';
import type { CaseRow, CaseSource } from './cases.table.ts';
import { toCaseDetail, toCaseSummary } from './cases.view.ts';
import { caseLink } from './retention.repository.ts';

/** What every case operation needs besides the database: keys, blind-index key, files, links. */
export interface CaseDeps {
  readonly db: Kysely<Database>;
  readonly keys: readonly EncryptionKey[];
  readonly blindIndexKey: string;
  readonly dataDir: string;
  readonly publicUrl: string;
  /** Absent when SMTP_URL is not set: e-mail replies are then recorded, not sent. */
  readonly mailer?: Mailer | undefined;
}

export const NOT_VISIBLE = 'Diesen Fall gibt es nicht oder Sie dürfen ihn nicht sehen.';
export const NO_REPLY_CHANNEL =
  'Bitte geben Sie mindestens einen Weg für die Antwort an: E-Mail-Adresse, Telefonnummer, Postanschrift oder Konto auf einer Plattform.';

export function currentKey(deps: CaseDeps): EncryptionKey {
  const key = deps.keys[0];
  if (key === undefined) {
    throw new Error('no encryption key');
  }
  return key;
}

export async function caseScopeFor(db: Kysely<Database>, reader: Reader): Promise<CaseScope> {
  const scope = await channelScopeFor(db, reader);
  return scope === 'all' ? 'all' : { orgUnitIds: scope.orgUnitIds, userId: reader.id };
}

function inCaseScope(scope: CaseScope, row: CaseRow): boolean {
  return (
    scope === 'all' ||
    row.assignee_id === scope.userId ||
    (row.org_unit_id !== null && scope.orgUnitIds.includes(row.org_unit_id))
  );
}

/** A case the reader may see; others answer "not found" and reveal nothing. */
export async function visibleCase(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CaseRow> {
  const row = await findCaseRow(db, id, options);
  if (row === undefined || !inCaseScope(await caseScopeFor(db, reader), row)) {
    throw notFound(NOT_VISIBLE);
  }
  return row;
}

export function hasReplyChannel(contact: ContactInput): boolean {
  return Boolean(
    contact.email || contact.phone || contact.address || (contact.handle && contact.platform),
  );
}

export function checkLegalBasis(settings: EffectiveCaseSettings, key: string | undefined): string {
  const chosen = key ?? DEFAULT_LEGAL_BASIS;
  if (findLegalBasis(settings.legalBases, chosen) === undefined) {
    throw invalid(
      [{ path: 'legalBasis', message: 'Diese Rechtsgrundlage ist nicht eingerichtet.' }],
      `Unbekannte Rechtsgrundlage. Wählen Sie eine der eingerichteten: ${settings.legalBases.map((b) => b.key).join(', ')}.`,
    );
  }
  return chosen;
}

export function checkCategory(settings: EffectiveCaseSettings, key: string | undefined): string {
  const chosen = key ?? settings.categories[0]?.key ?? 'general';
  if (!settings.categories.some((c) => c.key === chosen)) {
    throw invalid([{ path: 'category', message: 'Diese Kategorie gibt es nicht.' }]);
  }
  return chosen;
}

export async function checkAssignment(
  db: Kysely<Database>,
  input: { orgUnitId?: string | null | undefined; assigneeId?: string | null | undefined },
): Promise<void> {
  if (input.orgUnitId && (await findOrgUnitRow(db, input.orgUnitId)) === undefined) {
    throw invalid([{ path: 'orgUnitId', message: 'Diese Organisationseinheit gibt es nicht.' }]);
  }
  if (input.assigneeId && (await listActiveUsersByIds(db, [input.assigneeId])).length === 0) {
    throw invalid([
      { path: 'assigneeId', message: 'Diese Person gibt es nicht oder sie ist deaktiviert.' },
    ]);
  }
}

/** Tells the assignee, by case number and category only (never the citizen's data). */
export async function notifyAssignee(db: Kysely<Database>, row: CaseRow, now: Date): Promise<void> {
  if (row.assignee_id === null) {
    return;
  }
  await notifyUsers(
    db,
    await listActiveUsersByIds(db, [row.assignee_id]),
    {
      kind: 'case.assigned',
      title: `Fall Nr. ${row.number} ist Ihnen zugewiesen`,
      body: `Kategorie: ${row.category}. Bitte beantworten Sie die Anfrage.`,
      link: caseLink(row.id),
      dedupeKey: `case-assigned:${row.id}:${now.toISOString()}`,
    },
    now,
  );
}

interface NewCase {
  readonly source: CaseSource;
  readonly legalBasis: string;
  readonly category: string;
  readonly contact: ContactInput;
  readonly concern: string;
  readonly orgUnitId: string | null;
  readonly assigneeId: string | null;
}

/** Inserts a case with sealed fields, its blind indexes and the first timeline entry. */
async function insertCase(
  trx: Kysely<Database>,
  deps: CaseDeps,
  actor: Actor,
  input: NewCase,
  now: Date,
): Promise<CaseRow> {
  const id = randomUUID();
  const key = currentKey(deps);
  const { contact } = input;
  const row = await insertCaseRow(trx, {
    id,
    source: input.source,
    legal_basis: input.legalBasis,
    category: input.category,
    org_unit_id: input.orgUnitId,
    assignee_id: input.assigneeId,
    contact_platform: contact.platform ?? null,
    contact_name: sealOptional(contact.name, key, fieldContext(id, 'contact_name')),
    contact_handle: sealOptional(contact.handle, key, fieldContext(id, 'contact_handle')),
    contact_email: sealOptional(contact.email, key, fieldContext(id, 'contact_email')),
    contact_phone: sealOptional(contact.phone, key, fieldContext(id, 'contact_phone')),
    contact_address: sealOptional(contact.address, key, fieldContext(id, 'contact_address')),
    concern: sealOptional(input.concern, key, fieldContext(id, 'concern')) ?? '',
    first_reply_at: null,
    closed_at: null,
    hold_kind: null,
    hold_reason: null,
    hold_set_at: null,
    hold_set_by: null,
    delete_after: null,
    last_deletion_error: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  await replaceBlindIndexRows(trx, id, blindIndexesOf(deps.blindIndexKey, contact));
  await insertCaseEventRow(trx, {
    case_id: id,
    kind: 'created',
    detail: { source: input.source, legalBasis: input.legalBasis, category: input.category },
    author_id: actor.userId,
    created_at: now,
  });
  await recordAudit(
    trx,
    actor,
    {
      action: 'case.create',
      objectType: 'case',
      objectId: id,
      summary: `Fall Nr. ${row.number} angelegt (Quelle ${input.source}, Rechtsgrundlage ${input.legalBasis}, Kategorie ${input.category})`,
    },
    now,
  );
  await notifyAssignee(trx, row, now);
  return row;
}

/** A case from a web form, an e-mail or a phone note; refused without any way to reply. */
export async function createCase(
  deps: CaseDeps,
  actor: Actor,
  input: CreateCaseInput,
  now: Date = new Date(),
): Promise<CaseDetail> {
  if (!hasReplyChannel(input.contact)) {
    throw invalid([{ path: 'contact', message: NO_REPLY_CHANNEL }], NO_REPLY_CHANNEL);
  }
  const row = await deps.db.transaction().execute(async (trx) => {
    const settings = await loadCaseSettings(trx, deps.publicUrl);
    await checkAssignment(trx, input);
    return insertCase(
      trx,
      deps,
      actor,
      {
        source: input.source,
        legalBasis: checkLegalBasis(settings, input.legalBasis),
        category: checkCategory(settings, input.category),
        contact: input.contact,
        concern: input.concern,
        orgUnitId: input.orgUnitId ?? null,
        assigneeId: input.assigneeId ?? null,
      },
      now,
    );
  });
  return detailOf(deps, row, now);
}

/**
 * Turns an inbox item (comment, mention, DM) into a case: author handle and name and the text
 * are copied sealed, the item is linked and its history records the step.
 */
export async function createCaseFromInbox(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  itemId: string,
  input: { legalBasis?: string | undefined; category?: string | undefined },
  now: Date = new Date(),
): Promise<{ caseId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const item = await findInboxItemForCase(trx, itemId);
    const scope = await channelScopeFor(trx, reader);
    if (
      item === undefined ||
      (scope !== 'all' && !scope.orgUnitIds.includes(item.channel_org_unit_id))
    ) {
      throw notFound('Diesen Eintrag gibt es nicht oder Sie dürfen ihn nicht sehen.');
    }
    if (item.case_id !== null) {
      throw new AppError('conflict', 'Aus diesem Eintrag wurde bereits ein Fall angelegt.');
    }
    const contact: ContactInput = {
      name: item.author_name,
      handle: item.author_handle === '' ? null : item.author_handle,
      platform: item.platform,
    };
    if (!hasReplyChannel(contact)) {
      throw invalid([{ path: 'contact', message: NO_REPLY_CHANNEL }], NO_REPLY_CHANNEL);
    }
    const settings = await loadCaseSettings(trx, deps.publicUrl);
    const row = await insertCase(
      trx,
      deps,
      actor,
      {
        source: 'inbox',
        legalBasis: checkLegalBasis(settings, input.legalBasis),
        category: checkCategory(settings, input.category),
        contact,
        concern: item.text,
        orgUnitId: item.channel_org_unit_id,
        assigneeId: null,
      },
      now,
    );
    await linkInboxItemRow(trx, item.id, row.id, actor.userId, now);
    await insertCaseEventRow(trx, {
      case_id: row.id,
      kind: 'linked',
      detail: { itemId: item.id, platform: item.platform, kind: item.kind },
      author_id: actor.userId,
      created_at: now,
    });
    return { caseId: row.id };
  });
}

export async function listCases(
  deps: CaseDeps,
  reader: Reader,
  query: ListCasesQuery,
): Promise<CaseSummary[]> {
  const scope = await caseScopeFor(deps.db, reader);
  const ids =
    query.q === undefined
      ? undefined
      : await caseIdsByDigests(deps.db, searchDigests(deps.blindIndexKey, query.q));
  const { deleteBefore, ...filter } = query;
  const rows = await listCaseRows(deps.db, scope, {
    ...filter,
    ids,
    ...(deleteBefore === undefined
      ? {}
      : { deleteBefore: startOfCalendarDate(addDays(deleteBefore, 1)) }),
  });
  return rows.map((row) => toCaseSummary(row, deps.keys));
}

export async function detailOf(deps: CaseDeps, row: CaseRow, now: Date): Promise<CaseDetail> {
  const [events, attachments, linkedItems, settings] = [
    await listCaseEventRows(deps.db, row.id),
    await listCaseAttachmentRows(deps.db, row.id),
    await listLinkedInboxItems(deps.db, row.id),
    await loadCaseSettings(deps.db, deps.publicUrl),
  ];
  return toCaseDetail({ row, events, attachments, linkedItems }, deps.keys, settings, now);
}

export async function getCase(
  deps: CaseDeps,
  reader: Reader,
  id: string,
  now: Date = new Date(),
): Promise<CaseDetail> {
  return detailOf(deps, await visibleCase(deps.db, reader, id), now);
}

/** Recomputes the stored deadline from the row's state; call after every relevant change. */
export function deadlineOf(row: CaseRow, settings: EffectiveCaseSettings): Date | null {
  return computeDeleteAfter(
    {
      status: row.status,
      closedAt: row.closed_at,
      holdKind: row.hold_kind,
      category: row.category,
    },
    settings,
  );
}
