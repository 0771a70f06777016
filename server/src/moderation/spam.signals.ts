/**
 * Spam/advertising and off-topic signals, each a score 0..1 with a German reason for staff.
 * Signals are hints, not verdicts: the pipeline combines them and cites the Netiquette rule.
 */
import { createHash } from 'node:crypto';

import { normaliseTerm } from './text.normalise.ts';

export type SpamSignalKind =
  'links' | 'shortener' | 'repetition' | 'caps' | 'promotion' | 'duplicate' | 'offtopic';

export interface SpamSignal {
  readonly kind: SpamSignalKind;
  readonly score: number;
  readonly reason: string;
}

export interface SpamOptions {
  /** Hashes (see textHash) of texts posted recently, e.g. by the same account or on the channel. */
  readonly recentHashes?: ReadonlySet<string> | readonly string[];
  /** normaliseTerm(text) when the caller has it already (the pipeline normalises once). */
  readonly normalised?: string;
}

const SCHEME_URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const BARE_URL =
  /\b[a-z0-9][a-z0-9-]{0,62}\.(?:com|net|org|info|biz|io|xyz|ru|shop|online|site|top|club|link|click|live|app|de)\/[^\s<>"]*/giu;
const SHORTENER =
  /\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|cutt\.ly|rebrand\.ly|shorturl\.at|t\.ly|rb\.gy|tiny\.cc|s\.id|lnkd\.in|linktr\.ee)\/\S*/giu;
/** Advertising phrases, tested on the normalised and on the lower-cased original text. */
const PROMOTION: readonly { pattern: RegExp; weight: number }[] = [
  {
    pattern: /\b(?:verdienen sie|verdiene ich|geld verdienen|nebenverdienst|passives einkommen)\b/u,
    weight: 0.6,
  },
  {
    pattern: /\d ?(?:€|euro|eur|\$|dollar) (?:am|pro|im|jeden|die) (?:tag|woche|monat|stunde)\b/u,
    weight: 0.5,
  },
  { pattern: /\bvon zu hause aus\b|\bhome ?office job\b/u, weight: 0.3 },
  { pattern: /\b(?:bitcoin|krypto|crypto|forex|btc|nft|trading ?bot)\w*/u, weight: 0.5 },
  { pattern: /\b(?:investier|rendite|gewinn garantiert|garantiert\w* gewinn)\w*/u, weight: 0.4 },
  {
    pattern:
      /\b(?:jetzt kaufen|jetzt bestellen|rabatt ?code|gutschein ?code|gratis|kostenlos testen)\b/u,
    weight: 0.5,
  },
  {
    pattern:
      /\b(?:klick(?:en sie)? (?:hier|auf den link)|link in (?:der )?bio|schau(?:t|en sie)? (?:mal )?(?:auf )?meinem? (?:profil|kanal))\b/u,
    weight: 0.6,
  },
  {
    pattern:
      /\b(?:folgt mir|follow me|abonniert|schreib(?:t|en sie)? mir (?:per|auf|bei) (?:whatsapp|telegram))\b/u,
    weight: 0.5,
  },
  { pattern: /\b(?:casino|sportwetten|viagra|potenzmittel|abnehmpillen)\b/u, weight: 0.7 },
];
/** Frequent German function words: no evidence of sharing a topic. */
const STOPWORDS = new Set(
  'aber alle allem allen aller alles also auch auf aus bei beim bin bis bist dann darum das dass dein deine dem den denn der des dessen die dies diese diesem diesen dieser dieses doch dort durch eine einem einen einer eines etwas euch euer eure fuer ganz gegen gibt habe haben hast hat hatte hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren immer jetzt kann kein keine koennen man mehr mein meine mich mir mit muss nach nicht nichts noch nur oder ohne schon sehr sein seine sich sie sind sollte ueber und uns unser unter viel vom von vor war waren warum was weil wenn wer werden wie wieder will wir wird wo zum zur zwischen danke bitte leider einfach wirklich heute'.split(
    ' ',
  ),
);

