import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { endAllSessions } from '../access/sessions.service.ts';
import { findUserRow, rolesOfUsers } from '../access/users.repository.ts';
import type { Database } from '../database/database.types.ts';
import { recordChange } from './registry.changes.ts';
import { invalid, notFound } from '../errors/errors.ts';
import { hasValidContract, processorScopeFor } from './processors.access.ts';
import {
  findProcessorRow,
  insertProcessorRow,
  listMemberRows,
  listProcessorRows,
  replaceMemberRows,
  updateProcessorRow,
} from './processors.repository.ts';
import type { CreateProcessorInput, Processor, UpdateProcessorInput } from './processors.schema.ts';
import type { ProcessorRow, ProcessorUpdate } from './processors.table.ts';
import { listRevisions } from './revisions.service.ts';
import type { Revision } from './revisions.service.ts';

export interface ProcessorReader {
  readonly id: string;
  readonly roles: readonly RoleGrant[];
}

const NOT_FOUND = 'Diesen Auftragsverarbeiter gibt es nicht oder Sie dürfen ihn nicht sehen.';

async function toProcessors(
  db: Kysely<Database>,
  rows: readonly ProcessorRow[],
): Promise<Processor[]> {
  const members = await listMemberRows(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    address: row.address,
    contactEmail: row.contact_email,
    memberUserIds: members.filter((m) => m.processor_id === row.id).map((m) => m.user_id),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

async function toProcessor(db: Kysely<Database>, row: ProcessorRow): Promise<Processor> {
  const [processor] = await toProcessors(db, [row]);
  if (processor === undefined) {
    throw notFound(NOT_FOUND);
  }
  return processor;
}

/** All processors for central roles; an agency user sees only the agencies they belong to. */
export async function listProcessors(
  db: Kysely<Database>,
  reader: ProcessorReader,
): Promise<Processor[]> {
  return toProcessors(db, await listProcessorRows(db, await processorScopeFor(db, reader)));
}

/** The change history of a processor the reader may see. */
export async function listProcessorRevisions(
  db: Kysely<Database>,
  reader: ProcessorReader,
  id: string,
): Promise<Revision[]> {
  const scope = await processorScopeFor(db, reader);
  if ((scope !== 'all' && !scope.includes(id)) || (await findProcessorRow(db, id)) === undefined) {
    throw notFound(NOT_FOUND);
  }
  return listRevisions(db, 'processor', id);
}

async function afterChange(
  trx: Kysely<Database>,
  actor: Actor,
  row: ProcessorRow,
  action: string,
  summary: string,
  now: Date,
): Promise<Processor> {
  const processor = await toProcessor(trx, row);
  // Names and e-mail addresses stay out of the audit log: the processor is named by its id.
  await recordChange(
    trx,
    actor,
    {
      revisionType: 'processor',
      auditType: 'processor',
      objectId: row.id,
      snapshot: processor,
      action,
      summary,
    },
    now,
  );
  return processor;
}

export async function createProcessor(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateProcessorInput,
  now: Date = new Date(),
): Promise<Processor> {
  return db.transaction().execute(async (trx) => {
    const row = await insertProcessorRow(trx, {
      name: input.name,
      address: input.address,
      contact_email: input.contactEmail,
      created_at: now,
      updated_at: now,
    });
    return afterChange(trx, actor, row, 'processor.created', 'Auftragsverarbeiter angelegt', now);
  });
}

export async function updateProcessor(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: UpdateProcessorInput,
  now: Date = new Date(),
): Promise<Processor> {
  return db.transaction().execute(async (trx) => {
    const patch: ProcessorUpdate = { updated_at: now };
    if (input.name !== undefined) {
      patch.name = input.name;
    }
    if (input.address !== undefined) {
      patch.address = input.address;
    }
    if (input.contactEmail !== undefined) {
      patch.contact_email = input.contactEmail;
    }
    const row = await updateProcessorRow(trx, id, patch);
    if (row === undefined) {
      throw notFound(NOT_FOUND);
    }
    const fields = Object.keys(input).sort().join(', ');
    return afterChange(
      trx,
      actor,
      row,
      'processor.updated',
      `Geändert: ${fields || 'nichts'}`,
      now,
    );
  });
}

async function assertAgencyAccounts(
  db: Kysely<Database>,
  userIds: readonly string[],
): Promise<void> {
  const roles = await rolesOfUsers(db, userIds);
  for (const [index, userId] of userIds.entries()) {
    const path = `userIds.${index}`;
    if ((await findUserRow(db, userId)) === undefined) {
      throw invalid([{ path, message: 'Dieses Konto gibt es nicht.' }]);
    }
    if (!roles.some((grant) => grant.user_id === userId && grant.role === 'agency')) {
      throw invalid([
        { path, message: 'Nur Konten mit der Rolle „Agentur“ können Mitglied sein.' },
      ]);
    }
  }
}

/**
 * Sets who works for the processor. Removed members who have no other valid contract are logged
 * out at once: their access rests on the membership.
 */
export async function setProcessorMembers(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  userIds: readonly string[],
  now: Date = new Date(),
): Promise<Processor> {
  const unique = [...new Set(userIds)];
  return db.transaction().execute(async (trx) => {
    const row = await findProcessorRow(trx, id);
    if (row === undefined) {
      throw notFound(NOT_FOUND);
    }
    await assertAgencyAccounts(trx, unique);
    const before = (await listMemberRows(trx, [id])).map((m) => m.user_id);
    await replaceMemberRows(trx, id, unique);
    const removed = before.filter((userId) => !unique.includes(userId));
    const added = unique.filter((userId) => !before.includes(userId));
    let loggedOut = 0;
    for (const userId of removed) {
      if (!(await hasValidContract(trx, userId, now))) {
        await endAllSessions(trx, userId);
        loggedOut += 1;
      }
    }
    const updated = await updateProcessorRow(trx, id, { updated_at: now });
    return afterChange(
      trx,
      actor,
      updated ?? row,
      'processor.members_set',
      `Mitglieder: ${unique.length} Konten (+${added.length}, −${removed.length}; abgemeldet: ${loggedOut})`,
      now,
    );
  });
}
