/**
 * `npm run bench:classifier`: throughput of the offensive-language classifier on one core
 * (comments/s), next to a plain `toLowerCase().split(' ')` loop over the same texts measured in
 * the same run, plus the shipped model's size. Budget: ≥ 20,000 comments/s.
 *
 * Options: --data=FILE (GermEval TSV or GAHD CSV; default: generated German comments),
 * --seconds=S per measurement (3).
 */
import { statSync } from 'node:fs';

import { readCorpusFile } from '../server/src/moderation/classifier.data.ts';
import { defaultClassifier, WEIGHTS_FILE } from '../server/src/moderation/classifier.model.ts';
import { seededRandom } from '../server/src/moderation/classifier.train.ts';

const BUDGET = 20_000;

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const OPENINGS = ['@stadt_stuttgart', '@OB_Stuttgart', 'Ehrlich gesagt', 'Mal ehrlich:', 'Hallo,'];
const MIDDLES = [
  'die Baustelle an der Hauptstätter Straße nervt seit Monaten',
  'danke für die schnelle Info zur Stadtbahn',
  'wer hat sich diesen Schwachsinn ausgedacht, ihr Idioten',
  'der Schlossgarten sieht nach dem Fest wieder super aus',
  'warum dauert ein Termin im Bürgerbüro sechs Wochen?',
  'diese Vollpfosten im Gemeinderat kapieren gar nichts 😡',
];
const ENDINGS = ['👍', '#Stuttgart', 'https://t.co/abc123', 'Grüße aus Feuerbach!', '!!!', ''];

function generatedComments(count: number): string[] {
  const random = seededRandom(7);
  const pick = (list: readonly string[]): string => list[Math.floor(random() * list.length)] ?? '';
  return Array.from({ length: count }, () => `${pick(OPENINGS)} ${pick(MIDDLES)} ${pick(ENDINGS)}`);
}

/** Runs `work` over all texts repeatedly for about `seconds`; returns texts per second. */
function measure(
  texts: readonly string[],
  seconds: number,
  work: (text: string) => number,
): number {
  let sink = 0;
  for (const text of texts.slice(0, 2000)) {
    sink += work(text);
  }
  let done = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (const text of texts) {
      sink += work(text);
    }
    done += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  if (Number.isNaN(sink)) {
    process.stdout.write('');
  }
  return done / elapsed;
}

const data = option('data');
const seconds = Number(option('seconds') ?? '3');
const texts =
  data === undefined
    ? generatedComments(5000)
    : (await readCorpusFile(data)).items.map((i) => i.text);
const averageLength = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
const classifier = defaultClassifier();

const split = measure(texts, seconds, (text) => text.toLowerCase().split(' ').length);
const model = measure(texts, seconds, (text) => classifier.score(text));
const fileBytes = statSync(WEIGHTS_FILE).size;

process.stdout.write(
  [
    `texts: ${texts.length} (${data ?? 'generated'}), mean length ${averageLength.toFixed(0)} characters`,
    `baseline toLowerCase().split(' '): ${split.toFixed(0)} comments/s`,
    `classifier scoreOffensive: ${model.toFixed(0)} comments/s (${((model / split) * 100).toFixed(1)} % of baseline; budget ${BUDGET})`,
    `model: ${fileBytes} bytes on disk (gzip), ${classifier.model.weights.byteLength} bytes of int8 weights in memory (2^${classifier.model.bits})`,
    `${model >= BUDGET ? 'OK' : 'UNDER BUDGET'}: ${model.toFixed(0)} comments/s on one core`,
    '',
  ].join('\n'),
);
