import { describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import type { CapWarning, ParseResult } from './cap.model.ts';
import { primaryInfo } from './cap.model.ts';
import { parseCapXml } from './cap.parse.ts';

function ok(result: ParseResult<CapWarning>): CapWarning {
  if (!result.ok) {
    throw new Error(`refused: ${result.refusal.reason}`);
  }
  return result.value;
}

describe('parseCapXml', () => {
  it('reads a generic CAP 1.2 alert with polygon, circle and geocode (lat,lon)', () => {
    const warning = ok(parseCapXml(fixture('generic-fire-alert.xml')));
    expect(warning).toMatchObject({
      format: 'cap-xml',
      identifier: 'stadtfunk-test-brand-2026-0001',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      incidents: ['brand-hafen-2026-03-14'],
      languages: ['de-DE'],
    });
    const info = primaryInfo(warning);
    expect(info).toMatchObject({ event: 'Großbrand', severity: 'Severe', urgency: 'Immediate' });
    expect(info?.categories).toEqual(['Fire', 'Env']);
    expect(info?.expires).toBeUndefined();
    const area = info?.areas[0];
    expect(area?.polygons[0]?.[0]).toEqual({ lat: 48.78, lon: 9.24 });
    expect(area?.circles).toEqual([{ center: { lat: 48.785, lon: 9.255 }, radiusKm: 1.5 }]);
    expect(area?.geocodes).toEqual([{ valueName: 'EXCODE', value: 'STGT-HAFEN' }]);
    expect(warning.notes).toEqual([]);
  });

  it('reads the DWD profile with several languages, references and WARNCELLIDs', () => {
    const warning = ok(parseCapXml(fixture('dwd-gewitter-update-MUL.xml')));
    expect(warning.languages).toEqual(['de-DE', 'en', 'tr']);
    expect(warning.sender).toBe('opendata@dwd.de');
    expect(warning.source).toBe('PVW');
    expect(warning.codes[0]).toMatch(/^id:2\.49\.0\.0\.276\.0\.DWD\.PVW\./);
    expect(warning.references).toEqual([
      {
        sender: 'opendata@dwd.de',
        identifier: '2.49.0.0.276.0.DWD.PVW.1782199800000.9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d.MUL',
        sent: '2026-06-23T14:10:00+02:00',
      },
    ]);
    const [de, en, tr] = warning.infos;
    expect(de?.headline).toMatch(/^Amtliche UNWETTERWARNUNG/);
    expect(en?.headline).toMatch(/^Official SEVERE WEATHER WARNING/);
    expect(tr?.headline).toMatch(/^Resmi/);
    expect(de?.eventCodes.filter((c) => c.valueName === 'GROUP').map((c) => c.value)).toEqual([
      'THUNDERSTORM',
      'RAIN',
    ]);
    expect(de?.areas[1]?.geocodes).toEqual([{ valueName: 'WARNCELLID', value: '808111000' }]);
    expect(de?.areas[0]?.ceiling).toBe(9842.5197);
    expect(de?.parameters).toEqual([{ valueName: 'Niederschlag', value: '30 [l/m²]' }]);
  });

  it('accepts an empty <polygon/> and an unclosed ring, noting the repair', () => {
    const xml = fixture('generic-fire-alert.xml').replace(
      '<polygon>48.780,9.240 48.800,9.260 48.795,9.290 48.775,9.275 48.780,9.240</polygon>',
      '<polygon/><polygon>48.780,9.240 48.800,9.260 48.795,9.290</polygon>',
    );
    const warning = ok(parseCapXml(xml));
    expect(primaryInfo(warning)?.areas[0]?.polygons[0]).toHaveLength(4);
    expect(warning.notes).toContain('Polygon: nicht geschlossen, geschlossen');
  });

  it.each([
    ['', 'empty'],
    ['<alert><identifier>x</identifier>', 'malformed-syntax'],
    ['<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>', 'not-cap'],
    ['<!DOCTYPE alert [<!ENTITY a "aaaa">]><alert>&a;</alert>', 'malformed-syntax'],
    ['<alert><identifier>x</identifier><sender>s</sender></alert>', 'missing-field'],
  ])('refuses %j as %s', (xml, code) => {
    const result = parseCapXml(xml);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.refusal.code).toBe(code);
  });

  it('refuses an unknown status or msgType instead of guessing (Test must never go public)', () => {
    const xml = fixture('generic-fire-alert.xml');
    const badStatus = parseCapXml(xml.replace('<status>Actual</status>', '<status>Echt</status>'));
    expect(badStatus.ok ? '' : badStatus.refusal.reason).toMatch(/status/);
    const badSent = parseCapXml(
      xml.replace('2026-03-14T09:12:00+01:00</sent>', '14.03.2026</sent>'),
    );
    expect(badSent.ok ? '' : badSent.refusal.code).toBe('invalid-value');
  });

  it('keeps the message when an optional time or enum is broken, and says so', () => {
    const xml = fixture('generic-fire-alert.xml')
      .replace('<effective>2026-03-14T09:12:00+01:00</effective>', '<effective>bald</effective>')
      .replace('<severity>Severe</severity>', '<severity>Heftig</severity>');
    const warning = ok(parseCapXml(xml));
    expect(primaryInfo(warning)?.effective).toBeUndefined();
    expect(primaryInfo(warning)?.severity).toBe('Unknown');
    expect(warning.notes.join(' ')).toMatch(/effective.*bald/);
  });
});
