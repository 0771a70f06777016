import type { PlatformKey, PlatformLimits } from '../platforms/connector.ts';
import { catalogueEntry } from '../platforms/platforms.catalogue.ts';
import type { CapInfo, CapWarning } from './cap.model.ts';
import { primaryInfo } from './cap.model.ts';
import type { CrisisKind, CrisisTemplateKey, TemplateDefinition } from './crisis.templates.data.ts';
import {
  ALLCLEAR_HEADLINE,
  BBK_EVENT_CODES,
  DWD_UNWETTER_GROUPS,
  DWD_UNWETTER_RANGES,
  KEYWORD_RULES,
  TEMPLATE_DEFINITIONS,
} from './crisis.templates.data.ts';

export {
  CRISIS_KINDS,
  CRISIS_TEMPLATE_KEYS,
  TEMPLATE_DEFINITIONS,
} from './crisis.templates.data.ts';
export type { CrisisKind, CrisisTemplateKey, TemplateDefinition } from './crisis.templates.data.ts';

/**
 * Crisis texts for the social channels. The issuer's wording (headline, description, instruction)
 * is never altered: whole sentences are taken verbatim or left to the linked page, never cut or
 * paraphrased, and nothing is machine-translated.
 */

export interface RenderedText {
  readonly text: string;
  /** ISO 639-1 code of the info block used (e.g. 'de'); may differ from the request, see below. */
  readonly language: string;
  /** False when even intro, headline, attribution and link exceed the budget: the UI blocks it. */
  readonly fits: boolean;
  /** German notes for the editor: which official sentences were left to the link. */
  readonly omitted: readonly string[];
  readonly machineTranslated: false;
  /** Our own intro line (so the UI can mark it as ours), undefined when none was used. */
  readonly intro: string | undefined;
}

export interface CrisisTextInput {
  readonly warning: CapWarning;
  readonly kind: CrisisKind;
  /** ISO 639-1; default 'de'. Falls back to the German (primary) block when not offered. */
  readonly language?: string;
  readonly template: CrisisTemplateKey;
  readonly links: { readonly details: string };
  readonly platforms: readonly PlatformKey[];
  /** Overrides a platform's text limit, e.g. the Mastodon instance's `max_characters`. */
  readonly budgets?: Partial<Record<PlatformKey, number>>;
  /** Replaces the template's default hashtags (without '#'), e.g. as edited in the UI. */
  readonly hashtags?: readonly string[];
}

export interface SourceAttribution {
  readonly name: string;
  readonly url: string | undefined;
}

const DWD_URL = 'https://www.wettergefahren.de';
const NINA_MESSAGE_URL = 'https://warnung.bund.de/meldung/';

export function templateDefinition(key: CrisisTemplateKey): TemplateDefinition {
  return TEMPLATE_DEFINITIONS[key];
}

/** ISO 639-1 primary subtag, lower case: 'de-DE' and BBK's 'DE' are both 'de'. */
export function languageCode(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? tag).toLowerCase();
}

/** The languages the issuer provided, in info order, without duplicates (DWD MUL: eight). */
export function availableLanguages(warning: CapWarning): readonly string[] {
  return [...new Set(warning.infos.map((info) => languageCode(info.language)))];
}

/** Cancel, responseType AllClear, or a headline starting "Entwarnung"/"AUFHEBUNG". */
export function isAllClear(warning: CapWarning): boolean {
  const headline = primaryInfo(warning)?.headline ?? '';
  return (
    warning.msgType === 'Cancel' ||
    warning.infos.some((info) => info.responseTypes.includes('AllClear')) ||
    ALLCLEAR_HEADLINE.test(plainText(headline))
  );
}

function dwdTemplate(info: CapInfo): CrisisTemplateKey | undefined {
  const ii = info.eventCodes.find((code) => code.valueName === 'II');
  if (ii !== undefined) {
    const number = Number.parseInt(ii.value, 10);
    const inRange = DWD_UNWETTER_RANGES.some(([from, to]) => number >= from && number <= to);
    // The event number is exact: fog, frost, heat and UV are no Unwetter whatever the text says.
    return inRange ? 'unwetter' : 'allgemein';
  }
  const groups = info.eventCodes.filter((code) => code.valueName === 'GROUP');
  return groups.some((group) => DWD_UNWETTER_GROUPS.has(group.value.toUpperCase()))
    ? 'unwetter'
    : undefined;
}

function keywordTemplate(text: string): CrisisTemplateKey | undefined {
  return KEYWORD_RULES.find(([, pattern]) => pattern.test(text))?.[0];
}

function bbkTemplate(info: CapInfo): CrisisTemplateKey | undefined {
  for (const code of info.eventCodes) {
    const match = /BBK-EVC-\d{3}/.exec(code.value);
    const key = match ? BBK_EVENT_CODES[match[0]] : undefined;
    if (key !== undefined) {
      return key;
    }
  }
  return undefined;
}

/**
 * The template for a warning: all-clear first, then the DWD event number, keywords in event and
 * headline (BBK's event is always "Gefahreninformation"), the BBK event code, keywords in the
 * description, and 'allgemein' when nothing matches.
 */
