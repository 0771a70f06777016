import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import type { Role } from '../shared/enum.ts';
import { STUTTGART_PLATFORMS, STUTTGART_PROFILE } from '../seed/stuttgart-registry.data.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import { listPlatforms } from './platforms.service.ts';
import type { CreatePlatformInput } from './registry.schema.ts';
import { renderRopaPdf } from './ropa.pdf.ts';
import { buildRopa } from './ropa.service.ts';

/** A minimal RFC 4180 reader (semicolon-separated) to prove the export parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ';') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += char;
    }
  }
  expect(quoted).toBe(false);
  expect(row).toEqual([]);
  return rows;
}

/** Text shown by an uncompressed pdfkit file: the hex strings of each TJ array, in order. */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  return [...source.matchAll(/\[([^\]]*)\] TJ/g)]
    .map((match) =>
      [...(match[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map((hex) => Buffer.from(hex[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

const LETTER_COLUMNS = [
  '(a) Verantwortlicher',
  '(a) Gemeinsam Verantwortliche',
  '(a) Datenschutzbeauftragte/r',
  '(b) Zwecke der Verarbeitung',
  '(c) Kategorien betroffener Personen',
  '(c) Kategorien personenbezogener Daten',
  '(d) Kategorien von Empfängern',
  '(e) Übermittlungen in Drittländer und Garantien',
  '(f) Fristen für die Löschung',
  '(g) Technische und organisatorische Maßnahmen',
  'Rechtsgrundlagen',
  'Datenschutz-Folgenabschätzung',
];

describeEachEngine('record of processing activities', (get) => {
  let t: TestApp;
  let dpo: Agent;
  let comms: Agent;

  const agentWith = async (role: Role, orgUnitId: string | null = null): Promise<Agent> => {
    const user = await buildUser(get().db, { roles: [{ role, orgUnitId }] });
    return loginAs(t.app, user.email);
  };
  const download = (format: 'csv' | 'pdf', agent?: Agent) =>
    t.app.inject({
      method: 'GET',
      url: `/api/registry/ropa.${format}`,
      headers: agent?.headers() ?? {},
    });

  beforeAll(async () => {
    t = await createTestApp(get());
    await seedStuttgartRegistry(get().db);
    dpo = await agentWith('dpo');
    comms = await agentWith('communications');
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('is refused without a session, to agencies and to department editors', async () => {
    const unit = await findOrgUnitByCode(get().db, 'AMT10');
    const agency = await agentWith('agency');
    const editor = await agentWith('department-editor', unit?.id ?? null);
    for (const format of ['csv', 'pdf'] as const) {
      const anonymous = await download(format);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ code: 'unauthenticated' });
      for (const agent of [agency, editor]) {
        const res = await download(format, agent);
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-disposition']).toBeUndefined();
        expect(res.json()).toMatchObject({ code: 'forbidden' });
      }
      expect((await download(format, dpo)).statusCode).toBe(200);
    }
  });

  it('exports one CSV row per platform with every Art. 30(1) column, parsing back', async () => {
    const res = await download('csv', dpo);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="verarbeitungsverzeichnis-social-media.csv"',
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header = [], ...rows] = parseCsv(res.rawPayload.toString('utf8').slice(1));
    for (const column of LETTER_COLUMNS) {
      expect(header).toContain(column);
    }
    expect(rows).toHaveLength(STUTTGART_PLATFORMS.length);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
    }
    const cell = (row: string[], column: string): string => row[header.indexOf(column)] ?? '';
    const profile = STUTTGART_PROFILE;
    for (const seeded of STUTTGART_PLATFORMS) {
      const row = rows.find((r) => cell(r, 'Verarbeitungstätigkeit').endsWith(` ${seeded.name}`));
      expect(row, seeded.name).toBeDefined();
      const r = row ?? [];
      expect(cell(r, 'Verarbeitungstätigkeit')).toBe(`Betrieb des Kanals auf ${seeded.name}`);
      expect(cell(r, '(a) Verantwortlicher')).toContain(profile.controllerName);
      expect(cell(r, '(a) Verantwortlicher')).toContain(profile.controllerEmail);
      expect(cell(r, '(a) Datenschutzbeauftragte/r')).toBe(profile.dpoContact);
      expect(cell(r, '(a) Gemeinsam Verantwortliche')).toContain(seeded.operator.legalEntity);
      if (seeded.jointControllership) {
        expect(cell(r, '(a) Gemeinsam Verantwortliche')).toContain(
          seeded.jointControllership.arrangementUrl,
        );
      }
      expect(cell(r, '(b) Zwecke der Verarbeitung').split('\n')).toEqual(
        seeded.purposes.map((p) => p.text),
      );
      expect(cell(r, 'Rechtsgrundlagen')).toContain('Art. 6 Abs. 1 lit. b DSGVO');
      expect(cell(r, '(c) Kategorien betroffener Personen')).toContain('Anfragen');
      expect(cell(r, '(c) Kategorien personenbezogener Daten')).toContain('Kontaktdaten');
      for (const recipient of seeded.recipients) {
        expect(cell(r, '(d) Kategorien von Empfängern')).toContain(recipient);
      }
      const transfers = cell(r, '(e) Übermittlungen in Drittländer und Garantien');
      expect(transfers.split('\n')).toHaveLength(Math.max(1, seeded.transfers.length));
      for (const transfer of seeded.transfers) {
        expect(transfers).toContain(`(${transfer.country})`);
        expect(cell(r, '(d) Kategorien von Empfängern')).toContain(`(${transfer.country})`);
      }
      expect(cell(r, '(f) Fristen für die Löschung')).toContain(
        `${profile.inquiryRetentionMonths} Monate nach deren Ende`,
      );
      expect(cell(r, '(g) Technische und organisatorische Maßnahmen')).toBe(
        profile.securityMeasures,
      );
      expect(cell(r, 'Datenschutz-Folgenabschätzung')).toContain(seeded.dpia?.documentRef ?? '');
    }
    const facebook = rows.find((r) => cell(r, 'Verarbeitungstätigkeit').endsWith('Facebook')) ?? [];
    expect(cell(facebook, 'Rechtsgrundlagen')).toContain(
      'Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW',
    );
    expect(cell(facebook, '(e) Übermittlungen in Drittländer und Garantien')).toContain(
      'Durchführungsbeschluss (EU) 2023/1795',
    );
    expect(cell(facebook, 'Kanäle (zuständige Stelle)')).toContain('Online-Team');
  });

  it('quotes separators, quotes and line breaks and defuses formulas', async () => {
    const input: CreatePlatformInput = {
      ...(STUTTGART_PLATFORMS[2] as CreatePlatformInput),
      key: 'forum-sued',
      name: 'Forum "Süd"; Test',
      purposes: [
        {
          text: '=HYPERLINK("https://example.org")',
          legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' },
        },
        {
          text: 'Zweite Zeile; mit Semikolon',
          legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' },
        },
      ],
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/registry/platforms',
      headers: comms.headers(),
      payload: input,
    });
    expect(created.statusCode).toBe(201);
    const res = await download('csv', dpo);
    const [header = [], ...rows] = parseCsv(res.rawPayload.toString('utf8').slice(1));
    expect(rows).toHaveLength((await listPlatforms(get().db)).length);
    const activity = header.indexOf('Verarbeitungstätigkeit');
    const purposes = header.indexOf('(b) Zwecke der Verarbeitung');
    const row = rows.find((r) => r[activity] === 'Betrieb des Kanals auf Forum "Süd"; Test');
    expect(row?.[purposes]).toBe(`'=HYPERLINK("https://example.org")\nZweite Zeile; mit Semikolon`);
  });

  it('renders an A4 PDF with a page per activity, page numbers and the Berlin time', async () => {
    const res = await download('pdf', dpo);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="verarbeitungsverzeichnis-social-media.pdf"',
    );
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(10_000);

    const entries = await buildRopa(get().db);
    const pdf = await renderRopaPdf(entries, {
      organisation: 'Landeshauptstadt Stuttgart',
      createdAt: new Date('2026-07-01T10:00:00Z'),
      compress: false,
    });
    const source = pdf.toString('latin1');
    const pages = source.match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(entries.length);
    expect(source).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    for (const entry of entries) {
      expect(text).toContain(`${entry.number}. ${entry.activity}`);
    }
    expect(text).toContain('Verzeichnis von Verarbeitungst');
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
    // 10:00 UTC is 12:00 in Stuttgart in summer.
    expect(text).toContain('Erstellt am 01.07.2026, 12:00 Uhr');
    expect(text).toContain('(g) Technische und organisatorische Ma');
  });
});