function clamp(score: number): number {
  return Math.max(0, Math.min(1, score));
}

/** A stable hash of the normalised text, so "SUPER Angebot!!" and "super angebot" collide. */
export function textHash(text: string): string {
  return hashNormalised(normaliseTerm(text));
}

function hashNormalised(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex').slice(0, 32);
}

function linkSignals(text: string, out: SpamSignal[]): void {
  const lower = text.toLowerCase();
  const withScheme =
    lower.includes('http') || lower.includes('www.') ? (text.match(SCHEME_URL)?.length ?? 0) : 0;
  // Bare "shop.xyz/angebot" links need a slash; most comments have none, so skip the scan.
  const bare = text.includes('/')
    ? (text.replace(SCHEME_URL, ' ').match(BARE_URL)?.length ?? 0)
    : 0;
  const links = withScheme + bare;
  const shorteners = text.includes('/') ? (text.match(SHORTENER)?.length ?? 0) : 0;
  if (links >= 2) {
    const score = links >= 5 ? 0.9 : links >= 3 ? 0.7 : 0.4;
    out.push({ kind: 'links', score, reason: `Der Kommentar enthält ${links} Links.` });
  }
  if (shorteners > 0) {
    out.push({
      kind: 'shortener',
      score: shorteners > 1 ? 0.8 : 0.6,
      reason: 'Der Kommentar enthält gekürzte Links, deren Ziel nicht erkennbar ist.',
    });
  }
}

function repetitionSignal(words: readonly string[], stats: CharStats, out: SpamSignal[]): void {
  let longestRun = 1;
  let run = 1;
  for (let i = 1; i < words.length; i += 1) {
    run = words[i] === words[i - 1] ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
  }
  let share = 0;
  if (words.length >= 8) {
    const counts = new Map<string, number>();
    for (const word of words) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    share = Math.max(0, ...counts.values()) / words.length;
  }
  const charRun = stats.longestRun >= 8;
  const score = Math.max(
    longestRun >= 3 ? clamp(0.2 * longestRun) : 0,
    share > 0.4 ? clamp(share) : 0,
    charRun ? 0.3 : 0,
  );
  if (score > 0) {
    out.push({
      kind: 'repetition',
      score,
      reason: 'Der Kommentar wiederholt dieselben Wörter oder Zeichen auffällig oft.',
    });
  }
}

interface CharStats {
  letters: number;
  upper: number;
  /** Longest run of one repeated non-space character ("!!!!!!!!", "Neinnnnnnn"). */
  longestRun: number;
}

/** One pass over the text; an ASCII fast path, Unicode classes only for the rest. */
function charStats(text: string): CharStats {
  let letters = 0;
  let upper = 0;
  let longestRun = 0;
  let run = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    run = code === previous && code !== 0x20 ? run + 1 : 1;
    longestRun = Math.max(longestRun, run);
    previous = code;
    if (code >= 0x61 && code <= 0x7a) {
      letters += 1;
    } else if (code >= 0x41 && code <= 0x5a) {
      letters += 1;
      upper += 1;
    } else if (code > 0x7f) {
      const ch = text[i] ?? '';
      if (/\p{Lu}/u.test(ch)) {
        letters += 1;
        upper += 1;
      } else if (/\p{L}/u.test(ch)) {
        letters += 1;
      }
    }
  }
  return { letters, upper, longestRun };
}

function capsSignal({ letters, upper }: CharStats, out: SpamSignal[]): void {
  if (letters < 20) {
    return;
  }
  const ratio = upper / letters;
  if (ratio > 0.7) {
    // Shouting is a style, not advertising: this signal alone never reaches the hide threshold.
    out.push({
      kind: 'caps',
      score: clamp((ratio - 0.7) * 1.5 + 0.1),
      reason: 'Der Kommentar ist überwiegend in Großbuchstaben geschrieben.',
    });
  }
}

