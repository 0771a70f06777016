import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { DecryptionError, encryptionKeyFrom, keyIdOf, open, seal } from './crypto.ts';

describe('encryption at rest', () => {
  const key = encryptionKeyFrom(randomBytes(32).toString('hex'));
  const other = encryptionKeyFrom(randomBytes(32).toString('hex'));

  it('round-trips with the sealing key and names it', () => {
    const sealed = seal('Zugangsdaten für @stadtstuttgart', key, 'channel:1');
    expect(sealed).not.toContain('Zugangsdaten');
    expect(keyIdOf(sealed)).toBe(key.id);
    expect(open(sealed, [other, key], 'channel:1')).toBe('Zugangsdaten für @stadtstuttgart');
  });

  it('refuses a wrong key, a different context and a tampered value', () => {
    const sealed = seal('geheim', key, 'channel:1');
    expect(() => open(sealed, [other], 'channel:1')).toThrow(DecryptionError);
    expect(() => open(sealed, [key], 'channel:2')).toThrow(DecryptionError);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('anders').toString('base64url');
    expect(() => open(parts.join('.'), [key], 'channel:1')).toThrow(DecryptionError);
    expect(() => open('kaputt', [key])).toThrow(DecryptionError);
  });

  it('uses a fresh IV each time', () => {
    expect(seal('x', key)).not.toBe(seal('x', key));
  });
});
