import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import {
  STUTTGART_CHANNELS,
  STUTTGART_PLATFORMS,
  STUTTGART_PROFILE,
} from '../seed/stuttgart-registry.data.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import { getPlatform } from './platforms.service.ts';
import type { CreatePlatformInput } from './registry.schema.ts';

/** Written independently of the renderer, so a broken escape cannot hide behind its own twin. */
const esc = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
/** Whitespace is not meaningful in HTML text; the renderer's line breaks must not matter. */
const squash = (text: string): string => text.replace(/\s+/g, ' ');
const COUNTRIES: Readonly<Record<string, string>> = {
  US: 'Vereinigte Staaten',
  SG: 'Singapur',
  CN: 'China',
};
const HEADINGS: Readonly<Record<string, string>> = {
  verantwortlicher: 'Verantwortlicher',
  datenschutzbeauftragte: 'Datenschutzbeauftragte/r',
  zwecke: 'Zwecke und Rechtsgrundlagen',
  'gemeinsame-verantwortlichkeit': 'Gemeinsame Verantwortlichkeit',
  empfaenger: 'Empfänger',
  drittlaender: 'Übermittlung in Drittländer',
  speicherdauer: 'Speicherdauer',
  rechte: 'Ihre Rechte',
  widerspruch: 'Ihr Widerspruchsrecht nach Art. 21 DSGVO',
  beschwerde: 'Beschwerderecht',
  cookies: 'Cookies und Einstellungen',
  richtlinien: 'Links zu den Richtlinien des Betreibers',
  stand: 'Stand',
};

/** The inner HTML of one section, so each element is checked where it belongs. */
function section(page: string, id: string): string {
  const match = new RegExp(`<section id="${id}" class="([^"]*)"[^>]*>(.*?)</section>`).exec(page);
  if (match === null) {
    throw new Error(`section ${id} missing`);
  }
  return `${match[1] ?? ''}|${match[2] ?? ''}`;
}

