import { describe, expect, it } from 'vitest';

import { NETIQUETTE_RULE_IDS, STUTTGART_NETIQUETTE } from './netiquette.model.ts';
import { compileWordList, DEFAULT_WORD_LIST, matchWordList } from './wordlist.match.ts';
import type { WordListEntry } from './wordlist.match.ts';

const list = compileWordList(DEFAULT_WORD_LIST);
const terms = (text: string) => matchWordList(list, text).map((m) => m.term);
const spans = (text: string) => matchWordList(list, text).map((m) => text.slice(m.start, m.end));

describe('matchWordList with the default list', () => {
  it('finds plain insults case-insensitively with their rule and weight', () => {
    const [hit] = matchWordList(list, 'Der Bürgermeister ist ein IDIOT.');
    expect(hit).toMatchObject({ ruleId: NETIQUETTE_RULE_IDS.insult, term: 'Idiot', weight: 0.8 });
  });

  it('sees through obfuscation', () => {
    expect(terms('Du bist so ein I d 1 o t')).toEqual(['Idiot']);
    expect(terms('Was für ein Vollpf0sten im Rathaus')).toEqual(['Vollpfosten']);
    expect(terms('I.d.i.o.t')).toEqual(['Idiot']);
    expect(terms('Id-iot')).toEqual(['Idiot']);
    expect(terms('Idiooooot!')).toEqual(['Idiot']);
    expect(terms('Iddiot')).toEqual(['Idiot']);
    expect(terms('A.r.s.c.h.l.o.c.h')).toEqual(['Arschloch']);
    expect(terms('Blödmann und Bloedmann')).toEqual(['Blödmann', 'Blödmann']);
    expect(terms('Vo11pfosten')).toEqual(['Vollpfosten']);
    expect(terms('@rschloch')).toEqual(['Arschloch']);
    expect(terms('Du Hurens0hn')).toEqual(['Hurensohn']);
    expect(terms('S c h w u c h t e l')).toEqual(['Schwuchtel']);
    expect(terms('Wichser*innen')).toEqual(['Wichser']);
  });

  it('handles German inflection of whole words', () => {
    expect(terms('Lauter Idioten hier')).toEqual(['Idiot']);
    expect(terms('Die Idiotinnen und Idioten im Gemeinderat')).toEqual(['Idiot', 'Idiot']);
    expect(terms('Diese Deppen!')).toEqual(['Depp']);
  });

  it('matches stems at the start of compounds', () => {
    expect(spans('Diese Drecksstadt mit ihrer Drecksverwaltung')).toEqual([
      'Drecksstadt',
      'Drecksverwaltung',
    ]);
  });

  it('matches infix words at the end of compounds and after hyphens', () => {
    expect(spans('Nur Vollidioten planen so')).toEqual(['idioten']);
    expect(terms('Stadt-Idioten')).toEqual(['Idiot']);
  });

  it('avoids the Scunthorpe problem and harmless neighbours', () => {
    expect(terms('Marschall Barsch sagt harsch: Marschmusik am Marsch-Weg')).toEqual([]);
    expect(terms('Der Platz ist total dreckig')).toEqual([]);
    expect(terms('Das ist doch idiotisch geplant')).toEqual([]);
    expect(terms('Bombenstimmung beim Fest, die Fliegerbombe wurde entschärft')).toEqual([]);
    expect(terms('Die Baustelle bringt sie um den Schlaf')).toEqual([]);
    expect(terms('Bring sie um halb acht zum Bahnhof')).toEqual([]);
    expect(terms('Das Sommerfest war bombe!')).toEqual([]);
    expect(terms('Die Bombe aus dem Zweiten Weltkrieg wurde entschärft')).toEqual([]);
    expect(terms('Zum Idiotentest (MPU) muss ich morgen, Idiom und Idiotie')).toEqual([]);
    expect(terms('Der Penny am Marktplatz hat zu')).toEqual([]);
  });

  it('finds multi-word phrases and threat patterns', () => {
    expect(terms('Halt die Fresse!')).toEqual(['halt die fresse']);
    const [threat] = matchWordList(list, 'Pass auf, ich bringe dich um');
    expect(threat?.ruleId).toBe(NETIQUETTE_RULE_IDS.threat);
    expect(matchWordList(list, 'Wir machen euch alle kalt')[0]?.ruleId).toBe('bedrohung');
    expect(matchWordList(list, 'Im Rathaus liegt eine Bombe')[0]?.ruleId).toBe('bedrohung');
  });

  it('keeps one hit per start and rule, the strongest', () => {
    const hits = matchWordList(list, 'Arschloch');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.term).toBe('Arschloch');
  });

  it('returns offsets into the original text', () => {
    const text = 'Ärger? Ihr seid D e p p e n!';
    const [hit] = matchWordList(list, text);
    expect(hit && text.slice(hit.start, hit.end)).toBe('D e p p e n');
  });

  it('maps every default entry to an existing Netiquette rule', () => {
    const ids = new Set(STUTTGART_NETIQUETTE.map((rule) => rule.id));
    expect(DEFAULT_WORD_LIST.filter((entry) => !ids.has(entry.ruleId))).toEqual([]);
  });
});

describe('compileWordList', () => {
  const entry = (over: Partial<WordListEntry>): WordListEntry => ({
    term: 'x',
    kind: 'word',
    ruleId: 'beleidigung',
    weight: 0.5,
    ...over,
  });

  it('distinguishes word, stem and infix', () => {
    const compiled = compileWordList([
      entry({ term: 'Pfeife', kind: 'word' }),
      entry({ term: 'Schmutz', kind: 'stem' }),
      entry({ term: 'kopf', kind: 'stem', infix: true }),
    ]);
    const found = (text: string) => matchWordList(compiled, text).map((m) => m.term);
    expect(found('Pfeifen')).toEqual(['Pfeife']);
    expect(found('Pfeifenkopf')).toEqual(['kopf']);
    expect(found('Schmutzfink')).toEqual(['Schmutz']);
    expect(found('Erdschmutz')).toEqual([]);
  });

  it('rejects regexes that match the empty text and terms that vanish', () => {
    expect(() => compileWordList([entry({ term: 'a*', kind: 'regex' })])).toThrow(/empty/);
    expect(() => compileWordList([entry({ term: '!!!' })])).toThrow(/empty/);
    expect(() => compileWordList([entry({ term: '(', kind: 'regex' })])).toThrow();
  });

  it('matches nothing with an empty list', () => {
    expect(matchWordList(compileWordList([]), 'Idiot')).toEqual([]);
  });
});
