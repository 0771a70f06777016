import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fixture } from './crisis.fixtures.ts';
import { STUTTGART_AREA } from './area.filter.ts';
import { checkCapText, cityAreaFromOptions, runCapCommand } from './cap.check.ts';

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('checkCapText', () => {
  it('summarises a DWD message with languages, codes and the Stuttgart decision', () => {
    const line = checkCapText('dwd.xml', fixture('dwd-gewitter-update-MUL.xml'), STUTTGART_AREA);
    expect(line).toMatchObject({
      ok: true,
      format: 'cap-xml',
      sender: 'opendata@dwd.de',
      msgType: 'Update',
      languages: ['de-DE', 'en', 'tr'],
      event: 'UNWETTER',
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Likely',
      areaCodes: { ars: [], warncellids: ['808111000', '808116081'], other: [] },
      concernsCity: true,
      reason: 'WARNCELLID 808111000 gehört zum Stadtgebiet',
    });
  });

  it('nests feed items and flags a dashboard as fetched per ARS', () => {
    const feed = checkCapText('feed.json', fixture('mowas-feed-stuttgart.json'), STUTTGART_AREA);
    expect(feed).toMatchObject({ ok: true, format: 'bbk-json-feed', count: 3, concernsCity: true });
    const dashboard = checkCapText(
      'd.json',
      fixture('nina-dashboard-stuttgart.json'),
      STUTTGART_AREA,
    );
    expect(dashboard).toMatchObject({
      ok: true,
      format: 'nina-dashboard',
      count: 2,
      concernsCity: null,
      skipped: 1,
    });
    const details = checkCapText('n.json', fixture('nina-details-mowas.json'), STUTTGART_AREA);
    expect(details).toMatchObject({ ok: true, format: 'nina-details', concernsCity: true });
  });

  it('refuses garbage with a reason', () => {
    expect(checkCapText('x', 'hallo', STUTTGART_AREA)).toEqual({
      file: 'x',
      ok: false,
      error: 'not-cap',
      reason: 'Weder XML noch JSON',
    });
    expect(checkCapText('x', '{"a":1}', STUTTGART_AREA)).toMatchObject({
      ok: false,
      error: 'not-cap',
    });
  });
});

describe('cityAreaFromOptions', () => {
  it('defaults to Stuttgart and validates flags', () => {
    expect(cityAreaFromOptions({})).toEqual({
      ok: true,
      value: { ars: '081110000000', warnCellIds: ['808111000', '108111000'] },
    });
    expect(cityAreaFromOptions({ warncell: ['808111000,108111000', '708111001'] })).toMatchObject({
      ok: true,
      value: { warnCellIds: ['808111000', '108111000', '708111001'] },
    });
    expect(cityAreaFromOptions({ ars: '08111000000' }).ok).toBe(false);
    expect(cityAreaFromOptions({ outline: '48.7,9.0 48.8,9.0' }).ok).toBe(false);
  });
});

describe('runCapCommand', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stadtfunk-cap-'));
    await writeFile(join(dir, 'dwd.xml'), fixture('dwd-gewitter-update-MUL.xml'));
    await writeFile(join(dir, 'kaputt.xml'), '<alert><identifier>x');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one JSON line per file and exits 1 when one was refused', async () => {
    const run = collector();
    const files = ['dwd.xml', 'kaputt.xml', 'fehlt.xml'].map((f) => join(dir, f));
    expect(await runCapCommand(['check', ...files], {}, run.io)).toBe(1);
    const lines = run.out.map((l) => JSON.parse(l) as { ok: boolean; error?: string });
    expect(lines.map((l) => [l.ok, l.error])).toEqual([
      [true, undefined],
      [false, 'malformed-syntax'],
      [false, 'unreadable'],
    ]);
  });

  it('exits 0 when all files parse, 2 on usage errors', async () => {
    expect(
      await runCapCommand(['check', join(dir, 'dwd.xml')], { ars: '081110000000' }, collector().io),
    ).toBe(0);
    expect(await runCapCommand(['check'], {}, collector().io)).toBe(2);
    expect(await runCapCommand(['check', 'x'], { ars: 'abc' }, collector().io)).toBe(2);
  });
});
