/**
 * Team-maintained word lists, compiled once into two tries (word-start anchored and infix) plus the
 * few regex entries, matched on the normalised text. 'word' matches a whole word with German
 * inflection suffixes; 'stem' matches the start of a word or compound ("Drecks" in
 * "Drecksverwaltung"). Both are anchored at a word start unless marked infix, so "arsch" never
 * hits "Marschall" or "Barsch" (the Scunthorpe problem).
 */
import { NETIQUETTE_RULE_IDS } from './netiquette.model.ts';
import { normaliseTerm, normaliseText, toOriginalRange } from './text.normalise.ts';
import type { NormalisedText } from './text.normalise.ts';

export type WordListKind = 'word' | 'stem' | 'regex';

export interface WordListEntry {
  /** For 'regex': a JavaScript pattern over the normalised text (lower case, ae/oe/ue/ss). */
  readonly term: string;
  readonly kind: WordListKind;
  readonly ruleId: string;
  /** 0..1: how strongly one hit speaks for a violation of the rule. */
  readonly weight: number;
  /** Also match inside a word: a 'word' then ends a compound ("Vollidiot"), a 'stem' sits anywhere. */
  readonly infix?: boolean;
}

export interface WordListMatch {
  readonly ruleId: string;
  /** The list term as written in the list, never the text that matched. */
  readonly term: string;
  readonly weight: number;
  /** Offsets in the original text. */
  readonly start: number;
  readonly end: number;
}

interface TrieNode {
  /** Char code of the edge into this node (-1 at the root). */
  readonly code: number;
  readonly children: Map<number, TrieNode>;
  readonly terminals: number[];
}

export interface CompiledWordList {
  readonly entries: readonly WordListEntry[];
  readonly anchored: TrieNode;
  readonly infix: TrieNode;
  /** Per char code: 1 if an anchored term can start with it, 2 if an infix term can, 3 both. */
  readonly starters: Uint8Array;
  readonly regexes: readonly { readonly entry: number; readonly pattern: RegExp }[];
}

/** Common German inflection suffixes after a 'word' term (Idiot-en, Idiot-in, Idiot-innen …). */
const SUFFIXES = ['innen', 'ern', 'ens', 'en', 'er', 'es', 'em', 'in', 'e', 'n', 's'];
/** Longest stretch of text one walk may consume; bounds the cost per start position. */
const MAX_WALK = 80;
const ONE = 0x31;
const LOWER_I = 0x69;
const LOWER_L = 0x6c;
const SPACE = 0x20;

function newNode(code: number): TrieNode {
  return { code, children: new Map(), terminals: [] };
}

function insert(root: TrieNode, term: string, entry: number): void {
  let node = root;
  for (let i = 0; i < term.length; i += 1) {
    const code = term.charCodeAt(i);
    let child = node.children.get(code);
    if (!child) {
      child = newNode(code);
      node.children.set(code, child);
    }
    node = child;
  }
  node.terminals.push(entry);
}

/** Builds the matcher once; throws on an empty term or a regex that can match the empty string. */
export function compileWordList(entries: readonly WordListEntry[]): CompiledWordList {
  const anchored = newNode(-1);
  const infix = newNode(-1);
  const regexes: { entry: number; pattern: RegExp }[] = [];
  entries.forEach((entry, index) => {
    if (entry.kind === 'regex') {
      const pattern = new RegExp(entry.term, 'gu');
      if (new RegExp(`^(?:${entry.term})$`, 'u').test('')) {
        throw new Error(`Word-list entry ${index}: the pattern matches the empty text.`);
      }
      regexes.push({ entry: index, pattern });
      return;
    }
    const term = normaliseTerm(entry.term);
    if (term.length === 0) {
      throw new Error(`Word-list entry ${index}: the term is empty after normalisation.`);
    }
    insert(entry.infix === true ? infix : anchored, term, index);
  });
  const starters = new Uint8Array(0x10000);
  for (const [root, flag] of [
    [anchored, 1],
    [infix, 2],
  ] as const) {
    for (const code of root.children.keys()) {
      starters[code] = (starters[code] ?? 0) | flag;
    }
    if (root.children.has(LOWER_I) || root.children.has(LOWER_L)) {
      starters[ONE] = (starters[ONE] ?? 0) | flag;
    }
  }
  return { entries, anchored, infix, starters, regexes };
}

