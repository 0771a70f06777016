/**
 * German-aware text normalisation for word-list matching: lower case, NFKC, umlauts folded to
 * ae/oe/ue, ß to ss, accents stripped, zero-width characters dropped, l33t inside words, spaced or
 * dotted letters joined ("I d i o t", "I.d.i.o.t", "Id-iot"), runs of 3+ equal letters collapsed.
 * Every normalised character keeps the original range it came from, so matches can be highlighted.
 */

export interface NormalisedText {
  /** Only [a-z], digits, '1' (kept: l33t for i or l), other letters, and single spaces between words. */
  readonly text: string;
  /** Original offset where normalised character i begins. */
  readonly starts: readonly number[];
  /** Original offset where normalised character i ends (exclusive). */
  readonly ends: readonly number[];
  /** 1 where a word part begins after a removed in-word separator ("Voll-Idiot", "@rsch"). */
  readonly softBreaks: readonly number[];
}

const ZERO_WIDTH = new Set([0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
/** The BMP code units of a string of single-unit characters. */
function codes(chars: string): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i < chars.length; i += 1) {
    set.add(chars.charCodeAt(i));
  }
  return set;
}
/** Characters that may glue a word together ("Id-iot", "Idiot*innen") and are dropped there. */
const IN_WORD_SEPARATORS = codes(".-_*·'’‐‑–|");
/** Characters between spaced-out single letters ("I d i o t", "I. d. i. o. t"). */
const SPACING = codes(' .-_*·/\t');
const AT = 0x40;
const ONE = 0x31;
const SPACE = 0x20;
/** l33t digit or symbol → letter (0 = none); '1' stays, the matcher reads it as i or l. */
const LEET = new Uint16Array(128);
for (const pair of ['0o', '3e', '4a', '5s', '7t', '@a', '$s']) {
  LEET[pair.charCodeAt(0)] = pair.charCodeAt(1);
}

/** Fold table for U+0000..U+024F, built once: lower case, umlauts to two letters, accents dropped. */
const FOLD: readonly string[] = (() => {
  const special: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', æ: 'ae', œ: 'oe' };
  const table: string[] = [];
  for (let code = 0; code < 0x250; code += 1) {
    const lower = String.fromCharCode(code).toLowerCase();
    table.push(special[lower] ?? lower.normalize('NFKD').replace(/\p{M}/gu, ''));
  }
  return table;
})();

const slowCache = new Map<number, string>();

/** Folds one code point outside the table range (full-width, mathematical letters …) via NFKC. */
function foldSlow(codePoint: number): string {
  const cached = slowCache.get(codePoint);
  if (cached !== undefined) {
    return cached;
  }
  const nfkc = String.fromCodePoint(codePoint).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of nfkc) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x250 ? (FOLD[c] ?? ch) : ch.normalize('NFKD').replace(/\p{M}/gu, '');
  }
  if (slowCache.size < 10_000) {
    slowCache.set(codePoint, out);
  }
  return out;
}

const LETTER = 1;
const DIGIT = 2;
const SYMBOL = 3;
/** Lazily filled class per BMP code unit: 0 unknown, else LETTER/DIGIT/SYMBOL/OTHER(4). */
const CLASS = new Uint8Array(0x10000);

function classOf(code: number): number {
  const known = CLASS[code] ?? 0;
  if (known !== 0) {
    return known;
  }
  let value = 4;
  if (code >= 0x61 && code <= 0x7a) {
    value = LETTER;
  } else if (code >= 0x30 && code <= 0x39) {
    value = DIGIT;
  } else if (code === AT || code === 0x24) {
    value = SYMBOL;
  } else if (code > 0x7f && (code < 0xd800 || code > 0xdfff)) {
    value = /\p{L}/u.test(String.fromCharCode(code)) ? LETTER : 4;
  }
  CLASS[code] = value;
  return value;
}

/** A growable set of parallel typed arrays; two are reused across calls (single-threaded). */
class UnitBuffer {
  codes = new Uint16Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  soft = new Uint8Array(1024);
  length = 0;

