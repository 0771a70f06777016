// Display names for the registry's controlled vocabularies, checked against the dictionary.
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type {
  ChannelGoal,
  ChannelStatus,
  ContractStatus,
  DpiaStatus,
  NecessityOutcome,
  ReviewOutcome,
  ReviewSubject,
  SccModule,
  TransferBasis,
} from './registry.types.ts';

export const GOAL_LABELS: Record<ChannelGoal, MessageKey> = {
  transparenz: 'goal.transparenz',
  buergernaehe: 'goal.buergernaehe',
  reichweite: 'goal.reichweite',
  'junge-zielgruppen': 'goal.junge-zielgruppen',
  beteiligung: 'goal.beteiligung',
  krisenkommunikation: 'goal.krisenkommunikation',
  arbeitgebermarke: 'goal.arbeitgebermarke',
  stadtbild: 'goal.stadtbild',
};

export const CHANNEL_STATUS_LABELS: Record<ChannelStatus, MessageKey> = {
  planned: 'channelStatus.planned',
  active: 'channelStatus.active',
  paused: 'channelStatus.paused',
  retired: 'channelStatus.retired',
};

export const NECESSITY_LABELS: Record<NecessityOutcome, MessageKey> = {
  necessary: 'necessity.necessary',
  'necessary-with-conditions': 'necessity.necessary-with-conditions',
  'not-necessary': 'necessity.not-necessary',
};

export const DPIA_STATUS_LABELS: Record<DpiaStatus, MessageKey> = {
  draft: 'dpiaStatus.draft',
  'in-review': 'dpiaStatus.in-review',
  'signed-off': 'dpiaStatus.signed-off',
  outdated: 'dpiaStatus.outdated',
};

export const TRANSFER_BASIS_LABELS: Record<TransferBasis, MessageKey> = {
  adequacy: 'transferBasis.adequacy',
  'eu-us-dpf': 'transferBasis.eu-us-dpf',
  'scc-2021-914': 'transferBasis.scc-2021-914',
  bcr: 'transferBasis.bcr',
  'art49-derogation': 'transferBasis.art49-derogation',
};

export const SCC_MODULE_LABELS: Record<SccModule, MessageKey> = {
  '1': 'sccModule.1',
  '2': 'sccModule.2',
  '3': 'sccModule.3',
  '4': 'sccModule.4',
};

export const REVIEW_SUBJECT_LABELS: Record<ReviewSubject, MessageKey> = {
  necessity: 'reviewSubject.necessity',
  dpia: 'reviewSubject.dpia',
  concept: 'reviewSubject.concept',
};

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, MessageKey> = {
  confirmed: 'reviewOutcome.confirmed',
  changed: 'reviewOutcome.changed',
  discontinued: 'reviewOutcome.discontinued',
};

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, MessageKey> = {
  future: 'contractStatus.future',
  active: 'contractStatus.active',
  ended: 'contractStatus.ended',
};

/** Narrows a select's string to one of the allowed values, or null. */
export function oneOf<T extends string>(values: readonly T[], value: string): T | null {
  return (values as readonly string[]).includes(value) ? (value as T) : null;
}
