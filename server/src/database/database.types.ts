import type {
  OrgUnitTable,
  SessionTable,
  UserRoleTable,
  UserTable,
  UserTokenTable,
} from '../access/access.table.ts';
import type { AuditLogTable } from '../audit/audit.table.ts';
import type { OAuthFlowTable, PlatformAppTable } from '../connections/connections.table.ts';
import type { ConsentProofTable, ConsentSettingsTable } from '../consent/consent.table.ts';
import type {
  CrisisFeedTable,
  CrisisIncidentTable,
  CrisisMessageTable,
  CrisisPinTable,
  CrisisPostTable,
  CrisisSettingsTable,
} from '../crisis/crisis.table.ts';
import type {
  CannedAnswerTable,
  InboxActionTable,
  InboxChannelSettingsTable,
  InboxCursorTable,
  InboxItemTable,
  InboxNoteTable,
  InboxQuarantineTable,
  InboxReplyTable,
} from '../inbox/inbox.table.ts';
import type {
  CaseAttachmentTable,
  CaseBlindIndexTable,
  CaseDeletionLogTable,
  CaseEventTable,
  CaseSettingsTable,
  CaseTable,
} from '../cases/cases.table.ts';
import type { ManualTaskTable } from '../manual-tasks/manual-tasks.table.ts';
import type { MediaTable } from '../media/media.table.ts';
import type { ModerationTermTable, NetiquetteRuleTable } from '../moderation/netiquette.table.ts';
import type { NotificationTable } from '../notifications/notifications.table.ts';
import type { OutboxItemTable } from '../publishing/outbox.table.ts';
import type {
  PostCommentTable,
  PostMediaTable,
  PostTable,
  PostTargetTable,
  PublishingSettingsTable,
} from '../publishing/posts.table.ts';
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
  media: MediaTable;
  posts: PostTable;
  post_targets: PostTargetTable;
  post_media: PostMediaTable;
  post_comments: PostCommentTable;
  outbox_items: OutboxItemTable;
  publishing_settings: PublishingSettingsTable;
  manual_tasks: ManualTaskTable;
  consent_settings: ConsentSettingsTable;
  consent_proofs: ConsentProofTable;
  crisis_settings: CrisisSettingsTable;
  crisis_feeds: CrisisFeedTable;
  crisis_incidents: CrisisIncidentTable;
  crisis_messages: CrisisMessageTable;
  crisis_posts: CrisisPostTable;
  crisis_pins: CrisisPinTable;
  netiquette_rules: NetiquetteRuleTable;
  moderation_terms: ModerationTermTable;
  inbox_channel_settings: InboxChannelSettingsTable;
  inbox_cursors: InboxCursorTable;
  inbox_items: InboxItemTable;
  inbox_actions: InboxActionTable;
  inbox_notes: InboxNoteTable;
  inbox_replies: InboxReplyTable;
  canned_answers: CannedAnswerTable;
  inbox_quarantine: InboxQuarantineTable;
  case_settings: CaseSettingsTable;
  cases: CaseTable;
  case_blind_indexes: CaseBlindIndexTable;
  case_events: CaseEventTable;
  case_attachments: CaseAttachmentTable;
  case_deletion_log: CaseDeletionLogTable;
}
