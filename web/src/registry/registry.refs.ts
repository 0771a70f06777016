// Reference data the channel and processor pages need: platforms, org units and people. Lists
// the viewer may not read stay empty (units) or null (users), and the forms adapt.
import { useCallback } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { fetchOrgUnits, orgUnitOptions } from '../access/org-units.api.ts';
import { useSession } from '../access/session.context.tsx';
import { fetchUsers } from '../access/users.api.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import { useResource } from '../api/api.resource.ts';
import type { OrgUnit, User } from '../api/api.types.ts';
import { fetchPlatforms } from './registry.api.ts';
import type { Platform } from './registry.types.ts';

export interface ReferenceData {
  platforms: Platform[];
  orgUnits: OrgUnit[];
  /** Null when the viewer may not list users. */
  users: User[] | null;
  /** Display names of platforms, units and users by id. */
  names: ReadonlyMap<string, string>;
  unitOptions: { value: string; label: string }[];
}

export function useReferenceData(): ResourceHandle<ReferenceData> {
  const { can } = useSession();
  const canUnits = can(PERMISSIONS.orgUnitsRead);
  const canUsers = can(PERMISSIONS.usersRead);
  const load = useCallback(async (): Promise<ReferenceData> => {
    const [platforms, orgUnits, users] = await Promise.all([
      fetchPlatforms(),
      canUnits ? fetchOrgUnits() : Promise.resolve([]),
      canUsers ? fetchUsers() : Promise.resolve(null),
    ]);
    const names = new Map<string, string>();
    for (const item of [...platforms, ...orgUnits]) {
      names.set(item.id, item.name);
    }
    for (const user of users ?? []) {
      names.set(user.id, user.displayName);
    }
    return { platforms, orgUnits, users, names, unitOptions: orgUnitOptions(orgUnits) };
  }, [canUnits, canUsers]);
  return useResource(load);
}
