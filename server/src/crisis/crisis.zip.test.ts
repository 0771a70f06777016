import { describe, expect, it } from 'vitest';

import { buildZip } from '../../test/zip-factory.ts';
import { isZip, readZip } from './crisis.zip.ts';

describe('DWD ZIP archives', () => {
  it('reads stored and deflated entries through the central directory', () => {
    const zip = buildZip([
      { name: 'Z_CAP_C_EDZW_1.xml', text: '<alert>eins – Stuttgart</alert>' },
      { name: 'Z_CAP_C_EDZW_2.xml', text: '<alert>zwei</alert>', deflate: false },
    ]);
    expect(isZip(zip)).toBe(true);
    const result = readZip(zip);
    expect(result.ok && result.entries.map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['Z_CAP_C_EDZW_1.xml', '<alert>eins – Stuttgart</alert>'],
      ['Z_CAP_C_EDZW_2.xml', '<alert>zwei</alert>'],
    ]);
  });

  it('refuses truncated or foreign data with a reason and never throws', () => {
    const zip = buildZip([{ name: 'a.xml', text: '<alert/>'.repeat(100) }]);
    expect(isZip(Buffer.from('<alert/>'))).toBe(false);
    expect(readZip(Buffer.from('PK'))).toMatchObject({ ok: false });
    expect(readZip(zip.subarray(0, zip.length - 5))).toMatchObject({ ok: false });
    const broken = Buffer.from(zip);
    broken.fill(0xff, 30, 40);
    const result = readZip(broken);
    expect(result.ok).toBe(false);
    for (let cut = 0; cut < zip.length; cut += 7) {
      expect(() => readZip(zip.subarray(0, cut))).not.toThrow();
    }
  });
});
