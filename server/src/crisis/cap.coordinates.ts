import type { CapCircle, LatLon } from './cap.model.ts';

/** How the source declares its pairs: CAP XML/DWD "lat,lon", BBK/MoWaS JSON "lon,lat". */
export type PairOrder = 'lat,lon' | 'lon,lat';

// Germany's extent with a margin; the two ranges do not overlap, so a pair's order is decidable.
const GERMAN_LAT = { min: 46.5, max: 55.5 };
const GERMAN_LON = { min: 5.0, max: 16.0 };

function inRange(value: number, range: { min: number; max: number }): boolean {
  return value >= range.min && value <= range.max;
}

function parsePair(text: string): [number, number] | undefined {
  const parts = text.split(',');
  if (parts.length !== 2) {
    return undefined;
  }
  const a = Number(parts[0]);
  const b = Number(parts[1]);
  return parts[0]?.trim() === '' ||
    parts[1]?.trim() === '' ||
    !Number.isFinite(a) ||
    !Number.isFinite(b)
    ? undefined
    : [a, b];
}

/**
 * Orders pairs as declared, unless every pair lies in Germany only when read the other way round:
 * BBK JSON is known to mix orders, so a whole ring is swapped, never single points.
 */
function orderPairs(
  pairs: readonly [number, number][],
  declared: PairOrder,
): { points: LatLon[]; swapped: boolean } {
  const asDeclared = (p: [number, number]): LatLon =>
    declared === 'lat,lon' ? { lat: p[0], lon: p[1] } : { lat: p[1], lon: p[0] };
  const asSwapped = (p: [number, number]): LatLon =>
    declared === 'lat,lon' ? { lat: p[1], lon: p[0] } : { lat: p[0], lon: p[1] };
  const inGermany = (p: LatLon) => inRange(p.lat, GERMAN_LAT) && inRange(p.lon, GERMAN_LON);
  const declaredFits = pairs.every((p) => inGermany(asDeclared(p)));
  const swappedFits = pairs.every((p) => inGermany(asSwapped(p)));
  if (!declaredFits && swappedFits) {
    return { points: pairs.map(asSwapped), swapped: true };
  }
  return { points: pairs.map(asDeclared), swapped: false };
}

function validPoint(p: LatLon): boolean {
  return Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

export type RingResult =
  | { readonly ok: true; readonly ring: LatLon[]; readonly notes: string[] }
  | { readonly ok: false; readonly reason: string };

/** Parses a CAP polygon ("a,b a,b …"); closes an open ring, refuses fewer than 3 distinct points. */
export function parseRing(text: string, declared: PairOrder): RingResult {
  const tokens = text
    .trim()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  const pairs: [number, number][] = [];
  for (const token of tokens) {
    const pair = parsePair(token);
    if (pair === undefined) {
      return { ok: false, reason: `Polygon: unlesbares Koordinatenpaar „${token.slice(0, 40)}“` };
    }
    pairs.push(pair);
  }
  const { points, swapped } = orderPairs(pairs, declared);
  if (!points.every(validPoint)) {
    return { ok: false, reason: 'Polygon: Koordinate außerhalb des Wertebereichs' };
  }
  const distinct = new Set(points.map((p) => `${p.lat},${p.lon}`)).size;
  if (distinct < 3) {
    return { ok: false, reason: `Polygon: nur ${distinct} verschiedene Punkte` };
  }
  const notes: string[] = [];
  if (swapped) {
    notes.push(`Polygon: Reihenfolge ${declared} vertauscht angeliefert, korrigiert`);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (first && last && (first.lat !== last.lat || first.lon !== last.lon)) {
    points.push(first);
    notes.push('Polygon: nicht geschlossen, geschlossen');
  }
  return { ok: true, ring: points, notes };
}

export type CircleResult =
  | { readonly ok: true; readonly circle: CapCircle; readonly notes: string[] }
  | { readonly ok: false; readonly reason: string };

/** Parses a CAP circle "a,b radiusKm". */
export function parseCircle(text: string, declared: PairOrder): CircleResult {
  const [pairText, radiusText, ...rest] = text.trim().split(/\s+/);
  const pair = pairText === undefined ? undefined : parsePair(pairText);
  const radiusKm = Number(radiusText);
  if (pair === undefined || radiusText === undefined || rest.length > 0) {
    return { ok: false, reason: `Kreis: unlesbar „${text.slice(0, 40)}“` };
  }
  if (!Number.isFinite(radiusKm) || radiusKm < 0) {
    return { ok: false, reason: `Kreis: ungültiger Radius „${radiusText}“` };
  }
  const { points, swapped } = orderPairs([pair], declared);
  const center = points[0];
  if (center === undefined || !validPoint(center)) {
    return { ok: false, reason: 'Kreis: Mittelpunkt außerhalb des Wertebereichs' };
  }
  const notes = swapped
    ? [`Kreis: Reihenfolge ${declared} vertauscht angeliefert, korrigiert`]
    : [];
  return { ok: true, circle: { center, radiusKm }, notes };
}
