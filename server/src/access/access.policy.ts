import type { Role } from '../shared/enum.ts';

/**
 * The one place that decides (user, action, resource) → allow/deny. Default deny: an action no
 * grant names is refused, and so is a unit-scoped grant on a resource outside that unit's subtree.
 */
export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'org-units.read',
  'org-units.manage',
  'audit.read',
  'registry.read',
  'registry.manage',
  'registry.dpia-sign-off',
  'registry.review',
  'tasks.read',
  'tasks.complete',
  'tasks.manage',
  'posts.read',
  'posts.draft',
  'posts.publish',
  'posts.approve',
  'publishing.suspend',
  'consent.read',
  'consent.manage',
  'crisis.read',
  'crisis.approve',
  'crisis.manage',
  'inbox.read',
  'inbox.moderate',
  'inbox.reply',
  'netiquette.manage',
  'cases.read',
  'cases.manage',
  'cases.deletion-log',
  'cases.configure',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export interface RoleGrant {
  readonly role: Role;
  readonly orgUnitId: string | null;
}

export interface PolicySubject {
  readonly roles: readonly RoleGrant[];
  readonly disabled: boolean;
}

/** A resource that belongs to an org unit: its ancestry from the root down to the unit itself. */
export interface PolicyResource {
  readonly orgUnitPath: readonly string[];
}

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  communications: PERMISSIONS.filter((p) => p !== 'registry.dpia-sign-off'),
  // The online team publishes on manual channels (Xing) and plans those tasks.
  'online-team': [
    'users.read',
    'org-units.read',
    'registry.read',
    'tasks.read',
    'tasks.complete',
    'tasks.manage',
    'posts.read',
    'posts.draft',
    'posts.publish',
    'consent.read',
    'crisis.read',
    'inbox.read',
    'inbox.moderate',
    'inbox.reply',
    'cases.read',
    'cases.manage',
  ],
  // Department editors and agencies see platforms, and only their own or assigned channels.
  // Editors do (not plan) the manual tasks of their unit's channels. Agencies get no task access
  // until the publishing module decides what unpublished content a processor may see.
  // Editors draft for their unit's channels; publishing without approval only where a channel is
  // self-publishing (decided per channel in the publishing service). Agencies only draft.
  'department-editor': [
    'org-units.read',
    'registry.read',
    'tasks.read',
    'tasks.complete',
    'posts.read',
    'posts.draft',
    'inbox.read',
    'inbox.reply',
    'cases.read',
    'cases.manage',
  ],
  agency: ['registry.read', 'posts.read', 'posts.draft'],
  dpo: [
    'users.read',
    'org-units.read',
    'audit.read',
    'registry.read',
    'registry.dpia-sign-off',
    'registry.review',
    'tasks.read',
    'posts.read',
    'consent.read',
    'crisis.read',
    'inbox.read',
    'cases.read',
    'cases.deletion-log',
  ],
  // Approves warnings on the fast path; sees incidents, but runs neither feeds nor crisis mode.
  'crisis-approver': [
    'org-units.read',
    'registry.read',
    'posts.read',
    'crisis.read',
    'crisis.approve',
  ],
};

export type Decision =
  { readonly allowed: true; readonly role: Role } | { readonly allowed: false };

export function decide(
  subject: PolicySubject,
  action: Permission,
  resource?: PolicyResource,
): Decision {
  if (subject.disabled) {
    return { allowed: false };
  }
  for (const grant of subject.roles) {
    if (!GRANTS[grant.role].includes(action)) {
      continue;
    }
    if (grant.orgUnitId !== null && resource !== undefined) {
      if (!resource.orgUnitPath.includes(grant.orgUnitId)) {
        continue;
      }
    }
    return { allowed: true, role: grant.role };
  }
  return { allowed: false };
}

/** Everything the subject may do somewhere: the admin UI shows and hides navigation by it. */
export function permissionsOf(subject: PolicySubject): Permission[] {
  return PERMISSIONS.filter((permission) => decide(subject, permission).allowed);
}
