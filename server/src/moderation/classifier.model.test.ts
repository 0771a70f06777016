import { readFileSync, statSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  classify,
  decodeModel,
  loadModel,
  quantiseWeights,
  scoreOffensive,
  WEIGHTS_FILE,
} from './classifier.model.ts';

describe('shipped offensive-language model', () => {
  it('loads, is small and was trained on GermEval', () => {
    const model = loadModel();
    expect(model.weights.length).toBe(1 << model.bits);
    expect(model.trainedOn).toContain('germeval2018');
    expect(statSync(WEIGHTS_FILE).size).toBeLessThan(5 * 1024 * 1024);
    expect(model.threshold).toBeGreaterThan(0);
    expect(model.threshold).toBeLessThan(1);
  });

  it('scores obvious insults above friendly questions', () => {
    const pairs: [string, string][] = [
      ['Du bist ein widerlicher Idiot', 'Vielen Dank für die Info zur Baustelle'],
      ['Halt die Fresse, du dummes Arschloch', 'Wann fährt die U14 wieder normal?'],
      ['Diese Volksverräter gehören alle weggesperrt, Pack!', 'Schöne Bilder vom Weindorf, danke!'],
      ['@user Du 1d10t', '@user Du Glückspilz'],
    ];
    for (const [offensive, harmless] of pairs) {
      expect(scoreOffensive(offensive)).toBeGreaterThan(scoreOffensive(harmless));
    }
    expect(classify('Du bist ein widerlicher Idiot').label).toBe('OFFENSE');
    expect(classify('Vielen Dank für die Info zur Baustelle').label).toBe('OTHER');
  });

  it('returns a probability for any input, including empty and huge texts', () => {
    for (const text of ['', ' ', '😡', '|LBR|', 'a'.repeat(100_000)]) {
      const score = scoreOffensive(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it('refuses damaged weight files', () => {
    const bytes = readFileSync(WEIGHTS_FILE);
    expect(() => decodeModel(bytes.subarray(0, 100))).toThrow();
    expect(() => decodeModel(Buffer.from('kein Modell'))).toThrow();
  });

  it('quantises to int8 with one scale', () => {
    const model = quantiseWeights(Float32Array.from([0.5, -1, 0.25, 0]), {
      bits: 2,
      bias: 0,
      threshold: 0.5,
      trainedOn: 'test',
    });
    expect(Array.from(model.weights)).toEqual([64, -127, 32, 0]);
    expect(model.scale).toBeCloseTo(1 / 127, 12);
  });
});
