import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type {
  ContractRow,
  ContractUpdate,
  NewContractRow,
  NewProcessorRow,
  ProcessorRow,
  ProcessorUpdate,
} from './processors.table.ts';

/** Processors to show: all of them, or only those with the given ids. */
export type ProcessorFilter = 'all' | readonly string[];

export async function listProcessorRows(
  db: Kysely<Database>,
  filter: ProcessorFilter,
): Promise<ProcessorRow[]> {
  let q = db.selectFrom('processors').selectAll();
  if (filter !== 'all') {
    // Guard: `IN ()` is invalid SQL, and an empty filter sees nothing.
    if (filter.length === 0) {
      return [];
    }
    q = q.where('id', 'in', filter);
  }
  return q.orderBy('name').orderBy('id').execute();
}

export async function findProcessorRow(
  db: Kysely<Database>,
  id: string,
): Promise<ProcessorRow | undefined> {
  return db.selectFrom('processors').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertProcessorRow(
  db: Kysely<Database>,
  row: NewProcessorRow,
): Promise<ProcessorRow> {
  return db.insertInto('processors').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateProcessorRow(
  db: Kysely<Database>,
  id: string,
  patch: ProcessorUpdate,
): Promise<ProcessorRow | undefined> {
  return db
    .updateTable('processors')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function listMemberRows(
  db: Kysely<Database>,
  processorIds: readonly string[],
): Promise<{ processor_id: string; user_id: string }[]> {
  if (processorIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('processor_members')
    .selectAll()
    .where('processor_id', 'in', processorIds)
    .orderBy('user_id')
    .execute();
}

export async function processorIdsOfMember(
  db: Kysely<Database>,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('processor_members')
    .select('processor_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((row) => row.processor_id);
}

export async function replaceMemberRows(
  db: Kysely<Database>,
  processorId: string,
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('processor_members').where('processor_id', '=', processorId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('processor_members')
      .values(userIds.map((userId) => ({ processor_id: processorId, user_id: userId })))
      .execute();
  }
}

export async function listContractRows(
  db: Kysely<Database>,
  filter: { processorIds: ProcessorFilter; processorId?: string },
): Promise<ContractRow[]> {
  let q = db.selectFrom('processor_contracts').selectAll();
  if (filter.processorIds !== 'all') {
    if (filter.processorIds.length === 0) {
      return [];
    }
    q = q.where('processor_id', 'in', filter.processorIds);
  }
  if (filter.processorId !== undefined) {
    q = q.where('processor_id', '=', filter.processorId);
  }
  return q.orderBy('starts_on', 'desc').orderBy('reference').execute();
}

export async function findContractRow(
  db: Kysely<Database>,
  id: string,
): Promise<ContractRow | undefined> {
  return db.selectFrom('processor_contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContractByReference(
  db: Kysely<Database>,
  processorId: string,
  reference: string,
): Promise<ContractRow | undefined> {
  return db
    .selectFrom('processor_contracts')
    .selectAll()
    .where('processor_id', '=', processorId)
    .where((eb) => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()))
    .executeTakeFirst();
}

export async function insertContractRow(
  db: Kysely<Database>,
  row: NewContractRow,
): Promise<ContractRow> {
  return db.insertInto('processor_contracts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateContractRow(
  db: Kysely<Database>,
  id: string,
  patch: ContractUpdate,
): Promise<ContractRow | undefined> {
  return db
    .updateTable('processor_contracts')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function listContractChannelRows(
  db: Kysely<Database>,
  contractIds: readonly string[],
): Promise<{ contract_id: string; channel_id: string }[]> {
  if (contractIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('processor_contract_channels')
    .selectAll()
    .where('contract_id', 'in', contractIds)
    .orderBy('channel_id')
    .execute();
}

export async function replaceContractChannelRows(
  db: Kysely<Database>,
  contractId: string,
  channelIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('processor_contract_channels')
    .where('contract_id', '=', contractId)
    .execute();
  if (channelIds.length > 0) {
    await db
      .insertInto('processor_contract_channels')
      .values(channelIds.map((channelId) => ({ contract_id: contractId, channel_id: channelId })))
      .execute();
  }
}

/** Contracts of the user's processors that are valid on `today` (start ≤ today ≤ end). */
function validContractsOfMember(db: Kysely<Database>, userId: string, today: string) {
  return db
    .selectFrom('processor_members as m')
    .innerJoin('processor_contracts as c', 'c.processor_id', 'm.processor_id')
    .where('m.user_id', '=', userId)
    .where('c.starts_on', '<=', today)
    .where((eb) => eb.or([eb('c.ends_on', 'is', null), eb('c.ends_on', '>=', today)]));
}

export async function assignedChannelIdsOnDate(
  db: Kysely<Database>,
  userId: string,
  today: string,
): Promise<string[]> {
  const rows = await validContractsOfMember(db, userId, today)
    .innerJoin('processor_contract_channels as cc', 'cc.contract_id', 'c.id')
    .select('cc.channel_id')
    .distinct()
    .orderBy('cc.channel_id')
    .execute();
  return rows.map((row) => row.channel_id);
}

export async function countValidContractsOfMember(
  db: Kysely<Database>,
  userId: string,
  today: string,
): Promise<number> {
  const row = await validContractsOfMember(db, userId, today)
    .select((eb) => eb.fn.count<string>('c.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Contracts whose last day lies before `today` and whose end the job has not handled yet. */
export async function listUnprocessedEndedContractIds(
  db: Kysely<Database>,
  today: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('processor_contracts')
    .select('id')
    .where('ended_processed_at', 'is', null)
    .where('ends_on', '<', today)
    .orderBy('ends_on')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Claims a contract's end for processing; undefined when another run got there first. */
export async function claimContractEnd(
  db: Kysely<Database>,
  id: string,
  now: Date,
): Promise<ContractRow | undefined> {
  return db
    .updateTable('processor_contracts')
    .set({ ended_processed_at: now })
    .where('id', '=', id)
    .where('ended_processed_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}