export function classifyWarning(warning: CapWarning): CrisisTemplateKey {
  if (isAllClear(warning)) {
    return 'entwarnung';
  }
  const info = primaryInfo(warning);
  if (info === undefined) {
    return 'allgemein';
  }
  return (
    dwdTemplate(info) ??
    keywordTemplate(`${info.event}\n${plainText(info.headline ?? '')}`) ??
    bbkTemplate(info) ??
    keywordTemplate(plainText(info.description ?? '')) ??
    'allgemein'
  );
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Issuer HTML (BBK/NINA write `<br/>`) to plain text: line breaks kept, other tags dropped,
 * entities decoded afterwards so an encoded "&lt;b&gt;" stays visible text.
 */
export function plainText(html: string): string {
  const withBreaks = html.replace(/<\s*(?:br|\/p|\/div|\/li)\s*\/?\s*>/giu, '\n');
  const withoutTags = withBreaks.replace(/<\/?[a-z][^<>]*>/giu, '');
  return decodeEntities(withoutTags)
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

// Words after which a period does not end a German sentence (single letters count as well).
const ABBREVIATIONS = new Set(
  'bzw ca nr str st dr tel ggf inkl evtl max min usw etc vgl sog bspw ff mio mrd abs gem lt zzgl ehem allg std'.split(
    ' ',
  ),
);

function endsSentence(before: string, after: string): boolean {
  const word = /([\p{L}\p{N}]+)[.!?…]["“”»)']*$/u.exec(before)?.[1] ?? '';
  const isAbbreviation =
    before.endsWith('.') && (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase()));
  const isNumber = before.endsWith('.') && /^\d+$/u.test(word);
  // Only split before a capital or an opening quote; any doubt merges, which never cuts a sentence.
  return !isAbbreviation && !isNumber && /^[\p{Lu}„"«(]/u.test(after);
}

/** Lines of sentences; every sentence is a verbatim slice of the issuer's line. */
export function splitSentences(text: string): readonly (readonly string[])[] {
  return plainText(text)
    .split('\n')
    .map((line) => {
      const sentences: string[] = [];
      let start = 0;
      for (const match of line.matchAll(/[.!?…]["“”»)']*(\s+)/gu)) {
        const end = match.index + match[0].length - (match[1]?.length ?? 0);
        if (endsSentence(line.slice(start, end), line.slice(end).trimStart())) {
          sentences.push(line.slice(start, end));
          start = end + (match[1]?.length ?? 0);
        }
      }
      sentences.push(line.slice(start));
      return sentences.filter((sentence) => sentence !== '');
    })
    .filter((line) => line.length > 0);
}

function isDwd(warning: CapWarning, info: CapInfo | undefined): boolean {
  return (
    warning.sender.toLowerCase() === 'opendata@dwd.de' ||
    warning.identifier.includes('.DWD.') ||
    warning.identifier.startsWith('dwd.') ||
    info?.senderName === 'Deutscher Wetterdienst'
  );
}

function isBbk(warning: CapWarning): boolean {
  return (
    warning.format !== 'cap-xml' ||
    /^(?:mow|kat|biw|lhp|pol)\.|^DE-[A-Z]{2}-/u.test(warning.identifier)
  );
}

function httpUrl(value: string | undefined): string | undefined {
  return value !== undefined && /^https?:\/\/[^\s<>"]+$/u.test(value.trim())
    ? value.trim()
    : undefined;
}

/**
 * Source and link as the issuers' terms ask: DWD → wettergefahren.de; BBK/MoWaS/NINA → the
 * message on warnung.bund.de (MoWaS ids get NINA's "mow." prefix); others → senderName + web.
 */
export function sourceAttribution(warning: CapWarning): SourceAttribution {
  const info = primaryInfo(warning);
  if (isDwd(warning, info)) {
    return { name: 'Deutscher Wetterdienst', url: DWD_URL };
  }
  if (isBbk(warning)) {
    const langname = info?.parameters.find((p) => p.valueName === 'sender_langname')?.value;
    const id = warning.identifier.startsWith('DE-')
      ? `mow.${warning.identifier}`
      : warning.identifier;
    return {
      name: info?.senderName ?? langname ?? 'BBK',
      url: `${NINA_MESSAGE_URL}${encodeURIComponent(id)}`,
    };
  }
  return { name: info?.senderName ?? warning.sender, url: httpUrl(info?.web) };
}

function infoForLanguage(warning: CapWarning, language: string): CapInfo | undefined {
  const wanted = languageCode(language);
  return (
    warning.infos.find((info) => languageCode(info.language) === wanted) ?? primaryInfo(warning)
  );
}

interface Parts {
  readonly intro: string | undefined;
  readonly headline: string;
  readonly description: readonly (readonly string[])[];
  readonly instruction: readonly (readonly string[])[];
  readonly attribution: string;
  readonly details: string;
  readonly hashtags: readonly string[];
}

/** The first `count` sentences, keeping the issuer's line structure. */
function takeSentences(lines: readonly (readonly string[])[], count: number): string {
  const kept: string[] = [];
  let left = count;
  for (const line of lines) {
    if (left <= 0) {
      break;
    }
    kept.push(line.slice(0, left).join(' '));
    left -= line.length;
  }
  return kept.join('\n');
}

function compose(parts: Parts, description: number, instruction: number, tags: number): string {
  const head = parts.intro === undefined ? parts.headline : `${parts.intro}\n${parts.headline}`;
  const blocks = [
    head,
    takeSentences(parts.description, description),
    takeSentences(parts.instruction, instruction),
    `${parts.attribution}\n${parts.details}`,
    parts.hashtags
      .slice(0, tags)
      .map((tag) => `#${tag}`)
      .join(' '),
  ];
  return blocks.filter((block) => block !== '').join('\n\n');
}

function sentenceCount(lines: readonly (readonly string[])[]): number {
  return lines.reduce((sum, line) => sum + line.length, 0);
}

/** The largest n ≤ max for which fits(n) holds, trying upwards and stopping at the first miss. */
function largestPrefix(max: number, fits: (n: number) => boolean): number {
  let n = 0;
  while (n < max && fits(n + 1)) {
    n += 1;
  }
  return n;
}

function omittedNotes(
  label: string,
  lines: readonly (readonly string[])[],
  kept: number,
): string[] {
  const all = lines.flat();
  return all
    .slice(kept)
    .map(
      (sentence, index) =>
        `${label}, Satz ${kept + index + 1} von ${all.length} nur unter dem Link: „${sentence}“`,
    );
}

function limitsFor(platform: PlatformKey, budgets: CrisisTextInput['budgets']): PlatformLimits {
  const limits = catalogueEntry(platform)?.limits;
  if (limits === undefined) {
    throw new Error(`no limits for platform ${platform}`);
  }
  const budget = budgets?.[platform];
  return budget === undefined ? limits : { ...limits, maxTextLength: budget };
}

function renderFor(parts: Parts, limits: PlatformLimits, language: string): RenderedText {
  const fits = (text: string) => limits.countLength(text) <= limits.maxTextLength;
  const base = compose(parts, 0, 0, 0);
  const descriptionTotal = sentenceCount(parts.description);
  const instructionTotal = sentenceCount(parts.instruction);
  const result = (text: string, d: number, i: number, ok: boolean): RenderedText => ({
    text,
    language,
    fits: ok,
    omitted: [
      ...omittedNotes('Beschreibung', parts.description, d),
      ...omittedNotes('Handlungsempfehlung', parts.instruction, i),
    ],
    machineTranslated: false,
    intro: parts.intro,
  });
  if (!fits(base)) {
    return result(base, 0, 0, false);
  }
  const d = largestPrefix(descriptionTotal, (n) => fits(compose(parts, n, 0, 0)));
  const i = largestPrefix(instructionTotal, (n) => fits(compose(parts, d, n, 0)));
  const t = largestPrefix(parts.hashtags.length, (n) => fits(compose(parts, d, i, n)));
  return result(compose(parts, d, i, t), d, i, true);
}

const LABELS = {
  de: { source: 'Quelle', details: 'Alle Informationen' },
  en: { source: 'Source', details: 'Full information' },
} as const;

/** Our intro line for a template, kind and language; none for languages we did not write. */
export function introLine(
  template: CrisisTemplateKey,
  kind: CrisisKind,
  language: string,
): string | undefined {
  const code = languageCode(language);
  return code === 'de' || code === 'en'
    ? TEMPLATE_DEFINITIONS[template].intro[kind][code]
    : undefined;
}

/**
 * One text per requested platform, each within that platform's budget (X weighted, Mastodon per
 * instance via `budgets`, the others from the connectors' declared limits).
 */
export function renderCrisisText(
  input: CrisisTextInput,
): Readonly<Partial<Record<PlatformKey, RenderedText>>> {
  const info = infoForLanguage(input.warning, input.language ?? 'de');
  const language = languageCode(info?.language ?? input.language ?? 'de');
  const labels = language === 'en' ? LABELS.en : LABELS.de;
  const source = sourceAttribution(input.warning);
  const parts: Parts = {
    intro: introLine(input.template, input.kind, language),
    headline: plainText(info?.headline ?? info?.event ?? ''),
    description: splitSentences(info?.description ?? ''),
    instruction: splitSentences(info?.instruction ?? ''),
    attribution: `${labels.source}: ${source.name}${source.url === undefined ? '' : ` – ${source.url}`}`,
    details: `${labels.details}: ${input.links.details}`,
    hashtags: (input.hashtags ?? TEMPLATE_DEFINITIONS[input.template].hashtags).map((tag) =>
      tag.replace(/^#/, ''),
    ),
  };
  const rendered: Partial<Record<PlatformKey, RenderedText>> = {};
  for (const platform of input.platforms) {
    rendered[platform] = renderFor(parts, limitsFor(platform, input.budgets), language);
  }
  return rendered;
}
