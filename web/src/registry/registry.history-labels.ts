// Field names and value labels for the change history of registry records.
import type { Translate } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { HistoryLabels } from './registry.history.tsx';
import {
  CHANNEL_STATUS_LABELS,
  CONTRACT_STATUS_LABELS,
  DPIA_STATUS_LABELS,
  GOAL_LABELS,
  NECESSITY_LABELS,
  oneOf,
  SCC_MODULE_LABELS,
  TRANSFER_BASIS_LABELS,
} from './registry.labels.ts';
import {
  CHANNEL_GOALS,
  CHANNEL_STATUSES,
  CONTRACT_STATUSES,
  DPIA_STATUSES,
  NECESSITY_OUTCOMES,
  SCC_MODULES,
  TRANSFER_BASES,
} from './registry.types.ts';

const PLATFORM_FIELDS: Readonly<Record<string, MessageKey>> = {
  name: 'platform.name',
  key: 'platform.key',
  operator: 'platform.operator',
  legalEntity: 'platform.legalEntity',
  address: 'platform.address',
  privacyPolicyUrl: 'platform.privacyPolicyUrl',
  cookiePolicyUrl: 'platform.cookiePolicyUrl',
  rightsContact: 'platform.rightsContact',
  purposes: 'platform.sectionPurposes',
  text: 'platform.purposeText',
  legalBasis: 'platform.legalBasis',
  gdpr: 'platform.legalBasisGdpr',
  national: 'platform.legalBasisNational',
  targetGroups: 'platform.targetGroups',
  recipients: 'platform.recipients',
  necessity: 'platform.sectionNecessity',
  reasoning: 'platform.reasoning',
  outcome: 'platform.outcome',
  assessedOn: 'platform.assessedOn',
  nextReviewOn: 'registry.nextReviewOn',
  jointControllership: 'platform.sectionJoint',
  arrangementUrl: 'platform.arrangementUrl',
  essencePublishedUrl: 'platform.essencePublishedUrl',
  scope: 'platform.scope',
  contactPoint: 'platform.contactPoint',
  forwardingDeadlineDays: 'platform.forwardingDeadlineDays',
  transfers: 'platform.sectionTransfers',
  country: 'platform.country',
  basis: 'platform.transferBasis',
  dpfCheckedOn: 'platform.dpfCheckedOn',
  sccModule: 'platform.sccModule',
  notes: 'platform.transferNotes',
  dpia: 'platform.sectionDpia',
  documentRef: 'platform.documentRef',
  version: 'platform.dpiaVersion',
  date: 'platform.dpiaDate',
  status: 'platform.dpiaStatus',
  dpiaSignOff: 'platform.signOff',
  signedOffByName: 'platform.signedOffByLabel',
  signedOffAt: 'platform.signedOffAtLabel',
  storagePeriods: 'platform.storagePeriods',
};

const CHANNEL_FIELDS: Readonly<Record<string, MessageKey>> = {
  platformId: 'channel.platform',
  name: 'channel.name',
  handle: 'channel.handle',
  url: 'channel.url',
  orgUnitId: 'channel.orgUnit',
  responsibleUserIds: 'channel.responsible',
  goals: 'channel.goals',
  status: 'channel.status',
  selfPublishing: 'channel.selfPublishing',
  profileNotice: 'channel.noticeTitle',
  privacyPolicyLinked: 'channel.privacyPolicyLinked',
  imprintLinked: 'channel.imprintLinked',
  checkedAt: 'channel.checkedAt',
  method: 'channel.checkMethod',
  hasCredentials: 'channel.credentialsTitle',
  apiBaseUrl: 'connection.baseUrl',
  connection: 'connection.title',
  accountId: 'connection.account',
  connectedAt: 'connection.connectedAt',
  expiresAt: 'connection.expiresAt',
  refreshable: 'connection.renewal',
  lastRefreshFailure: 'connection.lastFailure',
};

const PROCESSOR_FIELDS: Readonly<Record<string, MessageKey>> = {
  name: 'processor.name',
  address: 'processor.address',
  contactEmail: 'processor.contactEmail',
  memberUserIds: 'processor.members',
  processorId: 'processor.title',
  reference: 'contract.reference',
  subjectMatter: 'contract.subjectMatter',
  duration: 'contract.duration',
  naturePurpose: 'contract.naturePurpose',
  dataTypes: 'contract.dataTypes',
  subjectCategories: 'contract.subjectCategories',
  subProcessors: 'contract.subProcessors',
  location: 'contract.subLocation',
  purpose: 'contract.subPurpose',
  startsOn: 'contract.startsOn',
  endsOn: 'contract.endsOn',
  channelIds: 'contract.channels',
  status: 'channel.status',
};

function label<T extends string>(
  t: Translate,
  values: readonly T[],
  labels: Record<T, MessageKey>,
  value: string,
): string | undefined {
  const known = oneOf(values, value);
  return known === null ? undefined : t(labels[known]);
}

export function platformHistoryLabels(
  t: Translate,
  formatDateTime: (iso: string) => string,
): HistoryLabels {
  return {
    fields: PLATFORM_FIELDS,
    value: (key, value) => {
      switch (key) {
        case 'outcome':
          return label(t, NECESSITY_OUTCOMES, NECESSITY_LABELS, value);
        case 'status':
          return label(t, DPIA_STATUSES, DPIA_STATUS_LABELS, value);
        case 'basis':
          return label(t, TRANSFER_BASES, TRANSFER_BASIS_LABELS, value);
        case 'sccModule':
          return label(t, SCC_MODULES, SCC_MODULE_LABELS, value);
        case 'signedOffAt':
          return formatDateTime(value);
        default:
          return undefined;
      }
    },
  };
}

export function channelHistoryLabels(
  t: Translate,
  formatDateTime: (iso: string) => string,
  names: ReadonlyMap<string, string>,
): HistoryLabels {
  return {
    fields: CHANNEL_FIELDS,
    value: (key, value) => {
      switch (key) {
        case 'goals':
          return label(t, CHANNEL_GOALS, GOAL_LABELS, value);
        case 'status':
          return label(t, CHANNEL_STATUSES, CHANNEL_STATUS_LABELS, value);
        case 'method':
          return value === 'api' ? t('channel.methodApi') : t('channel.methodManual');
        case 'checkedAt':
          return formatDateTime(value);
        case 'platformId':
        case 'orgUnitId':
        case 'responsibleUserIds':
          return names.get(value);
        default:
          return undefined;
      }
    },
  };
}

/** Processors and their contracts share one set of names; ids become people and channels. */
export function processorHistoryLabels(
  t: Translate,
  names: ReadonlyMap<string, string>,
): HistoryLabels {
  return {
    fields: PROCESSOR_FIELDS,
    value: (key, value) => {
      switch (key) {
        case 'status':
          return label(t, CONTRACT_STATUSES, CONTRACT_STATUS_LABELS, value);
        case 'memberUserIds':
        case 'channelIds':
        case 'processorId':
          return names.get(value);
        default:
          return undefined;
      }
    },
  };
}
