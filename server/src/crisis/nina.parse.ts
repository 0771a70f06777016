import type { CapWarning, ParseResult } from './cap.model.ts';
import { accept, refuse } from './cap.model.ts';
import { normaliseAlert } from './cap.normalise.ts';
import { parseJsonText } from './mowas.parse.ts';

/** One entry of `GET /api31/dashboard/{ARS}.json` (NINA); the full text needs the details call. */
export interface NinaDashboardItem {
  readonly id: string;
  /** Increments on every change; (id, version, hash) is the change key. */
  readonly version: number | undefined;
  readonly hash: string | undefined;
  readonly provider: string | undefined;
  readonly headline: string;
  readonly severity: string | undefined;
  readonly msgType: string | undefined;
  readonly eventCode: string | undefined;
  readonly areaType: string | undefined;
  readonly areaData: string | undefined;
  readonly titles: Readonly<Record<string, string>>;
  readonly sent: string | undefined;
  readonly onset: string | undefined;
  readonly expires: string | undefined;
}

export interface NinaDashboard {
  readonly items: readonly NinaDashboardItem[];
  readonly skipped: readonly { readonly index: number; readonly reason: string }[];
}

type Raw = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function record(value: unknown): Raw {
  return isRecord(value) ? value : {};
}

function dashboardItem(raw: unknown): NinaDashboardItem | string {
  if (!isRecord(raw)) {
    return 'Eintrag ist kein Objekt';
  }
  const id = str(raw.id);
  const payload = record(raw.payload);
  const data = record(payload.data);
  if (id === undefined) {
    return 'Eintrag ohne id';
  }
  const titles: Record<string, string> = {};
  for (const [lang, title] of Object.entries(record(raw.i18nTitle))) {
    const value = str(title);
    if (value !== undefined) {
      titles[lang] = value;
    }
  }
  const headline = str(data.headline) ?? titles.de;
  if (headline === undefined) {
    return `Eintrag ${id.slice(0, 60)} ohne Überschrift`;
  }
  const version = payload.version;
  return {
    id,
    version: typeof version === 'number' && Number.isInteger(version) ? version : undefined,
    hash: str(payload.hash),
    provider: str(data.provider),
    headline,
    severity: str(data.severity),
    msgType: str(data.msgType),
    eventCode: str(record(data.transKeys).event),
    areaType: str(record(data.area).type),
    areaData: str(record(data.area).data),
    titles,
    sent: str(raw.sent),
    onset: str(raw.onset),
    expires: str(raw.expires),
  };
}

/** Parses a NINA dashboard; bad entries are skipped with a reason, a non-array is refused. */
export function parseNinaDashboard(input: string | unknown[]): ParseResult<NinaDashboard> {
  let value: unknown = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) {
      return json;
    }
    value = json.value;
  }
  if (!Array.isArray(value)) {
    return refuse('not-cap', 'Kein NINA-Dashboard: erwartet ein JSON-Array');
  }
  const items: NinaDashboardItem[] = [];
  const skipped: { index: number; reason: string }[] = [];
  value.forEach((raw, index) => {
    const item = dashboardItem(raw);
    if (typeof item === 'string') {
      skipped.push({ index, reason: item });
    } else {
      items.push(item);
    }
  });
  if (items.length === 0 && skipped.length > 0) {
    return refuse('not-cap', `Kein NINA-Dashboard: ${skipped[0]?.reason ?? ''}`);
  }
  return accept({ items, skipped });
}

/** True when the JSON looks like a dashboard (array of { id, payload }) rather than a CAP feed. */
export function looksLikeNinaDashboard(value: unknown): boolean {
  return (
    Array.isArray(value) && value.length > 0 && value.every((v) => isRecord(v) && 'payload' in v)
  );
}

/**
 * Parses `GET /api31/warnings/{id}.json`: CAP-as-JSON like BBK's, coordinates "lon,lat".
 * The identifier keeps NINA's provider prefix (mow., dwd., biw., kat.).
 */
export function parseNinaWarningDetails(input: string | object): ParseResult<CapWarning> {
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    return json.ok ? normaliseAlert(json.value, 'nina-details', 'lon,lat') : json;
  }
  return normaliseAlert(input, 'nina-details', 'lon,lat');
}

const NINA_PREFIX = /^(mow|dwd|biw|kat|lhp|pol)\./;

/** Splits NINA's provider prefix off, so `mow.X` and the BBK feed's `X` meet in one incident. */
export function splitNinaIdentifier(identifier: string): { provider?: string; bareId: string } {
  const match = NINA_PREFIX.exec(identifier);
  return match?.[1] === undefined
    ? { bareId: identifier }
    : { provider: match[1], bareId: identifier.slice(match[0].length) };
}