/** '1' stands for i or l in l33t; the normaliser keeps it so both readings can be tried. */
function sameLetter(textCode: number, termCode: number): boolean {
  return (
    textCode === termCode || (textCode === ONE && (termCode === LOWER_I || termCode === LOWER_L))
  );
}

interface Hit {
  entry: number;
  start: number;
  end: number;
}

function isWordEnd(n: NormalisedText, at: number): boolean {
  return at >= n.text.length || n.text.charCodeAt(at) === SPACE || n.softBreaks[at] === 1;
}

function isWordStart(n: NormalisedText, at: number): boolean {
  return at === 0 || n.text.charCodeAt(at - 1) === SPACE || n.softBreaks[at] === 1;
}

function wordEndFrom(n: NormalisedText, at: number): number {
  let end = at;
  while (!isWordEnd(n, end)) {
    end += 1;
  }
  return end;
}

/** Where a 'word' term ending before `at` may end: directly, or after one inflection suffix. */
function inflectedEnd(n: NormalisedText, at: number): number {
  if (isWordEnd(n, at)) {
    return at;
  }
  for (const suffix of SUFFIXES) {
    let ok = at + suffix.length <= n.text.length;
    for (let k = 0; ok && k < suffix.length; k += 1) {
      ok =
        sameLetter(n.text.charCodeAt(at + k), suffix.charCodeAt(k)) &&
        (k === 0 || n.softBreaks[at + k] !== 1);
    }
    if (ok && isWordEnd(n, at + suffix.length)) {
      return at + suffix.length;
    }
  }
  return -1;
}

/** The NFA's active trie nodes: two reused arrays with explicit counts, no allocation per step. */
let current: TrieNode[] = [];
let following: TrieNode[] = [];
let followingCount = 0;

function addState(next: TrieNode | undefined): void {
  if (!next) {
    return;
  }
  for (let i = 0; i < followingCount; i += 1) {
    if (following[i] === next) {
      return;
    }
  }
  following[followingCount] = next;
  followingCount += 1;
}

function step(node: TrieNode, code: number): void {
  addState(node.children.get(code));
  if (code === ONE) {
    addState(node.children.get(LOWER_I));
    addState(node.children.get(LOWER_L));
  }
  // A repeated letter ("Iddiot", "Arrsch") stays on the same node.
  if (node.code >= 0 && sameLetter(code, node.code)) {
    addState(node);
  }
}

function walk(
  list: CompiledWordList,
  root: TrieNode,
  n: NormalisedText,
  start: number,
  hits: Hit[],
): void {
  current[0] = root;
  let count = 1;
  let seen: number[] | null = null;
  const limit = Math.min(n.text.length, start + MAX_WALK);
  for (let at = start; at < limit && count > 0; at += 1) {
    const code = n.text.charCodeAt(at);
    if (code === SPACE && root === list.infix) {
      // Infix terms live inside one word; anchored ones may span words ("halt die fresse").
      break;
    }
    followingCount = 0;
    for (let i = 0; i < count; i += 1) {
      const state = current[i];
      if (state) {
        step(state, code);
      }
    }
    const swap = current;
    current = following;
    following = swap;
    count = followingCount;
    for (let i = 0; i < count; i += 1) {
      const terminals = current[i]?.terminals ?? [];
      for (const entryIndex of terminals) {
        if (seen?.includes(entryIndex)) {
          continue;
        }
        const entry = list.entries[entryIndex];
        let end = -1;
        if (entry?.kind === 'stem') {
          end = wordEndFrom(n, at + 1);
        } else if (entry?.kind === 'word') {
          end = inflectedEnd(n, at + 1);
        }
        if (end >= 0) {
          (seen ??= []).push(entryIndex);
          hits.push({ entry: entryIndex, start, end });
        }
      }
    }
  }
}

