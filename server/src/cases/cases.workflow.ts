import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, invalid } from '../errors/errors.ts';
import type { Reader } from '../registry/channels.service.ts';
import { seal } from '../shared/crypto.ts';
import { blindIndexesOf, eventContext, fieldContext, sealOptional } from './cases.crypto.ts';
import { insertCaseEventRow, replaceBlindIndexRows, updateCaseRow } from './cases.repository.ts';
import type { CaseDetail, ContactInput, UpdateCaseInput } from './cases.schema.ts';
import {
  checkAssignment,
  hasReplyChannel,
  NO_REPLY_CHANNEL,
  checkCategory,
  currentKey,
  deadlineOf,
  detailOf,
  notifyAssignee,
  visibleCase,
} from './cases.service.ts';
import type { CaseDeps } from './cases.service.ts';
import { loadCaseSettings } from './cases.settings.ts';
import type { CaseRow, CaseUpdate, HoldKind } from './cases.table.ts';

/** Runs a change on a locked, visible case and returns its detail afterwards. */
async function changeCase(
  deps: CaseDeps,
  reader: Reader,
  id: string,
  now: Date,
  change: (trx: Kysely<Database>, row: CaseRow) => Promise<void>,
): Promise<CaseDetail> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await visibleCase(trx, reader, id, { forUpdate: true });
    await change(trx, current);
    return visibleCase(trx, reader, id);
  });
  return detailOf(deps, row, now);
}

/** Applies an update and stores the recomputed deletion deadline in the same statement. */
async function applyUpdate(
  trx: Kysely<Database>,
  deps: CaseDeps,
  row: CaseRow,
  update: CaseUpdate,
  now: Date,
): Promise<CaseRow> {
  const settings = await loadCaseSettings(trx, deps.publicUrl);
  const next = { ...row, ...update };
  return updateCaseRow(trx, row.id, {
    ...update,
    delete_after: deadlineOf(next, settings),
    updated_at: now,
  });
}

/**
 * Status (closing starts the retention clock, reopening stops it), category (changes the
 * retention), unit and assignee.
 */
export async function updateCase(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  id: string,
  input: UpdateCaseInput,
  now: Date = new Date(),
): Promise<CaseDetail> {
  return changeCase(deps, reader, id, now, async (trx, row) => {
    const settings = await loadCaseSettings(trx, deps.publicUrl);
    await checkAssignment(trx, input);
    const update: CaseUpdate = {};
    const changes: string[] = [];
    if (input.status !== undefined && input.status !== row.status) {
      update.status = input.status;
      // The clock starts when processing ends; any other status stops (and resets) it.
      update.closed_at = input.status === 'closed' ? now : null;
      await insertCaseEventRow(trx, {
        case_id: row.id,
        kind: 'status',
        detail: { from: row.status, to: input.status },
        author_id: actor.userId,
        created_at: now,
      });
      changes.push(`Status ${row.status} → ${input.status}`);
    }
    if (input.category !== undefined && input.category !== row.category) {
      update.category = checkCategory(settings, input.category);
      changes.push(`Kategorie ${row.category} → ${update.category}`);
    }
    if (input.orgUnitId !== undefined && input.orgUnitId !== row.org_unit_id) {
      update.org_unit_id = input.orgUnitId;
      changes.push('Einheit geändert');
    }
    if (input.assigneeId !== undefined && input.assigneeId !== row.assignee_id) {
      update.assignee_id = input.assigneeId;
      changes.push('Zuständige Person geändert');
    }
    if (input.contact !== undefined) {
      Object.assign(update, sealedContact(deps, row.id, input.contact));
      await replaceBlindIndexRows(trx, row.id, blindIndexesOf(deps.blindIndexKey, input.contact));
      changes.push('Kontaktdaten geändert');
    }
    if (changes.length === 0) {
      return;
    }
    if (
      update.category !== undefined ||
      update.org_unit_id !== undefined ||
      update.assignee_id !== undefined ||
      input.contact !== undefined
    ) {
      await insertCaseEventRow(trx, {
        case_id: row.id,
        kind: 'updated',
        detail: {
          category: update.category ?? null,
          orgUnitId: update.org_unit_id ?? null,
          assigneeId: update.assignee_id ?? null,
          contactChanged: input.contact !== undefined,
        },
        author_id: actor.userId,
        created_at: now,
      });
    }
    const updated = await applyUpdate(trx, deps, row, update, now);
    if (update.assignee_id) {
      await notifyAssignee(trx, updated, now);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'case.update',
        objectType: 'case',
        objectId: row.id,
        summary: `Fall Nr. ${row.number}: ${changes.join(', ')}`,
      },
      now,
    );
  });
}

