/**
 * The crisis templates as data: UI label, default hashtags, our own intro lines (German and
 * English only: other languages get none rather than a machine translation) and whether a
 * template counts as pre-approved for the fast path (concept §8, crisis.md §6.4).
 */

export const CRISIS_TEMPLATE_KEYS = [
  'unwetter',
  'hochwasser',
  'schadstoffe',
  'grossbrand',
  'evakuierung',
  'terrorlage',
  'stromausfall',
  'trinkwasser',
  'entwarnung',
  'allgemein',
] as const;
export type CrisisTemplateKey = (typeof CRISIS_TEMPLATE_KEYS)[number];

export const CRISIS_KINDS = ['alert', 'update', 'allclear'] as const;
export type CrisisKind = (typeof CRISIS_KINDS)[number];

/** Languages we wrote intro lines for; every other language renders without one. */
export type IntroLanguage = 'de' | 'en';

export interface TemplateDefinition {
  readonly key: CrisisTemplateKey;
  /** German label for the UI. */
  readonly title: string;
  /** Without the leading '#'; appended only while the budget allows. */
  readonly hashtags: readonly string[];
  /** Our line above the official wording; never part of the issuer's text. */
  readonly intro: Readonly<Record<CrisisKind, Readonly<Record<IntroLanguage, string>>>>;
  /** Pre-approved templates may take the fast path; the others always need a person's approval. */
  readonly preApproved: boolean;
}

const ALLCLEAR = { de: '✅ Entwarnung:', en: '✅ All clear:' } as const;

function definition(
  key: CrisisTemplateKey,
  title: string,
  hashtags: readonly string[],
  alert: Readonly<Record<IntroLanguage, string>>,
  update: Readonly<Record<IntroLanguage, string>>,
  preApproved = true,
): TemplateDefinition {
  return { key, title, hashtags, intro: { alert, update, allclear: ALLCLEAR }, preApproved };
}

export const TEMPLATE_DEFINITIONS: Readonly<Record<CrisisTemplateKey, TemplateDefinition>> = {
  unwetter: definition(
    'unwetter',
    'Starkregen / Unwetter',
    ['Stuttgart', 'Unwetter'],
    { de: '⚠️ Unwetterwarnung:', en: '⚠️ Severe weather warning:' },
    { de: '🔄 Aktualisierte Unwetterwarnung:', en: '🔄 Updated severe weather warning:' },
  ),
  hochwasser: definition(
    'hochwasser',
    'Hochwasser',
    ['Stuttgart', 'Hochwasser'],
    { de: '⚠️ Hochwasserwarnung:', en: '⚠️ Flood warning:' },
    { de: '🔄 Aktualisierte Hochwasserwarnung:', en: '🔄 Updated flood warning:' },
  ),
  schadstoffe: definition(
    'schadstoffe',
    'Schadstoffe / Gefahrstoffaustritt',
    ['Stuttgart', 'Gefahrstoff'],
    { de: '⚠️ Warnung vor Schadstoffen:', en: '⚠️ Hazardous substances warning:' },
    { de: '🔄 Aktualisierung Schadstoffwarnung:', en: '🔄 Update on hazardous substances:' },
  ),
  grossbrand: definition(
    'grossbrand',
    'Großbrand',
    ['Stuttgart', 'Brand'],
    { de: '⚠️ Warnung Großbrand:', en: '⚠️ Major fire warning:' },
    { de: '🔄 Aktualisierung Großbrand:', en: '🔄 Major fire update:' },
  ),
  evakuierung: definition(
    'evakuierung',
    'Bombenentschärfung / Evakuierung',
    ['Stuttgart', 'Evakuierung'],
    { de: '⚠️ Evakuierung:', en: '⚠️ Evacuation:' },
    { de: '🔄 Aktualisierung Evakuierung:', en: '🔄 Evacuation update:' },
  ),
  terrorlage: definition(
    'terrorlage',
    'Terrorlage / Amok',
    ['Stuttgart'],
    { de: '⚠️ Polizeiliche Gefahrenlage:', en: '⚠️ Police emergency:' },
    { de: '🔄 Aktualisierung Gefahrenlage:', en: '🔄 Police emergency update:' },
    false,
  ),
  stromausfall: definition(
    'stromausfall',
    'Stromausfall',
    ['Stuttgart', 'Stromausfall'],
    { de: '⚠️ Stromausfall:', en: '⚠️ Power outage:' },
    { de: '🔄 Aktualisierung Stromausfall:', en: '🔄 Power outage update:' },
  ),
  trinkwasser: definition(
    'trinkwasser',
    'Trinkwasser',
    ['Stuttgart', 'Trinkwasser'],
    { de: '⚠️ Hinweis zum Trinkwasser:', en: '⚠️ Drinking water notice:' },
    { de: '🔄 Aktualisierung Trinkwasser:', en: '🔄 Drinking water update:' },
  ),
  entwarnung: definition('entwarnung', 'Entwarnung', ['Stuttgart', 'Entwarnung'], ALLCLEAR, {
    de: '🔄 Aktualisierung:',
    en: '🔄 Update:',
  }),
  allgemein: definition(
    'allgemein',
    'Allgemeine Warnung',
    ['Stuttgart'],
    { de: '⚠️ Warnung:', en: '⚠️ Warning:' },
    { de: '🔄 Aktualisierung der Warnung:', en: '🔄 Warning update:' },
    false,
  ),
};

