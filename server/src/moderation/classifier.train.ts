/**
 * Training of the hashed linear model: logistic regression with Adagrad, L2 and balanced class
 * weights, optionally over NB log-count-ratio scaled features (NB-LR, Wang & Manning 2012). Every
 * scaling is linear, so it folds into the one weight table the model ships. Deterministic: the
 * shuffle uses a seeded PRNG and the arithmetic is plain float32/float64.
 */
import type { LabelledText } from './classifier.data.ts';
import { evaluate } from './classifier.eval.ts';
import type { Evaluation } from './classifier.eval.ts';
import { DEFAULT_FEATURE_BITS, FeatureExtractor } from './classifier.features.ts';
import { quantiseWeights, sigmoid } from './classifier.model.ts';
import type { OffenseModel } from './classifier.model.ts';

export interface TrainOptions {
  readonly bits: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** NB log-count-ratio feature scaling; 0 disables it, otherwise the smoothing α. */
  readonly nbAlpha: number;
  readonly seed: number;
  /** Sample weight of rows not from GermEval (GAHD), whose notion of "hate" is narrower. */
  readonly otherSourceWeight: number;
  /** Models trained with different shuffles and averaged (a linear ensemble folds into one table). */
  readonly bags: number;
}

/** Chosen by 10-fold cross-validation on GermEval 2018 training data (see the module's report). */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  bits: 18,
  epochs: 10,
  learningRate: 0.1,
  l2: 1e-6,
  nbAlpha: 1,
  seed: 20180901,
  otherSourceWeight: 1,
  bags: 3,
};

/** Texts turned into feature indices once, so that epochs and folds only do arithmetic. */
export interface PreparedCorpus {
  readonly features: Int32Array[];
  readonly labels: Uint8Array;
  readonly fromGermEval: Uint8Array;
  readonly bits: number;
}

export interface LinearModel {
  readonly weights: Float32Array;
  readonly bias: number;
}

export function prepareCorpus(
  items: readonly LabelledText[],
  bits = DEFAULT_FEATURE_BITS,
): PreparedCorpus {
  const extractor = new FeatureExtractor(bits);
  const features = items.map((item) => extractor.features.slice(0, extractor.extract(item.text)));
  return {
    features,
    labels: Uint8Array.from(items, (item) => (item.label === 'OFFENSE' ? 1 : 0)),
    fromGermEval: Uint8Array.from(items, (item) => (item.source === 'germeval' ? 1 : 0)),
    bits,
  };
}

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(values: T[], random: () => number): T[] {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = values[i] as T;
    values[i] = values[j] as T;
    values[j] = tmp;
  }
  return values;
}

/** Log-count ratios r_f = log((p_f+α)/|p|) − log((q_f+α)/|q|) over document presence. */
function nbRatios(corpus: PreparedCorpus, rows: readonly number[], alpha: number): Float32Array {
  const size = 1 << corpus.bits;
  const positive = new Float32Array(size);
  const negative = new Float32Array(size);
  const seen = new Int32Array(size).fill(-1);
  for (const row of rows) {
    const target = corpus.labels[row] === 1 ? positive : negative;
    for (const f of corpus.features[row] ?? []) {
      if (seen[f] !== row) {
        seen[f] = row;
        target[f] = (target[f] ?? 0) + 1;
      }
    }
  }
  let sumP = 0;
  let sumQ = 0;
  for (let f = 0; f < size; f++) {
    sumP += (positive[f] ?? 0) + alpha;
    sumQ += (negative[f] ?? 0) + alpha;
  }
  const ratios = new Float32Array(size);
  for (let f = 0; f < size; f++) {
    ratios[f] =
      Math.log(((positive[f] ?? 0) + alpha) / sumP) - Math.log(((negative[f] ?? 0) + alpha) / sumQ);
  }
  return ratios;
}

/** The average of `bags` models that differ only in their shuffling seed. */
export function trainLinear(
  corpus: PreparedCorpus,
  rows: readonly number[],
  options: TrainOptions,
): LinearModel {
  const bags = Math.max(1, options.bags);
  const weights = new Float32Array(1 << corpus.bits);
  let bias = 0;
  for (let bag = 0; bag < bags; bag++) {
    const model = trainOne(corpus, rows, { ...options, seed: options.seed + bag * 7919 });
    for (let f = 0; f < weights.length; f++) {
      weights[f] = (weights[f] ?? 0) + (model.weights[f] ?? 0) / bags;
    }
    bias += model.bias / bags;
  }
  return { weights, bias };
}

