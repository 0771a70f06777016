import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { systemActor } from '../access/actor.ts';
import { endAllSessions } from '../access/sessions.service.ts';
import type { Database } from '../database/database.types.ts';
import { recordChange } from './registry.changes.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import { notifyRole } from '../notifications/notifications.service.ts';
import type { NotifiedRecipient } from '../notifications/notifications.service.ts';
import { calendarDate, germanDate } from '../shared/calendar.ts';
import { hasValidContract, processorScopeFor } from './processors.access.ts';
import {
  claimContractEnd,
  findContractByReference,
  findContractRow,
  findProcessorRow,
  insertContractRow,
  listContractChannelRows,
  listContractRows,
  listMemberRows,
  listUnprocessedEndedContractIds,
  replaceContractChannelRows,
  updateContractRow,
} from './processors.repository.ts';
import type {
  Contract,
  ContractStatus,
  CreateContractInput,
  UpdateContractInput,
} from './processors.schema.ts';
import { END_BEFORE_START } from './processors.schema.ts';
import type { ProcessorReader } from './processors.service.ts';
import type { ContractRow, ContractUpdate } from './processors.table.ts';
import { findChannelRow } from './registry.repository.ts';
import { listRevisions } from './revisions.service.ts';
import type { Revision } from './revisions.service.ts';

/** Where the admin UI lists processors and their contracts. */
export const PROCESSORS_PATH = '/registry/processors';

const NOT_FOUND = 'Diesen Vertrag gibt es nicht oder Sie dürfen ihn nicht sehen.';

/** A contract is valid from its first through its last day, as dates in Europe/Berlin. */
export function contractStatus(
  contract: { startsOn: string; endsOn: string | null },
  today: string,
): ContractStatus {
  if (today < contract.startsOn) {
    return 'future';
  }
  if (contract.endsOn !== null && today > contract.endsOn) {
    return 'ended';
  }
  return 'active';
}

