import type { CapCertainty, CapSeverity, CapUrgency, CapValuePair } from './cap.model.ts';

/**
 * The city's public warning outputs: one CAP 1.2 alert per published version, a CAP feed
 * (Atom whose entries embed and link the alert), a plain Atom feed for people and an accessible
 * HTML page. Pure functions; only status 'Actual' ever leaves them (Test/Exercise are filtered).
 */

export interface CityIdentity {
  /** e.g. 'stadtfunk@stuttgart.de'; forbidden CAP characters are replaced in the output. */
  readonly senderId: string;
  /** e.g. 'Landeshauptstadt Stuttgart'. */
  readonly senderName: string;
  /** e.g. 'https://www.stuttgart.de' or 'http://localhost:3000' (no trailing slash needed). */
  readonly baseUrl: string;
}

export interface PublishedWarning {
  readonly incidentId: string;
  /** 1.. within the incident. */
  readonly version: number;
  readonly msgType: 'Alert' | 'Update' | 'Cancel';
  /** ISO 8601 with offset or Z; written to CAP as Europe/Berlin time with offset. */
  readonly sentAt: string;
  readonly status: 'Actual' | 'Exercise' | 'Test';
  readonly event: string;
  readonly headline: string;
  readonly description: string;
  readonly instruction: string | undefined;
  readonly severity: CapSeverity;
  readonly urgency: CapUrgency;
  readonly certainty: CapCertainty;
  readonly categories: readonly string[];
  readonly areaDescription: string;
  readonly geocodes: readonly CapValuePair[];
  readonly expires: string | undefined;
  readonly language: string;
  readonly sourceName: string;
  readonly sourceUrl: string;
  readonly sourceIdentifier: string;
  readonly sourceSender: string;
}

/** The public routes these documents assume (served by the crisis routes). */
export const WARNINGS_PATHS = {
  page: '/warnungen',
  atomFeed: '/warnungen/feed.atom',
  capFeed: '/warnungen/cap.atom',
  capAlert: (capId: string) => `/warnungen/cap/${capId}.xml`,
} as const;

const CAP_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const ATOM_NS = 'http://www.w3.org/2005/Atom';
const TIME_ZONE = 'Europe/Berlin';
// Tag URIs need a date at which the city owned its domain; fixed so ids never change.
const TAG_DATE = '2026';
const CAP_CATEGORIES = new Set(
  'Geo Met Safety Security Rescue Fire Health Env Transport Infra CBRNE Other'.split(' '),
);

/** Text and attribute escaping for XML and HTML; drops characters XML 1.0 cannot carry. */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const escapeHtml = (value: string): string => escapeXml(value).replace(/&apos;/g, '&#39;');

/** CAP forbids spaces, commas, '<' and '&' in identifiers and sender. */
function capToken(value: string): string {
  return value.replace(/[^A-Za-z0-9._@:-]/g, '-');
}

function domainOf(city: CityIdentity): string {
  return capToken(city.senderId.split('@').at(-1) ?? city.senderId).replace(/[@:]/g, '-');
}

export function base(city: CityIdentity): string {
  return city.baseUrl.replace(/\/+$/, '');
}

export function capIdentifier(city: CityIdentity, w: PublishedWarning): string {
  return `${domainOf(city)}.stadtfunk.${capToken(w.incidentId).replace(/[@:]/g, '-')}.${w.version}`;
}

/** The page anchor of an incident: what the social posts link as "Alle Informationen". */
export function warningPageUrl(city: CityIdentity, incidentId: string): string {
  return `${base(city)}${WARNINGS_PATHS.page}#${anchorOf(incidentId)}`;
}

