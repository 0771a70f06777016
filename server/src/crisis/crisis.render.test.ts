import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';

import type { CapWarning, ParseResult } from './cap.model.ts';
import { parseCapXml } from './cap.parse.ts';
import type { CityIdentity, PublishedWarning } from './crisis.render.ts';
import { renderWarningsPage } from './crisis.page.ts';
import {
  capDateTime,
  capIdentifier,
  renderAtomFeed,
  renderCapAlert,
  renderCapFeed,
  warningPageUrl,
} from './crisis.render.ts';

const city: CityIdentity = {
  senderId: 'stadtfunk@stuttgart.de',
  senderName: 'Landeshauptstadt Stuttgart',
  baseUrl: 'https://www.stuttgart.de/',
};

const TRICKY = 'Gefahr <b>&</b> "Zitat" \'x\' 🌧️ ]]> \u0007Ende';

function published(overrides: Partial<PublishedWarning> = {}): PublishedWarning {
  return {
    incidentId: 'inc-2026-07-02-feuerbach',
    version: 1,
    msgType: 'Alert',
    sentAt: '2026-07-02T08:04:00Z',
    status: 'Actual',
    event: 'Gefahrstoffaustritt',
    headline: 'Gefahrstoffaustritt in Stuttgart-Feuerbach',
    description: 'In einem Betrieb ist Ammoniak ausgetreten.\nDie Feuerwehr misst die Luftwerte.',
    instruction: 'Halten Sie Fenster und Türen geschlossen.',
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    categories: ['CBRNE', 'Nonsense'],
    areaDescription: 'Stuttgart-Feuerbach',
    geocodes: [{ valueName: 'ARS', value: '081110000000' }],
    expires: '2026-07-02T18:00:00+02:00',
    language: 'de-DE',
    sourceName: 'Integrierte Leitstelle Stuttgart',
    sourceUrl: 'https://warnung.bund.de/meldung/mow.DE-BW-S-SE018-20260702-18-000',
    sourceIdentifier: 'DE-BW-S-SE018-20260702-18-000',
    sourceSender: 'DE-BW-S-SE018',
    ...overrides,
  };
}

const v1 = published();
const v2 = published({
  version: 2,
  msgType: 'Update',
  sentAt: '2026-07-02T10:30:00+02:00',
  headline: 'Aktualisierung – Gefahrstoffaustritt in Stuttgart-Feuerbach',
  severity: 'Moderate',
});
const v3 = published({
  version: 3,
  msgType: 'Cancel',
  sentAt: '2026-07-02T13:15:00+02:00',
  headline: 'Entwarnung – Gefahrstoffaustritt in Stuttgart-Feuerbach',
  description: 'Die Messwerte sind unauffällig.',
  instruction: undefined,
  severity: 'Minor',
});
const drill = published({
  incidentId: 'uebung-1',
  status: 'Exercise',
  headline: 'ÜBUNG Probealarm Rathaus',
});
const test = published({ incidentId: 'test-1', status: 'Test', headline: 'TESTMELDUNG Sirene' });

function parsed(xml: string | undefined): CapWarning {
  const result: ParseResult<CapWarning> = parseCapXml(xml ?? '');
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value;
}

function wellFormed(xml: string): void {
  expect(() => new SyntaxValidator().validate(xml)).not.toThrow();
}

describe('CAP identifiers and times', () => {
  it('builds stable identifiers without characters CAP forbids', () => {
    const id = capIdentifier(city, published({ incidentId: 'a b,c<d&e' }));
    expect(id).toBe('stuttgart.de.stadtfunk.a-b-c-d-e.1');
    expect(capIdentifier(city, v2)).toBe('stuttgart.de.stadtfunk.inc-2026-07-02-feuerbach.2');
    expect(capIdentifier(city, v2)).toBe(capIdentifier(city, { ...v2 }));
  });

  it('writes CAP times in Berlin time with offset, summer and winter', () => {
    expect(capDateTime('2026-07-02T09:04:00.123Z')).toBe('2026-07-02T11:04:00+02:00');
    expect(capDateTime('2026-01-15T23:30:00Z')).toBe('2026-01-16T00:30:00+01:00');
    expect(() => capDateTime('gestern')).toThrow();
  });
});

describe('renderCapAlert', () => {
  it('round-trips through our own CAP parser with the reference chain', () => {
    const warning = parsed(renderCapAlert(city, v3, [v2, v1, drill]));
    expect(warning).toMatchObject({
      identifier: capIdentifier(city, v3),
      sender: 'stadtfunk@stuttgart.de',
      sent: '2026-07-02T13:15:00+02:00',
      status: 'Actual',
      msgType: 'Cancel',
      scope: 'Public',
      incidents: ['inc-2026-07-02-feuerbach'],
    });
    expect(warning.references).toEqual([
      {
        sender: 'stadtfunk@stuttgart.de',
        identifier: capIdentifier(city, v1),
        sent: '2026-07-02T10:04:00+02:00',
      },
      {
        sender: 'stadtfunk@stuttgart.de',
        identifier: capIdentifier(city, v2),
        sent: '2026-07-02T10:30:00+02:00',
      },
    ]);
    expect(warning.malformedReferences).toEqual([]);
    const info = warning.infos[0];
    expect(info?.categories).toEqual(['CBRNE']);
    expect(info?.severity).toBe('Minor');
    expect(info?.instruction).toBeUndefined();
    expect(info?.web).toBe(warningPageUrl(city, v3.incidentId));
    expect(info?.areas[0]?.geocodes).toEqual([{ valueName: 'ARS', value: '081110000000' }]);
  });

  it('has no references for the first version', () => {
    expect(parsed(renderCapAlert(city, v1, [v1, v2])).references).toEqual([]);
  });

  it('escapes tricky text and keeps it intact through parsing', () => {
    const xml = renderCapAlert(city, published({ headline: TRICKY, description: TRICKY }), []);
    wellFormed(xml ?? '');
    const info = parsed(xml).infos[0];
    expect(info?.headline).toBe('Gefahr <b>&</b> "Zitat" \'x\' 🌧️ ]]> Ende');
    expect(info?.description).toBe(info?.headline);
  });

  it('never renders Test or Exercise messages', () => {
    expect(renderCapAlert(city, drill, [])).toBeUndefined();
    expect(renderCapAlert(city, test, [])).toBeUndefined();
  });
});

