/**
 * The shipped offensive-language model: one hashed linear model (int8 weights with a scale,
 * gzip-compressed) over the features of classifier.features.ts. Scoring hashes on the fly into
 * a reused buffer and sums weights, so the hot loop allocates nothing per comment.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

import { FeatureExtractor } from './classifier.features.ts';

export const WEIGHTS_FILE = new URL('./classifier.weights.bin', import.meta.url);
const MAGIC = 'SFOC';
const FORMAT_VERSION = 1;

export interface OffenseModelHeader {
  readonly version: number;
  readonly bits: number;
  /** Weight = int8 × scale. */
  readonly scale: number;
  readonly bias: number;
  /** Probability from which a text counts as OFFENSE (tuned by cross-validation). */
  readonly threshold: number;
  readonly trainedOn: string;
}

export interface OffenseModel extends OffenseModelHeader {
  readonly weights: Int8Array;
}

export interface OffenseClassification {
  readonly label: 'OFFENSE' | 'OTHER';
  /** Probability of OFFENSE, 0..1. */
  readonly score: number;
}

/** Quantises float weights to int8 with one scale; the largest weights are clipped at `clip`. */
export function quantiseWeights(
  weights: Float32Array,
  header: Omit<OffenseModelHeader, 'scale' | 'version'>,
  clip = 1,
): OffenseModel {
  let max = 0;
  for (const w of weights) {
    max = Math.max(max, Math.abs(w));
  }
  const scale = max > 0 ? (max * clip) / 127 : 1;
  const quantised = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round((weights[i] ?? 0) / scale);
    quantised[i] = Math.max(-127, Math.min(127, q));
  }
  return { ...header, version: FORMAT_VERSION, scale, weights: quantised };
}

/** Layout: gzip("SFOC", u32 header length, header JSON, int8 weights). */
export function encodeModel(model: OffenseModel): Buffer {
  const { weights, ...header } = model;
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  const body = Buffer.concat([
    head,
    json,
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength),
  ]);
  return gzipSync(body, { level: 9 });
}

export function decodeModel(bytes: Uint8Array): OffenseModel {
  const body = gunzipSync(bytes);
  if (body.toString('ascii', 0, 4) !== MAGIC) {
    throw new Error('Gewichtsdatei hat ein unbekanntes Format.');
  }
  const length = body.readUInt32LE(4);
  const header = JSON.parse(body.toString('utf8', 8, 8 + length)) as OffenseModelHeader;
  if (header.version !== FORMAT_VERSION || header.bits < 8 || header.bits > 26) {
    throw new Error('Gewichtsdatei hat eine nicht unterstützte Version.');
  }
  const start = 8 + length;
  const weights = new Int8Array(
    body.buffer.slice(body.byteOffset + start, body.byteOffset + body.length),
  );
  if (weights.length !== 1 << header.bits) {
    throw new Error('Gewichtsdatei ist unvollständig.');
  }
  return { ...header, weights };
}

export function loadModel(path: string | URL = WEIGHTS_FILE): OffenseModel {
  return decodeModel(readFileSync(path));
}

export class OffenseClassifier {
  readonly model: OffenseModel;
  private readonly extractor: FeatureExtractor;

  constructor(model: OffenseModel) {
    this.model = model;
    this.extractor = new FeatureExtractor(model.bits);
  }

  /** Probability 0..1 that `text` is offensive. */
  score(text: string): number {
    const count = this.extractor.extract(text);
    if (count === 0) {
      return sigmoid(this.model.bias);
    }
    const feats = this.extractor.features;
    const weights = this.model.weights;
    let sum = 0;
    for (let i = 0; i < count; i++) {
      sum += weights[feats[i] ?? 0] ?? 0;
    }
    return sigmoid(this.model.bias + (sum * this.model.scale) / Math.sqrt(count));
  }

  classify(text: string): OffenseClassification {
    const score = this.score(text);
    return { label: score >= this.model.threshold ? 'OFFENSE' : 'OTHER', score };
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

let shipped: OffenseClassifier | undefined;

/** The classifier with the shipped weights, loaded on first use. */
export function defaultClassifier(): OffenseClassifier {
  shipped ??= new OffenseClassifier(loadModel());
  return shipped;
}

export function scoreOffensive(text: string): number {
  return defaultClassifier().score(text);
}

export function classify(text: string): OffenseClassification {
  return defaultClassifier().classify(text);
}
