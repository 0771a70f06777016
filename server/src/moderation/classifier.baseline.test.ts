import { describe, expect, it } from 'vitest';

import { baselineClassify, baselineIsOffensive, baselineTokens } from './classifier.baseline.ts';

describe('word-list baseline', () => {
  it('finds insults inside compounds and behind l33t or umlauts', () => {
    expect(baselineIsOffensive('Diese Vollidioten wieder')).toBe(true);
    expect(baselineIsOffensive('Du 1d10t')).toBe(true);
    expect(baselineIsOffensive('So eine Scheiße')).toBe(true);
    expect(baselineIsOffensive('Halt die Fresse')).toBe(true);
    expect(baselineClassify('Volksverräter!')).toBe('OFFENSE');
  });

  it('leaves harmless words that merely contain a short insult alone', () => {
    expect(baselineIsOffensive('Der Schlossplatz ist wieder sauber')).toBe(false);
    expect(baselineIsOffensive('Ein Klassiker: irrelevant, aber schön')).toBe(false);
    expect(baselineClassify('Vielen Dank für die Info zur Baustelle')).toBe('OTHER');
  });

  it('matches short words only as whole tokens', () => {
    expect(baselineIsOffensive('Du Sau')).toBe(true);
    expect(baselineTokens('@Stadt Du  Sau! https://x.example')).toEqual([
      'user',
      'du',
      'sau',
      'url',
    ]);
  });
});
