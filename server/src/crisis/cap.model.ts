/**
 * One normalised warning type for every source (CAP 1.2 XML, DWD profile, BBK/MoWaS CAP-JSON,
 * NINA details), plus the typed refusal every parser returns instead of throwing.
 */

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapStatus = (typeof CAP_STATUSES)[number];
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];
export type CapScope = (typeof CAP_SCOPES)[number];
export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** Where the message came from; decides the declared coordinate order. */
export type CapFormat = 'cap-xml' | 'bbk-json' | 'nina-details';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export interface CapCircle {
  readonly center: LatLon;
  readonly radiusKm: number;
}

export interface CapValuePair {
  readonly valueName: string;
  readonly value: string;
}

export interface CapArea {
  readonly description: string;
  /** Closed rings (first point == last point), always lat/lon regardless of the source order. */
  readonly polygons: readonly (readonly LatLon[])[];
  readonly circles: readonly CapCircle[];
  /** ARS/AGS (BBK uses the Kreis name as valueName), WARNCELLID, EXCODE, SAME, UGC … */
  readonly geocodes: readonly CapValuePair[];
  readonly altitude: number | undefined;
  readonly ceiling: number | undefined;
}

export interface CapInfo {
  readonly language: string;
  readonly categories: readonly string[];
  readonly event: string;
  readonly responseTypes: readonly string[];
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
  readonly eventCodes: readonly CapValuePair[];
  readonly effective: string | undefined;
  readonly onset: string | undefined;
  /** Often missing in BBK feeds: the item just disappears, which is never an all-clear by itself. */
  readonly expires: string | undefined;
  readonly senderName: string | undefined;
  readonly headline: string | undefined;
  readonly description: string | undefined;
  readonly instruction: string | undefined;
  readonly web: string | undefined;
  readonly contact: string | undefined;
  readonly parameters: readonly CapValuePair[];
  readonly areas: readonly CapArea[];
}

export interface CapReference {
  readonly sender: string;
  readonly identifier: string;
  /** Undefined when the source wrote an unusable timestamp (seen in MoWaS cancels). */
  readonly sent: string | undefined;
}

export interface MalformedReference {
  readonly token: string;
  readonly reason: string;
}

export interface CapWarning {
  readonly format: CapFormat;
  readonly identifier: string;
  readonly sender: string;
  readonly sent: string;
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  readonly scope: CapScope;
  readonly source: string | undefined;
  readonly codes: readonly string[];
  readonly note: string | undefined;
  readonly references: readonly CapReference[];
  readonly malformedReferences: readonly MalformedReference[];
  readonly incidents: readonly string[];
  /** Languages in info order, e.g. DWD MUL: de-DE, en, fr, es, ar, ru, tr, pl. */
  readonly languages: readonly string[];
  readonly infos: readonly CapInfo[];
  /** What leniency had to repair or drop (German, for the operator). */
  readonly notes: readonly string[];
}

export type RefusalCode =
  'empty' | 'too-large' | 'malformed-syntax' | 'not-cap' | 'missing-field' | 'invalid-value';

export interface Refusal {
  readonly code: RefusalCode;
  /** German, shown to the operator. */
  readonly reason: string;
}

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

/** Inputs above this are refused before parsing: real CAP messages are a few hundred KB at most. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024;

export function refuse<T>(code: RefusalCode, reason: string): ParseResult<T> {
  return { ok: false, refusal: { code, reason } };
}

export function accept<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

const CAP_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)$/;

/** CAP requires an explicit offset; "Z" is tolerated (not schema-valid, but unambiguous). */
export function isCapDateTime(value: string): boolean {
  return CAP_DATETIME.test(value) && !Number.isNaN(Date.parse(value));
}

export interface ParsedReferences {
  readonly references: readonly CapReference[];
  readonly malformed: readonly MalformedReference[];
}

/**
 * `references` is "sender,identifier,sent" triples separated by whitespace. Sources get it wrong
 * (broken timestamps, ids without sender), so every usable part is kept and the rest reported.
 */
export function parseReferences(raw: string | undefined): ParsedReferences {
  const strict = parseReferenceTriples(raw ?? '');
  return strict.malformed.some((m) => m.token.split(',').length !== 3)
    ? (parseBbkReferenceList(raw ?? '') ?? strict)
    : strict;
}

/**
 * BBK writes "id id … sender,id id …,sent" (one triple whose middle holds a whitespace list),
 * which whitespace splitting tears apart. Read as: sender = last word before the first comma,
 * identifiers = the middle list. Reported as malformed, but the chain stays usable.
 */
function parseBbkReferenceList(raw: string): ParsedReferences | undefined {
  const parts = raw.trim().split(',');
  const [head, middle, sent] = parts.map((p) => p.trim());
  const sender = head?.split(/\s+/).at(-1);
  const identifiers = middle?.split(/\s+/).filter((t) => t.length > 0) ?? [];
  if (
    parts.length !== 3 ||
    !sender ||
    identifiers.length === 0 ||
    sent === undefined ||
    !isCapDateTime(sent)
  ) {
    return undefined;
  }
  return {
    references: identifiers.map((identifier) => ({ sender, identifier, sent })),
    malformed: [
      {
        token: raw.trim(),
        reason: `BBK-Listenform statt Tripel: ${identifiers.length} Kennung(en) von ${sender} übernommen`,
      },
    ],
  };
}

function parseReferenceTriples(raw: string): ParsedReferences {
  const references: CapReference[] = [];
  const malformed: MalformedReference[] = [];
  for (const token of raw.split(/\s+/).filter((t) => t.length > 0)) {
    const parts = token.split(',');
    const [sender, identifier, sent] = parts.map((p) => p.trim());
    if (parts.length !== 3 || !sender || !identifier) {
      malformed.push({
        token,
        reason: `erwartet „Absender,Kennung,Zeitpunkt“, gefunden ${parts.length} Teil(e)`,
      });
      continue;
    }
    if (sent === undefined || !isCapDateTime(sent)) {
      malformed.push({ token, reason: `ungültiger Zeitpunkt „${sent ?? ''}“` });
      references.push({ sender, identifier, sent: undefined });
      continue;
    }
    references.push({ sender, identifier, sent });
  }
  return { references, malformed };
}

/** The German info block when there is one, else the first: it drives event and severity. */
export function primaryInfo(warning: CapWarning): CapInfo | undefined {
  return (
    warning.infos.find((info) => info.language.toLowerCase().startsWith('de')) ?? warning.infos[0]
  );
}
