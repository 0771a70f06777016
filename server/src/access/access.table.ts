import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

import type { AuthProvider, OrgUnitKind, Role, TokenPurpose } from '../shared/enum.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface OrgUnitTable {
  id: Generated<string>;
  parent_id: string | null;
  name: string;
  code: string;
  kind: OrgUnitKind;
  created_at: CreatedAt;
}

export interface UserTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  locale: 'de' | 'en';
  password_hash: string | null;
  auth_provider: AuthProvider;
  oidc_subject: string | null;
  disabled: Generated<boolean>;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  created_at: CreatedAt;
  last_login_at: Date | null;
}

export interface UserRoleTable {
  id: Generated<string>;
  user_id: string;
  role: Role;
  org_unit_id: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  auth_method: AuthProvider;
  created_at: CreatedAt;
  last_seen_at: Date;
  expires_at: Date;
}

export interface UserTokenTable {
  token_hash: string;
  purpose: TokenPurpose;
  user_id: string | null;
  created_by: string | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type NewOrgUnitRow = Insertable<OrgUnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type UserRoleRow = Selectable<UserRoleTable>;
export type SessionRow = Selectable<SessionTable>;
export type UserTokenRow = Selectable<UserTokenTable>;
