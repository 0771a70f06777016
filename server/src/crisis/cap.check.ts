import { readFile } from 'node:fs/promises';

import type { CityArea } from './area.filter.ts';
import { areaCodes, concernsCity, parseOutline, STUTTGART_AREA } from './area.filter.ts';
import { parseCapXml } from './cap.parse.ts';
import type { CapWarning, ParseResult, Refusal } from './cap.model.ts';
import { primaryInfo, refuse } from './cap.model.ts';
import { parseBbkCapJson, parseJsonText } from './mowas.parse.ts';
import type { NinaDashboardItem } from './nina.parse.ts';
import {
  looksLikeNinaDashboard,
  parseNinaDashboard,
  parseNinaWarningDetails,
} from './nina.parse.ts';

/** `stadtfunk cap check <file>…`: one JSON line per file, exit code 1 when any file was refused. */

export interface MessageSummary {
  readonly identifier: string;
  readonly sender: string;
  readonly sent: string;
  readonly status: string;
  readonly msgType: string;
  readonly references: readonly string[];
  readonly malformedReferences: readonly string[];
  readonly languages: readonly string[];
  readonly event: string | undefined;
  readonly headline: string | undefined;
  readonly severity: string | undefined;
  readonly urgency: string | undefined;
  readonly certainty: string | undefined;
  readonly expires: string | undefined;
  readonly areaCodes: {
    readonly ars: readonly string[];
    readonly warncellids: readonly string[];
    readonly other: readonly string[];
  };
  readonly concernsCity: boolean;
  readonly reason: string;
  readonly notes: readonly string[];
}

export type CheckLine =
  | ({ readonly file: string; readonly ok: true; readonly format: string } & MessageSummary)
  | {
      readonly file: string;
      readonly ok: true;
      readonly format: 'bbk-json-feed' | 'nina-details-map';
      readonly count: number;
      readonly concernsCity: boolean;
      readonly messages: readonly (
        MessageSummary | { readonly ok: false; readonly error: string; readonly reason: string }
      )[];
    }
  | {
      readonly file: string;
      readonly ok: true;
      readonly format: 'nina-dashboard';
      readonly count: number;
      /** A dashboard is fetched per ARS; its entries carry no area to check. */
      readonly concernsCity: null;
      readonly reason: string;
      readonly items: readonly Pick<
        NinaDashboardItem,
        'id' | 'version' | 'provider' | 'msgType' | 'severity' | 'eventCode' | 'headline' | 'sent'
      >[];
      readonly skipped: number;
    }
  | {
      readonly file: string;
      readonly ok: false;
      readonly error: Refusal['code'] | 'unreadable';
      readonly reason: string;
    };

export function summarise(warning: CapWarning, city: CityArea): MessageSummary {
  const info = primaryInfo(warning);
  const codes = areaCodes(warning);
  const match = concernsCity(warning, city);
  return {
    identifier: warning.identifier,
    sender: warning.sender,
    sent: warning.sent,
    status: warning.status,
    msgType: warning.msgType,
    references: warning.references.map((r) => `${r.sender},${r.identifier},${r.sent ?? '?'}`),
    malformedReferences: warning.malformedReferences.map((m) => `${m.token} (${m.reason})`),
    languages: warning.languages,
    event: info?.event,
    headline: info?.headline,
    severity: info?.severity,
    urgency: info?.urgency,
    certainty: info?.certainty,
    expires: info?.expires,
    areaCodes: {
      ars: codes.ars,
      warncellids: codes.warnCellIds,
      other: codes.other.map((c) => `${c.valueName}=${c.value}`),
    },
    concernsCity: match.concerns,
    reason: match.reason,
    notes: [...new Set(warning.notes)],
  };
}

function isCapObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'identifier' in value
  );
}

function fromResult(file: string, result: ParseResult<CapWarning>, city: CityArea): CheckLine {
  return result.ok
    ? { file, ok: true, format: result.value.format, ...summarise(result.value, city) }
    : { file, ok: false, error: result.refusal.code, reason: result.refusal.reason };
}

function collection(
  file: string,
  format: 'bbk-json-feed' | 'nina-details-map',
  results: readonly ParseResult<CapWarning>[],
  city: CityArea,
): CheckLine {
  const messages = results.map((r) =>
    r.ok
      ? summarise(r.value, city)
      : { ok: false as const, error: r.refusal.code, reason: r.refusal.reason },
  );
  return {
    file,
    ok: true,
    format,
    count: messages.length,
    concernsCity: messages.some((m) => 'concernsCity' in m && m.concernsCity),
    messages,
  };
}

