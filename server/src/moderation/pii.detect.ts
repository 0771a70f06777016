/**
 * Personal data in public comments: phone numbers, e-mail addresses, IBANs, postal addresses,
 * dates of birth, licence plates. Returns kinds and offsets only, never the value: the caller
 * decides what to show. Precision first: hiding a harmless comment is a public authority's error.
 */

export const PERSONAL_DATA_KINDS = [
  'phone',
  'email',
  'iban',
  'address',
  'birthdate',
  'licence-plate',
] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export interface PersonalDataHit {
  readonly kind: PersonalDataKind;
  readonly start: number;
  readonly end: number;
}

interface Span {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

// --- phone numbers -------------------------------------------------------------------------

/** Country code, check digits, 11-30 more characters, optionally in groups of four. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}/gi;

const SEP = String.raw`(?:[ \t]?[/\-][ \t]?|[ \t])`;
/** +49 / 0049, optional (0), then 7-13 more digits in groups. */
const INTERNATIONAL = String.raw`(?:\+|\b00)49[ \t\-/]*(?:\(0\)[ \t]*)?[1-9](?:[ \t\-/]?\d){6,12}`;
/** 0711 …, (0711) …, 0176-…: a trunk prefix 0, area code, separator, subscriber number. */
const NATIONAL = String.raw`(?:\(0[1-9]\d{1,4}\)[ \t]?|\b0[1-9]\d{1,4}${SEP}?)\d(?:${SEP}?\d){3,10}`;
const PHONE = new RegExp(`(?<![\\w+.,/-])(?:${INTERNATIONAL}|${NATIONAL})(?![\\w]|[.,]\\d)`, 'g');
/** A cue that the digits after it are a phone number even without an area code. */
const PHONE_CUE =
  /\b(?:tel(?:efon)?|handy|mobil|fon|whatsapp|telefonnummer|nummer)\b\.?:?[ \t]*(\d(?:[ \t\-/]?\d){5,13})(?![\w]|[.,]\d)/giu;
/** Case numbers and the like look like phone numbers; skip digits right after these words. */
const NOT_A_PHONE_CUE =
  /(?:\baz|aktenzeichen|geschäftszeichen|\bgz|vorgang\w*|antrag\w*|\bakte|kunden(?:nummer|nr)|rechnungs(?:nummer|nr)|ticket(?:nummer|nr)?|bestell(?:nummer|nr)|\bnr|\bplz|postleitzahl|\biban|\bbic|\bblz|konto(?:nummer|nr)?|steuer(?:nummer|nr|-id))\.?:?\s*(?:\S+\s+)?$/iu;

/** Toll-free and shared-cost service numbers (0800, 0180x, 0137, 0900) belong to organisations. */
const SERVICE_NUMBER = /^(?:(?:\+|00)49[ \t\-/]*(?:\(0\)[ \t]*)?|\(?0)(?:800|180|137|900)/u;

function phones(text: string, out: Span[]): void {
  // Digits inside an IBAN-shaped string (even with a wrong checksum) are no phone number.
  const ibanShaped = [...text.matchAll(IBAN)].map((m) => [m.index, m.index + m[0].length]);
  for (const match of text.matchAll(PHONE)) {
    const before = text.slice(Math.max(0, match.index - 30), match.index);
    const inIban = ibanShaped.some(([from = 0, to = 0]) => match.index >= from && match.index < to);
    const service = SERVICE_NUMBER.test(match[0]);
    if (!inIban && !service && !NOT_A_PHONE_CUE.test(before)) {
      out.push({ kind: 'phone', start: match.index, end: match.index + match[0].length });
    }
  }
  for (const match of text.matchAll(PHONE_CUE)) {
    const digits = match[1] ?? '';
    const start = match.index + match[0].length - digits.length;
    if (!SERVICE_NUMBER.test(digits)) {
      out.push({ kind: 'phone', start, end: start + digits.length });
    }
  }
}

// --- e-mail addresses ----------------------------------------------------------------------

const EMAIL = /(?<![\w.+-])[a-z0-9][\w.+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}\b/giu;
const AT = String.raw`(?:\s*[([{<]\s*(?:at|ät|@)\s*[)\]}>]\s*|\s+(?:at|ät)\s+)`;
const DOT = String.raw`(?:\s*[([{<]\s*(?:punkt|dot)\s*[)\]}>]\s*|\s+(?:punkt|dot)\s+|\.)`;
/** "name (at) domain (punkt) de", "name [at] domain [dot] de", "name at domain punkt de". */
const OBFUSCATED_EMAIL = new RegExp(
  `(?<![\\w.+-])[a-z0-9][\\w.+-]*${AT}[a-z0-9-]+(?:${DOT}[a-z0-9-]+)*?${DOT}(?:de|com|net|org|eu|info|at|ch|biz|io)\\b`,
  'giu',
);

/** Role accounts ("info@…", "poststelle@…") are an organisation's address, not a person's. */
const ROLE_ACCOUNT =
  /^(?:info|kontakt|contact|service|support|presse|press|poststelle|buergerbuero|bürgerbüro|office|hallo|hello|team|noreply|no-reply|webmaster|datenschutz|redaktion|anfragen?|beschwerden?|socialmedia|social-media)(?:[\s([{<@]|$)/iu;

function emails(text: string, out: Span[]): void {
  for (const pattern of [EMAIL, OBFUSCATED_EMAIL]) {
    for (const match of text.matchAll(pattern)) {
      if (!ROLE_ACCOUNT.test(match[0])) {
        out.push({ kind: 'email', start: match.index, end: match.index + match[0].length });
      }
    }
  }
}

// --- IBANs ---------------------------------------------------------------------------------

/** IBAN lengths of SEPA countries commenters in Stuttgart most likely use. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  DE: 22,
  AT: 20,
  CH: 21,
  FR: 27,
  IT: 27,
  ES: 24,
  NL: 18,
  BE: 16,
  LU: 20,
  PL: 28,
  GR: 27,
  TR: 26,
  HR: 21,
  LI: 21,
  GB: 22,
  CZ: 24,
  DK: 18,
  FI: 18,
  HU: 28,
  IE: 22,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  BG: 22,
  NO: 15,
  RS: 22,
  BA: 20,
  AL: 28,
  UA: 29,
  LT: 20,
  LV: 21,
  EE: 20,
  CY: 28,
  MT: 31,
  MC: 27,
  SM: 27,
  IS: 26,
};

function mod97(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return remainder === 1;
}

function ibans(text: string, out: Span[]): void {
  for (const match of text.matchAll(IBAN)) {
    const raw = match[0].toUpperCase();
    const country = raw.slice(0, 2);
    const compactAll = raw.replace(/ /g, '');
    // Only known countries with their exact length: guessing lengths would pass mod-97 by chance.
    const length = IBAN_LENGTHS[country];
    if (length !== undefined && compactAll.length >= length && mod97(compactAll.slice(0, length))) {
      // Map the compact length back to an offset in the spaced original.
      let seen = 0;
      let end = 0;
      while (seen < length && end < raw.length) {
        if (raw[end] !== ' ') {
          seen += 1;
        }
        end += 1;
      }
      out.push({ kind: 'iban', start: match.index, end: match.index + end });
    }
  }
}

// --- postal addresses ----------------------------------------------------------------------

const SUFFIX = String.raw`(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|steige|damm|ufer|staffel)`;
const SUFFIX_WORD = String.raw`(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Steige|Damm|Ufer|Staffel)`;
const NAME = '[A-ZÄÖÜ][a-zäöüß]+';
/** "Königstraße", "Theodor-Heuss-Straße", "Tübinger Straße". */
const STREET = `${NAME}${SUFFIX}|(?:${NAME}-)+${SUFFIX_WORD}|${NAME}(?:er|e|en) ${SUFFIX_WORD}`;
const HOUSE_NUMBER = String.raw`\d{1,4}(?:\s?[a-h])?(?:\s?[-/]\s?\d{1,4}[a-h]?)?\b`;
const PLZ_CITY = String.raw`(?:,?\s+\d{5}\s+[A-ZÄÖÜ][\wäöüß]+(?:[ -][A-ZÄÖÜ][\wäöüß]+)?)?`;
const ADDRESS = new RegExp(`(?<![\\p{L}\\d-])(${STREET})\\s?(${HOUSE_NUMBER})${PLZ_CITY}`, 'gu');
/** Generic compounds with a number that are no address ("Bundesstraße 14", "Gleis", "Parkplatz 3"). */
const NOT_A_STREET =
  /^(?:bundes|land|kreis|staats|gemeinde|neben|einbahn)?(?:straße|strasse|str\.)$|(?:rad|wander|geh|fuß|fuss|feld|rund|heim|rück|rueck|schul|arbeits)weg$|^(?:hin|um|aus)?weg$|(?:park|spiel|sport|stell|sitz|arbeits|bau|camping)platz$|^(?:stadt|auto|innen|außen|aussen)?ring$|^(?:allee|gasse|steige|damm|ufer|staffel)$/iu;
/** A number followed by a unit is a distance, a time or a count, not a house number. */
const UNIT_AFTER =
  /^\s*(?:km|m|min|minuten|uhr|stunden|std|tage|jahre|meter|mal|leute|personen|%|€|euro|prozent|grad)(?!\p{L})/iu;
const DETERMINER =
  /^(?:der|die|das|den|dem|des|eine|einer|einen|keine|diese|dieser|jede|jeder|meine|deine|seine|ihre|unsere|eure|andere|nächste|naechste|letzte|erste|zweite|dritte|ganze)\s/iu;

function addresses(text: string, out: Span[]): void {
  for (const match of text.matchAll(ADDRESS)) {
    const street = match[1] ?? '';
    const number = match[2] ?? '';
    if (NOT_A_STREET.test(street) || DETERMINER.test(street)) {
      continue;
    }
    const end = match.index + match[0].length;
    const numberEnd = match.index + match[0].indexOf(number, street.length) + number.length;
    if (UNIT_AFTER.test(text.slice(numberEnd, numberEnd + 12))) {
      continue;
    }
    out.push({ kind: 'address', start: match.index, end });
  }
}

// --- dates of birth ------------------------------------------------------------------------

const MONTHS =
  'januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember';
const DATE = String.raw`(?:(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)?\d{2})|(\d{1,2})\.\s?(?:${MONTHS})\s(\d{4})|((?:19|20)\d{2})-(\d{2})-(\d{2}))(?![\d.]\d)`;
/** A full date shortly after a birth cue; "*12.03.1985" is the genealogical birth sign. */
const BIRTHDATE = new RegExp(
  String.raw`(?:\b(?:geb\.|geboren|geburtstag|geburtsdatum|geb\.-datum|jahrgang)\b[^.!?\n\d]{0,30}?|\*\s?)${DATE}`,
  'giu',
);

function birthdates(text: string, out: Span[]): void {
  for (const match of text.matchAll(BIRTHDATE)) {
    const day = Number(match[1] ?? match[4] ?? match[8]);
    const month =
      match[2] !== undefined ? Number(match[2]) : match[7] !== undefined ? Number(match[7]) : 1;
    if (day < 1 || day > 31 || month < 1 || month > 12) {
      continue;
    }
    const date = match[0].slice(match[0].search(/\d/u));
    const start = match.index + match[0].length - date.length;
    out.push({ kind: 'birthdate', start, end: start + date.length });
  }
}

// --- licence plates ------------------------------------------------------------------------

/** District code (1-3 letters), 1-2 letters, 1-4 digits, optional E (electric) or H (historic). */
const PLATE =
  /(?<![\wÄÖÜäöüß-])([A-ZÄÖÜ]{1,3})([- ])([A-Z]{1,2})[ -]?(\d{1,4})([EH])?(?![\wÄÖÜäöüß]|[-.,]\d)/gu;

function isShouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  return letters >= 12 && upper / letters > 0.6;
}

function plates(text: string, out: Span[]): void {
  // In shouted text "BIN AM 12" looks like a plate; there only the hyphenated form counts.
  let shouting: boolean | null = null;
  for (const match of text.matchAll(PLATE)) {
    const [, district = '', separator = '', , digits = ''] = match;
    if (separator !== '-') {
      shouting ??= isShouting(text);
      if (shouting || /^(?:19|20)\d{2}$/u.test(digits)) {
        continue;
      }
    }
    if (district.length + (match[3]?.length ?? 0) + digits.length > 8) {
      continue;
    }
    out.push({ kind: 'licence-plate', start: match.index, end: match.index + match[0].length });
  }
}

// --- combining -----------------------------------------------------------------------------

/** Earlier kinds win an overlap: an IBAN's digits are not also a phone number. */
const PRIORITY: readonly PersonalDataKind[] = [
  'iban',
  'email',
  'phone',
  'address',
  'birthdate',
  'licence-plate',
];

/** Finds personal data in a public comment; offsets only, sorted, without overlaps. */
export function detectPersonalData(text: string): PersonalDataHit[] {
  const spans: Span[] = [];
  // Cheap pre-checks: most comments have no digits, and then only e-mail addresses remain.
  const hasDigit = /\d/u.test(text);
  if (hasDigit && /[a-z]{2}\d{2}/iu.test(text)) {
    ibans(text, spans);
  }
  if (text.includes('@') || /(?:^|[\s([{<])(?:at|ät)(?:[\s)\]}>]|$)/iu.test(text)) {
    emails(text, spans);
  }
  if (hasDigit) {
    phones(text, spans);
    if (/stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|steige|damm|ufer|staffel/iu.test(text)) {
      addresses(text, spans);
    }
    if (/geb|jahrgang|\*/iu.test(text)) {
      birthdates(text, spans);
    }
    if (/[A-ZÄÖÜ][- ][A-Z]/u.test(text)) {
      plates(text, spans);
    }
  }
  spans.sort(
    (a, b) =>
      PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start),
  );
  const kept: Span[] = [];
  for (const span of spans) {
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) {
      kept.push(span);
    }
  }
  return kept
    .sort((a, b) => a.start - b.start)
    .map(({ kind, start, end }) => ({ kind, start, end }));
}

/** The kinds found, each once, in a fixed order (for verdicts and German reasons). */
export function personalDataKinds(hits: readonly PersonalDataHit[]): PersonalDataKind[] {
  return PERSONAL_DATA_KINDS.filter((kind) => hits.some((hit) => hit.kind === kind));
}

/** German names of the kinds, for reasons shown to staff and the writer. */
export const PERSONAL_DATA_LABELS: Readonly<Record<PersonalDataKind, string>> = {
  phone: 'Telefonnummer',
  email: 'E-Mail-Adresse',
  iban: 'IBAN',
  address: 'Anschrift',
  birthdate: 'Geburtsdatum',
  'licence-plate': 'Kfz-Kennzeichen',
};
