import type { Kysely } from 'kysely';
import PDFDocument from 'pdfkit';

import type { Database } from '../database/database.types.ts';
import type { Reader } from './channels.service.ts';
import { formatBerlinDateTime } from './documents.format.ts';
import { getOrganisationProfile } from './organisation.service.ts';
import { assertRopaReader, buildRopa, ROPA_FIELDS, ROPA_TITLE } from './ropa.service.ts';
import type { RopaEntry } from './ropa.service.ts';

/**
 * The record as a PDF to file or print: A4, the built-in Helvetica (WinAnsi covers German
 * umlauts, ß, § and typographic quotes, so no font file is embedded), one activity per page,
 * page numbers and the creation time in Stuttgart.
 */

export interface RopaPdfOptions {
  readonly organisation: string;
  readonly createdAt: Date;
  /** Tests switch compression off to read the text streams. */
  readonly compress?: boolean;
}

const MARGIN = 56;
const FOOTER_GAP = 30;
const DARK = '#1b1b1b';
const MUTED = '#4a4a4a';

type Doc = PDFKit.PDFDocument;

function contentWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

/** Starts a new page when fewer than `needed` points remain, so a label never ends a page. */
function ensureSpace(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - MARGIN) {
    doc.addPage();
  }
}

function field(doc: Doc, label: string, value: RopaEntry[keyof RopaEntry]): void {
  ensureSpace(doc, 48);
  doc.font('Helvetica-Bold').fontSize(9).fillColor(MUTED).text(label, MARGIN, doc.y);
  doc.moveDown(0.15).font('Helvetica').fontSize(10).fillColor(DARK);
  if (Array.isArray(value)) {
    for (const item of value as readonly string[]) {
      doc.text(`•  ${item}`, MARGIN + 8, doc.y, { width: contentWidth(doc) - 8, indent: 0 });
    }
  } else {
    doc.text(String(value), MARGIN, doc.y, { width: contentWidth(doc) });
  }
  doc.moveDown(0.6);
}

function titlePage(doc: Doc, entries: readonly RopaEntry[], options: RopaPdfOptions): void {
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .fillColor(DARK)
    .text(ROPA_TITLE, { width: contentWidth(doc) });
  doc.moveDown(0.3).font('Helvetica').fontSize(13);
  doc.text(`Social-Media-Nutzung der ${options.organisation}`);
  doc.moveDown(0.3).fontSize(10).fillColor(MUTED);
  doc.text(
    `Erstellt am ${formatBerlinDateTime(options.createdAt)} aus dem Register von Stadtfunk.`,
  );
  doc
    .moveDown(1.5)
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(DARK)
    .text('Verarbeitungstätigkeiten');
  doc.moveDown(0.4).font('Helvetica').fontSize(11);
  if (entries.length === 0) {
    doc.text('Im Register sind keine Plattformen eingetragen.');
  }
  for (const entry of entries) {
    doc.text(`${entry.number}.  ${entry.activity}`);
  }
}

function entryPage(doc: Doc, entry: RopaEntry): void {
  doc.addPage();
  const heading = `${entry.number}. ${entry.activity}`;
  doc.outline.addItem(heading);
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(DARK)
    .text(heading, { width: contentWidth(doc) });
  doc.moveDown(0.8);
  for (const { key, label } of ROPA_FIELDS) {
    if (key !== 'number' && key !== 'activity') {
      field(doc, label, entry[key]);
    }
  }
}

/** Footers go on last, when the page count is known; bottom margin 0 stops an automatic page. */
function footers(doc: Doc, options: RopaPdfOptions): void {
  const { start, count } = doc.bufferedPageRange();
  const created = `Erstellt am ${formatBerlinDateTime(options.createdAt)}`;
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - FOOTER_GAP;
    const width = contentWidth(doc);
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(`Verzeichnis von Verarbeitungstätigkeiten – ${created}`, MARGIN, y, {
      width,
      align: 'left',
      lineBreak: false,
    });
    doc.text(`Seite ${index - start + 1} von ${count}`, MARGIN, y, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderRopaPdf(
  entries: readonly RopaEntry[],
  options: RopaPdfOptions,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'de-DE',
    displayTitle: true,
    info: {
      Title: `${ROPA_TITLE} – Social Media`,
      Author: options.organisation,
      Subject: 'Social-Media-Nutzung: Betrieb der Kanäle und Bearbeitung von Anfragen',
      Creator: 'Stadtfunk',
      CreationDate: options.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
  titlePage(doc, entries, options);
  for (const entry of entries) {
    entryPage(doc, entry);
  }
  footers(doc, options);
  doc.end();
  return done;
}

/** The record as PDF, for those who may read all of it. */
export async function exportRopaPdf(
  db: Kysely<Database>,
  reader: Reader,
  now: Date = new Date(),
): Promise<Buffer> {
  await assertRopaReader(db, reader);
  const organisation = (await getOrganisationProfile(db)).controllerName;
  return renderRopaPdf(await buildRopa(db), { organisation, createdAt: now });
}
