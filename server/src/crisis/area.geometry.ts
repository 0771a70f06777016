import type { CapCircle, LatLon } from './cap.model.ts';

/**
 * Planar geometry on lat/lon degrees, enough for city-sized areas. Sets are closed: a point on an
 * edge is inside and touching rings intersect (see area.filter.ts for why).
 */

// Tolerance in degrees (~1 cm): coordinates from different sources are rounded differently.
const EPS = 1e-7;

interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

function box(ring: readonly LatLon[]): Box {
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (const p of ring) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLon = Math.min(minLon, p.lon);
    maxLon = Math.max(maxLon, p.lon);
  }
  return { minLat, maxLat, minLon, maxLon };
}

function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.minLat <= b.maxLat + margin + EPS &&
    b.minLat <= a.maxLat + margin + EPS &&
    a.minLon <= b.maxLon + margin + EPS &&
    b.minLon <= a.maxLon + margin + EPS
  );
}

function cross(o: LatLon, a: LatLon, b: LatLon): number {
  return (a.lon - o.lon) * (b.lat - o.lat) - (a.lat - o.lat) * (b.lon - o.lon);
}

function onSegment(p: LatLon, a: LatLon, b: LatLon): boolean {
  return (
    Math.abs(cross(a, b, p)) <= EPS * Math.max(1, Math.hypot(b.lat - a.lat, b.lon - a.lon)) &&
    p.lat >= Math.min(a.lat, b.lat) - EPS &&
    p.lat <= Math.max(a.lat, b.lat) + EPS &&
    p.lon >= Math.min(a.lon, b.lon) - EPS &&
    p.lon <= Math.max(a.lon, b.lon) + EPS
  );
}

function edges(ring: readonly LatLon[]): [LatLon, LatLon][] {
  const result: [LatLon, LatLon][] = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (a && b) {
      result.push([a, b]);
    }
  }
  return result;
}

/** Point in closed ring (boundary counts as inside); even-odd rule. */
export function pointInRing(point: LatLon, ring: readonly LatLon[]): boolean {
  let inside = false;
  for (const [a, b] of edges(ring)) {
    if (onSegment(point, a, b)) {
      return true;
    }
    if (a.lat > point.lat !== b.lat > point.lat) {
      const lonAtLat = a.lon + ((point.lat - a.lat) / (b.lat - a.lat)) * (b.lon - a.lon);
      if (point.lon < lonAtLat) {
        inside = !inside;
      }
    }
  }
  return inside;
}

function segmentsIntersect(p1: LatLon, p2: LatLon, q1: LatLon, q2: LatLon): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  if (
    ((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS)) &&
    ((d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS))
  ) {
    return true;
  }
  return (
    onSegment(p1, q1, q2) || onSegment(p2, q1, q2) || onSegment(q1, p1, p2) || onSegment(q2, p1, p2)
  );
}

/** Closed rings intersect when they overlap, one contains the other, or they only touch. */
export function ringsIntersect(a: readonly LatLon[], b: readonly LatLon[]): boolean {
  if (a.length === 0 || b.length === 0 || !boxesOverlap(box(a), box(b))) {
    return false;
  }
  const firstA = a[0];
  const firstB = b[0];
  if ((firstA && pointInRing(firstA, b)) || (firstB && pointInRing(firstB, a))) {
    return true;
  }
  const edgesB = edges(b);
  return edges(a).some(([p1, p2]) => edgesB.some(([q1, q2]) => segmentsIntersect(p1, p2, q1, q2)));
}

const KM_PER_DEGREE_LAT = 111.32;

/** Distance in km from a point to a segment, in a local equirectangular projection. */
function distanceToSegmentKm(p: LatLon, a: LatLon, b: LatLon): number {
  const kx = KM_PER_DEGREE_LAT * Math.cos((p.lat * Math.PI) / 180);
  const ax = (a.lon - p.lon) * kx;
  const ay = (a.lat - p.lat) * KM_PER_DEGREE_LAT;
  const bx = (b.lon - p.lon) * kx;
  const by = (b.lat - p.lat) * KM_PER_DEGREE_LAT;
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSq));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** A circle (radius 0 = a point) meets a closed ring, border included. */
export function circleIntersectsRing(circle: CapCircle, ring: readonly LatLon[]): boolean {
  if (ring.length === 0) {
    return false;
  }
  const marginDeg =
    circle.radiusKm /
    (KM_PER_DEGREE_LAT * Math.max(0.01, Math.cos((circle.center.lat * Math.PI) / 180)));
  const centerBox = box([circle.center]);
  if (!boxesOverlap(centerBox, box(ring), marginDeg)) {
    return false;
  }
  if (pointInRing(circle.center, ring)) {
    return true;
  }
  const toleranceKm = 1e-5;
  return edges(ring).some(
    ([a, b]) => distanceToSegmentKm(circle.center, a, b) <= circle.radiusKm + toleranceKm,
  );
}
