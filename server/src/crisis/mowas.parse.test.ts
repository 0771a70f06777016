import { describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import type { CapWarning, ParseResult } from './cap.model.ts';
import { parseBbkCapJson, parseMowasFeed } from './mowas.parse.ts';

function feed(): CapWarning[] {
  const result = parseMowasFeed(fixture('mowas-feed-stuttgart.json'));
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value.map((item: ParseResult<CapWarning>) => {
    if (!item.ok) {
      throw new Error(item.refusal.reason);
    }
    return item.value;
  });
}

describe('parseMowasFeed', () => {
  it('reads alert, update and cancel of one incident', () => {
    const [alert, update, cancel] = feed();
    expect([alert?.msgType, update?.msgType, cancel?.msgType]).toEqual([
      'Alert',
      'Update',
      'Cancel',
    ]);
    expect(alert?.languages).toEqual(['DE']);
    expect(alert?.infos[0]?.eventCodes[0]?.value).toBe('BBK-EVC-038');
    expect(alert?.infos[0]?.areas[0]?.geocodes).toEqual([
      { valueName: 'Stuttgart', value: '081110000000' },
    ]);
  });

  it('reads polygons as lon,lat and swaps a ring that only fits Germany as lat,lon', () => {
    const [alert, update] = feed();
    const first = { lat: 48.78, lon: 9.24 };
    expect(alert?.infos[0]?.areas[0]?.polygons[0]?.[0]).toEqual(first);
    expect(alert?.notes).toEqual([]);
    expect(update?.infos[0]?.areas[0]?.polygons[0]?.[0]).toEqual(first);
    expect(update?.notes).toContain(
      'Polygon: Reihenfolge lon,lat vertauscht angeliefert, korrigiert',
    );
  });

  it('tolerates missing expires and malformed references', () => {
    const [alert, update, cancel] = feed();
    expect(alert?.infos[0]?.expires).toBeUndefined();
    expect(update?.references).toEqual([
      {
        sender: 'DE-BW-S-SE018',
        identifier: 'DE-BW-S-SE018-20260314-18-000',
        sent: '2026-03-14T00:00:00+00:00',
      },
    ]);
    expect(cancel?.references).toEqual([
      {
        sender: 'DE-BW-S-SE018-20260314',
        identifier: 'DE-BW-S-SE018-20260314-18-001',
        sent: undefined,
      },
    ]);
    expect(cancel?.malformedReferences[0]?.reason).toMatch(/ungültiger Zeitpunkt/);
    expect(cancel?.infos[0]?.expires).toBe('2026-03-14T19:30:02+01:00');
    expect(cancel?.infos[0]?.areas[0]?.ceiling).toBe(9842.5197);
  });

  it('keeps good items when one item of the feed is broken', () => {
    const items = JSON.parse(fixture('mowas-feed-stuttgart.json')) as Record<string, unknown>[];
    items.push({ ...items[0], msgType: 'Alarm' });
    const result = parseMowasFeed(JSON.stringify(items));
    expect(result.ok && result.value.map((r) => r.ok)).toEqual([true, true, true, false]);
  });

  it.each([
    ['', 'empty'],
    ['{"identifier":', 'malformed-syntax'],
    ['[{"foo":1}]', 'not-cap'],
    ['42', 'not-cap'],
  ])('refuses %j as %s', (text, code) => {
    const result = parseMowasFeed(text);
    expect(result.ok ? undefined : result.refusal.code).toBe(code);
  });

  it('parses a single CAP-JSON object', () => {
    const items = JSON.parse(fixture('mowas-feed-stuttgart.json')) as unknown[];
    const result = parseBbkCapJson(items[2]);
    expect(result.ok && result.value.identifier).toBe('DE-BW-S-SE018-20260314-18-002');
  });
});