  reset(capacity: number): void {
    // Grow for long texts; shrink again afterwards so one huge comment doesn't pin its memory.
    const oversized = this.codes.length > 65_536 && capacity < this.codes.length / 4;
    if (this.codes.length < capacity || oversized) {
      const size = oversized ? Math.max(1024, capacity) : Math.max(capacity, this.codes.length * 2);
      this.codes = new Uint16Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.soft = new Uint8Array(size);
    }
    this.length = 0;
  }

  push(code: number, start: number, end: number, soft: number): void {
    if (this.length === this.codes.length) {
      const keep = this.length;
      const old = { codes: this.codes, starts: this.starts, ends: this.ends, soft: this.soft };
      this.reset(keep * 2);
      this.codes.set(old.codes);
      this.starts.set(old.starts);
      this.ends.set(old.ends);
      this.soft.set(old.soft);
      this.length = keep;
    }
    const at = this.length;
    this.codes[at] = code;
    this.starts[at] = start;
    this.ends[at] = end;
    this.soft[at] = soft;
    this.length = at + 1;
  }
}

const units = new UnitBuffer();
const out = new UnitBuffer();

function pushString(folded: string, start: number, end: number): void {
  for (let k = 0; k < folded.length; k += 1) {
    units.push(folded.charCodeAt(k), start, end, 0);
  }
}

/** Pass 1: fold every code point; combining marks join the previous unit (a + ̈ becomes "ae"). */
function foldUnits(input: string): void {
  units.reset(input.length * 2 + 8);
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      units.push(code >= 0x41 && code <= 0x5a ? code + 32 : code, i, i + 1, 0);
      i += 1;
      continue;
    }
    const point = input.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    if (point >= 0x300 && point <= 0x36f && units.length > 0) {
      const last = units.length - 1;
      units.ends[last] = i + width;
      const prev = units.codes[last];
      if (point === 0x308 && (prev === 0x61 || prev === 0x6f || prev === 0x75)) {
        units.push(0x65, units.starts[last] ?? i, i + width, 0);
      }
    } else if (!ZERO_WIDTH.has(point)) {
      pushString(point < 0x250 ? (FOLD[point] ?? '') : foldSlow(point), i, i + width);
    }
    i += width;
  }
}

function isTokenCode(code: number): boolean {
  const kind = classOf(code);
  return kind === LETTER || kind === DIGIT || kind === SYMBOL;
}

function gapIs(from: number, to: number, allowed: ReadonlySet<number>): boolean {
  for (let i = from; i < to; i += 1) {
    if (!allowed.has(units.codes[i] ?? 0)) {
      return false;
    }
  }
  return true;
}

/** Emits one word: l33t undone when it has a letter, runs of 3+ equal letters collapsed. */
function emitWord(tokens: Int32Array, first: number, last: number, spaced: boolean): void {
  let hasLetter = false;
  for (let t = first; t <= last && !hasLetter; t += 1) {
    for (let i = tokens[2 * t] ?? 0; i < (tokens[2 * t + 1] ?? 0) && !hasLetter; i += 1) {
      hasLetter = classOf(units.codes[i] ?? 0) === LETTER;
    }
  }
  let previous = -1;
  let run = 0;
  let nextSoft = false;
  for (let t = first; t <= last; t += 1) {
    const from = tokens[2 * t] ?? 0;
    const to = tokens[2 * t + 1] ?? 0;
    for (let i = from; i < to; i += 1) {
      const raw = units.codes[i] ?? 0;
      const code = hasLetter && raw < 128 ? LEET[raw] || raw : raw;
      const soft = nextSoft || (!spaced && t > first && i === from);
      // "@stadt" is a mention as often as "@rsch" is l33t: matchable from both positions.
      nextSoft = hasLetter && raw === AT && t === first && i === from;
      const end = units.ends[i] ?? 0;
      if (!soft && code === previous && (code === ONE || classOf(code) === LETTER)) {
        run += 1;
        if (run === 3) {
          // Runs of 3+ ("Idiooot") collapse to one; doubles stay (Vollpfosten keeps its "ll").
          out.length -= 1;
        }
        if (run >= 3) {
          out.ends[out.length - 1] = end;
          continue;
        }
      } else {
        run = 1;
      }
      out.push(code, units.starts[i] ?? 0, end, soft ? 1 : 0);
      previous = code;
    }
  }
}

