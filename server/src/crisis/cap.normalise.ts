import type { PairOrder } from './cap.coordinates.ts';
import { parseCircle, parseRing } from './cap.coordinates.ts';
import type {
  CapArea,
  CapCircle,
  CapFormat,
  CapInfo,
  CapValuePair,
  CapWarning,
  LatLon,
  ParseResult,
} from './cap.model.ts';
import {
  accept,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  isCapDateTime,
  parseReferences,
  refuse,
} from './cap.model.ts';

/**
 * Turns a CAP alert as a plain object tree (CAP-JSON, or XML after fast-xml-parser with the same
 * element names) into a CapWarning. Shared by every parser so leniency rules exist once.
 */

type Raw = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function list(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function texts(value: unknown): string[] {
  return list(value)
    .map(text)
    .filter((t): t is string => t !== undefined);
}

function pairs(value: unknown): CapValuePair[] {
  const result: CapValuePair[] = [];
  for (const item of list(value)) {
    if (isRecord(item)) {
      const valueName = text(item.valueName);
      const pairValue = text(item.value);
      if (valueName !== undefined && pairValue !== undefined) {
        result.push({ valueName, value: pairValue });
      }
    }
  }
  return result;
}

function number(value: unknown): number | undefined {
  const parsed = typeof value === 'number' ? value : Number(text(value) ?? Number.NaN);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Case-insensitive enum match; sources write "DE"/"de-DE" and occasionally lower-case values. */
function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  const given = text(value)?.toLowerCase();
  return allowed.find((candidate) => candidate.toLowerCase() === given);
}

function optionalTime(value: unknown, field: string, notes: string[]): string | undefined {
  const given = text(value);
  if (given !== undefined && !isCapDateTime(given)) {
    notes.push(`${field}: ungültiger Zeitpunkt „${given.slice(0, 40)}“ ignoriert`);
    return undefined;
  }
  return given;
}

function normaliseArea(raw: Raw, order: PairOrder, notes: string[]): CapArea {
  const polygons: LatLon[][] = [];
  for (const polygonText of texts(raw.polygon)) {
    const ring = parseRing(polygonText, order);
    if (ring.ok) {
      polygons.push(ring.ring);
      notes.push(...ring.notes);
    } else {
      notes.push(`${ring.reason} – verworfen`);
    }
  }
  const circles: CapCircle[] = [];
  for (const circleText of texts(raw.circle)) {
    const circle = parseCircle(circleText, order);
    if (circle.ok) {
      circles.push(circle.circle);
      notes.push(...circle.notes);
    } else {
      notes.push(`${circle.reason} – verworfen`);
    }
  }
  return {
    description: text(raw.areaDesc) ?? '',
    polygons,
    circles,
    geocodes: pairs(raw.geocode),
    altitude: number(raw.altitude),
    ceiling: number(raw.ceiling),
  };
}

function normaliseInfo(raw: Raw, order: PairOrder, notes: string[]): CapInfo {
  const enumField = <T extends string>(allowed: readonly T[], key: string, fallback: T): T => {
    const value = oneOf(allowed, raw[key]);
    if (value === undefined) {
      notes.push(`${key}: „${text(raw[key]) ?? ''}“ unbekannt, als ${fallback} gewertet`);
    }
    return value ?? fallback;
  };
  return {
    language: text(raw.language) ?? 'en-US',
    categories: texts(raw.category),
    event: text(raw.event) ?? '',
    responseTypes: texts(raw.responseType),
    urgency: enumField(CAP_URGENCIES, 'urgency', 'Unknown'),
    severity: enumField(CAP_SEVERITIES, 'severity', 'Unknown'),
    certainty: enumField(CAP_CERTAINTIES, 'certainty', 'Unknown'),
    eventCodes: pairs(raw.eventCode),
    effective: optionalTime(raw.effective, 'effective', notes),
    onset: optionalTime(raw.onset, 'onset', notes),
    expires: optionalTime(raw.expires, 'expires', notes),
    senderName: text(raw.senderName),
    headline: text(raw.headline),
    description: text(raw.description),
    instruction: text(raw.instruction),
    web: text(raw.web),
    contact: text(raw.contact),
    parameters: pairs(raw.parameter),
    areas: list(raw.area)
      .filter(isRecord)
      .map((area) => normaliseArea(area, order, notes)),
  };
}

/** Required header fields decide whether this is CAP at all; everything below is lenient. */
export function normaliseAlert(
  raw: unknown,
  format: CapFormat,
  order: PairOrder,
): ParseResult<CapWarning> {
  if (!isRecord(raw)) {
    return refuse('not-cap', 'Kein CAP-Objekt (erwartet ein <alert> bzw. JSON-Objekt)');
  }
  const identifier = text(raw.identifier);
  const sender = text(raw.sender);
  const sent = text(raw.sent);
  const missing = [
    ['identifier', identifier],
    ['sender', sender],
    ['sent', sent],
    ['status', raw.status],
    ['msgType', raw.msgType],
  ]
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (identifier === undefined || sender === undefined || sent === undefined || missing.length) {
    const looksLikeCap = missing.length < 5;
    return refuse(
      looksLikeCap ? 'missing-field' : 'not-cap',
      looksLikeCap
        ? `Pflichtfeld(er) fehlen: ${missing.join(', ')}`
        : 'Kein CAP-Alert: identifier, sender, sent, status und msgType fehlen',
    );
  }
  if (!isCapDateTime(sent)) {
    return refuse('invalid-value', `sent: ungültiger Zeitpunkt „${sent.slice(0, 40)}“`);
  }
  // Status and msgType steer publishing (Test never goes public), so a guess would be unsafe.
  const status = oneOf(CAP_STATUSES, raw.status);
  if (status === undefined) {
    return refuse('invalid-value', `status: „${text(raw.status) ?? '?'}“ ist kein CAP-Status`);
  }
  const msgType = oneOf(CAP_MSG_TYPES, raw.msgType);
  if (msgType === undefined) {
    return refuse('invalid-value', `msgType: „${text(raw.msgType) ?? '?'}“ ist kein CAP-msgType`);
  }
  const notes: string[] = [];
  const scope = oneOf(CAP_SCOPES, raw.scope);
  if (scope === undefined) {
    notes.push(`scope: „${text(raw.scope) ?? ''}“ unbekannt, als Public gewertet`);
  }
  const { references, malformed } = parseReferences(text(raw.references));
  if (malformed.length > 0) {
    notes.push(`references: ${malformed.length} fehlerhafte Angabe(n)`);
  }
  const infos = list(raw.info)
    .filter(isRecord)
    .map((info) => normaliseInfo(info, order, notes));
  return accept({
    format,
    identifier,
    sender,
    sent,
    status,
    msgType,
    scope: scope ?? 'Public',
    source: text(raw.source),
    codes: texts(raw.code),
    note: text(raw.note),
    references,
    malformedReferences: malformed,
    incidents: (text(raw.incidents) ?? '').split(/\s+/).filter((t) => t.length > 0),
    languages: [...new Set(infos.map((info) => info.language))],
    infos,
    notes,
  });
}
