import { circleIntersectsRing, ringsIntersect } from './area.geometry.ts';
import { parseRing } from './cap.coordinates.ts';
import type { CapValuePair, CapWarning, LatLon, ParseResult } from './cap.model.ts';
import { accept, refuse } from './cap.model.ts';

/**
 * Does a warning concern the city? Checked in order: DWD WARNCELLID, ARS (region containment),
 * then polygons/circles against the optional city outline.
 *
 * Border semantics: areas are closed sets, so a warning polygon that only touches the city outline
 * (shared edge or vertex, within ~1 cm) concerns the city. A missed warning is worse than one the
 * online team dismisses, and neighbouring Kreise' polygons follow the same official borders.
 */

export interface CityArea {
  /** 12-digit Amtlicher Regionalschlüssel; NINA serves Kreis level only. */
  readonly ars: string;
  readonly warnCellIds: readonly string[];
  /** Closed ring in lat/lon; without it polygon-only warnings cannot match. */
  readonly outline?: readonly LatLon[] | undefined;
}

export const STUTTGART_ARS = '081110000000';
/** DWD cells: 8 + AGS (Gemeinde), 1 + AGS (Kreis); AGS 08111000. See docs in the report. */
export const STUTTGART_WARNCELL_IDS = ['808111000', '108111000'] as const;

export const STUTTGART_AREA: CityArea = {
  ars: STUTTGART_ARS,
  warnCellIds: STUTTGART_WARNCELL_IDS,
};

export interface AreaCodes {
  readonly ars: readonly string[];
  readonly warnCellIds: readonly string[];
  /** EXCODE, SAME, UGC, NINA AreaId … kept for the operator, not used for matching. */
  readonly other: readonly CapValuePair[];
}

export type MatchKind = 'warncell' | 'ars' | 'polygon' | 'circle';

export interface CityMatch {
  readonly concerns: boolean;
  readonly by: MatchKind | undefined;
  /** German, for the operator. */
  readonly reason: string;
}

// ARS = Land(2) Regierungsbezirk(1) Kreis(2) Gemeindeverband(4) Gemeinde(3).
const ARS_LEVEL_ENDS = [0, 2, 3, 5, 9, 12];

/** The part of an ARS that names a region: trailing all-zero levels mean "the whole region". */
export function arsRegionPrefix(ars: string): string {
  const end = ARS_LEVEL_ENDS.find((level) => /^0*$/.test(ars.slice(level))) ?? 12;
  return ars.slice(0, end);
}

/** True when one ARS region contains the other (Land-wide, Kreis-wide, or a part of the city). */
export function arsOverlaps(a: string, b: string): boolean {
  const pa = arsRegionPrefix(a);
  const pb = arsRegionPrefix(b);
  return pb.startsWith(pa) || pa.startsWith(pb);
}

/** 8-digit AGS to 12-digit ARS (Gemeindeverband unknown, so zero). */
export function agsToArs(ags: string): string {
  return `${ags.slice(0, 5)}0000${ags.slice(5, 8)}`;
}

/** Collects ARS, WARNCELLIDs and other codes from all areas (and BBK's warnVerwaltungsbereiche). */
export function areaCodes(warning: CapWarning): AreaCodes {
  const ars = new Set<string>();
  const warnCellIds = new Set<string>();
  const other = new Map<string, CapValuePair>();
  for (const info of warning.infos) {
    for (const area of info.areas) {
      for (const code of area.geocodes) {
        const name = code.valueName.toUpperCase();
        if (name === 'WARNCELLID') {
          warnCellIds.add(code.value);
        } else if (/^\d{12}$/.test(code.value)) {
          // BBK writes the Kreis name as valueName and the ARS as value.
          ars.add(code.value);
        } else if (name === 'AGS' && /^\d{8}$/.test(code.value)) {
          ars.add(agsToArs(code.value));
        } else {
          other.set(`${code.valueName}=${code.value}`, code);
        }
      }
    }
    for (const parameter of info.parameters) {
      if (parameter.valueName === 'warnVerwaltungsbereiche') {
        for (const value of parameter.value.split(/[\s,]+/)) {
          if (/^\d{12}$/.test(value)) {
            ars.add(value);
          }
        }
      }
    }
  }
  return { ars: [...ars], warnCellIds: [...warnCellIds], other: [...other.values()] };
}

/** Decides and explains whether the warning concerns the configured city area. */
export function concernsCity(warning: CapWarning, city: CityArea): CityMatch {
  const codes = areaCodes(warning);
  const cell = codes.warnCellIds.find((id) => city.warnCellIds.includes(id));
  if (cell !== undefined) {
    return { concerns: true, by: 'warncell', reason: `WARNCELLID ${cell} gehört zum Stadtgebiet` };
  }
  const ars = codes.ars.find((code) => arsOverlaps(code, city.ars));
  if (ars !== undefined) {
    return {
      concerns: true,
      by: 'ars',
      reason: `ARS ${ars} ${arsRegionPrefix(ars).length <= arsRegionPrefix(city.ars).length ? 'umfasst' : 'liegt in'} ${city.ars}`,
    };
  }
  const areas = warning.infos.flatMap((info) => info.areas);
  const polygons = areas.flatMap((area) => area.polygons);
  const circles = areas.flatMap((area) => area.circles);
  const outline = city.outline;
  if (outline !== undefined) {
    if (polygons.some((polygon) => ringsIntersect(polygon, outline))) {
      return {
        concerns: true,
        by: 'polygon',
        reason: 'Polygon schneidet oder berührt den Stadtumriss',
      };
    }
    if (circles.some((circle) => circleIntersectsRing(circle, outline))) {
      return {
        concerns: true,
        by: 'circle',
        reason: 'Kreisgebiet schneidet oder berührt den Stadtumriss',
      };
    }
  }
  const codeCount = codes.ars.length + codes.warnCellIds.length;
  // Multi-language messages repeat the same geometry once per info block.
  const geometryCount = new Set([...polygons, ...circles].map((g) => JSON.stringify(g))).size;
  if (codeCount === 0 && geometryCount === 0) {
    return {
      concerns: false,
      by: undefined,
      reason: `Keine verwertbare Gebietsangabe (kein ARS, keine WARNCELLID, keine Geometrie${codes.other.length ? `; ${codes.other.length} andere Codes` : ''})`,
    };
  }
  const parts = [
    codeCount === 0
      ? 'kein ARS, keine WARNCELLID'
      : `${codeCount} ARS/WARNCELLID, keine davon im Stadtgebiet`,
  ];
  if (geometryCount > 0) {
    parts.push(
      outline === undefined
        ? `${geometryCount} Polygon(e)/Kreis(e) nicht geprüft: kein Stadtumriss konfiguriert`
        : `${geometryCount} Polygon(e)/Kreis(e) außerhalb des Stadtumrisses`,
    );
  }
  return { concerns: false, by: undefined, reason: parts.join('; ') };
}

/** City outline from a CAP polygon string ("lat,lon lat,lon …"). */
export function parseOutline(text: string): ParseResult<readonly LatLon[]> {
  const ring = parseRing(text, 'lat,lon');
  return ring.ok ? accept(ring.ring) : refuse('invalid-value', `Stadtumriss: ${ring.reason}`);
}