export function anchorOf(incidentId: string): string {
  return `warnung-${incidentId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

const berlinParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'longOffset',
});

/** CAP's `YYYY-MM-DDThh:mm:ss±hh:mm` in Berlin time (no fractions, no 'Z'). */
export function capDateTime(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) {
    throw new Error('invalid timestamp in published warning');
  }
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    berlinParts.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
}

export const germanTime = new Intl.DateTimeFormat('de-DE', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function publicOnly(warnings: readonly PublishedWarning[]): PublishedWarning[] {
  return warnings.filter((w) => w.status === 'Actual');
}

export function newestFirst(warnings: readonly PublishedWarning[]): PublishedWarning[] {
  return [...warnings].sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
}

function element(name: string, value: string | undefined, indent: string): string {
  return value === undefined || value === ''
    ? ''
    : `${indent}<${name}>${escapeXml(value)}</${name}>\n`;
}

function alertElement(
  city: CityIdentity,
  w: PublishedWarning,
  previous: readonly PublishedWarning[],
): string {
  const sender = capToken(city.senderId);
  const earlier = new Map<number, PublishedWarning>();
  for (const p of publicOnly(previous)) {
    if (p.incidentId === w.incidentId && p.version < w.version) {
      earlier.set(p.version, p);
    }
  }
  const references = [...earlier.values()]
    .sort((a, b) => a.version - b.version)
    .map((p) => `${sender},${capIdentifier(city, p)},${capDateTime(p.sentAt)}`)
    .join(' ');
  const categories = w.categories.filter((c) => CAP_CATEGORIES.has(c));
  const i = '    ';
  const geocodes = w.geocodes
    .map(
      (g) =>
        `${i}  <geocode>\n${element('valueName', g.valueName, `${i}    `)}${element('value', g.value, `${i}    `)}${i}  </geocode>\n`,
    )
    .join('');
  const note = `Weitergabe einer amtlichen Warnung. Quelle: ${w.sourceName} (${w.sourceSender}, ${w.sourceIdentifier})`;
  return (
    `<alert xmlns="${CAP_NS}">\n` +
    element('identifier', capIdentifier(city, w), '  ') +
    element('sender', sender, '  ') +
    element('sent', capDateTime(w.sentAt), '  ') +
    element('status', w.status, '  ') +
    element('msgType', w.msgType, '  ') +
    element('source', 'Stadtfunk', '  ') +
    element('scope', 'Public', '  ') +
    element('note', note, '  ') +
    element('references', references, '  ') +
    element('incidents', capToken(w.incidentId), '  ') +
    '  <info>\n' +
    element('language', w.language, i) +
    (categories.length > 0 ? categories : ['Other'])
      .map((c) => element('category', c, i))
      .join('') +
    element('event', w.event || w.headline, i) +
    element('urgency', w.urgency, i) +
    element('severity', w.severity, i) +
    element('certainty', w.certainty, i) +
    element('expires', w.expires === undefined ? undefined : capDateTime(w.expires), i) +
    element('senderName', city.senderName, i) +
    element('headline', w.headline, i) +
    element('description', w.description, i) +
    element('instruction', w.instruction, i) +
    element('web', warningPageUrl(city, w.incidentId), i) +
    `${i}<area>\n` +
    element('areaDesc', w.areaDescription || city.senderName, `${i}  `) +
    geocodes +
    `${i}</area>\n` +
    '  </info>\n' +
    '</alert>'
  );
}

/**
 * One CAP 1.2 alert; `references` chains every earlier public version of the same incident.
 * Undefined for Test/Exercise: they are never public (the route answers 404).
 */
export function renderCapAlert(
  city: CityIdentity,
  w: PublishedWarning,
  previous: readonly PublishedWarning[],
): string | undefined {
  if (w.status !== 'Actual') {
    return undefined;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${alertElement(city, w, previous)}\n`;
}

function tagUri(city: CityIdentity, path: string): string {
  return `tag:${domainOf(city)},${TAG_DATE}:stadtfunk/${path}`;
}

function feedHead(
  city: CityIdentity,
  kind: 'cap' | 'atom',
  title: string,
  updated: string,
): string {
  const self = kind === 'cap' ? WARNINGS_PATHS.capFeed : WARNINGS_PATHS.atomFeed;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="${ATOM_NS}" xml:lang="de">\n` +
    element('id', tagUri(city, `warnungen/${kind}`), '  ') +
    element('title', title, '  ') +
    element('updated', updated, '  ') +
    `  <author>\n${element('name', city.senderName, '    ')}  </author>\n` +
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(base(city) + self)}"/>\n` +
    `  <link rel="alternate" type="text/html" href="${escapeXml(base(city) + WARNINGS_PATHS.page)}"/>\n`
  );
}

export interface FeedOptions {
  /** The feed's `updated` when it has no entries (Atom requires one); default 1970-01-01. */
  readonly emptyUpdated?: string;
  /** Earlier versions for the CAP `references` chain; default: the listed warnings themselves. */
  readonly history?: readonly PublishedWarning[];
}

