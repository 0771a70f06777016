import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runModerationCommand } from './moderation.cli.ts';

const OFFENSIVE = [
  'Du bist ein widerlicher Idiot',
  'Halt die Fresse, du Vollpfosten',
  'Was für ein dummes Arschloch',
  'Verpiss dich, du Drecksack',
  'So ein hirnloser Trottel',
  'Ihr seid alle verlogene Idioten',
];
const HARMLESS = [
  'Vielen Dank für die Info zur Baustelle',
  'Wann fährt die Stadtbahn wieder nach Fahrplan?',
  'Schöne Bilder vom Frühlingsfest, danke!',
  'Wo kann ich meinen Personalausweis verlängern?',
  'Die Bibliothek hat heute bis 20 Uhr geöffnet',
  'Ist der Schlossgarten wegen des Sturms gesperrt?',
];

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'moderation-cli-'));
  await mkdir(join(dir, 'germeval2018'));
  await mkdir(join(dir, 'gahd'));
  const tsv = [
    ...OFFENSIVE.map((t) => `${t}\tOFFENSE\tINSULT`),
    ...HARMLESS.map((t) => `${t}\tOTHER\tOTHER`),
    'kaputte Zeile ohne Label',
  ].join('\n');
  await writeFile(join(dir, 'germeval2018', 'germeval2018.training.txt'), tsv);
  await writeFile(
    join(dir, 'gahd', 'gahd-train-dev.csv'),
    'gahd_id,text,label,round,split,contrastive_gahd_id\ng1,"Die aus dem Viertel\nsind alle faul",1,R1,train,\ng2,"Nette Nachbarn, wirklich",0,R1,dev,g1\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stadtfunk moderation', () => {
  it('trains a weights file that eval then reads, ending with the score line', async () => {
    const weights = join(dir, 'weights.bin');
    const train = collector();
    expect(await runModerationCommand(['train'], { data: dir, out: weights }, train.io)).toBe(0);
    expect(train.out.join('\n')).toContain('12 Beispiele, 1 übersprungen');

    const evaluation = collector();
    const test = join(dir, 'germeval2018', 'germeval2018.training.txt');
    expect(await runModerationCommand(['eval'], { test, model: weights }, evaluation.io)).toBe(0);
    expect(evaluation.out.at(-1)).toBe('score: 100.00');
    expect(evaluation.out.join('\n')).toMatch(/OFFENSE: precision=100\.00 recall=100\.00/);
  });

  it('cross-validates model and baseline, with GAHD in training only', async () => {
    const cv = collector();
    expect(await runModerationCommand(['cv'], { data: dir, folds: '3', gahd: true }, cv.io)).toBe(
      0,
    );
    const text = cv.out.join('\n');
    expect(text).toContain('2 Beispiele, 0 übersprungen');
    expect(text).toContain('Wortlisten-Baseline');
    expect(text).toContain('(n=12)');
    expect(cv.out.at(-1)).toMatch(/^score: \d+\.\d\d$/);
  });

  it('evaluates GAHD CSV files too and refuses bad arguments', async () => {
    const gahd = collector();
    const test = join(dir, 'gahd', 'gahd-train-dev.csv');
    expect(await runModerationCommand(['eval'], { test }, gahd.io)).toBe(0);
    expect(gahd.out.join('\n')).toContain('(n=2)');

    const bad = collector();
    expect(await runModerationCommand(['cv'], { data: dir, folds: '1' }, bad.io)).toBe(2);
    expect(await runModerationCommand(['eval'], {}, bad.io)).toBe(2);
    expect(await runModerationCommand(['eval'], { test: join(dir, 'fehlt.txt') }, bad.io)).toBe(2);
    expect(await runModerationCommand(['train'], { data: join(dir, 'fehlt') }, bad.io)).toBe(2);
    expect(await runModerationCommand(['unbekannt'], {}, bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('Aufruf:');
  });
});
