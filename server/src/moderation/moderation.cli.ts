/**
 * `stadtfunk moderation train|cv|eval`: trains the offensive-language model from GermEval 2018
 * (optionally plus GAHD), cross-validates it against the word-list baseline, and evaluates the
 * shipped or a given weights file on a labelled file. Reads files only: no database, no network.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { baselineClassify } from './classifier.baseline.ts';
import { readCorpusFile } from './classifier.data.ts';
import type { LabelledText } from './classifier.data.ts';
import { evaluate, formatEvaluation } from './classifier.eval.ts';
import { FeatureExtractor } from './classifier.features.ts';
import { encodeModel, loadModel, OffenseClassifier, WEIGHTS_FILE } from './classifier.model.ts';
import {
  assignFolds,
  crossValidate,
  DEFAULT_TRAIN_OPTIONS,
  prepareCorpus,
  trainModel,
} from './classifier.train.ts';
import type { TrainOptions } from './classifier.train.ts';

export interface ModerationOptions {
  readonly data?: string;
  readonly test?: string;
  readonly out?: string;
  readonly folds?: string;
  readonly model?: string;
  /** Also train on GAHD (data/gahd/gahd-train-dev.csv); folds still score GermEval only. */
  readonly gahd?: boolean;
}

export interface ModerationOutput {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = [
  'Aufruf:',
  '  stadtfunk moderation train --data <ordner|datei> [--gahd] [--out <datei>] [--folds 10]',
  '  stadtfunk moderation cv --data <ordner|datei> [--gahd] [--folds 10]',
  '  stadtfunk moderation eval --test <datei> [--model <datei>]',
].join('\n');

const GERMEVAL_PATH = join('germeval2018', 'germeval2018.training.txt');
const GAHD_PATH = join('gahd', 'gahd-train-dev.csv');

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function readTrainingData(
  options: ModerationOptions,
  io: ModerationOutput,
): Promise<LabelledText[] | undefined> {
  const data = options.data;
  if (data === undefined) {
    io.err('Bitte --data angeben.');
    return undefined;
  }
  const directory = await isDirectory(data);
  const files = directory ? [join(data, GERMEVAL_PATH)] : [data];
  if (directory && options.gahd === true) {
    files.push(join(data, GAHD_PATH));
  }
  const items: LabelledText[] = [];
  for (const file of files) {
    try {
      const read = await readCorpusFile(file);
      io.out(`${file}: ${read.items.length} Beispiele, ${read.skipped} übersprungen`);
      items.push(...read.items);
    } catch {
      io.err(`Datei nicht lesbar: ${file}`);
      return undefined;
    }
  }
  if (items.length === 0) {
    io.err('Keine Trainingsbeispiele gefunden.');
    return undefined;
  }
  return items;
}

function parseFolds(value: string | undefined, io: ModerationOutput): number | undefined {
  const folds = value === undefined ? 10 : Number(value);
  if (!Number.isInteger(folds) || folds < 2 || folds > 50) {
    io.err('--folds muss eine ganze Zahl zwischen 2 und 50 sein.');
    return undefined;
  }
  return folds;
}

function trainOptions(): TrainOptions {
  return DEFAULT_TRAIN_OPTIONS;
}

async function runCv(options: ModerationOptions, io: ModerationOutput): Promise<number> {
  const folds = parseFolds(options.folds, io);
  const items = await readTrainingData(options, io);
  if (folds === undefined || items === undefined) {
    return 2;
  }
  const train = trainOptions();
  const corpus = prepareCorpus(items, train.bits);
  const cv = crossValidate(corpus, train, folds);
  // The baseline has nothing to learn; it is scored on the same GermEval rows as the folds.
  const assignment = assignFolds(corpus, folds, train.seed);
  const scored = items.filter((_, row) => (assignment[row] ?? -1) >= 0);
  const extractor = new FeatureExtractor();
  const baseline = evaluate(
    scored.map((item) => item.label),
    scored.map((item) => baselineClassify(item.text, extractor)),
  );
  io.out(`Modell, ${folds}-fach kreuzvalidiert (Schwelle 0,5):`);
  for (const line of formatEvaluation(cv.atHalf)) {
    io.out(`  ${line}`);
  }
  io.out(
    `Modell mit Schwelle ${cv.bestThreshold.toFixed(2).replace('.', ',')} (auf denselben Folds gewählt, optimistisch):`,
  );
  io.out(`  score: ${(cv.atBest.score * 100).toFixed(2)}`);
  io.out('Wortlisten-Baseline auf denselben Texten:');
  for (const line of formatEvaluation(baseline)) {
    io.out(`  ${line}`);
  }
  io.out(`score: ${(cv.atHalf.score * 100).toFixed(2)}`);
  return 0;
}

async function runTrain(options: ModerationOptions, io: ModerationOutput): Promise<number> {
  const folds = parseFolds(options.folds, io);
  const items = await readTrainingData(options, io);
  if (folds === undefined || items === undefined) {
    return 2;
  }
  const train = trainOptions();
  const corpus = prepareCorpus(items, train.bits);
  // Cross-validation first, so every trained weights file comes with its honest score.
  const cv = crossValidate(corpus, train, folds);
  io.out(
    `${folds}-fach kreuzvalidiert: score ${(cv.atHalf.score * 100).toFixed(2)} (Schwelle 0,5)`,
  );
  const sources = options.gahd === true ? 'germeval2018+gahd' : 'germeval2018';
  const model = trainModel(corpus, train, 0.5, sources);
  const bytes = encodeModel(model);
  const out = options.out ?? fileURLToPath(WEIGHTS_FILE);
  await writeFile(out, bytes);
  io.out(`Gewichte geschrieben: ${out} (${bytes.length} Bytes)`);
  return 0;
}

async function runEval(options: ModerationOptions, io: ModerationOutput): Promise<number> {
  if (options.test === undefined) {
    io.err('Bitte --test angeben.');
    return 2;
  }
  let classifier: OffenseClassifier;
  let items: LabelledText[];
  try {
    classifier = new OffenseClassifier(loadModel(options.model ?? WEIGHTS_FILE));
  } catch {
    io.err('Gewichtsdatei nicht lesbar.');
    return 1;
  }
  try {
    const read = await readCorpusFile(options.test);
    io.out(`${options.test}: ${read.items.length} Beispiele, ${read.skipped} übersprungen`);
    items = read.items;
  } catch {
    io.err(`Datei nicht lesbar: ${options.test}`);
    return 2;
  }
  const evaluation = evaluate(
    items.map((item) => item.label),
    items.map((item) => classifier.classify(item.text).label),
  );
  for (const line of formatEvaluation(evaluation)) {
    io.out(line);
  }
  return 0;
}

export async function runModerationCommand(
  positionals: readonly string[],
  values: ModerationOptions,
  io: ModerationOutput,
): Promise<number> {
  const command = positionals[0];
  if (command === 'train') {
    return runTrain(values, io);
  }
  if (command === 'cv') {
    return runCv(values, io);
  }
  if (command === 'eval') {
    return runEval(values, io);
  }
  io.err(USAGE);
  return 2;
}
