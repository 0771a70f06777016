import { MastoHttpError, MastoTimeoutError, MastoUnexpectedError } from 'masto';
import { describe, expect, it } from 'vitest';

import { classifyMastodonError, mastodonCall, withDeadline } from './mastodon.errors.ts';

const now = new Date('2026-07-01T12:00:00Z');

function httpError(
  status: number,
  headers: Record<string, string> = {},
  extra: Partial<ConstructorParameters<typeof MastoHttpError>[0]> = {},
): MastoHttpError {
  return new MastoHttpError(
    { statusCode: status, message: 'Too many requests', ...extra },
    { cause: new Response(null, { status, headers }) },
  );
}

describe('classifyMastodonError', () => {
  it('reads the wait from X-RateLimit-Reset as ISO time or as Unix seconds', () => {
    const iso = httpError(429, { 'x-ratelimit-reset': '2026-07-01T12:03:00.000000Z' });
    expect(classifyMastodonError(iso, 'write', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 180,
    });
    const unix = httpError(429, { 'x-ratelimit-reset': String(now.getTime() / 1000 + 90) });
    expect(classifyMastodonError(unix, 'read', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 90,
    });
  });

  it('carries a field error code from `details` as the platform code', () => {
    const error = httpError(
      422,
      {},
      {
        message: 'Validation failed: Text is too long',
        details: { text: [{ error: 'ERR_TOO_LONG', description: 'is too long' }] },
      },
    );
    expect(classifyMastodonError(error, 'write', now)).toEqual({
      kind: 'rejected',
      reason: 'Validation failed: Text is too long',
      platformCode: 'ERR_TOO_LONG',
    });
  });

  it('an unreadable answer or a timeout leaves a write unknown and a read transient', () => {
    const unreadable = new MastoUnexpectedError('unknown encoding');
    expect(classifyMastodonError(unreadable, 'write', now)).toEqual({ kind: 'outcome-unknown' });
    expect(classifyMastodonError(new MastoTimeoutError('t'), 'read', now)).toEqual({
      kind: 'transient',
      platformCode: null,
    });
  });

  it('rethrows what is not a platform failure', () => {
    expect(() => classifyMastodonError(new RangeError('bug'), 'write', now)).toThrow(RangeError);
  });
});

describe('withDeadline', () => {
  it('ends a call that never settles, as a timeout masto would report', async () => {
    const hanging = new Promise<never>(() => undefined);
    await expect(withDeadline(hanging, 10)).rejects.toBeInstanceOf(MastoTimeoutError);
    await expect(mastodonCall('write', () => hanging, 10)).rejects.toMatchObject({
      failure: { kind: 'outcome-unknown' },
    });
  });

  it('passes a settled result through untouched', async () => {
    await expect(withDeadline(Promise.resolve(7), 10)).resolves.toBe(7);
    await expect(withDeadline(Promise.resolve(7), null)).resolves.toBe(7);
  });
});