function checkJson(file: string, value: unknown, city: CityArea): CheckLine {
  if (looksLikeNinaDashboard(value)) {
    const dashboard = parseNinaDashboard(value as unknown[]);
    if (!dashboard.ok) {
      return { file, ok: false, error: dashboard.refusal.code, reason: dashboard.refusal.reason };
    }
    return {
      file,
      ok: true,
      format: 'nina-dashboard',
      count: dashboard.value.items.length,
      concernsCity: null,
      reason: 'Dashboard-Einträge enthalten kein Gebiet; das Dashboard wird je ARS abgerufen',
      items: dashboard.value.items.map(
        ({ id, version, provider, msgType, severity, eventCode, headline, sent }) => ({
          id,
          version,
          provider,
          msgType,
          severity,
          eventCode,
          headline,
          sent,
        }),
      ),
      skipped: dashboard.value.skipped.length,
    };
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? { file, ok: false, error: 'empty', reason: 'Leere Liste' }
      : collection(file, 'bbk-json-feed', value.map(parseBbkCapJson), city);
  }
  if (isCapObject(value)) {
    // NINA details carry NINA's provider prefix; BBK feed items do not.
    const nina =
      typeof value.identifier === 'string' && /^(mow|dwd|biw|kat|lhp|pol)\./.test(value.identifier);
    return fromResult(file, nina ? parseNinaWarningDetails(value) : parseBbkCapJson(value), city);
  }
  // Details saved keyed by id (one object per warning), as some clients store them.
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.values(value);
    if (entries.length > 0 && entries.every(isCapObject)) {
      return collection(
        file,
        'nina-details-map',
        entries.map((e) => parseNinaWarningDetails(e)),
        city,
      );
    }
  }
  return {
    file,
    ok: false,
    error: 'not-cap',
    reason: 'JSON ist weder CAP-JSON, BBK-Feed noch NINA-Antwort',
  };
}

/** Checks one file's content; the format is recognised from the content, not the name. */
export function checkCapText(file: string, content: string, city: CityArea): CheckLine {
  const start = content.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    return fromResult(file, parseCapXml(content), city);
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    const json = parseJsonText(content);
    return json.ok ? checkJson(file, json.value, city) : fromResult(file, json, city);
  }
  return fromResult(
    file,
    start === '' ? refuse('empty', 'Leere Datei') : refuse('not-cap', 'Weder XML noch JSON'),
    city,
  );
}

export async function checkCapFile(file: string, city: CityArea): Promise<CheckLine> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unbekannt';
    return { file, ok: false, error: 'unreadable', reason: `Datei nicht lesbar (${code})` };
  }
  return checkCapText(file, content, city);
}

export interface CapCheckOptions {
  readonly ars?: string | undefined;
  readonly warncell?: readonly string[] | undefined;
  readonly outline?: string | undefined;
}

/** City area from CLI flags, defaulting to Stuttgart; per-organisation config comes later. */
export function cityAreaFromOptions(options: CapCheckOptions): ParseResult<CityArea> {
  const ars = options.ars ?? STUTTGART_AREA.ars;
  if (!/^\d{12}$/.test(ars)) {
    return refuse(
      'invalid-value',
      `--ars muss 12 Ziffern haben (Stuttgart: 081110000000), nicht „${ars}“`,
    );
  }
  const warnCellIds = options.warncell?.flatMap((v) => v.split(',')).map((v) => v.trim()) ?? [
    ...STUTTGART_AREA.warnCellIds,
  ];
  const badCell = warnCellIds.find((id) => !/^\d{9}$/.test(id));
  if (badCell !== undefined) {
    return refuse('invalid-value', `--warncell muss 9 Ziffern haben, nicht „${badCell}“`);
  }
  if (options.outline === undefined) {
    return { ok: true, value: { ars, warnCellIds } };
  }
  const outline = parseOutline(options.outline);
  return outline.ok ? { ok: true, value: { ars, warnCellIds, outline: outline.value } } : outline;
}

export interface CapCheckOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Runs `cap check`: prints one line per file and returns the exit code (2 usage, 1 refused, 0 ok). */
export async function runCapCommand(
  args: readonly string[],
  options: CapCheckOptions,
  io: CapCheckOutput,
): Promise<number> {
  const [sub, ...files] = args;
  if (sub !== 'check' || files.length === 0) {
    io.err(
      'Aufruf: stadtfunk cap check <datei>… [--ars <ARS>] [--warncell <ID>]… [--outline "lat,lon …"]',
    );
    return 2;
  }
  const city = cityAreaFromOptions(options);
  if (!city.ok) {
    io.err(city.refusal.reason);
    return 2;
  }
  let refused = 0;
  for (const file of files) {
    const line = await checkCapFile(file, city.value);
    if (!line.ok) {
      refused++;
    }
    io.out(JSON.stringify(line));
  }
  return refused > 0 ? 1 : 0;
}
