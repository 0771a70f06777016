// Words for the states and kinds the crisis API sends. Colour never stands alone: each badge
// carries one of these words.
import type { MessageKey } from '../i18n/i18n.messages.ts';
import type { BadgeTone } from '../registry/registry.badges.tsx';
import type { FeedKind, LegalBasis } from './crisis.types.ts';

export const DELIVERY_LABELS: Readonly<Record<string, { key: MessageKey; tone: BadgeTone }>> = {
  queued: { key: 'delivery.status.queued', tone: 'neutral' },
  sending: { key: 'delivery.status.sending', tone: 'neutral' },
  processing: { key: 'delivery.status.processing', tone: 'neutral' },
  published: { key: 'delivery.status.published', tone: 'good' },
  failed: { key: 'delivery.status.failed', tone: 'bad' },
  unconfirmed: { key: 'delivery.status.unconfirmed', tone: 'warn' },
  cancelled: { key: 'delivery.status.cancelled', tone: 'neutral' },
};

export const POST_STATE_LABELS: Readonly<Record<string, { key: MessageKey; tone: BadgeTone }>> = {
  draft: { key: 'crisis.postState.draft', tone: 'neutral' },
  'in-review': { key: 'crisis.postState.in-review', tone: 'warn' },
  approved: { key: 'crisis.postState.approved', tone: 'good' },
  publishing: { key: 'crisis.postState.publishing', tone: 'good' },
  published: { key: 'crisis.postState.published', tone: 'good' },
  'partly-failed': { key: 'crisis.postState.partly-failed', tone: 'bad' },
  failed: { key: 'crisis.postState.failed', tone: 'bad' },
};

export const POST_KIND_LABELS: Readonly<Record<string, MessageKey>> = {
  alert: 'crisis.kind.alert',
  update: 'crisis.kind.update',
  allclear: 'crisis.kind.allclear',
};

export const END_REASON_LABELS: Readonly<Record<string, MessageKey>> = {
  cancel: 'crisis.endReason.cancel',
  allclear: 'crisis.endReason.allclear',
  expired: 'crisis.endReason.expired',
  manual: 'crisis.endReason.manual',
};

export const LEGAL_BASIS_LABELS: Readonly<Record<LegalBasis, MessageKey>> = {
  'art6-1-c': 'crisis.legal.art6-1-c',
  'art6-1-e': 'crisis.legal.art6-1-e',
};

export const FEED_KIND_LABELS: Readonly<Record<FeedKind, MessageKey>> = {
  'cap-xml': 'crisis.feedKind.cap-xml',
  'bbk-json': 'crisis.feedKind.bbk-json',
  'nina-dashboard': 'crisis.feedKind.nina-dashboard',
};

export const OUTCOME_LABELS: Readonly<Record<string, MessageKey>> = {
  duplicate: 'crisis.outcome.duplicate',
  ignored: 'crisis.outcome.ignored',
  recorded: 'crisis.outcome.recorded',
  incident: 'crisis.outcome.incident',
  refused: 'crisis.outcome.refused',
};

/** Severity words of CAP 1.2, in German for the list. */
export const SEVERITY_LABELS: Readonly<Record<string, MessageKey>> = {
  Extreme: 'crisis.severity.Extreme',
  Severe: 'crisis.severity.Severe',
  Moderate: 'crisis.severity.Moderate',
  Minor: 'crisis.severity.Minor',
  Unknown: 'crisis.severity.Unknown',
};

export const TEMPLATE_LABELS: Readonly<Record<string, MessageKey>> = {
  unwetter: 'crisis.template.unwetter',
  hochwasser: 'crisis.template.hochwasser',
  schadstoffe: 'crisis.template.schadstoffe',
  grossbrand: 'crisis.template.grossbrand',
  evakuierung: 'crisis.template.evakuierung',
  terrorlage: 'crisis.template.terrorlage',
  stromausfall: 'crisis.template.stromausfall',
  trinkwasser: 'crisis.template.trinkwasser',
  entwarnung: 'crisis.template.entwarnung',
  allgemein: 'crisis.template.allgemein',
};

/** A label for a value the server may extend; unknown values are shown as they come. */
export function labelOf(
  t: (key: MessageKey) => string,
  labels: Readonly<Record<string, MessageKey>>,
  value: string,
): string {
  const key = labels[value];
  return key === undefined ? value : t(key);
}