function feedUpdated(warnings: readonly PublishedWarning[], options: FeedOptions): string {
  const newest = warnings[0];
  return capDateTime(newest?.sentAt ?? options.emptyUpdated ?? '1970-01-01T00:00:00Z');
}

/**
 * The CAP feed: Atom 1.0 in the usual "CAP feed" form. Each entry links the standalone alert
 * (`WARNINGS_PATHS.capAlert`, type application/cap+xml) and embeds the same alert inline as its
 * content, so consumers need one request and may still fetch the canonical document.
 */
export function renderCapFeed(
  city: CityIdentity,
  warnings: readonly PublishedWarning[],
  options: FeedOptions = {},
): string {
  const entries = newestFirst(publicOnly(warnings));
  const history = options.history ?? warnings;
  const body = entries
    .map((w) => {
      const id = capIdentifier(city, w);
      const alert = alertElement(city, w, history).replace(/\n/g, '\n      ');
      return (
        '  <entry>\n' +
        element('id', tagUri(city, `cap/${id}`), '    ') +
        element('title', w.headline, '    ') +
        element('updated', capDateTime(w.sentAt), '    ') +
        `    <link rel="alternate" type="application/cap+xml" href="${escapeXml(base(city) + WARNINGS_PATHS.capAlert(id))}"/>\n` +
        `    <link rel="related" type="text/html" href="${escapeXml(warningPageUrl(city, w.incidentId))}"/>\n` +
        `    <category term="${escapeXml(w.severity)}" label="${escapeXml(severityLabel(w.severity))}"/>\n` +
        `    <content type="application/cap+xml">\n      ${alert}\n    </content>\n` +
        '  </entry>\n'
      );
    })
    .join('');
  return `${feedHead(city, 'cap', `Warnungen (CAP) – ${city.senderName}`, feedUpdated(entries, options))}${body}</feed>\n`;
}

/** Only web links are shown as links; anything else stays text. */
export function httpUrl(value: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/u.test(value);
}

function plainContent(w: PublishedWarning): string {
  return [
    w.description,
    w.instruction,
    `Gebiet: ${w.areaDescription}`,
    `Quelle: ${w.sourceName}${httpUrl(w.sourceUrl) ? ` – ${w.sourceUrl}` : ''}`,
  ]
    .filter((part): part is string => part !== undefined && part.trim() !== '')
    .join('\n\n');
}

/** Plain Atom 1.0 for people: title = headline, content = the text, one entry per version. */
export function renderAtomFeed(
  city: CityIdentity,
  warnings: readonly PublishedWarning[],
  options: FeedOptions = {},
): string {
  const entries = newestFirst(publicOnly(warnings));
  const body = entries
    .map(
      (w) =>
        '  <entry>\n' +
        element('id', tagUri(city, `warnungen/${capIdentifier(city, w)}`), '    ') +
        element('title', `${messageLabel(w.msgType)}: ${w.headline}`, '    ') +
        element('updated', capDateTime(w.sentAt), '    ') +
        `    <link rel="alternate" type="text/html" href="${escapeXml(warningPageUrl(city, w.incidentId))}"/>\n` +
        `    <category term="${escapeXml(w.severity)}" label="${escapeXml(severityLabel(w.severity))}"/>\n` +
        `    <content type="text">${escapeXml(plainContent(w))}</content>\n` +
        '  </entry>\n',
    )
    .join('');
  return `${feedHead(city, 'atom', `Warnungen – ${city.senderName}`, feedUpdated(entries, options))}${body}</feed>\n`;
}

const SEVERITY_LABELS: Readonly<Record<CapSeverity, string>> = {
  Extreme: 'Extreme Gefahr',
  Severe: 'Hohe Gefahr',
  Moderate: 'Gefahr',
  Minor: 'Hinweis',
  Unknown: 'Gefahrenstufe unbekannt',
};

export function severityLabel(severity: CapSeverity): string {
  return SEVERITY_LABELS[severity];
}

export function messageLabel(msgType: PublishedWarning['msgType']): string {
  return { Alert: 'Warnung', Update: 'Aktualisierung', Cancel: 'Entwarnung' }[msgType];
}