const berlinDate = (iso: string): string =>
  new Date(iso).toLocaleDateString('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });

describeEachEngine('public privacy notices', (get) => {
  let t: TestApp;
  let comms: Agent;

  const fetchPage = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url });
    return { res, page: squash(res.body) };
  };

  beforeAll(async () => {
    t = await createTestApp(get());
    await seedStuttgartRegistry(get().db);
    const user = await buildUser(get().db, {
      roles: [{ role: 'communications' }],
      displayName: 'Konrad Kommunikation',
    });
    comms = await loginAs(t.app, user.email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  for (const seeded of STUTTGART_PLATFORMS) {
    it(`states every Art. 13 element for ${seeded.name}`, async () => {
      const { res, page } = await fetchPage(`/datenschutz/social-media/${seeded.key}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      for (const [id, title] of Object.entries(HEADINGS)) {
        expect(page, id).toContain(`<h2 id="${id}-titel">${esc(title)}</h2>`);
      }
      const profile = STUTTGART_PROFILE;
      const controller = section(page, 'verantwortlicher');
      for (const value of [
        profile.controllerName,
        profile.controllerAddress,
        profile.controllerEmail,
        profile.controllerPhone ?? '',
      ]) {
        expect(controller).toContain(esc(value));
      }
      expect(section(page, 'datenschutzbeauftragte')).toContain(esc(profile.dpoContact));

      const purposes = section(page, 'zwecke');
      for (const purpose of seeded.purposes) {
        const { gdpr, national } = purpose.legalBasis;
        expect(purposes).toContain(esc(purpose.text));
        expect(purposes).toContain(esc(national ? `${gdpr} i. V. m. ${national}` : gdpr));
      }
      expect(purposes).toContain('Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW');

      const joint = section(page, 'gemeinsame-verantwortlichkeit');
      if (seeded.jointControllership) {
        const jc = seeded.jointControllership;
        expect(joint).toContain(`href="${esc(jc.arrangementUrl)}"`);
        expect(joint).toContain(`href="${esc(jc.essencePublishedUrl)}"`);
        expect(joint).toContain(esc(jc.scope));
        expect(joint).toContain('Ansprechstelle');
        expect(joint).toContain('gegenüber jedem der Verantwortlichen');
        expect(joint).toContain(`${jc.forwardingDeadlineDays} Tagen`);
      } else {
        expect(joint).toContain('keine gemeinsame Verantwortlichkeit');
        expect(joint).toContain('in eigener Verantwortung');
      }

      const recipients = section(page, 'empfaenger');
      for (const recipient of seeded.recipients) {
        expect(recipients).toContain(esc(recipient));
      }

      const transfers = section(page, 'drittlaender');
      if (seeded.transfers.length === 0) {
        expect(transfers).toContain('nicht in Länder außerhalb');
      }
      for (const transfer of seeded.transfers) {
        expect(transfers).toContain(`${COUNTRIES[transfer.country] ?? ''} (${transfer.country})`);
        if (transfer.basis === 'eu-us-dpf') {
          const [y, m, d] = (transfer.dpfCheckedOn ?? '').split('-');
          expect(transfers).toContain('EU-US Data Privacy Framework');
          expect(transfers).toContain('Durchführungsbeschluss (EU) 2023/1795');
          expect(transfers).toContain(`geprüft am ${d ?? ''}.${m ?? ''}.${y ?? ''}`);
        }
        if (transfer.basis === 'scc-2021-914') {
          expect(transfers).toContain('Standardvertragsklauseln');
          expect(transfers).toContain(
            `Durchführungsbeschluss (EU) 2021/914, Modul ${transfer.sccModule ?? ''}`,
          );
        }
      }

      const storage = section(page, 'speicherdauer');
      expect(storage).toContain(`${profile.inquiryRetentionMonths} Monate nach deren Ende`);
      expect(storage).toContain(esc(seeded.storagePeriods ?? ''));

      const rights = section(page, 'rechte');
      for (const article of ['Art. 15', 'Art. 16', 'Art. 17', 'Art. 18', 'Art. 21']) {
        expect(rights).toContain(article);
      }
      // Every seeded platform lists contract inquiries (lit. b), so portability applies.
      expect(rights).toContain('Datenübertragbarkeit (Art. 20 DSGVO)');
      const objection = section(page, 'widerspruch');
      expect(objection.startsWith('section highlighted|')).toBe(true);
      expect(objection).toContain('jederzeit Widerspruch');
      expect(objection).toContain('zwingende schutzwürdige Gründe');

      const complaint = section(page, 'beschwerde');
      expect(complaint).toContain('Art. 77 DSGVO');
      expect(complaint).toContain(
        'Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg',
      );

      const op = seeded.operator;
      expect(section(page, 'cookies')).toContain(
        `href="${esc(op.cookiePolicyUrl ?? op.privacyPolicyUrl)}"`,
      );
      const policies = section(page, 'richtlinien');
      expect(policies).toContain(`href="${esc(op.privacyPolicyUrl)}"`);
      expect(policies).toContain(esc(op.rightsContact));

      const stored = await getPlatform(get().db, { key: seeded.key });
      expect(section(page, 'stand')).toContain(berlinDate(stored.updatedAt));
    });
  }

  it('is accessible and self-contained: German, landmarks, ordered headings, no scripts', async () => {
    const { res, page } = await fetchPage('/datenschutz/social-media/facebook');
    expect(page).toMatch(/^<!doctype html> <html lang="de">/);
    for (const landmark of ['<header', '<nav', '<main id="inhalt"', '<footer']) {
      expect(page).toContain(landmark);
    }
    const levels = [...page.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, i) => {
      expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1);
    });
    expect(page).not.toMatch(/<script|<style|\sstyle=|\ssrc=|<iframe|<img/i);
    expect([...page.matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/datenschutz/assets/notice.css',
    ]);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');

    const css = await t.app.inject({ method: 'GET', url: '/datenschutz/assets/notice.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('@media print');
    expect(css.body).not.toMatch(/@import|url\(/);
  });

  it('answers unknown or malformed platform keys with a German 404 page', async () => {
    for (const url of [
      '/datenschutz/social-media/myspace',
      `/datenschutz/social-media/${encodeURIComponent('<b>Facebook</b>')}`,
    ]) {
      const { res, page } = await fetchPage(url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page).toContain('<html lang="de">');
      expect(page).toContain('<h1>Seite nicht gefunden</h1>');
      expect(page).not.toContain('<b>');
    }
  });

  it('escapes registry text and follows a purpose change made through the API', async () => {
    const input: CreatePlatformInput = {
      ...(STUTTGART_PLATFORMS[0] as CreatePlatformInput),
      key: 'testnetz',
      name: 'Test & Netz',
      operator: {
        legalEntity: 'Firma "Beispiel" <GmbH>',
        address: 'Musterweg 1, 12345 Musterstadt',
        privacyPolicyUrl: 'https://example.org/privacy?a=1&b=2',
        cookiePolicyUrl: null,
        rightsContact: 'Postfach 12, 12345 Musterstadt',
      },
      purposes: [
        {
          text: '<script>alert(1)</script> Gewinnspiel',
          legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. b DSGVO', national: null },
        },
      ],
      recipients: [],
      jointControllership: null,
      transfers: [
        { country: 'CH', basis: 'adequacy', dpfCheckedOn: null, sccModule: null, notes: null },
        { country: 'IN', basis: 'bcr', dpfCheckedOn: null, sccModule: null, notes: null },
        {
          country: 'BR',
          basis: 'art49-derogation',
          dpfCheckedOn: null,
          sccModule: null,
          notes: null,
        },
      ],
      storagePeriods: null,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/registry/platforms',
      headers: comms.headers(),
      payload: input,
    });
    expect(created.statusCode).toBe(201);

    const before = (await fetchPage('/datenschutz/social-media/testnetz')).page;
    expect(before).not.toContain('<script>');
    expect(before).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Gewinnspiel');
    expect(before).toContain('Firma &quot;Beispiel&quot; &lt;GmbH&gt;');
    expect(before).toContain('Test &amp; Netz');
    expect(before).toContain('href="https://example.org/privacy?a=1&amp;b=2"');
    expect(section(before, 'widerspruch')).toContain('besteht deshalb nicht');
    expect(section(before, 'rechte')).toContain('Art. 20 DSGVO');
    expect(section(before, 'rechte')).not.toContain('Art. 21 DSGVO');
    expect(section(before, 'empfaenger')).toContain('nicht an andere Stellen');
    expect(section(before, 'speicherdauer')).toContain('bestimmt selbst');
    const transfers = section(before, 'drittlaender');
    expect(transfers).toContain('Schweiz (CH): Angemessenheitsbeschluss der EU-Kommission');
    expect(transfers).toContain('Binding Corporate Rules, Art. 47 DSGVO');
    expect(transfers).toContain('Art. 49 DSGVO');

    const id = created.json<{ id: string }>().id;
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/platforms/${id}`,
      headers: comms.headers(),
      payload: {
        purposes: [
          {
            text: 'Hinweise auf Bürgerversammlungen',
            legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' },
          },
        ],
      },
    });
    expect(patched.statusCode).toBe(200);
    const after = (await fetchPage('/datenschutz/social-media/testnetz')).page;
    expect(after).not.toContain('Gewinnspiel');
    expect(section(after, 'zwecke')).toContain('Hinweise auf Bürgerversammlungen');
    expect(section(after, 'zwecke')).toContain('Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW');
    expect(section(after, 'widerspruch')).toContain('Hinweise auf Bürgerversammlungen');
    expect(section(after, 'rechte')).not.toContain('Art. 20 DSGVO');
  });

  it('lists active channels with their unit in the overview, never retired ones or staff', async () => {
    const db = get().db;
    const staff = await buildUser(db, {
      roles: [{ role: 'online-team' }],
      displayName: 'Erika Mustermann',
    });
    const unit = await findOrgUnitByCode(db, 'AMT61');
    const facebook = await getPlatform(db, { key: 'facebook' });
    const channel = (name: string, handle: string, status: string) => ({
      platformId: facebook.id,
      name,
      handle,
      url: `https://www.facebook.com/${handle}`,
      orgUnitId: unit?.id,
      responsibleUserIds: [staff.id],
      goals: ['beteiligung'],
      status,
      selfPublishing: false,
    });
    for (const payload of [
      channel('Stadtplanung Stuttgart', 'stadtplanung.stuttgart', 'active'),
      channel('Altes Stadtarchiv', 'altes.stadtarchiv', 'retired'),
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/registry/channels',
        headers: comms.headers(),
        payload,
      });
      expect(res.statusCode).toBe(201);
    }

    const { res, page } = await fetchPage('/datenschutz/social-media');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(page).toContain('<html lang="de">');
    for (const seeded of STUTTGART_PLATFORMS) {
      expect(page).toContain(`href="/datenschutz/social-media/${seeded.key}"`);
      expect(page).toContain(esc(seeded.purposes[0]?.text ?? ''));
      for (const group of seeded.targetGroups) {
        expect(page).toContain(esc(group));
      }
    }
    for (const seeded of STUTTGART_CHANNELS) {
      const shown = page.includes(`href="${esc(seeded.url)}"`);
      expect(shown, seeded.url).toBe(seeded.status === 'active');
    }
    expect(page).toContain('Stadtplanung Stuttgart');
    expect(page).toContain('Amt für Stadtplanung und Wohnen');
    expect(page).toContain('Online-Team');
    expect(page).toContain('Haupt- und Personalamt');
    expect(page).not.toContain('Altes Stadtarchiv');
    expect(page).not.toContain('Kulturamt Stuttgart');
    expect(page).not.toContain('Erika Mustermann');
    expect(page).not.toContain('Konrad Kommunikation');
  });
});
