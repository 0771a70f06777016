// Shapes of the server's JSON API, kept in one place so every page agrees on them.

export const ROLES = [
  'communications',
  'online-team',
  'department-editor',
  'agency',
  'dpo',
  'crisis-approver',
] as const;
export type Role = (typeof ROLES)[number];

export type Locale = 'de' | 'en';

export interface RoleAssignment {
  role: Role;
  orgUnitId: string | null;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  roles: RoleAssignment[];
  disabled: boolean;
  authProvider: 'local' | 'oidc';
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Session {
  user: User | null;
  csrfToken: string | null;
  permissions: string[];
  setupRequired: boolean;
  oidcEnabled: boolean;
}

/** What login, setup and accept-invite all return. */
export interface AuthResult {
  user: User;
  csrfToken: string;
  permissions: string[];
}

export const ORG_UNIT_KINDS = ['organisation', 'department', 'office', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export interface OrgUnit {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgUnitKind;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  summary: string;
  correlationId: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  brokenAt: string | null;
}

export interface ItemList<T> {
  items: T[];
}
