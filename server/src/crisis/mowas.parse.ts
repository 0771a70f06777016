import type { CapWarning, ParseResult } from './cap.model.ts';
import { accept, MAX_INPUT_BYTES, refuse } from './cap.model.ts';
import { normaliseAlert } from './cap.normalise.ts';

/** JSON text to a value, or a refusal with the parser's position; never throws. */
export function parseJsonText(text: string): ParseResult<unknown> {
  if (Buffer.byteLength(text, 'utf8') > MAX_INPUT_BYTES) {
    return refuse('too-large', `Datei größer als ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return refuse('empty', 'Leere Eingabe');
  }
  try {
    return accept(JSON.parse(body) as unknown);
  } catch (error) {
    return refuse(
      'malformed-syntax',
      `Kein gültiges JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unbekannt'}`,
    );
  }
}

/**
 * One BBK/MoWaS CAP-JSON object (warnung.bund.de `bbk.*` feeds). Polygons are declared "lon,lat";
 * rings that only fit Germany the other way round are swapped back (see cap.coordinates.ts).
 */
export function parseBbkCapJson(value: unknown): ParseResult<CapWarning> {
  return normaliseAlert(value, 'bbk-json', 'lon,lat');
}

/**
 * A BBK feed (JSON array of CAP objects) or a single object. One refusal per bad item, so a
 * single broken warning never hides the others; refuses only when the document itself is unusable.
 */
export function parseMowasFeed(text: string): ParseResult<readonly ParseResult<CapWarning>[]> {
  const json = parseJsonText(text);
  if (!json.ok) {
    return json;
  }
  const items = Array.isArray(json.value) ? json.value : [json.value];
  if (items.length === 0) {
    return accept([]);
  }
  const results = items.map(parseBbkCapJson);
  if (results.every((r) => !r.ok && r.refusal.code === 'not-cap')) {
    return refuse(
      'not-cap',
      'Kein BBK-CAP-JSON: kein Eintrag hat identifier, sender, sent, status, msgType',
    );
  }
  return accept(results);
}
