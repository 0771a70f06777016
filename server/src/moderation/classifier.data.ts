/**
 * Readers for the two German training corpora. Both are lenient: a malformed line or row is
 * skipped and counted, never thrown, so a partly damaged file still yields its good examples.
 */
import { readFile } from 'node:fs/promises';

export type OffenseLabel = 'OFFENSE' | 'OTHER';

export interface LabelledText {
  readonly text: string;
  readonly label: OffenseLabel;
  /** Where the example comes from; cross-validation scores GermEval items only. */
  readonly source: 'germeval' | 'gahd';
}

export interface ReadResult {
  readonly items: LabelledText[];
  readonly skipped: number;
}

export type CorpusFormat = 'germeval' | 'gahd';

/** GermEval 2018: `text<TAB>OFFENSE|OTHER<TAB>fine`; `|LBR|` marks a line break inside a tweet. */
export function parseGermEval(content: string): ReadResult {
  const items: LabelledText[] = [];
  let skipped = 0;
  for (const line of content.split(/\r?\n/)) {
    if (line.trim() === '') {
      continue;
    }
    const columns = line.split('\t');
    const label = columns[1]?.trim();
    const text = columns[0]?.split('|LBR|').join('\n').trim() ?? '';
    if (columns.length < 2 || text === '' || (label !== 'OFFENSE' && label !== 'OTHER')) {
      skipped++;
      continue;
    }
    items.push({ text, label, source: 'germeval' });
  }
  return { items, skipped };
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsvRecords(content: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const n = content.length;
  while (i < n) {
    const c = content.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') {
        i++;
      }
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** GAHD: `gahd_id,text,label,round,split,contrastive_gahd_id`; label 1 (hate) counts as OFFENSE. */
export function parseGahd(content: string): ReadResult {
  const records = parseCsvRecords(content.replace(/^\uFEFF/, ''));
  const header = records[0]?.map((h) => h.trim()) ?? [];
  const textAt = header.indexOf('text');
  const labelAt = header.indexOf('label');
  if (textAt < 0 || labelAt < 0) {
    return { items: [], skipped: records.length };
  }
  const items: LabelledText[] = [];
  let skipped = 0;
  for (const record of records.slice(1)) {
    if (record.length === 1 && record[0]?.trim() === '') {
      continue;
    }
    const text = record[textAt]?.trim() ?? '';
    const label = record[labelAt]?.trim();
    if (record.length !== header.length || text === '' || (label !== '0' && label !== '1')) {
      skipped++;
      continue;
    }
    items.push({ text, label: label === '1' ? 'OFFENSE' : 'OTHER', source: 'gahd' });
  }
  return { items, skipped };
}

/** GAHD files start with their CSV header; everything else is read as GermEval TSV. */
export function detectFormat(content: string): CorpusFormat {
  return /^\uFEFF?gahd_id,/.test(content) ? 'gahd' : 'germeval';
}

export function parseCorpus(content: string): ReadResult {
  return detectFormat(content) === 'gahd' ? parseGahd(content) : parseGermEval(content);
}

export async function readCorpusFile(path: string): Promise<ReadResult> {
  return parseCorpus(await readFile(path, 'utf8'));
}
