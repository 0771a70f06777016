import type {
  OrgUnitTable,
  SessionTable,
  UserRoleTable,
  UserTable,
  UserTokenTable,
} from '../access/access.table.ts';
import type { AuditLogTable } from '../audit/audit.table.ts';

/** Every table Kysely may query, assembled from the features' *.table.ts files. */
export interface Database {
  org_units: OrgUnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  audit_log: AuditLogTable;
}
