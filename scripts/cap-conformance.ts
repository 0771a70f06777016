// Runs `cap check` over a directory of real warning files (`npm run conformance:cap [dir]`)
// and prints a summary; default ../shared/data/cap, which exists in CI but not in a fresh clone.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { STUTTGART_AREA } from '../server/src/crisis/area.filter.ts';
import { checkCapFile } from '../server/src/crisis/cap.check.ts';

const directory = resolve(process.argv[2] ?? '../shared/data/cap');
if (!existsSync(directory)) {
  process.stderr.write(`Verzeichnis ${directory} fehlt – nichts zu prüfen.\n`);
  process.exit(process.argv[2] === undefined ? 0 : 2);
}

const files = (await readdir(directory)).filter((name) => /\.(xml|json|cap)$/i.test(name)).sort();
const rows: string[][] = [];
let parsed = 0;
let messages = 0;
let concerning = 0;
const refusals: string[] = [];
for (const name of files) {
  const line = await checkCapFile(join(directory, name), STUTTGART_AREA);
  if (!line.ok) {
    refusals.push(`${name}: ${line.error} – ${line.reason}`);
    rows.push([name, '–', 'abgelehnt', '', line.reason]);
    continue;
  }
  parsed++;
  if ('messages' in line) {
    const good = line.messages.filter((m) => 'identifier' in m);
    messages += good.length;
    const hits = good.filter((m) => m.concernsCity).length;
    concerning += hits;
    for (const m of line.messages) {
      if (!('identifier' in m)) {
        refusals.push(`${name} (Eintrag): ${m.error} – ${m.reason}`);
      }
    }
    const reasons = good.filter((m) => m.concernsCity).map((m) => `${m.identifier}: ${m.reason}`);
    rows.push([
      name,
      line.format,
      `${good.length}/${line.count} Meldungen`,
      `${hits}`,
      reasons.join('; '),
    ]);
  } else if ('items' in line) {
    messages += line.count;
    rows.push([name, line.format, `${line.count} Einträge`, 'n/a', line.reason]);
  } else {
    messages++;
    concerning += line.concernsCity ? 1 : 0;
    rows.push([
      name,
      line.format,
      `${line.msgType} ${line.status}`,
      line.concernsCity ? 'ja' : 'nein',
      line.reason,
    ]);
  }
}

const header = ['Datei', 'Format', 'Inhalt', 'Stuttgart', 'Begründung'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const render = (row: readonly string[]) =>
  row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
process.stdout.write(`${render(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`);
for (const row of rows) {
  process.stdout.write(`${render(row)}\n`);
}
process.stdout.write(
  `\nDateien: ${files.length}, gelesen: ${parsed}, Meldungen: ${messages}, betreffen Stuttgart: ${concerning}, abgelehnt: ${refusals.length}\n`,
);
for (const refusal of refusals) {
  process.stdout.write(`  abgelehnt: ${refusal}\n`);
}
process.exitCode = refusals.length > 0 ? 1 : 0;
