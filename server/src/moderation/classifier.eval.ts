/**
 * Metrics as computed by GermEval 2018's evaluationScriptGermeval2018.pl: per-class precision and
 * recall, their macro averages, and the score = harmonic mean of macro-precision and macro-recall
 * (not the mean of per-class F1). A class never predicted has precision 0, as in the script.
 */
import type { OffenseLabel } from './classifier.data.ts';

export interface ClassMetrics {
  readonly label: OffenseLabel;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly support: number;
}

export interface Evaluation {
  readonly accuracy: number;
  readonly classes: readonly ClassMetrics[];
  readonly macroPrecision: number;
  readonly macroRecall: number;
  /** Harmonic mean of macro-precision and macro-recall, 0..1. */
  readonly score: number;
  readonly total: number;
}

const LABELS: readonly OffenseLabel[] = ['OFFENSE', 'OTHER'];

function ratio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

export function evaluate(
  gold: readonly OffenseLabel[],
  predicted: readonly OffenseLabel[],
): Evaluation {
  if (gold.length !== predicted.length) {
    throw new Error('gold and predicted differ in length');
  }
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === predicted[i]) {
      correct++;
    }
  }
  const classes = LABELS.map((label): ClassMetrics => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (gold[i] === label) {
        if (predicted[i] === label) {
          tp++;
        } else {
          fn++;
        }
      } else if (predicted[i] === label) {
        fp++;
      }
    }
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    return {
      label,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      support: tp + fn,
    };
  });
  const macroPrecision = classes.reduce((sum, c) => sum + c.precision, 0) / classes.length;
  const macroRecall = classes.reduce((sum, c) => sum + c.recall, 0) / classes.length;
  return {
    accuracy: ratio(correct, gold.length),
    classes,
    macroPrecision,
    macroRecall,
    score: ratio(2 * macroPrecision * macroRecall, macroPrecision + macroRecall),
    total: gold.length,
  };
}

function percent(value: number): string {
  return (value * 100).toFixed(2);
}

/** Lines in the order of the official script; the last line is `score: NN.NN`. */
export function formatEvaluation(evaluation: Evaluation): string[] {
  const lines = [`accuracy: ${percent(evaluation.accuracy)} (n=${evaluation.total})`];
  for (const c of evaluation.classes) {
    lines.push(
      `${c.label}: precision=${percent(c.precision)} recall=${percent(c.recall)} f1=${percent(c.f1)} support=${c.support}`,
    );
  }
  lines.push(
    `macro: precision=${percent(evaluation.macroPrecision)} recall=${percent(evaluation.macroRecall)}`,
  );
  lines.push(`score: ${percent(evaluation.score)}`);
  return lines;
}
