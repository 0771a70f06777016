import { describe, expect, it } from 'vitest';

import { signedMediaUrl, verifyMediaSignature } from './media.signing.ts';

const config = { publicUrl: 'https://stadtfunk.example', sessionSecret: 'x'.repeat(48) };
const id = '0b7c6f0e-1111-4222-8333-944445555666';
const now = new Date('2026-11-26T10:00:00Z');
const inOneHour = new Date('2026-11-26T11:00:00Z');

function parts(url: string): { path: string; expires: number; sig: string } {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: Number(parsed.searchParams.get('expires')),
    sig: parsed.searchParams.get('sig') ?? '',
  };
}

describe('signed media URLs', () => {
  it('carries id, expiry and a signature that verifies', () => {
    const url = signedMediaUrl(config, id, inOneHour);
    const { path, expires, sig } = parts(url);
    expect(url.startsWith('https://stadtfunk.example/media/public/')).toBe(true);
    expect(path).toBe(`/media/public/${id}`);
    expect(expires).toBe(inOneHour.getTime() / 1000);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyMediaSignature(config.sessionSecret, id, expires, sig, now)).toBe('valid');
  });

  it('refuses an expired link', () => {
    const { expires, sig } = parts(signedMediaUrl(config, id, inOneHour));
    const later = new Date('2026-11-26T11:00:01Z');
    expect(verifyMediaSignature(config.sessionSecret, id, expires, sig, later)).toBe('expired');
  });

  it('refuses tampering with expiry, id, signature or key', () => {
    const { expires, sig } = parts(signedMediaUrl(config, id, inOneHour));
    const other = '0b7c6f0e-1111-4222-8333-944445555667';
    expect(verifyMediaSignature(config.sessionSecret, id, expires + 3600, sig, now)).toBe(
      'invalid',
    );
    expect(verifyMediaSignature(config.sessionSecret, other, expires, sig, now)).toBe('invalid');
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`;
    expect(verifyMediaSignature(config.sessionSecret, id, expires, flipped, now)).toBe('invalid');
    expect(verifyMediaSignature(config.sessionSecret, id, expires, 'zz', now)).toBe('invalid');
    expect(verifyMediaSignature('y'.repeat(48), id, expires, sig, now)).toBe('invalid');
  });
});
