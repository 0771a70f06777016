import { describe, expect, it } from 'vitest';

import { offTopicSignal, spamSignals, textHash } from './spam.signals.ts';

const kinds = (text: string, recentHashes?: readonly string[]) =>
  spamSignals(text, recentHashes ? { recentHashes } : {}).map((signal) => signal.kind);
const score = (text: string, kind: string) =>
  spamSignals(text).find((signal) => signal.kind === kind)?.score ?? 0;

const POST =
  'Ab Montag wird die Königstraße zwischen Schlossplatz und Hauptbahnhof saniert. Die Bauarbeiten dauern voraussichtlich sechs Wochen, Umleitungen sind ausgeschildert.';

describe('spamSignals', () => {
  it('leaves an ordinary comment alone', () => {
    expect(spamSignals('Wie lange dauert die Sanierung der Königstraße genau?')).toEqual([]);
    expect(spamSignals('Mehr Infos: https://www.stuttgart.de/baustellen')).toEqual([]);
  });

  it('counts links and rises with their number', () => {
    const two = 'Schaut hier https://a.example/1 und https://b.example/2';
    const five =
      'https://a.example https://b.example https://c.example https://d.example www.e.example';
    expect(score(two, 'links')).toBeGreaterThan(0);
    expect(score(five, 'links')).toBeGreaterThan(score(two, 'links'));
  });

  it('notices link shorteners', () => {
    expect(kinds('Alles Weitere unter bit.ly/3xYz12')).toContain('shortener');
  });

  it('notices earning promises and crypto advertising, also with l33t', () => {
    const ad = 'Verdienen Sie 500€ am Tag von zu Hause aus mit Bitcoin! Link in Bio';
    expect(score(ad, 'promotion')).toBeGreaterThan(0.8);
    expect(kinds('Mit Kr1pt0 ... nein: mit Kryp7o reich werden')).toContain('promotion');
    expect(kinds('Die Bahn fährt 10 mal pro Tag')).not.toContain('promotion');
  });

  it('notices shouting only in longer texts and keeps it below hiding', () => {
    expect(kinds('DAS IST JA WOHL EINE FRECHHEIT MIT DIESER BAUSTELLE')).toContain('caps');
    expect(score('DAS IST JA WOHL EINE FRECHHEIT MIT DIESER BAUSTELLE', 'caps')).toBeLessThan(0.8);
    expect(kinds('DANKE SWR!')).toEqual([]);
  });

  it('notices repeated words and characters', () => {
    expect(kinds('kaufen kaufen kaufen kaufen jetzt')).toContain('repetition');
    expect(kinds('Neinnnnnnnnnnnn')).toContain('repetition');
    expect(kinds('Die Stadt, die Bahn und die Polizei')).not.toContain('repetition');
  });

  it('recognises the same text posted again, regardless of case and spacing', () => {
    const text = 'Besuchen Sie unseren Shop für günstige Fahrräder in Stuttgart';
    const recent = [textHash('BESUCHEN SIE UNSEREN SHOP FÜR GÜNSTIGE FAHRRÄDER IN STUTTGART')];
    expect(kinds(text, recent)).toContain('duplicate');
    expect(spamSignals(text, { recentHashes: new Set(recent) }).map((s) => s.kind)).toContain(
      'duplicate',
    );
    expect(kinds('Danke!', [textHash('Danke!')])).toEqual([]);
  });

  it('gives German reasons', () => {
    for (const signal of spamSignals('Verdienen Sie Geld: bit.ly/abc bit.ly/def')) {
      expect(signal.reason).toMatch(/^Der|^Derselbe/);
    }
  });
});

describe('offTopicSignal', () => {
  it('flags a long comment without any shared content word', () => {
    const signal = offTopicSignal(
      'Wann endlich kümmert sich jemand um die kaputten Laternen im Stadtteil Zuffenhausen, seit Monaten dunkel abends gefährlich',
      POST,
    );
    expect(signal?.kind).toBe('offtopic');
    expect(signal?.score).toBeGreaterThan(0.5);
    expect(signal?.score).toBeLessThan(0.8);
  });

  it('accepts comments that share the topic, also inflected', () => {
    expect(
      offTopicSignal(
        'Sechs Wochen Bauarbeiten in der Königstraße sind viel zu lang, was machen die Geschäfte solange ohne Kundschaft',
        POST,
      ),
    ).toBeNull();
  });

  it('never calls short replies off topic', () => {
    expect(offTopicSignal('Danke für die Info!', POST)).toBeNull();
    expect(offTopicSignal('Und was ist mit dem Marienplatz?', POST)).toBeNull();
  });
});
