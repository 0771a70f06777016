import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

import type { CapWarning, ParseResult } from './cap.model.ts';
import { MAX_INPUT_BYTES, refuse } from './cap.model.ts';
import { normaliseAlert } from './cap.normalise.ts';

// Elements that may repeat in CAP 1.2; always arrays so one message and many look alike.
const REPEATING = new Set([
  'code',
  'info',
  'category',
  'responseType',
  'eventCode',
  'parameter',
  'resource',
  'area',
  'polygon',
  'circle',
  'geocode',
]);

// The parser is lenient about structure, so well-formedness is checked separately first.
const validator = new SyntaxValidator();

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: false,
  isArray: (tagName) => REPEATING.has(tagName),
});

/** The validator throws a ValidationError carrying line and column; undefined when well-formed. */
function wellFormednessError(xml: string): string | undefined {
  try {
    validator.validate(xml);
    return undefined;
  } catch (error) {
    const { line, col } = error as { line?: unknown; col?: unknown };
    const where =
      typeof line === 'number' && typeof col === 'number' ? `(Zeile ${line}, Spalte ${col})` : '';
    return `${where}: ${error instanceof Error ? error.message.slice(0, 200) : 'unbekannt'}`;
  }
}

function rootNames(tree: unknown): string[] {
  return typeof tree === 'object' && tree !== null
    ? Object.keys(tree).filter((key) => !key.startsWith('?'))
    : [];
}

/**
 * Parses one OASIS CAP 1.2 XML message (generic, DWD profile incl. multi-language `info` blocks).
 * Never throws: syntax errors, DTDs and non-CAP documents become a typed refusal.
 */
export function parseCapXml(xml: string): ParseResult<CapWarning> {
  if (Buffer.byteLength(xml, 'utf8') > MAX_INPUT_BYTES) {
    return refuse('too-large', `Datei größer als ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
  }
  const body = xml.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return refuse('empty', 'Leere Eingabe');
  }
  // CAP needs no DTD; refusing one rules out entity-expansion tricks before parsing.
  if (/<!DOCTYPE/i.test(body)) {
    return refuse(
      'malformed-syntax',
      'XML mit DOCTYPE wird nicht angenommen (CAP braucht keine DTD)',
    );
  }
  try {
    const invalid = wellFormednessError(body);
    if (invalid !== undefined) {
      return refuse('malformed-syntax', `Kein wohlgeformtes XML ${invalid}`);
    }
    const tree: unknown = parser.parse(body);
    const roots = rootNames(tree);
    if (!roots.includes('alert')) {
      return refuse(
        'not-cap',
        `Kein CAP-Dokument: Wurzelelement ${roots.length ? `<${roots.join('>, <')}>` : 'fehlt'}, erwartet <alert>`,
      );
    }
    const alert = (tree as Record<string, unknown>).alert;
    return normaliseAlert(alert, 'cap-xml', 'lat,lon');
  } catch (error) {
    // The parser may still throw on input the validator let through; that is the input's fault.
    return refuse(
      'malformed-syntax',
      `XML nicht lesbar: ${error instanceof Error ? error.message.slice(0, 200) : 'unbekannt'}`,
    );
  }
}
