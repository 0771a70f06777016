import { describe, expect, it } from 'vitest';

import type { OffenseLabel } from './classifier.data.ts';
import { evaluate, formatEvaluation } from './classifier.eval.ts';

const O: OffenseLabel = 'OFFENSE';
const X: OffenseLabel = 'OTHER';

describe('GermEval score', () => {
  it('is the harmonic mean of macro-precision and macro-recall (hand-computed)', () => {
    // OFFENSE: tp 1, fp 0, fn 3 → P 1, R 1/4. OTHER: tp 6, fp 3, fn 0 → P 2/3, R 1.
    // macro-P 5/6, macro-R 5/8 → score 2·(5/6)·(5/8)/(5/6+5/8) = 5/7; the mean of F1s would be 0.6.
    const gold = [O, O, O, O, X, X, X, X, X, X];
    const predicted = [O, X, X, X, X, X, X, X, X, X];
    const result = evaluate(gold, predicted);
    expect(result.classes[0]).toMatchObject({
      label: 'OFFENSE',
      precision: 1,
      recall: 0.25,
      support: 4,
    });
    expect(result.classes[1]?.precision).toBeCloseTo(2 / 3, 12);
    expect(result.macroPrecision).toBeCloseTo(5 / 6, 12);
    expect(result.macroRecall).toBeCloseTo(5 / 8, 12);
    expect(result.score).toBeCloseTo(5 / 7, 12);
    expect(result.accuracy).toBeCloseTo(0.7, 12);
    expect(formatEvaluation(result).at(-1)).toBe('score: 71.43');
  });

  it('gives a never-predicted class precision 0, as the official script does', () => {
    const result = evaluate([O, X, X, X], [X, X, X, X]);
    expect(result.classes[0]?.precision).toBe(0);
    expect(result.macroPrecision).toBeCloseTo(0.375, 12);
    expect(result.macroRecall).toBeCloseTo(0.5, 12);
  });

  it('refuses lists of different length', () => {
    expect(() => evaluate([O], [])).toThrow();
  });
});
