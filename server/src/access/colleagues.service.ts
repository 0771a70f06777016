import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { decide } from './access.policy.ts';
import type { Permission, RoleGrant } from './access.policy.ts';
import { orgUnitSubtree } from './org-units.service.ts';
import { listActiveColleagueRows } from './users.repository.ts';

export interface Colleague {
  readonly id: string;
  readonly displayName: string;
}

/** Work that is handed to people: inbox items and cases. */
const ASSIGNING: readonly Permission[] = ['inbox.read', 'cases.read'];

/**
 * The people a user may assign inbox items and cases to: everyone for those who may read the
 * user list, otherwise the people of their own units (and below) — a department editor hands
 * work to colleagues without seeing the whole administration. Names only, no e-mail addresses.
 */
export async function listColleagues(
  db: Kysely<Database>,
  reader: { readonly id: string; readonly roles: readonly RoleGrant[] },
): Promise<Colleague[]> {
  const subject = { roles: reader.roles, disabled: false };
  const globalUsersRead = reader.roles.some(
    (grant) =>
      grant.orgUnitId === null && decide({ roles: [grant], disabled: false }, 'users.read').allowed,
  );
  let units: readonly string[] | 'all' = [];
  if (globalUsersRead) {
    units = 'all';
  } else if (ASSIGNING.some((permission) => decide(subject, permission).allowed)) {
    const roots = reader.roles.flatMap((grant) =>
      grant.orgUnitId !== null &&
      ASSIGNING.some(
        (permission) => decide({ roles: [grant], disabled: false }, permission).allowed,
      )
        ? [grant.orgUnitId]
        : [],
    );
    units = await orgUnitSubtree(db, roots);
  }
  const rows = await listActiveColleagueRows(db, units, reader.id);
  return rows.map((row) => ({ id: row.id, displayName: row.display_name }));
}