function sealedContact(deps: CaseDeps, caseId: string, contact: ContactInput): CaseUpdate {
  if (!hasReplyChannel(contact)) {
    throw invalid([{ path: 'contact', message: NO_REPLY_CHANNEL }], NO_REPLY_CHANNEL);
  }
  const key = currentKey(deps);
  return {
    contact_platform: contact.platform ?? null,
    contact_name: sealOptional(contact.name, key, fieldContext(caseId, 'contact_name')),
    contact_handle: sealOptional(contact.handle, key, fieldContext(caseId, 'contact_handle')),
    contact_email: sealOptional(contact.email, key, fieldContext(caseId, 'contact_email')),
    contact_phone: sealOptional(contact.phone, key, fieldContext(caseId, 'contact_phone')),
    contact_address: sealOptional(contact.address, key, fieldContext(caseId, 'contact_address')),
  };
}

/** A legal hold or retention duty suspends deletion until cleared; the reason names no person. */
export async function setHold(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  id: string,
  input: { kind: HoldKind; reason: string; reviewOn: string },
  now: Date = new Date(),
): Promise<CaseDetail> {
  return changeCase(deps, reader, id, now, async (trx, row) => {
    await applyUpdate(
      trx,
      deps,
      row,
      {
        hold_kind: input.kind,
        hold_reason: input.reason,
        hold_review_on: input.reviewOn,
        hold_set_at: now,
        hold_set_by: actor.userId,
      },
      now,
    );
    await insertCaseEventRow(trx, {
      case_id: row.id,
      kind: 'hold',
      detail: { kind: input.kind, reviewOn: input.reviewOn },
      author_id: actor.userId,
      created_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'case.hold',
        objectType: 'case',
        objectId: row.id,
        summary: `Fall Nr. ${row.number}: Löschung ausgesetzt (${input.kind}, Prüfung am ${input.reviewOn})`,
      },
      now,
    );
  });
}

export async function clearHold(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  id: string,
  now: Date = new Date(),
): Promise<CaseDetail> {
  return changeCase(deps, reader, id, now, async (trx, row) => {
    if (row.hold_kind === null) {
      throw new AppError('conflict', 'Für diesen Fall ist keine Löschsperre gesetzt.');
    }
    await applyUpdate(
      trx,
      deps,
      row,
      {
        hold_kind: null,
        hold_reason: null,
        hold_review_on: null,
        hold_set_at: null,
        hold_set_by: null,
      },
      now,
    );
    await insertCaseEventRow(trx, {
      case_id: row.id,
      kind: 'hold-cleared',
      detail: { kind: row.hold_kind },
      author_id: actor.userId,
      created_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'case.hold-clear',
        objectType: 'case',
        objectId: row.id,
        summary: `Fall Nr. ${row.number}: Löschsperre aufgehoben`,
      },
      now,
    );
  });
}

/** An internal note, sealed like the concern. */
export async function addNote(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  id: string,
  text: string,
  now: Date = new Date(),
): Promise<CaseDetail> {
  return changeCase(deps, reader, id, now, async (trx, row) => {
    const eventId = randomUUID();
    await insertCaseEventRow(trx, {
      id: eventId,
      case_id: row.id,
      kind: 'note',
      body: seal(text, currentKey(deps), eventContext(eventId)),
      author_id: actor.userId,
      created_at: now,
    });
    await updateCaseRow(trx, row.id, { updated_at: now });
    await recordAudit(
      trx,
      actor,
      {
        action: 'case.note',
        objectType: 'case',
        objectId: row.id,
        summary: `Fall Nr. ${row.number}: Notiz hinzugefügt`,
      },
      now,
    );
  });
}
