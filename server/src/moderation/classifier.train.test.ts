import { describe, expect, it } from 'vitest';

import type { LabelledText } from './classifier.data.ts';
import { decodeModel, encodeModel, OffenseClassifier } from './classifier.model.ts';
import {
  assignFolds,
  crossValidate,
  DEFAULT_TRAIN_OPTIONS,
  prepareCorpus,
  seededRandom,
  trainModel,
} from './classifier.train.ts';

// Hand-written German examples (not from any corpus).
const OFFENSIVE = [
  'Du bist ein widerlicher Idiot',
  'Halt die Fresse, du Vollpfosten',
  'Was für ein dummes Arschloch',
  'Diese Schwachköpfe im Rathaus sind einfach nur Abschaum',
  'Verpiss dich, du Drecksack',
  'Ihr seid alle verlogene Idioten',
  'So ein hirnloser Trottel',
  'Du Missgeburt gehörst weggesperrt',
  'Was für eine peinliche Witzfigur, einfach nur widerlich',
  'Scheiß Politiker, alles Lügner und Verbrecher',
];

const HARMLESS = [
  'Vielen Dank für die Info zur Baustelle',
  'Wann fährt die Stadtbahn wieder nach Fahrplan?',
  'Schöne Bilder vom Frühlingsfest, danke!',
  'Wo kann ich meinen Personalausweis verlängern?',
  'Die Bibliothek hat heute bis 20 Uhr geöffnet',
  'Gibt es am Wochenende einen Flohmarkt im Westen?',
  'Danke für die schnelle Antwort, das hilft mir sehr',
  'Ist der Schlossgarten wegen des Sturms gesperrt?',
  'Tolle Aktion mit den neuen Fahrradständern',
  'Wie beantrage ich einen Anwohnerparkausweis?',
];

const TINY_CORPUS: readonly LabelledText[] = [
  ...OFFENSIVE.map((text): LabelledText => ({ text, label: 'OFFENSE', source: 'germeval' })),
  ...HARMLESS.map((text): LabelledText => ({ text, label: 'OTHER', source: 'germeval' })),
];

const TINY_OTHER_SOURCE: readonly LabelledText[] = [
  { text: 'Alle aus diesem Viertel sind faul', label: 'OFFENSE', source: 'gahd' },
  { text: 'Ich mag die Leute aus diesem Viertel', label: 'OTHER', source: 'gahd' },
];

const OPTIONS = { ...DEFAULT_TRAIN_OPTIONS, bits: 14, epochs: 6 };

describe('training', () => {
  it('is deterministic: the same seed gives byte-identical weights', () => {
    const corpus = prepareCorpus(TINY_CORPUS, OPTIONS.bits);
    const first = encodeModel(trainModel(corpus, OPTIONS, 0.5, 'test'));
    const second = encodeModel(
      trainModel(prepareCorpus(TINY_CORPUS, OPTIONS.bits), OPTIONS, 0.5, 'test'),
    );
    expect(first.equals(second)).toBe(true);
    const other = encodeModel(
      trainModel(corpus, { ...OPTIONS, seed: OPTIONS.seed + 1 }, 0.5, 'test'),
    );
    expect(first.equals(other)).toBe(false);
  });

  it('learns its training set and survives quantisation and encoding', () => {
    const corpus = prepareCorpus(TINY_CORPUS, OPTIONS.bits);
    const model = decodeModel(encodeModel(trainModel(corpus, OPTIONS, 0.5, 'test')));
    const classifier = new OffenseClassifier(model);
    for (const item of TINY_CORPUS) {
      expect(classifier.classify(item.text).label).toBe(item.label);
    }
  });

  it('keeps other sources out of the folds and stratifies GermEval rows', () => {
    const corpus = prepareCorpus([...TINY_CORPUS, ...TINY_OTHER_SOURCE], OPTIONS.bits);
    const folds = assignFolds(corpus, 5, 1);
    expect(Array.from(folds.slice(-2))).toEqual([-1, -1]);
    for (let fold = 0; fold < 5; fold++) {
      const rows = Array.from(folds.slice(0, 20)).flatMap((f, row) => (f === fold ? [row] : []));
      expect(rows.filter((row) => row < 10)).toHaveLength(2);
      expect(rows).toHaveLength(4);
    }
    const cv = crossValidate(corpus, OPTIONS, 5);
    expect(Number.isNaN(cv.probabilities[20] ?? 0)).toBe(true);
    expect(cv.atHalf.total).toBe(20);
  });

  it('uses a reproducible random sequence', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
