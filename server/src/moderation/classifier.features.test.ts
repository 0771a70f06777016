import { describe, expect, it } from 'vitest';

import { FeatureExtractor, normaliseText, wordHash } from './classifier.features.ts';

describe('normalisation', () => {
  it('lower-cases, folds umlauts and replaces mentions, URLs and |LBR|', () => {
    expect(normaliseText('@Stadt_Stuttgart Größe ÜBER alles|LBR|https://t.co/abc  Ende')).toBe(
      '@user groesse ueber alles <url> ende',
    );
  });

  it('reads l33t and obfuscation as letters but leaves numbers alone', () => {
    expect(normaliseText('Du 1d10t, Schw@chkopf und A*schloch!!!!!')).toBe(
      'du idiot, schwachkopf und aschloch!!',
    );
    expect(normaliseText('Am 13.05.2018 um 10 Uhr, 10er-Karte')).toBe(
      'am 13.05.2018 um 10 uhr, 10er-karte',
    );
  });

  it('keeps emoji and drops hashtags signs', () => {
    expect(normaliseText('#Stuttgart21 toll 😡')).toBe('stuttgart21 toll 😡');
  });
});

describe('feature extraction', () => {
  it('emits the same indices for texts that normalise alike, different ones otherwise', () => {
    const extractor = new FeatureExtractor(16);
    const a = extractor.features.slice(0, extractor.extract('IDIOT!'));
    const b = extractor.features.slice(0, extractor.extract('1d10t!'));
    const c = extractor.features.slice(0, extractor.extract('Danke!'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a.every((i) => i >= 0 && i < 1 << 16)).toBe(true);
  });

  it('records word hashes that match wordHash', () => {
    const extractor = new FeatureExtractor();
    extractor.extract('Du Idiot 😡');
    expect(extractor.wordCount).toBe(3);
    expect(extractor.words[1]).toBe(wordHash('idiot'));
  });

  it('copes with empty and very long texts', () => {
    const extractor = new FeatureExtractor();
    expect(extractor.extract('')).toBeGreaterThanOrEqual(0);
    const long = 'Baustelle '.repeat(2000);
    expect(extractor.extract(long)).toBeGreaterThan(long.length);
  });
});