/** Adagrad logistic regression on the given rows; class weights balance OFFENSE and OTHER. */
function trainOne(
  corpus: PreparedCorpus,
  rows: readonly number[],
  options: TrainOptions,
): LinearModel {
  const size = 1 << corpus.bits;
  const weights = new Float32Array(size);
  const squares = new Float32Array(size);
  const ratios = options.nbAlpha > 0 ? nbRatios(corpus, rows, options.nbAlpha) : undefined;
  let positives = 0;
  for (const row of rows) {
    positives += corpus.labels[row] ?? 0;
  }
  const classWeight = [
    rows.length / (2 * Math.max(1, rows.length - positives)),
    rows.length / (2 * Math.max(1, positives)),
  ];
  let bias = 0;
  let biasSquares = 0;
  const random = seededRandom(options.seed);
  const order = [...rows];
  const lr = options.learningRate;
  const l2 = options.l2;
  const scaleOf = ratios ?? new Float32Array(size).fill(1);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const row of order) {
      const feats = corpus.features[row] ?? new Int32Array(0);
      const label = corpus.labels[row] ?? 0;
      const count = feats.length;
      const norm = count > 0 ? 1 / Math.sqrt(count) : 0;
      let z = bias;
      for (let k = 0; k < count; k++) {
        const f = feats[k] as number;
        z += (weights[f] as number) * (scaleOf[f] as number);
      }
      z = bias + (z - bias) * norm;
      const sample = corpus.fromGermEval[row] === 1 ? 1 : options.otherSourceWeight;
      const g = (sigmoid(z) - label) * (classWeight[label] ?? 1) * sample;
      for (let k = 0; k < count; k++) {
        const f = feats[k] as number;
        const w = weights[f] as number;
        const grad = g * norm * (scaleOf[f] as number) + l2 * w;
        const s = (squares[f] as number) + grad * grad;
        squares[f] = s;
        weights[f] = w - (lr * grad) / Math.sqrt(s + 1e-8);
      }
      biasSquares += g * g;
      bias -= (lr * g) / Math.sqrt(biasSquares + 1e-8);
    }
  }
  if (ratios) {
    // Fold the NB scaling into the weights: the shipped model sees raw features.
    for (let f = 0; f < size; f++) {
      weights[f] = (weights[f] ?? 0) * (ratios[f] ?? 0);
    }
  }
  return { weights, bias };
}

export function scoreRow(model: LinearModel, feats: Int32Array): number {
  if (feats.length === 0) {
    return sigmoid(model.bias);
  }
  let sum = 0;
  for (const f of feats) {
    sum += model.weights[f] ?? 0;
  }
  return sigmoid(model.bias + sum / Math.sqrt(feats.length));
}

/** Stratified fold numbers for GermEval rows; other rows get -1 (always in training). */
export function assignFolds(corpus: PreparedCorpus, folds: number, seed: number): Int8Array {
  const assignment = new Int8Array(corpus.labels.length).fill(-1);
  const random = seededRandom(seed ^ 0x9e3779b9);
  for (const label of [0, 1]) {
    const rows: number[] = [];
    corpus.labels.forEach((l, row) => {
      if (l === label && corpus.fromGermEval[row] === 1) {
        rows.push(row);
      }
    });
    shuffleInPlace(rows, random).forEach((row, k) => {
      assignment[row] = k % folds;
    });
  }
  return assignment;
}

export interface CrossValidation {
  /** Out-of-fold probabilities for GermEval rows (NaN elsewhere). */
  readonly probabilities: Float64Array;
  readonly atHalf: Evaluation;
  readonly bestThreshold: number;
  readonly atBest: Evaluation;
}

export function crossValidate(
  corpus: PreparedCorpus,
  options: TrainOptions,
  folds = 10,
): CrossValidation {
  const assignment = assignFolds(corpus, folds, options.seed);
  const probabilities = new Float64Array(corpus.labels.length).fill(Number.NaN);
  for (let fold = 0; fold < folds; fold++) {
    const train: number[] = [];
    const test: number[] = [];
    assignment.forEach((a, row) => (a === fold ? test : train).push(row));
    const model = trainLinear(corpus, train, { ...options, seed: options.seed + fold });
    for (const row of test) {
      probabilities[row] = scoreRow(model, corpus.features[row] ?? new Int32Array(0));
    }
  }
  const gold: number[] = [];
  const probs: number[] = [];
  probabilities.forEach((p, row) => {
    if (!Number.isNaN(p)) {
      gold.push(corpus.labels[row] ?? 0);
      probs.push(p);
    }
  });
  const atHalf = evaluateAt(gold, probs, 0.5);
  let bestThreshold = 0.5;
  let atBest = atHalf;
  for (let t = 0.2; t <= 0.8001; t += 0.01) {
    const e = evaluateAt(gold, probs, t);
    if (e.score > atBest.score) {
      atBest = e;
      bestThreshold = Math.round(t * 100) / 100;
    }
  }
  return { probabilities, atHalf, bestThreshold, atBest };
}

export function evaluateAt(
  gold: readonly number[],
  probs: readonly number[],
  threshold: number,
): Evaluation {
  return evaluate(
    gold.map((g) => (g === 1 ? 'OFFENSE' : 'OTHER')),
    probs.map((p) => (p >= threshold ? 'OFFENSE' : 'OTHER')),
  );
}

/** Trains on every row and quantises; `threshold` comes from cross-validation. */
export function trainModel(
  corpus: PreparedCorpus,
  options: TrainOptions,
  threshold: number,
  trainedOn: string,
): OffenseModel {
  const rows = Array.from(corpus.labels, (_, row) => row);
  const linear = trainLinear(corpus, rows, options);
  return quantiseWeights(linear.weights, {
    bits: corpus.bits,
    bias: linear.bias,
    threshold,
    trainedOn,
  });
}
