/**
 * Text normalisation and hashed features for the offensive-language classifier.
 *
 * Normalisation writes UTF-16 code units into a reusable buffer (no per-character strings):
 * lower case, umlauts folded (ä → ae, ß → ss), l33t digits inside words read as letters
 * ("1d10t" → "idiot"), obfuscating asterisks dropped ("A*sch"), runs longer than two collapsed,
 * @mentions, URLs and `|LBR|` replaced by placeholders or spaces; emoji are kept.
 * Features are hashed on the fly (FNV-1a, then a finaliser) into 2^bits buckets: character
 * 1–5-grams over the whole normalised text and word uni- and bigrams.
 */

export const DEFAULT_FEATURE_BITS = 18;
export const MAX_NGRAM = 5;

/** Placeholders inside the normalised buffer (Unicode private use area). */
export const USER_MARK = 0xe000;
export const URL_MARK = 0xe001;

const SPACE = 0x20;
const FNV_PRIME = 0x01000193;
const CHAR_SEED = 0x811c9dc5;
const WORD_SEED = 0x2f6b3a91;
const BIGRAM_SEED = 0x5bd1e995;

/** Lower-case forms and foldings for the Latin-1/Latin Extended-A range, computed once. */
const FOLD: readonly string[] = buildFoldTable();

function buildFoldTable(): string[] {
  const table: string[] = [];
  for (let c = 0; c < 0x250; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    const stripped = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    table.push(stripped.length === 1 ? stripped : lower);
  }
  table[0xc4] = 'ae';
  table[0xe4] = 'ae';
  table[0xd6] = 'oe';
  table[0xf6] = 'oe';
  table[0xdc] = 'ue';
  table[0xfc] = 'ue';
  table[0xdf] = 'ss';
  return table;
}

const LEET: Readonly<Record<number, number>> = {
  0x30: 0x6f, // 0 → o
  0x31: 0x69, // 1 → i
  0x33: 0x65, // 3 → e
  0x34: 0x61, // 4 → a
  0x35: 0x73, // 5 → s
  0x37: 0x74, // 7 → t
  0x40: 0x61, // @ → a
  0x24: 0x73, // $ → s
};

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** Letters after folding: a–z and the remaining lower-case Latin letters. */
export function isWordUnit(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0xdf && c <= 0x24f && c !== 0xf7) ||
    c === USER_MARK ||
    c === URL_MARK
  );
}

function isSpace(c: number): boolean {
  return c <= 0x20 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 0x200b || c === 0x3000;
}

/** Final avalanche (murmur3 fmix32) so that low bits of FNV hashes spread over the table. */
export function mixHash(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

export function hashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME);
}

/** Hash of a whole word as the extractor computes it; lexicons use it to match without strings. */
export function wordHash(word: string): number {
  let h = WORD_SEED;
  for (let i = 0; i < word.length; i++) {
    h = hashStep(h, word.charCodeAt(i));
  }
  return h >>> 0;
}

/**
 * Reusable extractor: `extract(text)` fills `features` with bucket indices (with repeats) and
 * returns their count. One instance per thread; not re-entrant.
 */
export class FeatureExtractor {
  readonly bits: number;
  readonly mask: number;
  buffer: Uint16Array = new Uint16Array(1024);
  length = 0;
  features: Int32Array = new Int32Array(8192);
  /** Raw (unmasked) hashes of complete words, for lexicon look-ups; `wordCount` of them. */
  words: Uint32Array = new Uint32Array(512);
  wordCount = 0;

  constructor(bits = DEFAULT_FEATURE_BITS) {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
  }

  /** Normalises `text` into `buffer[0..length)`, framed by one space on each side. */
  normalise(text: string): void {
    const needed = text.length * 2 + 4;
    if (this.buffer.length < needed) {
      this.buffer = new Uint16Array(needed * 2);
    }
    const out = this.buffer;
    let n = 0;
    out[n++] = SPACE;
    const len = text.length;
    let i = 0;
    while (i < len) {
      const c = text.charCodeAt(i);
      const prev = out[n - 1] ?? SPACE;
      const atTokenStart = prev === SPACE;
      if (isSpace(c) || c === 0x23 /* # */) {
        if (prev !== SPACE) {
          out[n++] = SPACE;
        }
        i++;
        continue;
      }
      if (c === 0x7c /* | */ && text.startsWith('|LBR|', i)) {
        if (prev !== SPACE) {
          out[n++] = SPACE;
        }
        i += 5;
        continue;
      }
      if (
        atTokenStart &&
        c === 0x40 /* @ */ &&
        i + 1 < len &&
        isHandleUnit(text.charCodeAt(i + 1))
      ) {
        out[n++] = USER_MARK;
        i++;
        while (i < len && isHandleUnit(text.charCodeAt(i))) {
          i++;
        }
        continue;
      }
      if (
        atTokenStart &&
        (c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57) &&
        startsUrl(text, i)
      ) {
        out[n++] = URL_MARK;
        while (i < len && !isSpace(text.charCodeAt(i))) {
          i++;
        }
        continue;
      }
      if (c === 0xfe0f || c === 0xfe0e || c === 0x200d || c === 0xad) {
        i++;
        continue;
      }
      const next = i + 1 < len ? text.charCodeAt(i + 1) : SPACE;
      const prevIsLetter = prev >= 0x61 && prev <= 0x7a;
      if (c === 0x2a /* * */ && prevIsLetter && isAsciiLetter(next)) {
        i++;
        continue;
      }
      const leet = LEET[c];
      const mapped = leet !== undefined && readsAsLetter(c, prev, next) ? leet : c;
      if (mapped < 0x250) {
        const folded = FOLD[mapped] ?? '';
        for (let k = 0; k < folded.length; k++) {
          n = pushCollapsed(out, n, folded.charCodeAt(k));
        }
      } else {
        n = pushCollapsed(out, n, mapped);
      }
      i++;
    }
    if (out[n - 1] !== SPACE) {
      out[n++] = SPACE;
    }
    this.length = n;
  }

