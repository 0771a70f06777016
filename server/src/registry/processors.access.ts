import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Database } from '../database/database.types.ts';
import { calendarDate } from '../shared/calendar.ts';
import type { ProcessorFilter } from './processors.repository.ts';
import {
  assignedChannelIdsOnDate,
  countValidContractsOfMember,
  processorIdsOfMember,
} from './processors.repository.ts';

/** Roles that see every processor and contract; an agency sees only its own. */
const CENTRAL_ROLES = new Set(['communications', 'online-team', 'dpo', 'crisis-approver']);

/**
 * Channels an agency user may work on: those assigned under a processor contract (Art. 28) of
 * one of the user's agencies that is valid today (start ≤ today ≤ end, dates in Europe/Berlin).
 * Access thus ends with the contract's last day, whether or not the contract-end job has run.
 */
export async function assignedChannelIdsForAgencyUser(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<string[]> {
  return assignedChannelIdsOnDate(db, userId, calendarDate(now));
}

/** Whether any contract of the user's agencies is valid today. */
export async function hasValidContract(
  db: Kysely<Database>,
  userId: string,
  now: Date,
): Promise<boolean> {
  return (await countValidContractsOfMember(db, userId, calendarDate(now))) > 0;
}

/** Which processors a reader may see: contracts and contact details of other agencies stay hidden. */
export async function processorScopeFor(
  db: Kysely<Database>,
  reader: { id: string; roles: readonly RoleGrant[] },
): Promise<ProcessorFilter> {
  if (reader.roles.some((grant) => CENTRAL_ROLES.has(grant.role))) {
    return 'all';
  }
  return processorIdsOfMember(db, reader.id);
}