const atomParser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'entry' });

interface AtomEntry {
  id: string;
  title: string;
  content: unknown;
  link: unknown;
}

function atomEntries(xml: string): AtomEntry[] {
  wellFormed(xml);
  const tree = atomParser.parse(xml) as {
    feed: { entry?: AtomEntry[]; id: string; updated: string };
  };
  return tree.feed.entry ?? [];
}

describe('renderCapFeed', () => {
  it('embeds and links one CAP alert per public version, newest first', () => {
    const xml = renderCapFeed(city, [v1, v2, drill, v3, test]);
    const entries = atomEntries(xml);
    expect(entries.map((e) => e.title)).toEqual([v3.headline, v2.headline, v1.headline]);
    expect(xml).toContain(
      `href="https://www.stuttgart.de/warnungen/cap/${capIdentifier(city, v2)}.xml"`,
    );
    expect(xml).toContain('<content type="application/cap+xml">');
    // The embedded alert is a complete CAP message: cut it out and parse it.
    const embedded = /<alert[\s\S]*?<\/alert>/.exec(xml)?.[0];
    const newest = parsed(embedded);
    expect(newest.identifier).toBe(capIdentifier(city, v3));
    expect(newest.references.map((r) => r.identifier)).toEqual([
      capIdentifier(city, v1),
      capIdentifier(city, v2),
    ]);
    expect(xml).not.toContain('ÜBUNG');
    expect(xml).not.toContain('TESTMELDUNG');
  });

  it('is a valid feed without entries', () => {
    const xml = renderCapFeed(city, [drill], { emptyUpdated: '2026-07-02T08:00:00Z' });
    expect(atomEntries(xml)).toEqual([]);
    expect(xml).toContain('<updated>2026-07-02T10:00:00+02:00</updated>');
  });
});

describe('renderAtomFeed', () => {
  it('lists public versions with title, text and a tag URI, escaping tricky text', () => {
    const xml = renderAtomFeed(city, [
      v1,
      test,
      published({
        version: 4,
        msgType: 'Update',
        sentAt: '2026-07-03T08:00:00+02:00',
        headline: TRICKY,
      }),
    ]);
    const entries = atomEntries(xml);
    expect(entries).toHaveLength(2);
    expect(entries[0]?.title).toBe('Aktualisierung: Gefahr <b>&</b> "Zitat" \'x\' 🌧️ ]]> Ende');
    expect(entries[1]?.id).toBe(
      'tag:stuttgart.de,2026:stadtfunk/warnungen/stuttgart.de.stadtfunk.inc-2026-07-02-feuerbach.1',
    );
    expect(JSON.stringify(entries[1]?.content)).toContain(
      'Halten Sie Fenster und Türen geschlossen.',
    );
    expect(xml).not.toContain('TESTMELDUNG');
  });
});

describe('renderWarningsPage', () => {
  it('renders an accessible German page with severity as text and Berlin times', () => {
    const html = renderWarningsPage(city, {
      active: [v1, v2],
      ended: [],
      generatedAt: '2026-07-02T09:00:00Z',
    });
    expect(html.startsWith('<!doctype html>\n<html lang="de">')).toBe(true);
    expect(html).toContain('<h1>Warnungen – Landeshauptstadt Stuttgart</h1>');
    // Only the latest version of an incident is shown.
    expect(html).toContain('Aktualisierung – Gefahrstoffaustritt');
    expect(html).not.toContain('<h3>Gefahrstoffaustritt in Stuttgart-Feuerbach</h3>');
    expect(html).toContain('<dt>Warnstufe</dt><dd>Gefahr</dd>');
    expect(html).toContain(
      '<time datetime="2026-07-02T10:30:00+02:00">02.07.2026, 10:30 Uhr</time>',
    );
    expect(html).toContain('Stand: <time datetime="2026-07-02T11:00:00+02:00">');
    expect(html).toContain(
      'In einem Betrieb ist Ammoniak ausgetreten.<br>Die Feuerwehr misst die Luftwerte.',
    );
    expect(html).toContain('href="https://www.stuttgart.de/warnungen/feed.atom"');
    expect(html).toContain('id="warnung-inc-2026-07-02-feuerbach"');
    expect(html).not.toMatch(/<script|src=|@import|url\(/i);
  });

  it('shows the empty state and never Test or Exercise warnings', () => {
    const html = renderWarningsPage(city, { active: [drill, test], ended: [] });
    expect(html).toContain('Keine aktuellen Warnungen.');
    expect(html).not.toContain('ÜBUNG');
    expect(html).not.toContain('TESTMELDUNG');
  });

  it('escapes injected markup and refuses non-http source links', () => {
    const evil = published({
      headline: '<script>alert(1)</script>',
      description: '<img src=x onerror=alert(1)>',
      sourceName: '"><svg onload=alert(1)>',
      sourceUrl: 'javascript:alert(1)',
      areaDescription: 'A & B',
    });
    const html = renderWarningsPage(city, { active: [], ended: [evil] });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B');
  });
});
