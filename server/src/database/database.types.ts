import type {
  OrgUnitTable,
  SessionTable,
  UserRoleTable,
  UserTable,
  UserTokenTable,
} from '../access/access.table.ts';
import type { AuditLogTable } from '../audit/audit.table.ts';
import type { OAuthFlowTable, PlatformAppTable } from '../connections/connections.table.ts';
import type { ManualTaskTable } from '../manual-tasks/manual-tasks.table.ts';
import type { NotificationTable } from '../notifications/notifications.table.ts';
import type {
  ProcessorContractChannelTable,
  ProcessorContractTable,
  ProcessorMemberTable,
  ProcessorTable,
} from '../registry/processors.table.ts';
import type {
  ChannelTable,
  OrganisationProfileTable,
  PlatformTable,
  RegistryRevisionTable,
} from '../registry/registry.table.ts';
import type { RegistryReviewTable } from '../registry/reviews.table.ts';

/** Every table Kysely may query, assembled from the features' *.table.ts files. */
export interface Database {
  org_units: OrgUnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  user_tokens: UserTokenTable;
  audit_log: AuditLogTable;
  organisation_profile: OrganisationProfileTable;
  platforms: PlatformTable;
  channels: ChannelTable;
  registry_revisions: RegistryRevisionTable;
  processors: ProcessorTable;
  processor_contracts: ProcessorContractTable;
  processor_contract_channels: ProcessorContractChannelTable;
  processor_members: ProcessorMemberTable;
  registry_reviews: RegistryReviewTable;
  notifications: NotificationTable;
  platform_apps: PlatformAppTable;
  oauth_flows: OAuthFlowTable;
  manual_tasks: ManualTaskTable;
}