/** All promotion patterns in one: a single scan rules most comments out. */
const ANY_PROMOTION = new RegExp(PROMOTION.map(({ pattern }) => pattern.source).join('|'), 'u');
/** Currency signs vanish in the normalised text, so amounts are also looked for in the original. */
const CURRENCY = /[€$]|\b(?:euro|eur|dollar)\b/iu;

function promotionSignal(text: string, normalised: string, out: SpamSignal[]): void {
  const lower = CURRENCY.test(text) ? text.toLowerCase() : normalised;
  if (!ANY_PROMOTION.test(normalised) && (lower === normalised || !ANY_PROMOTION.test(lower))) {
    return;
  }
  let keep = 1;
  for (const { pattern, weight } of PROMOTION) {
    if (pattern.test(normalised) || pattern.test(lower)) {
      keep *= 1 - weight;
    }
  }
  if (keep < 1) {
    out.push({
      kind: 'promotion',
      score: clamp(1 - keep),
      reason: 'Der Kommentar enthält typische Werbe- oder Verdienstversprechen.',
    });
  }
}

/** Spam and advertising signals of one comment; empty when nothing stands out. */
export function spamSignals(text: string, options: SpamOptions = {}): SpamSignal[] {
  const out: SpamSignal[] = [];
  const normalised = options.normalised ?? normaliseTerm(text);
  const words = normalised.split(' ').filter((word) => word.length > 0);
  linkSignals(text, out);
  const stats = charStats(text);
  repetitionSignal(words, stats, out);
  capsSignal(stats, out);
  promotionSignal(text, normalised, out);
  const recent = options.recentHashes;
  // Short texts ("Danke!", "Super") are legitimately posted again and again.
  const hasRecent =
    recent instanceof Set
      ? recent.size > 0
      : ((recent as readonly string[] | undefined)?.length ?? 0) > 0;
  if (recent && hasRecent && normalised.length >= 30) {
    const hash = hashNormalised(normalised);
    const seen =
      recent instanceof Set ? recent.has(hash) : (recent as readonly string[]).includes(hash);
    if (seen) {
      out.push({
        kind: 'duplicate',
        score: 0.8,
        reason: 'Derselbe Text wurde kürzlich bereits gepostet.',
      });
    }
  }
  return out;
}

/** Content words reduced to a 5-letter prefix, so inflections and compounds' heads still meet. */
function topicKeys(normalised: string): Set<string> {
  const keys = new Set<string>();
  for (const word of normalised.split(' ')) {
    const code = word.charCodeAt(0);
    const numeric = code >= 0x30 && code <= 0x39;
    if (word.length >= 4 && !numeric && !STOPWORDS.has(word)) {
      keys.add(word.slice(0, 5));
    }
  }
  return keys;
}

let lastPost: { text: string; keys: Set<string> } | null = null;

/** Comments arrive in runs per post: remembering the last post's keys saves most of the work. */
function postKeys(postText: string): Set<string> {
  if (lastPost?.text !== postText) {
    lastPost = { text: postText, keys: topicKeys(normaliseTerm(postText)) };
  }
  return lastPost.keys;
}

/**
 * Off topic: a longer comment sharing (almost) no content word with the post it answers. Short
 * replies ("Danke!", "Wann genau?") are never off topic, and the score stays below hiding.
 */
export function offTopicSignal(
  text: string,
  postText: string,
  normalised?: string,
): SpamSignal | null {
  const comment = topicKeys(normalised ?? normaliseTerm(text));
  const post = postKeys(postText);
  if (comment.size < 8 || post.size < 3) {
    return null;
  }
  let shared = 0;
  for (const key of comment) {
    if (post.has(key)) {
      shared += 1;
    }
  }
  const overlap = shared / comment.size;
  const score = clamp((1 - overlap / 0.15) * 0.7);
  if (score <= 0) {
    return null;
  }
  return {
    kind: 'offtopic',
    score,
    reason: 'Der Kommentar hat kaum inhaltliche Berührungspunkte mit dem Beitrag.',
  };
}
