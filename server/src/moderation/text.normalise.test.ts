import { describe, expect, it } from 'vitest';

import { normaliseTerm, normaliseText, toOriginalRange } from './text.normalise.ts';

describe('normaliseText', () => {
  it('lower-cases and folds umlauts and ß so both spellings meet', () => {
    expect(normaliseTerm('Ärger über Straße')).toBe('aerger ueber strasse');
    expect(normaliseTerm('Aerger ueber Strasse')).toBe('aerger ueber strasse');
    expect(normaliseTerm('A\u0308rger')).toBe('aerger');
    expect(normaliseTerm('Café Élysée')).toBe('cafe elysee');
  });

  it('applies NFKC to full-width and mathematical letters', () => {
    expect(normaliseTerm('ｉｄｉｏｔ')).toBe('idiot');
    expect(normaliseTerm('𝐃𝐞𝐩𝐩')).toBe('depp');
  });

  it('undoes l33t inside words but keeps plain numbers', () => {
    expect(normaliseTerm('Vollpf0sten')).toBe('vollpfosten');
    expect(normaliseTerm('$ch31ße')).toBe('sche1sse');
    expect(normaliseTerm('Bus 42 um 0711')).toBe('bus 42 um 0711');
  });

  it('joins spaced, dotted and hyphenated letters', () => {
    expect(normaliseTerm('Du I d i o t')).toBe('du idiot');
    expect(normaliseTerm('I.d.i.o.t')).toBe('idiot');
    expect(normaliseTerm('I. D. I. O. T.')).toBe('idiot');
    expect(normaliseTerm('Id-iot')).toBe('idiot');
    expect(normaliseTerm('I d 1 o t')).toBe('id1ot');
  });

  it('marks word parts after a removed separator as soft breaks', () => {
    const n = normaliseText('Voll-Idiot');
    expect(n.text).toBe('vollidiot');
    expect(Array.from(n.softBreaks).indexOf(1)).toBe(4);
    expect(Array.from(normaliseText('I d i o t').softBreaks)).toEqual([0, 0, 0, 0, 0]);
  });

  it('removes zero-width characters and soft hyphens', () => {
    expect(normaliseTerm('Id\u200Bi\u00ADot')).toBe('idiot');
  });

  it('collapses runs of three or more equal letters but keeps doubles', () => {
    expect(normaliseTerm('Idiooooot!!!')).toBe('idiot');
    expect(normaliseTerm('Vollpfosten')).toBe('vollpfosten');
  });

  it('reduces punctuation and whitespace between words to one space', () => {
    expect(normaliseTerm('  Hallo,   Stuttgart!  Wie geht’s?')).toBe('hallo stuttgart wie gehts');
  });

  it('maps normalised ranges back to the original text', () => {
    const original = 'Du bist ein I d 1 o t, ehrlich.';
    const n = normaliseText(original);
    const at = n.text.indexOf('id1ot');
    const range = toOriginalRange(n, at, at + 5);
    expect(original.slice(range.start, range.end)).toBe('I d 1 o t');
    const umlaut = 'Großer Ärger';
    const m = normaliseText(umlaut);
    const r = toOriginalRange(m, m.text.indexOf('aerger'), m.text.length);
    expect(umlaut.slice(r.start, r.end)).toBe('Ärger');
  });

  it('returns an empty result for empty or separator-only text', () => {
    expect(normaliseText('').text).toBe('');
    expect(normaliseText(' !?… ').text).toBe('');
  });
});
