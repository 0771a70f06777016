// Shapes of the registry API (server/src/registry/registry.schema.ts and the processor and review
// contract), mirrored by hand so the admin bundle carries no validator.

// The server's vocabularies are pure data without imports: the admin UI uses the same file, so
// the two sides cannot drift.
export {
  CHANNEL_GOALS,
  CHANNEL_STATUSES,
  DPIA_STATUSES,
  NECESSITY_OUTCOMES,
  REVIEW_SUBJECTS,
  SCC_MODULES,
  TRANSFER_BASES,
} from '../../../server/src/registry/registry.enum.ts';
import type {
  ChannelGoal,
  ChannelStatus,
  DpiaStatus,
  NecessityOutcome,
  PROFILE_NOTICE_METHODS,
  ReviewSubject,
  SCC_MODULES,
  TransferBasis,
} from '../../../server/src/registry/registry.enum.ts';
export type {
  ChannelGoal,
  ChannelStatus,
  DpiaStatus,
  NecessityOutcome,
  ReviewSubject,
  TransferBasis,
};
export type SccModule = (typeof SCC_MODULES)[number];
export type ProfileNoticeMethod = (typeof PROFILE_NOTICE_METHODS)[number];

export const REVIEW_OUTCOMES = ['confirmed', 'changed', 'discontinued'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const CONTRACT_STATUSES = ['future', 'active', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export interface LegalBasis {
  gdpr: string;
  national: string | null;
}

export interface Purpose {
  text: string;
  legalBasis: LegalBasis;
}

export interface Operator {
  legalEntity: string;
  address: string;
  privacyPolicyUrl: string;
  cookiePolicyUrl: string | null;
  rightsContact: string;
}

export interface Necessity {
  reasoning: string;
  outcome: NecessityOutcome;
  assessedOn: string;
  nextReviewOn: string;
}

export interface JointControllership {
  arrangementUrl: string;
  essencePublishedUrl: string;
  scope: string;
  contactPoint: string;
  forwardingDeadlineDays: number;
}

export interface Transfer {
  country: string;
  basis: TransferBasis;
  dpfCheckedOn: string | null;
  sccModule: SccModule | null;
  notes: string | null;
}

export interface Dpia {
  documentRef: string;
  version: string;
  date: string;
  status: DpiaStatus;
  nextReviewOn: string;
}

export interface DpiaSignOff {
  signedOffBy: string;
  signedOffByName: string | null;
  signedOffAt: string;
}

/** The fields a platform's create and update bodies share. */
export interface PlatformFields {
  name: string;
  operator: Operator;
  purposes: Purpose[];
  targetGroups: string[];
  recipients: string[];
  necessity: Necessity;
  jointControllership: JointControllership | null;
  transfers: Transfer[];
  dpia: Dpia | null;
  storagePeriods: string | null;
}

export interface Platform extends PlatformFields {
  id: string;
  key: string;
  dpiaSignOff: DpiaSignOff | null;
  updatedAt: string;
}

export type CreatePlatformInput = PlatformFields & { key: string };
export type UpdatePlatformInput = Partial<PlatformFields>;

export interface ProfileNotice {
  privacyPolicyLinked: boolean;
  imprintLinked: boolean;
  checkedAt: string;
  method: ProfileNoticeMethod;
  checkedBy: string | null;
}

export interface ChannelFields {
  platformId: string;
  name: string;
  handle: string;
  url: string;
  orgUnitId: string;
  responsibleUserIds: string[];
  goals: ChannelGoal[];
  status: ChannelStatus;
  selfPublishing: boolean;
  apiBaseUrl?: string | null;
}

export type ConnectionStatus = 'not-connected' | 'connected' | 'expired';

export interface ChannelConnection {
  status: ConnectionStatus;
  accountId: string | null;
  connectedAt: string | null;
  expiresAt: string | null;
  refreshable: boolean;
  lastRefreshFailure: string | null;
}

export interface Channel extends ChannelFields {
  id: string;
  profileNotice: ProfileNotice | null;
  hasCredentials: boolean;
  connection: ChannelConnection;
  updatedAt: string;
}

export interface PlatformApp {
  id: string;
  platformKey: string;
  baseUrl: string;
  clientId: string;
  hasSecret: boolean;
  source: 'manual' | 'registered' | 'sandbox';
  updatedAt: string;
}

export type UpdateChannelInput = Partial<ChannelFields>;

export interface OrganisationProfile {
  controllerName: string;
  controllerAddress: string;
  controllerEmail: string;
  controllerPhone: string | null;
  dpoContact: string;
  privacyNoticeUrl: string;
  imprintUrl: string;
  netiquetteUrl: string | null;
  supervisoryAuthority: string;
  inquiryRetentionMonths: number;
  securityMeasures: string;
  conceptVersion: string;
  conceptReviewedOn: string;
  conceptNextReviewOn: string;
}

export interface Revision {
  id: string;
  changedAt: string;
  actorId: string | null;
  actorName: string | null;
  snapshot: unknown;
}

export interface ProcessorFields {
  name: string;
  address: string;
  contactEmail: string;
}

export interface Processor extends ProcessorFields {
  id: string;
  memberUserIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SubProcessor {
  name: string;
  location: string;
  purpose: string;
}

/** Art. 28(3) GDPR: what a processing contract (AVV) has to state. */
export interface ContractFields {
  processorId: string;
  reference: string;
  subjectMatter: string;
  duration: string;
  naturePurpose: string;
  dataTypes: string[];
  subjectCategories: string[];
  subProcessors: SubProcessor[];
  startsOn: string;
  endsOn: string | null;
  channelIds: string[];
}

export interface Contract extends ContractFields {
  id: string;
  /** Derived by the server from today's date in Europe/Berlin. */
  status: ContractStatus;
  createdAt: string;
  updatedAt: string;
}

export interface DueReview {
  subject: ReviewSubject;
  platformId: string | null;
  platformName: string | null;
  dueOn: string;
  state: 'overdue' | 'due-soon';
  responsibleRole: string;
}

export interface ReviewInput {
  subject: ReviewSubject;
  platformId: string | null;
  outcome: ReviewOutcome;
  notes: string | null;
  nextReviewOn: string;
}

export interface Review extends ReviewInput {
  id: string;
  reviewedAt: string;
  reviewerId: string | null;
  reviewerName: string | null;
}
