import { describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import type { CityArea } from './area.filter.ts';
import {
  agsToArs,
  areaCodes,
  arsOverlaps,
  arsRegionPrefix,
  concernsCity,
  parseOutline,
  STUTTGART_AREA,
} from './area.filter.ts';
import { circleIntersectsRing, pointInRing, ringsIntersect } from './area.geometry.ts';
import type { CapWarning, LatLon } from './cap.model.ts';
import { parseCapXml } from './cap.parse.ts';
import { parseMowasFeed } from './mowas.parse.ts';
import { parseNinaWarningDetails } from './nina.parse.ts';

// A square test outline roughly where Stuttgart is; real outlines come from configuration.
const square = (text: string): LatLon[] => {
  const outline = parseOutline(text);
  if (!outline.ok) {
    throw new Error(outline.refusal.reason);
  }
  return [...outline.value];
};
const CITY_RING = square('48.70,9.04 48.70,9.32 48.87,9.32 48.87,9.04 48.70,9.04');
const NO_CODES: CityArea = { ars: '099990000000', warnCellIds: [], outline: CITY_RING };

function xml(name: string, edit: (text: string) => string = (t) => t): CapWarning {
  const result = parseCapXml(edit(fixture(name)));
  if (!result.ok) {
    throw new Error(result.refusal.reason);
  }
  return result.value;
}

/** The generic fixture with its polygon, circle and geocode replaced. */
function withArea(area: string): CapWarning {
  return xml('generic-fire-alert.xml', (t) =>
    t.replace(/<area>[\s\S]*<\/area>/, `<area><areaDesc>Test</areaDesc>${area}</area>`),
  );
}

describe('geometry', () => {
  it('treats the boundary as inside (closed sets)', () => {
    expect(pointInRing({ lat: 48.8, lon: 9.1 }, CITY_RING)).toBe(true);
    expect(pointInRing({ lat: 48.7, lon: 9.1 }, CITY_RING)).toBe(true);
    expect(pointInRing({ lat: 48.7, lon: 9.04 }, CITY_RING)).toBe(true);
    expect(pointInRing({ lat: 48.69, lon: 9.1 }, CITY_RING)).toBe(false);
  });

  it('intersects overlapping, contained, edge-touching and vertex-touching rings', () => {
    const overlapping = square('48.80,9.30 48.80,9.40 48.90,9.40 48.90,9.30 48.80,9.30');
    const contained = square('48.75,9.10 48.75,9.20 48.80,9.20 48.80,9.10 48.75,9.10');
    const around = square('48.0,8.0 48.0,10.0 50.0,10.0 50.0,8.0 48.0,8.0');
    const sharedEdge = square('48.60,9.10 48.60,9.20 48.70,9.20 48.70,9.10 48.60,9.10');
    const sharedVertex = square('48.60,8.90 48.60,9.04 48.70,9.04 48.70,8.90 48.60,8.90');
    const apart = square('48.60,9.10 48.60,9.20 48.69,9.20 48.69,9.10 48.60,9.10');
    expect(ringsIntersect(overlapping, CITY_RING)).toBe(true);
    expect(ringsIntersect(contained, CITY_RING)).toBe(true);
    expect(ringsIntersect(around, CITY_RING)).toBe(true);
    expect(ringsIntersect(sharedEdge, CITY_RING)).toBe(true);
    expect(ringsIntersect(sharedVertex, CITY_RING)).toBe(true);
    expect(ringsIntersect(apart, CITY_RING)).toBe(false);
  });

  it('intersects circles by radius in km, radius 0 as a point', () => {
    // 48.65 is ~5.56 km south of the outline's southern edge at 48.70.
    expect(circleIntersectsRing({ center: { lat: 48.65, lon: 9.1 }, radiusKm: 5 }, CITY_RING)).toBe(
      false,
    );
    expect(circleIntersectsRing({ center: { lat: 48.65, lon: 9.1 }, radiusKm: 6 }, CITY_RING)).toBe(
      true,
    );
    expect(circleIntersectsRing({ center: { lat: 48.8, lon: 9.1 }, radiusKm: 0 }, CITY_RING)).toBe(
      true,
    );
    expect(circleIntersectsRing({ center: { lat: 48.7, lon: 9.1 }, radiusKm: 0 }, CITY_RING)).toBe(
      true,
    );
  });
});

describe('ARS rules', () => {
  it('reduces an ARS to the region it names', () => {
    expect(arsRegionPrefix('081110000000')).toBe('08111');
    expect(arsRegionPrefix('080000000000')).toBe('08');
    expect(arsRegionPrefix('000000000000')).toBe('');
    expect(arsRegionPrefix('081160081081')).toBe('081160081081');
    expect(agsToArs('08111000')).toBe('081110000000');
  });

  it('matches Land-wide, Kreis-level and city-internal codes, not the neighbours', () => {
    expect(arsOverlaps('080000000000', '081110000000')).toBe(true);
    expect(arsOverlaps('081110000000', '081110000000')).toBe(true);
    expect(arsOverlaps('081115000123', '081110000000')).toBe(true);
    expect(arsOverlaps('081160000000', '081110000000')).toBe(false);
    expect(arsOverlaps('091620000000', '081110000000')).toBe(false);
  });
});

describe('concernsCity', () => {
  it('matches by WARNCELLID (DWD)', () => {
    const match = concernsCity(xml('dwd-gewitter-update-MUL.xml'), STUTTGART_AREA);
    expect(match).toEqual({
      concerns: true,
      by: 'warncell',
      reason: 'WARNCELLID 808111000 gehört zum Stadtgebiet',
    });
  });

  it('does not match a DWD warning for other cells without outline', () => {
    const other = xml('dwd-gewitter-update-MUL.xml', (t) => t.replaceAll('808111000', '808116081'));
    const match = concernsCity(other, { ars: '081110000000', warnCellIds: ['808111000'] });
    expect(match.concerns).toBe(false);
    expect(match.reason).toMatch(/nicht geprüft: kein Stadtumriss/);
  });

  it('matches by ARS (BBK geocode and NINA warnVerwaltungsbereiche)', () => {
    const feed = parseMowasFeed(fixture('mowas-feed-stuttgart.json'));
    const alert = feed.ok && feed.value[0]?.ok ? feed.value[0].value : undefined;
    expect(alert && concernsCity(alert, STUTTGART_AREA)).toMatchObject({
      concerns: true,
      by: 'ars',
    });
    const details = parseNinaWarningDetails(fixture('nina-details-mowas.json'));
    expect(details.ok && concernsCity(details.value, STUTTGART_AREA).by).toBe('ars');
    expect(details.ok && areaCodes(details.value).other).toEqual([
      { valueName: 'AreaId', value: '0' },
    ]);
  });

  it('matches a polygon inside the outline and refuses one outside', () => {
    const inside = withArea('<polygon>48.78,9.24 48.80,9.26 48.795,9.29 48.78,9.24</polygon>');
    expect(concernsCity(inside, NO_CODES)).toMatchObject({ concerns: true, by: 'polygon' });
    const outside = withArea('<polygon>49.0,9.0 49.1,9.0 49.1,9.1 49.0,9.0</polygon>');
    expect(concernsCity(outside, NO_CODES)).toMatchObject({ concerns: false, by: undefined });
    expect(concernsCity(outside, NO_CODES).reason).toMatch(/außerhalb des Stadtumrisses/);
  });

  it('matches a polygon that only touches the border', () => {
    const touching = withArea(
      '<polygon>48.60,9.10 48.60,9.20 48.70,9.20 48.70,9.10 48.60,9.10</polygon>',
    );
    expect(concernsCity(touching, NO_CODES)).toMatchObject({ concerns: true, by: 'polygon' });
  });

  it('matches by circle and explains a warning without any area', () => {
    const circle = withArea('<circle>48.65,9.1 6</circle>');
    expect(concernsCity(circle, NO_CODES)).toMatchObject({ concerns: true, by: 'circle' });
    const none = withArea('');
    expect(concernsCity(none, NO_CODES).reason).toMatch(/^Keine verwertbare Gebietsangabe/);
  });
});