  /** Normalises and hashes `text`; returns the number of indices written to `features`. */
  extract(text: string): number {
    this.normalise(text);
    const n = this.length;
    const needed = n * MAX_NGRAM + n * 2 + 8;
    if (this.features.length < needed) {
      this.features = new Int32Array(needed * 2);
    }
    if (this.words.length < n) {
      this.words = new Uint32Array(n * 2);
    }
    const buf = this.buffer;
    const feats = this.features;
    const mask = this.mask;
    let count = 0;
    // Character n-grams; the framing spaces give word-boundary grams (" idi", "iot ").
    for (let start = 0; start < n; start++) {
      let h = CHAR_SEED;
      const end = Math.min(n, start + MAX_NGRAM);
      for (let k = start; k < end; k++) {
        h = Math.imul(h ^ (buf[k] ?? 0), FNV_PRIME);
        feats[count++] = mixHash(h) & mask;
      }
    }
    // Word unigrams and bigrams; each emoji or other symbol is a word of its own.
    let wordCount = 0;
    let previous = 0;
    let h = WORD_SEED;
    let inWord = false;
    for (let k = 0; k <= n; k++) {
      const c = k < n ? (buf[k] ?? SPACE) : SPACE;
      if (isWordUnit(c)) {
        h = Math.imul(h ^ c, FNV_PRIME);
        inWord = true;
        continue;
      }
      if (inWord) {
        count = this.emitWord(h >>> 0, previous, wordCount, count);
        previous = h >>> 0;
        wordCount++;
        inWord = false;
        h = WORD_SEED;
      }
      if (c > 0x7f && c !== SPACE) {
        let symbol = Math.imul(WORD_SEED ^ c, FNV_PRIME);
        if (c >= 0xd800 && c <= 0xdbff && k + 1 < n) {
          k++;
          symbol = Math.imul(symbol ^ (buf[k] ?? 0), FNV_PRIME);
        }
        count = this.emitWord(symbol >>> 0, previous, wordCount, count);
        previous = symbol >>> 0;
        wordCount++;
      }
    }
    this.wordCount = wordCount;
    return count;
  }

  private emitWord(hash: number, previous: number, index: number, count: number): number {
    const feats = this.features;
    this.words[index] = hash;
    feats[count++] = mixHash(hash) & this.mask;
    if (index > 0) {
      feats[count++] = mixHash(Math.imul(previous ^ BIGRAM_SEED, FNV_PRIME) ^ hash) & this.mask;
    }
    return count;
  }
}

/** A l33t unit inside a word ("1d10t", "Schw@chkopf"), not in a number ("10er", "13.05."). */
function readsAsLetter(c: number, prev: number, next: number): boolean {
  const prevIsLetter = prev >= 0x61 && prev <= 0x7a;
  if (c === 0x40 /* @ */) {
    return prevIsLetter;
  }
  return prevIsLetter || (isAsciiLetter(next) && !(prev >= 0x30 && prev <= 0x39));
}

function isHandleUnit(c: number): boolean {
  return isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function startsUrl(text: string, i: number): boolean {
  const head = text.slice(i, i + 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://') || head.startsWith('www.');
}

function pushCollapsed(out: Uint16Array, n: number, unit: number): number {
  if (n >= 2 && out[n - 1] === unit && out[n - 2] === unit) {
    return n;
  }
  out[n] = unit;
  return n + 1;
}

/** The normalised text as a string (tests and debugging only). */
export function normaliseText(text: string, extractor = new FeatureExtractor()): string {
  extractor.normalise(text);
  let result = '';
  for (let k = 0; k < extractor.length; k++) {
    const unit = extractor.buffer[k] ?? SPACE;
    result +=
      unit === USER_MARK ? '@user' : unit === URL_MARK ? '<url>' : String.fromCharCode(unit);
  }
  return result.trim();
}
