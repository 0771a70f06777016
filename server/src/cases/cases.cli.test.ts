import { describe, expect, it } from 'vitest';

import { testConfig } from '../../test/test-app.ts';
import { runCaseCommand } from './cases.cli.ts';

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('stadtfunk retention run / keys rotate', () => {
  it('previews, sweeps and rotates against the configured database', async () => {
    const config = await testConfig();
    const preview = collector();
    expect(
      await runCaseCommand(['retention', 'run'], { 'dry-run': true }, config, preview.io),
    ).toBe(0);
    expect(preview.out.at(-1)).toBe('Probelauf: 0 Fälle würden gelöscht. Nichts wurde gelöscht.');
    const sweep = collector();
    expect(await runCaseCommand(['retention', 'run'], {}, config, sweep.io)).toBe(0);
    expect(sweep.out.join()).toContain('Gelöscht: 0 von 0');
    const rotate = collector();
    expect(await runCaseCommand(['keys', 'rotate'], {}, config, rotate.io)).toBe(0);
    expect(rotate.out.join()).toContain('Fälle geprüft: 0');
    const unknown = collector();
    expect(await runCaseCommand(['keys', 'list'], {}, config, unknown.io)).toBe(2);
  }, 60_000);
});
