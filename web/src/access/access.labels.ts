// Display names for roles and org-unit kinds, checked against the dictionary at compile time.
import type { OrgUnitKind, Role } from '../api/api.types.ts';
import type { MessageKey } from '../i18n/i18n.messages.ts';

export const ROLE_LABELS: Record<Role, MessageKey> = {
  communications: 'role.communications',
  'online-team': 'role.online-team',
  'department-editor': 'role.department-editor',
  agency: 'role.agency',
  dpo: 'role.dpo',
  'crisis-approver': 'role.crisis-approver',
};

export const KIND_LABELS: Record<OrgUnitKind, MessageKey> = {
  organisation: 'kind.organisation',
  department: 'kind.department',
  office: 'kind.office',
  team: 'kind.team',
};

export function isRole(value: string): value is Role {
  return Object.hasOwn(ROLE_LABELS, value);
}

export function isOrgUnitKind(value: string): value is OrgUnitKind {
  return Object.hasOwn(KIND_LABELS, value);
}

/** Roles that only make sense for one office or department. */
export const ROLES_NEEDING_ORG_UNIT: ReadonlySet<Role> = new Set<Role>(['department-editor']);
