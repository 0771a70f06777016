import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import { orgUnitSubtree } from '../access/org-units.service.ts';
import type { Database } from '../database/database.types.ts';
import type { ChannelFilter } from './registry.repository.ts';
import { assignedChannelIdsForAgencyUser } from './processors.access.ts';

/** Roles that read every channel; all others see a subset. */
const GLOBAL_READERS = new Set(['communications', 'online-team', 'dpo', 'crisis-approver']);

/**
 * Which channels a user may see: all of them for the central roles, their unit's subtree for a
 * department editor, the channels assigned under a valid processor contract for an agency.
 */
export async function channelScopeFor(
  db: Kysely<Database>,
  user: { id: string; roles: readonly RoleGrant[] },
  now: Date = new Date(),
): Promise<ChannelFilter | 'all'> {
  if (user.roles.some((grant) => GLOBAL_READERS.has(grant.role))) {
    return 'all';
  }
  const unitRoots = user.roles
    .filter((grant) => grant.role === 'department-editor' && grant.orgUnitId !== null)
    .map((grant) => grant.orgUnitId as string);
  const orgUnitIds = unitRoots.length > 0 ? await orgUnitSubtree(db, unitRoots) : [];
  const channelIds = user.roles.some((grant) => grant.role === 'agency')
    ? await assignedChannelIdsForAgencyUser(db, user.id, now)
    : [];
  return { orgUnitIds, channelIds };
}

export function inScope(
  scope: ChannelFilter | 'all',
  channel: { id: string; org_unit_id: string },
): boolean {
  return (
    scope === 'all' ||
    scope.orgUnitIds.includes(channel.org_unit_id) ||
    scope.channelIds.includes(channel.id)
  );
}