async function toContracts(
  db: Kysely<Database>,
  rows: readonly ContractRow[],
  now: Date,
): Promise<Contract[]> {
  const today = calendarDate(now);
  const channels = await listContractChannelRows(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    processorId: row.processor_id,
    reference: row.reference,
    subjectMatter: row.subject_matter,
    duration: row.duration,
    naturePurpose: row.nature_purpose,
    dataTypes: row.data_types,
    subjectCategories: row.subject_categories,
    subProcessors: row.sub_processors,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    channelIds: channels.filter((c) => c.contract_id === row.id).map((c) => c.channel_id),
    status: contractStatus({ startsOn: row.starts_on, endsOn: row.ends_on }, today),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

async function toContract(db: Kysely<Database>, row: ContractRow, now: Date): Promise<Contract> {
  const [contract] = await toContracts(db, [row], now);
  if (contract === undefined) {
    throw notFound(NOT_FOUND);
  }
  return contract;
}

export async function listContracts(
  db: Kysely<Database>,
  reader: ProcessorReader,
  processorId: string | undefined,
  now: Date = new Date(),
): Promise<Contract[]> {
  const scope = await processorScopeFor(db, reader);
  const rows = await listContractRows(db, {
    processorIds: scope,
    ...(processorId === undefined ? {} : { processorId }),
  });
  return toContracts(db, rows, now);
}

/** The change history of a contract the reader may see. */
export async function listContractRevisions(
  db: Kysely<Database>,
  reader: ProcessorReader,
  id: string,
): Promise<Revision[]> {
  const scope = await processorScopeFor(db, reader);
  const row = await findContractRow(db, id);
  if (row === undefined || (scope !== 'all' && !scope.includes(row.processor_id))) {
    throw notFound(NOT_FOUND);
  }
  return listRevisions(db, 'contract', id);
}

async function assertChannelsExist(
  db: Kysely<Database>,
  channelIds: readonly string[],
): Promise<void> {
  for (const [index, channelId] of channelIds.entries()) {
    if ((await findChannelRow(db, channelId)) === undefined) {
      throw invalid([{ path: `channelIds.${index}`, message: 'Diesen Kanal gibt es nicht.' }]);
    }
  }
}

async function afterChange(
  trx: Kysely<Database>,
  actor: Actor,
  row: ContractRow,
  action: string,
  summary: string,
  now: Date,
): Promise<Contract> {
  const contract = await toContract(trx, row, now);
  await recordChange(
    trx,
    actor,
    {
      revisionType: 'contract',
      auditType: 'processor_contract',
      objectId: row.id,
      snapshot: contract,
      action,
      summary,
    },
    now,
  );
  return contract;
}

export async function createContract(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateContractInput,
  now: Date = new Date(),
): Promise<Contract> {
  const channelIds = [...new Set(input.channelIds)];
  return db.transaction().execute(async (trx) => {
    if ((await findProcessorRow(trx, input.processorId)) === undefined) {
      throw invalid([
        { path: 'processorId', message: 'Diesen Auftragsverarbeiter gibt es nicht.' },
      ]);
    }
    await assertChannelsExist(trx, channelIds);
    if ((await findContractByReference(trx, input.processorId, input.reference)) !== undefined) {
      throw conflict('Einen Vertrag mit diesem Aktenzeichen gibt es für diese Agentur bereits.');
    }
    const row = await insertContractRow(trx, {
      processor_id: input.processorId,
      reference: input.reference,
      subject_matter: input.subjectMatter,
      duration: input.duration,
      nature_purpose: input.naturePurpose,
      data_types: input.dataTypes,
      subject_categories: input.subjectCategories,
      sub_processors: JSON.stringify(input.subProcessors),
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      ended_processed_at: null,
      created_at: now,
      updated_at: now,
    });
    await replaceContractChannelRows(trx, row.id, channelIds);
    return afterChange(
      trx,
      actor,
      row,
      'processor_contract.created',
      `Vertrag ${row.reference} angelegt (${channelIds.length} Kanäle)`,
      now,
    );
  });
}

export async function updateContract(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: UpdateContractInput,
  now: Date = new Date(),
): Promise<Contract> {
  return db.transaction().execute(async (trx) => {
    const before = await findContractRow(trx, id);
    if (before === undefined) {
      throw notFound(NOT_FOUND);
    }
    const startsOn = input.startsOn ?? before.starts_on;
    const endsOn = input.endsOn === undefined ? before.ends_on : input.endsOn;
    if (endsOn !== null && endsOn < startsOn) {
      throw invalid([
        { path: input.endsOn === undefined ? 'startsOn' : 'endsOn', message: END_BEFORE_START },
      ]);
    }
    if (input.reference !== undefined) {
      const other = await findContractByReference(trx, before.processor_id, input.reference);
      if (other !== undefined && other.id !== id) {
        throw conflict('Einen Vertrag mit diesem Aktenzeichen gibt es für diese Agentur bereits.');
      }
    }
    const patch = withoutUndefined<ContractUpdate>({
      updated_at: now,
      reference: input.reference,
      subject_matter: input.subjectMatter,
      duration: input.duration,
      nature_purpose: input.naturePurpose,
      data_types: input.dataTypes,
      subject_categories: input.subjectCategories,
      sub_processors:
        input.subProcessors === undefined ? undefined : JSON.stringify(input.subProcessors),
      starts_on: input.startsOn,
    });
    if (input.endsOn !== undefined) {
      patch.ends_on = input.endsOn;
      // An extended contract must be handled again when its new end passes.
      if (endsOn === null || endsOn >= calendarDate(now)) {
        patch.ended_processed_at = null;
      }
    }
    const row = await updateContractRow(trx, id, patch);
    if (row === undefined) {
      throw notFound(NOT_FOUND);
    }
    if (input.channelIds !== undefined) {
      const channelIds = [...new Set(input.channelIds)];
      await assertChannelsExist(trx, channelIds);
      await replaceContractChannelRows(trx, id, channelIds);
    }
    const fields = Object.keys(input).sort().join(', ');
    return afterChange(
      trx,
      actor,
      row,
      'processor_contract.updated',
      `Vertrag ${row.reference} geändert: ${fields || 'nichts'}`,
      now,
    );
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined),
  ) as T;
}

export interface ContractEndResult {
  readonly ended: number;
  /** Agency accounts logged out because no other contract of theirs is valid. */
  readonly accountsLoggedOut: number;
  /** Those who got a new in-app notification, for the e-mail that follows. */
  readonly notified: readonly { recipient: NotifiedRecipient; reference: string; endsOn: string }[];
}

/**
 * Handles every contract whose last day has passed (Europe/Berlin) and that was not handled yet:
 * marks it, logs out member accounts without another valid contract, audits and notifies
 * `communications`. One transaction per contract; a second run finds nothing left to do.
 */
export async function endExpiredContracts(
  db: Kysely<Database>,
  now: Date,
): Promise<ContractEndResult> {
  const ids = await listUnprocessedEndedContractIds(db, calendarDate(now));
  let ended = 0;
  let accountsLoggedOut = 0;
  const notified: { recipient: NotifiedRecipient; reference: string; endsOn: string }[] = [];
  for (const id of ids) {
    const handled = await db.transaction().execute(async (trx) => {
      const row = await claimContractEnd(trx, id, now);
      if (row === undefined || row.ends_on === null) {
        return undefined;
      }
      const endsOn = row.ends_on;
      let loggedOut = 0;
      for (const member of await listMemberRows(trx, [row.processor_id])) {
        if (!(await hasValidContract(trx, member.user_id, now))) {
          await endAllSessions(trx, member.user_id);
          loggedOut += 1;
        }
      }
      await afterChange(
        trx,
        systemActor(),
        row,
        'processor_contract.ended',
        `Vertrag ${row.reference} zum ${endsOn} beendet; Zugänge von ${loggedOut} Agentur-Konten beendet`,
        now,
      );
      const recipients = await notifyRole(
        trx,
        'communications',
        {
          kind: 'processor_contract.ended',
          title: `Auftragsverarbeitungsvertrag ${row.reference} beendet`,
          body:
            `Der Vertrag ${row.reference} ist am ${germanDate(endsOn)} ausgelaufen. Die Zugänge der ` +
            'Agentur zu den zugeordneten Kanälen sind beendet. Bitte prüfen Sie, ob die Agentur ' +
            'personenbezogene Daten zurückgegeben oder gelöscht hat (Art. 28 Abs. 3 lit. g DSGVO).',
          link: PROCESSORS_PATH,
          dedupeKey: `processor-contract-ended:${row.id}:${endsOn}`,
        },
        now,
      );
      return { loggedOut, recipients, reference: row.reference, endsOn };
    });
    if (handled !== undefined) {
      ended += 1;
      accountsLoggedOut += handled.loggedOut;
      for (const recipient of handled.recipients) {
        notified.push({ recipient, reference: handled.reference, endsOn: handled.endsOn });
      }
    }
  }
  return { ended, accountsLoggedOut, notified };
}
