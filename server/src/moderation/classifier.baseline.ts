/**
 * Word-list baseline: a text is OFFENSE when one of its normalised tokens contains a German
 * insult or profanity stem (so compounds like "Vollidioten" match "idiot"), or equals one of the
 * short words that would match too much as substrings. Serves as the floor the model must beat.
 */
import type { OffenseLabel } from './classifier.data.ts';
import { FeatureExtractor, normaliseText } from './classifier.features.ts';

/** Stems in normalised form (lower case, ä → ae, ß → ss), matched anywhere inside a token. */
export const OFFENSIVE_STEMS: readonly string[] = [
  'idiot',
  'arschloch',
  'arschgeige',
  'arschkriech',
  'wichser',
  'wixer',
  'fotze',
  'hurensohn',
  'hurenkind',
  'schlampe',
  'nutte',
  'bastard',
  'missgeburt',
  'drecks',
  'dreckig',
  'scheiss',
  'scheiß',
  'kacke',
  'pisser',
  'spast',
  'spacko',
  'behindert',
  'vollpfosten',
  'pfeife',
  'depp',
  'trottel',
  'schwachkopf',
  'schwachmat',
  'dummkopf',
  'dummschwaetz',
  'schwachsinn',
  'bloedsinn',
  'bloedmann',
  'volltrottel',
  'hohlkopf',
  'hirnlos',
  'hirnamput',
  'hirnverbrannt',
  'hirni',
  'dumpfbacke',
  'flachpfeife',
  'luegner',
  'luegenpresse',
  'volksverraeter',
  'verbrecher',
  'gesindel',
  'abschaum',
  'pöbel',
  'poebel',
  'ungeziefer',
  'parasit',
  'schmarotzer',
  'gutmensch',
  'vollidiot',
  'kanake',
  'kanacke',
  'neger',
  'nigger',
  'zigeuner',
  'musel',
  'kopftuchmaedchen',
  'schwuchtel',
  'tunte',
  'penner',
  'asozial',
  'proll',
  'schwein',
  'ratte',
  'kotzen',
  'widerlich',
  'ekelhaft',
  'heuchler',
  'verlogen',
  'faschist',
  'nazi',
  'rassist',
  'vergewaltig',
  'mistkerl',
  'miststueck',
  'dreckspack',
  'scheisskerl',
  'clown',
  'kasper',
  'witzfigur',
  'hetzer',
  'hetze',
  'dumm',
  'bloed',
  'doof',
  'geisteskrank',
  'psychopath',
  'verpiss',
  'halt die fresse',
  'fresse',
  'fick',
  'fuck',
  'shit',
  'bitch',
  'moron',
  'verrecken',
  'abschieben',
  'raus mit',
];

/** Short words matched only as whole tokens (as substrings they would hit harmless words). */
export const OFFENSIVE_WORDS: readonly string[] = [
  'arsch',
  'mist',
  'affe',
  'affen',
  'kuh',
  'hund',
  'esel',
  'dreck',
  'ass',
  'pack',
  'sau',
  'irre',
  'assi',
  'maul',
  'mongo',
];

const STEMS_SINGLE = OFFENSIVE_STEMS.filter((stem) => !stem.includes(' '));
const PHRASES = OFFENSIVE_STEMS.filter((stem) => stem.includes(' '));
const WORDS = new Set(OFFENSIVE_WORDS);

export function baselineTokens(text: string, extractor = new FeatureExtractor()): string[] {
  return normaliseText(text, extractor)
    .split(/[^a-z0-9\u00df-\u024f]+/)
    .filter((token) => token !== '');
}

export function baselineIsOffensive(text: string, extractor = new FeatureExtractor()): boolean {
  const tokens = baselineTokens(text, extractor);
  if (
    tokens.some((token) => WORDS.has(token) || STEMS_SINGLE.some((stem) => token.includes(stem)))
  ) {
    return true;
  }
  const joined = ` ${tokens.join(' ')} `;
  return PHRASES.some((phrase) => joined.includes(` ${phrase}`));
}

export function baselineClassify(text: string, extractor?: FeatureExtractor): OffenseLabel {
  return baselineIsOffensive(text, extractor) ? 'OFFENSE' : 'OTHER';
}