/**
 * DWD event numbers (eventCode II, DWD CAP profile 2.1.x; cross-checked against two client
 * tables) that belong to the Unwetter template: wind 11–13 and 51–58, Glätte 24 and 84–87,
 * thunderstorms 31–49 and 90–96, rain 61–66, snow 70–79, thaw 88–89. Frost (22, 81–83), fog (59),
 * UV and heat (246–248) are no Unwetter: they fall to 'allgemein'. 98/99 are DWD test warnings;
 * their status keeps them out of public channels, the template stays 'unwetter'.
 */
export const DWD_UNWETTER_RANGES: readonly (readonly [number, number])[] = [
  [11, 13],
  [24, 24],
  [31, 49],
  [51, 58],
  [61, 66],
  [70, 79],
  [84, 89],
  [90, 96],
  [98, 99],
];

/** DWD GROUP eventCodes that mean Unwetter when no II number is present. */
export const DWD_UNWETTER_GROUPS: ReadonlySet<string> = new Set([
  'THUNDERSTORM',
  'WIND',
  'TORNADO',
  'RAIN',
  'HAIL',
  'SNOWFALL',
  'SNOWDRIFT',
  'ICE',
  'GLAZE',
  'THAW',
]);

/**
 * BBK-EVC codes whose meaning two independent NINA clients agree on (weather 031, flood 038,
 * forest fire 077). The official list (warnung.bund.de /appdata/gsb/eventCodes/eventCodes.json)
 * could not be read, so keywords decide first and this table is only the fallback.
 */
export const BBK_EVENT_CODES: Readonly<Record<string, CrisisTemplateKey>> = {
  'BBK-EVC-031': 'unwetter',
  'BBK-EVC-038': 'hochwasser',
  'BBK-EVC-077': 'grossbrand',
};

/**
 * German keywords in event and headline, most specific first: a Großbrand "mit
 * Rauchentwicklung" is a fire, a "Gefahrstoffaustritt nach Brand" a hazardous-substance warning.
 */
export const KEYWORD_RULES: readonly (readonly [CrisisTemplateKey, RegExp])[] = [
  ['terrorlage', /terror|amok|anschlag|geiselnahme|bewaffnet|schüsse|schusswaffe/iu],
  [
    'evakuierung',
    /bombe|blindgänger|kampfmittel|entschärfung|evakuierung|evakuiert|räumung|sperrradius/iu,
  ],
  [
    'schadstoffe',
    /gefahrstoff|schadstoff|chemikalie|chemieunfall|gasaustritt|austritt\s+von|giftig|ammoniak|chlor|radioaktiv|cbrn/iu,
  ],
  ['grossbrand', /gro(?:ß|ss)brand|brand(?!enburg)|feuer(?!wehr)|rauchentwicklung|rauchgas/iu],
  ['trinkwasser', /trinkwasser|abkochgebot|abkochen|leitungswasser/iu],
  ['hochwasser', /hochwasser|überschwemmung|überflutung|pegel|sturzflut|deichbruch/iu],
  ['stromausfall', /stromausfall|stromversorgung|blackout|netzausfall/iu],
  [
    'unwetter',
    /unwetter|starkregen|dauerregen|gewitter|sturm|orkan|hagel|tornado|glatteis|schneefall|tauwetter/iu,
  ],
];

/** Headlines that announce an all-clear, as DWD ("AUFHEBUNG der …") and MoWaS ("Entwarnung: …") write them. */
export const ALLCLEAR_HEADLINE = /^\s*(?:entwarnung|aufhebung)\b/iu;
