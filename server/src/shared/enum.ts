/** Enumerations shared by server features; the admin UI mirrors their labels. */

export const ROLES = [
  'communications',
  'online-team',
  'department-editor',
  'agency',
  'dpo',
  'crisis-approver',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose grant only makes sense for one org unit (and its sub-units). */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['department-editor'];

export const ORG_UNIT_KINDS = ['organisation', 'department', 'office', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const AUTH_PROVIDERS = ['local', 'oidc'] as const;
export type AuthProvider = (typeof AUTH_PROVIDERS)[number];

export const TOKEN_PURPOSES = ['setup', 'invite'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
