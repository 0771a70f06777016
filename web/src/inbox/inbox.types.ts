// Shapes of the inbox API, taken from the server's schema as types only (erased at build time, so
// zod stays out of the bundle). The rule and term shapes are not exported there; they follow the
// contract (GET /api/netiquette/rules, /terms).
import type {
  CannedAnswer,
  CannedAnswerInput,
  InboxAction,
  InboxChannel,
  InboxDetail,
  InboxItem,
  InboxNote,
  InboxReply,
} from '../../../server/src/inbox/inbox.schema.ts';

export type { CannedAnswer, CannedAnswerInput, InboxAction, InboxItem, InboxNote, InboxReply };
export type ChannelPolicy = InboxChannel;

export const ITEM_KINDS = ['comment', 'mention', 'direct-message'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_STATUSES = ['open', 'done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const VERDICT_OUTCOMES = ['ok', 'flag', 'hide', 'escalate'] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

export const VISIBILITY_STATES = ['visible', 'hidden', 'hide-failed'] as const;
export type VisibilityState = (typeof VISIBILITY_STATES)[number];

export const PLATFORM_KEYS = [
  'facebook',
  'instagram',
  'x',
  'youtube',
  'mastodon',
  'linkedin',
  'tiktok',
] as const;

export type ReasonStage = 'wordlist' | 'classifier' | 'pii' | 'spam' | 'offtopic';
export type PersonalDataKind = 'phone' | 'email' | 'iban' | 'address' | 'birthdate' | 'plate';
export type RuleAction = 'flag' | 'hide' | 'escalate';

export type NamedRef = NonNullable<InboxItem['assignee']>;
export type Verdict = InboxItem['verdict'];
export type VerdictReason = Verdict['reasons'][number];
export type InboxItemDetail = InboxDetail;

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

/** The list's filters as the query string of GET /api/inbox/items understands them. */
export interface InboxFilters {
  status: ItemStatus | 'all';
  channelId: string;
  platform: string;
  assigneeId: string;
  orgUnitId: string;
  verdict: VerdictOutcome | '';
  q: string;
}

export const EMPTY_FILTERS: InboxFilters = {
  status: 'open',
  channelId: '',
  platform: '',
  assigneeId: '',
  orgUnitId: '',
  verdict: '',
  q: '',
};

export type ChannelPolicyValue = ChannelPolicy['policy'];

export interface NetiquetteRule {
  id: string;
  position: number;
  title: string;
  text: string;
  titleEn: string;
  textEn: string;
  action: RuleAction;
  updatedAt: string;
}

export type NetiquetteRuleInput = Omit<NetiquetteRule, 'position' | 'updatedAt'>;

export const TERM_KINDS = ['word', 'stem', 'regex'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface NetiquetteTerm {
  id: string;
  term: string;
  kind: TermKind;
  ruleId: string;
  weight: number;
  infix: boolean;
}

export type NetiquetteTermInput = Omit<NetiquetteTerm, 'id'>;

/** Live update from GET /api/inbox/events. */
export interface InboxEvent {
  type: 'item-created' | 'item-updated';
  itemId: string;
}