/** Matches an already normalised text (the pipeline normalises once for all stages). */
export function matchNormalised(list: CompiledWordList, n: NormalisedText): WordListMatch[] {
  const hits: Hit[] = [];
  const text = n.text;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === SPACE) {
      continue;
    }
    // Most positions cannot start any term: one table lookup instead of a walk.
    const starter = list.starters[code] ?? 0;
    if ((starter & 1) !== 0 && isWordStart(n, at)) {
      walk(list, list.anchored, n, at, hits);
    }
    if ((starter & 2) !== 0) {
      walk(list, list.infix, n, at, hits);
    }
  }
  for (const { entry, pattern } of list.regexes) {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      if (match[0].length > 0) {
        hits.push({ entry, start: match.index, end: match.index + match[0].length });
      }
    }
  }
  return dedupe(list, n, hits);
}

/** Keeps, per start position and rule, the strongest hit, so "arsch" and "arschloch" count once. */
function dedupe(list: CompiledWordList, n: NormalisedText, hits: readonly Hit[]): WordListMatch[] {
  if (hits.length === 0) {
    return [];
  }
  const best = new Map<string, { hit: Hit; entry: WordListEntry }>();
  for (const hit of hits) {
    const entry = list.entries[hit.entry];
    if (!entry) {
      continue;
    }
    const key = `${hit.start}:${entry.ruleId}`;
    const current = best.get(key);
    const better =
      !current ||
      entry.weight > current.entry.weight ||
      (entry.weight === current.entry.weight && hit.end > current.hit.end);
    if (better) {
      best.set(key, { hit, entry });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.hit.start - b.hit.start)
    .map(({ hit, entry }) => ({
      ruleId: entry.ruleId,
      term: entry.term,
      weight: entry.weight,
      ...toOriginalRange(n, hit.start, hit.end),
    }));
}

/** Finds all list entries in a comment; offsets refer to the original text. */
export function matchWordList(list: CompiledWordList, text: string): WordListMatch[] {
  return matchNormalised(list, normaliseText(text));
}

const R = NETIQUETTE_RULE_IDS;

/**
 * A small starting list, deliberately not exhaustive: the classifier covers the long tail, and the
 * team extends the list in the editor. Weights ≥ 0.8 hide on their own, 0.5–0.8 flag.
 */
export const DEFAULT_WORD_LIST: readonly WordListEntry[] = [
  { term: 'Idiot', kind: 'word', ruleId: R.insult, weight: 0.8, infix: true },
  { term: 'Depp', kind: 'word', ruleId: R.insult, weight: 0.7, infix: true },
  // 0.7: "trotteln" (to dawdle) is also a verb, so alone it only flags.
  { term: 'Trottel', kind: 'word', ruleId: R.insult, weight: 0.7, infix: true },
  { term: 'Vollpfosten', kind: 'word', ruleId: R.insult, weight: 0.8 },
  { term: 'Vollhorst', kind: 'word', ruleId: R.insult, weight: 0.7 },
  { term: 'Schwachkopf', kind: 'word', ruleId: R.insult, weight: 0.8 },
  { term: 'Dummkopf', kind: 'word', ruleId: R.insult, weight: 0.7 },
  { term: 'Hohlkopf', kind: 'word', ruleId: R.insult, weight: 0.7 },
  { term: 'Blödmann', kind: 'word', ruleId: R.insult, weight: 0.7 },
  { term: 'Blödmänner', kind: 'word', ruleId: R.insult, weight: 0.7 },
  { term: 'Dummschwätzer', kind: 'word', ruleId: R.insult, weight: 0.7, infix: true },
  { term: 'Versager', kind: 'word', ruleId: R.insult, weight: 0.6 },
  { term: 'Penner', kind: 'word', ruleId: R.insult, weight: 0.6 },
  { term: 'Arschloch', kind: 'word', ruleId: R.insult, weight: 0.9 },
  { term: 'Arsch', kind: 'stem', ruleId: R.insult, weight: 0.7 },
  { term: 'Wichser', kind: 'word', ruleId: R.insult, weight: 0.9 },
  { term: 'Hurensohn', kind: 'word', ruleId: R.insult, weight: 0.95, infix: true },
  { term: 'Schlampe', kind: 'word', ruleId: R.insult, weight: 0.9 },
  { term: 'Fotze', kind: 'word', ruleId: R.insult, weight: 0.95 },
  { term: 'Missgeburt', kind: 'word', ruleId: R.insult, weight: 0.95 },
  { term: 'Hackfresse', kind: 'word', ruleId: R.insult, weight: 0.85 },
  { term: 'Bastard', kind: 'word', ruleId: R.insult, weight: 0.8 },
  { term: 'Drecks', kind: 'stem', ruleId: R.insult, weight: 0.6 },
  { term: 'Scheiß', kind: 'stem', ruleId: R.insult, weight: 0.3 },
  { term: 'Spast', kind: 'word', ruleId: R.insult, weight: 0.85 },
  { term: 'Spasti', kind: 'word', ruleId: R.insult, weight: 0.85 },
  { term: 'halt die fresse', kind: 'word', ruleId: R.insult, weight: 0.8 },
  { term: 'verpiss dich', kind: 'word', ruleId: R.insult, weight: 0.8 },
  { term: 'Kanake', kind: 'word', ruleId: R.discrimination, weight: 0.95 },
  { term: 'Kanacke', kind: 'word', ruleId: R.discrimination, weight: 0.95 },
  { term: 'Neger', kind: 'word', ruleId: R.discrimination, weight: 0.95 },
  { term: 'Schwuchtel', kind: 'word', ruleId: R.discrimination, weight: 0.95 },
  { term: 'Untermensch', kind: 'stem', ruleId: R.discrimination, weight: 0.95 },
  { term: 'Kopftuchmädchen', kind: 'word', ruleId: R.discrimination, weight: 0.85 },
  { term: 'Zigeuner', kind: 'word', ruleId: R.discrimination, weight: 0.6 },
  { term: '\\bauslaender raus\\b', kind: 'regex', ruleId: R.discrimination, weight: 0.9 },
  // "Ich bring dich um", but not "bringt sie um den Schlaf" or "bring sie um halb acht hin".
  {
    term: `\\bbring\\w* (?:dich|euch|ihn|sie)(?: alle)? um\\b(?! (?:den|die|das|ihren?|seinen?|unseren?|euren?|halb|viertel|punkt|kurz|etwa|ca|circa|mitternacht|\\d+|eins?|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf)\\b)`,
    kind: 'regex',
    ruleId: R.threat,
    weight: 1,
  },
  {
    term: '\\b(?:mach|knall|schlag|stech|schiess)\\w* (?:dich|euch|ihn|sie)(?: alle)? (?:tot|ab|kalt|nieder)\\b',
    kind: 'regex',
    ruleId: R.threat,
    weight: 1,
  },
  // A bomb, but not the defused one from the war, nor the slang "das Fest war bombe". The
  // literal comes first so the regex engine can skip ahead; the word start is a lookbehind.
  {
    term: `bomben?\\b(?<![a-z0-9]bomben?)(?<!(?:entschaerf|blindgaenger|kampfmittel|weltkrieg|evakuier|19[34]\\d)\\D{0,60})(?<!\\b(?:ist|war|einfach|echt|voll|richtig|total|sowas von) bomben?)(?!.{0,60}(?:entschaerf|blindgaenger|kampfmittel|weltkrieg|evakuier|19[34]\\d))`,
    kind: 'regex',
    ruleId: R.threat,
    weight: 0.85,
  },
  { term: 'abstechen', kind: 'word', ruleId: R.threat, weight: 0.9 },
  { term: 'abknallen', kind: 'word', ruleId: R.threat, weight: 0.9 },
  { term: 'Kopfschuss', kind: 'word', ruleId: R.threat, weight: 0.85 },
  { term: 'Amoklauf', kind: 'word', ruleId: R.threat, weight: 0.8 },
  { term: '\\bin die luft (?:jagen|sprengen)\\b', kind: 'regex', ruleId: R.threat, weight: 0.85 },
  {
    term: '\\b(?:gehoer|muss|sollte)\\w* (?:man )?(?:alle )?(?:aufgehaengt|aufhaengen|erschossen|erschiessen|vergast)\\b',
    kind: 'regex',
    ruleId: R.threat,
    weight: 0.9,
  },
  { term: 'sieg heil', kind: 'word', ruleId: R.illegal, weight: 1 },
  { term: 'heil hitler', kind: 'word', ruleId: R.illegal, weight: 1 },
  { term: 'Judensau', kind: 'word', ruleId: R.illegal, weight: 1 },
];