let tokenBuffer = new Int32Array(512);

/** Token boundaries as pairs [from, to) of unit indices; returns the number of tokens. */
function tokenise(): number {
  if (tokenBuffer.length < units.length + 2) {
    tokenBuffer = new Int32Array(units.length * 2 + 2);
  }
  let count = 0;
  let from = -1;
  for (let i = 0; i <= units.length; i += 1) {
    const inToken = i < units.length && isTokenCode(units.codes[i] ?? 0);
    if (inToken && from < 0) {
      from = i;
    } else if (!inToken && from >= 0) {
      tokenBuffer[2 * count] = from;
      tokenBuffer[2 * count + 1] = i;
      count += 1;
      from = -1;
    }
  }
  return count;
}

const UTF16 = new TextDecoder('utf-16le');

function toText(buffer: UnitBuffer): string {
  const codes = buffer.codes.subarray(0, buffer.length);
  // fromCharCode is much faster for comment-sized texts; the decoder avoids argument limits.
  return buffer.length < 2048
    ? String.fromCharCode.apply(null, codes as unknown as number[])
    : UTF16.decode(codes);
}

/** Plain arrays: per-call typed arrays (off-heap backing stores) measured slower here. */
function packOffsets(buffer: UnitBuffer) {
  const starts: number[] = [];
  const ends: number[] = [];
  const softBreaks: number[] = [];
  for (let i = 0; i < buffer.length; i += 1) {
    starts.push(buffer.starts[i] ?? 0);
    ends.push(buffer.ends[i] ?? 0);
    softBreaks.push(buffer.soft[i] ?? 0);
  }
  return { starts, ends, softBreaks };
}

/** Where the word starting at token t ends (inclusive token index), and whether it was spelled out. */
function wordEnd(tokens: Int32Array, t: number, count: number): number {
  // A run of >= 3 single-character tokens separated by 1-2 spacing characters is one word.
  let last = t;
  while (last + 1 < count) {
    const from = tokens[2 * last + 1] ?? 0;
    const to = tokens[2 * last + 2] ?? 0;
    const single = from - (tokens[2 * last] ?? 0) === 1 && (tokens[2 * last + 3] ?? 0) - to === 1;
    if (!single || to - from < 1 || to - from > 2 || !gapIs(from, to, SPACING)) {
      break;
    }
    last += 1;
  }
  if (last - t >= 2) {
    return -last - 1;
  }
  last = t;
  while (last + 1 < count) {
    const from = tokens[2 * last + 1] ?? 0;
    const to = tokens[2 * last + 2] ?? 0;
    if (to - from !== 1 || !gapIs(from, to, IN_WORD_SEPARATORS)) {
      break;
    }
    last += 1;
  }
  return last;
}

/** Runs the passes into the `out` buffer. */
function normaliseInto(input: string): void {
  foldUnits(input);
  const count = tokenise();
  const tokens = tokenBuffer;
  out.reset(units.length + 8);
  let t = 0;
  while (t < count) {
    const end = wordEnd(tokens, t, count);
    // A negative end marks a spelled-out word ("I d i o t"): no soft breaks inside.
    const spaced = end < 0;
    const last = spaced ? -end - 1 : end;
    if (out.length > 0) {
      const gapFrom = tokens[2 * t - 1] ?? 0;
      out.push(SPACE, units.starts[gapFrom] ?? 0, units.ends[(tokens[2 * t] ?? 1) - 1] ?? 0, 0);
    }
    emitWord(tokens, t, last, spaced);
    t = last + 1;
  }
}

/** Normalises a comment for matching, with offsets back to the original; linear in its length. */
export function normaliseText(input: string): NormalisedText {
  normaliseInto(input);
  return { text: toText(out), ...packOffsets(out) };
}

/** The text-only form (no offsets), for list terms, hashing and topic words. */
export function normaliseTerm(term: string): string {
  normaliseInto(term);
  return toText(out);
}

/** Maps a normalised range [start, end) back to the original text. */
export function toOriginalRange(
  normalised: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const last = Math.max(start, end - 1);
  return { start: normalised.starts[start] ?? 0, end: normalised.ends[last] ?? 0 };
}
