// Words for the states and kinds the cases API sends. Badges always carry a word, never only
// a colour.
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import type { CaseSource, CaseStatus, HoldKind, ReplyChannel } from './cases.types.ts';

export const STATUS_LABELS: Readonly<Record<CaseStatus, { key: MessageKey; tone: BadgeTone }>> = {
  open: { key: 'cases.status.open', tone: 'good' },
  waiting: { key: 'cases.status.waiting', tone: 'warn' },
  closed: { key: 'cases.status.closed', tone: 'neutral' },
};

export const SOURCE_LABELS: Readonly<Record<CaseSource, MessageKey>> = {
  inbox: 'cases.source.inbox',
  'web-form': 'cases.source.web-form',
  email: 'cases.source.email',
  phone: 'cases.source.phone',
};

export const HOLD_LABELS: Readonly<Record<HoldKind, MessageKey>> = {
  'legal-hold': 'cases.hold.kind.legal-hold',
  'retention-duty': 'cases.hold.kind.retention-duty',
};

export const HOLD_HINTS: Readonly<Record<HoldKind, MessageKey>> = {
  'legal-hold': 'cases.hold.kind.legal-holdHint',
  'retention-duty': 'cases.hold.kind.retention-dutyHint',
};

export const CHANNEL_LABELS: Readonly<Record<ReplyChannel, MessageKey>> = {
  email: 'cases.reply.channel.email',
  phone: 'cases.reply.channel.phone',
  letter: 'cases.reply.channel.letter',
  platform: 'cases.reply.channel.platform',
};

export const EVENT_LABELS: Readonly<Record<string, MessageKey>> = {
  created: 'cases.event.created',
  status: 'cases.event.status',
  note: 'cases.event.note',
  reply: 'cases.event.reply',
  attachment: 'cases.event.attachment',
  hold: 'cases.event.hold',
  'hold-cleared': 'cases.event.hold-cleared',
  linked: 'cases.event.linked',
  updated: 'cases.event.updated',
};

/** Plain-German explanations of the built-in legal bases; added bases show their citation. */
export const BASIS_EXPLANATIONS: Readonly<Record<string, MessageKey>> = {
  'art6-1-e': 'cases.basis.explain.art6-1-e',
  'art6-1-b': 'cases.basis.explain.art6-1-b',
};

export const RIGHT_LABELS: Readonly<Record<string, MessageKey>> = {
  access: 'cases.right.access',
  rectification: 'cases.right.rectification',
  erasure: 'cases.right.erasure',
  restriction: 'cases.right.restriction',
  portability: 'cases.right.portability',
  objection: 'cases.right.objection',
  complaint: 'cases.right.complaint',
};

/** The rights that follow from a basis, as the server's `rightsFor` lists them. */
export function rightsOf(basis: { objection: boolean; portability: boolean }): string[] {
  return [
    'access',
    'rectification',
    'erasure',
    'restriction',
    ...(basis.portability ? ['portability'] : []),
    ...(basis.objection ? ['objection'] : []),
    'complaint',
  ];
}
