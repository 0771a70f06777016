import { describe, expect, it } from 'vitest';

import { classifyLinkedInResponse, linkedInNetworkFailure } from './linkedin.errors.ts';

describe('classifyLinkedInResponse', () => {
  it('decides by status and machine code, not by message', () => {
    const expired = { status: 401, code: 'EXPIRED_ACCESS_TOKEN', serviceErrorCode: 65600 };
    expect(
      classifyLinkedInResponse({ status: 401, body: expired, retryAfter: null }, 'rest', 'write'),
    ).toEqual({
      kind: 'auth-expired',
      platformCode: 'EXPIRED_ACCESS_TOKEN',
    });
    expect(
      classifyLinkedInResponse(
        { status: 401, body: { status: 401, serviceErrorCode: 65601 }, retryAfter: null },
        'rest',
        'read',
      ),
    ).toEqual({ kind: 'auth-expired', platformCode: 'service-65601' });
    // A message that mentions duplicates is not a DUPLICATE_POST code.
    expect(
      classifyLinkedInResponse(
        { status: 422, body: { status: 422, message: 'duplicate post' }, retryAfter: null },
        'rest',
        'write',
      ),
    ).toEqual({ kind: 'rejected', reason: 'duplicate post', platformCode: null });
  });

  it('reads Retry-After on 429 and treats invalid_client as the app’s problem', () => {
    expect(
      classifyLinkedInResponse({ status: 429, body: undefined, retryAfter: '7' }, 'rest', 'read'),
    ).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 7,
    });
    expect(
      classifyLinkedInResponse(
        {
          status: 401,
          body: { error: 'invalid_client', error_description: 'bad secret' },
          retryAfter: null,
        },
        'token',
        'read',
      ),
    ).toEqual({ kind: 'rejected', reason: 'bad secret', platformCode: 'oauth-invalid_client' });
  });

  it('rethrows programming errors instead of classifying them', () => {
    expect(() => linkedInNetworkFailure(new RangeError('bug'), 'write')).toThrow(RangeError);
  });
});
