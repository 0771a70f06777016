import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { Reader } from './channels.service.ts';
import { assertRopaReader, buildRopa, ROPA_FIELDS } from './ropa.service.ts';
import type { RopaEntry } from './ropa.service.ts';

/**
 * CSV for German Excel: UTF-8 with BOM (else Excel guesses Windows-1252), semicolons (the comma
 * is the decimal separator), CRLF between records and RFC 4180 quoting. Lists within a cell are
 * separate lines.
 */

const BOM = '\uFEFF';
const SEPARATOR = ';';

/** Cells a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cellText(value: RopaEntry[keyof RopaEntry]): string {
  if (typeof value === 'number') {
    return String(value);
  }
  return typeof value === 'string' ? value : value.join('\n');
}

export function renderRopaCsv(entries: readonly RopaEntry[]): string {
  const header = ROPA_FIELDS.map((field) => csvCell(field.label)).join(SEPARATOR);
  const rows = entries.map((entry) =>
    ROPA_FIELDS.map((field) => csvCell(cellText(entry[field.key]))).join(SEPARATOR),
  );
  return `${BOM}${[header, ...rows].join('\r\n')}\r\n`;
}

/** The record as CSV, for those who may read all of it. */
export async function exportRopaCsv(db: Kysely<Database>, reader: Reader): Promise<string> {
  await assertRopaReader(db, reader);
  return renderRopaCsv(await buildRopa(db));
}
