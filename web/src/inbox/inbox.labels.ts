// Display names and badge tones for the inbox's vocabularies; unknown values show as they are.
import type { Translate } from '../i18n/i18n.context.tsx';
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import type {
  InboxAction,
  ItemKind,
  ItemStatus,
  ReasonStage,
  VerdictOutcome,
  VisibilityState,
} from './inbox.types.ts';

export const KIND_LABELS: Record<ItemKind, MessageKey> = {
  comment: 'inbox.kind.comment',
  mention: 'inbox.kind.mention',
  'direct-message': 'inbox.kind.direct-message',
};

export const STATUS_LABELS: Record<ItemStatus, MessageKey> = {
  open: 'inbox.status.open',
  done: 'inbox.status.done',
};

export const VERDICT_LABELS: Record<VerdictOutcome, MessageKey> = {
  ok: 'inbox.verdict.ok',
  flag: 'inbox.verdict.flag',
  hide: 'inbox.verdict.hide',
  escalate: 'inbox.verdict.escalate',
};

export const VERDICT_TONES: Record<VerdictOutcome, BadgeTone> = {
  ok: 'neutral',
  flag: 'warn',
  hide: 'bad',
  escalate: 'bad',
};

export const VISIBILITY_LABELS: Record<VisibilityState, MessageKey> = {
  visible: 'inbox.visibility.visible',
  hidden: 'inbox.visibility.hidden',
  'hide-failed': 'inbox.visibility.hide-failed',
};

export const STAGE_LABELS: Record<ReasonStage, MessageKey> = {
  wordlist: 'inbox.stage.wordlist',
  classifier: 'inbox.stage.classifier',
  pii: 'inbox.stage.pii',
  spam: 'inbox.stage.spam',
  offtopic: 'inbox.stage.offtopic',
};

const PII_LABELS: Readonly<Record<string, MessageKey>> = {
  phone: 'inbox.pii.phone',
  email: 'inbox.pii.email',
  iban: 'inbox.pii.iban',
  address: 'inbox.pii.address',
  birthdate: 'inbox.pii.birthdate',
  plate: 'inbox.pii.plate',
};

// The action names the server records (server/src/inbox/inbox.actions.ts and ingestion).
const HISTORY_LABELS: Readonly<Record<string, MessageKey>> = {
  hide: 'inbox.history.hide',
  hidden: 'inbox.history.hidden',
  'hide-failed': 'inbox.history.hide-failed',
  restore: 'inbox.history.restore',
  restored: 'inbox.history.restored',
  'restore-failed': 'inbox.history.restore-failed',
  flag: 'inbox.history.flag',
  escalate: 'inbox.history.escalate',
  assign: 'inbox.history.assign',
  reply: 'inbox.history.reply',
  'reply-failed': 'inbox.history.reply-failed',
  note: 'inbox.history.note',
  done: 'inbox.history.done',
  reopen: 'inbox.history.reopen',
  appeal: 'inbox.history.appeal',
  'appeal-upheld': 'inbox.history.appeal-upheld',
  'appeal-granted': 'inbox.history.appeal-granted',
  case: 'inbox.history.case',
  edited: 'inbox.history.edited',
  'deleted-upstream': 'inbox.history.deleted',
  'auto-hide-skipped': 'inbox.history.auto-hide-skipped',
};

export function labelOf<K extends string>(
  t: Translate,
  labels: Readonly<Record<K, MessageKey>>,
  value: K,
): string {
  const key = labels[value] as MessageKey | undefined;
  return key === undefined ? value : t(key);
}

export function piiLabel(t: Translate, kind: string): string {
  const key = PII_LABELS[kind];
  return key === undefined ? kind : t(key);
}

export function historyLabel(t: Translate, action: InboxAction['action']): string {
  const key = HISTORY_LABELS[action];
  return key === undefined ? action : t(key);
}

/**
 * The author as the platform shows them: name and handle when both exist. Numeric handles (Meta's
 * and YouTube's account ids) tell a person nothing and are left out when there is a name.
 */
export function authorOf(item: { authorName: string | null; authorHandle: string }): string {
  if (item.authorName === null || item.authorName === '' || item.authorName === item.authorHandle) {
    return item.authorHandle;
  }
  if (/^[0-9_]+$/.test(item.authorHandle)) {
    return item.authorName;
  }
  return `${item.authorName} (${item.authorHandle})`;
}
