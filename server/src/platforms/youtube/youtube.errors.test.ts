import { describe, expect, it } from 'vitest';

import {
  classifyGoogleResponse,
  googleNetworkFailure,
  secondsUntilPacificMidnight,
} from './youtube.errors.ts';

function googleBody(code: number, reason: string, message = 'message'): unknown {
  return { error: { code, message, errors: [{ domain: 'youtube.api', reason, message }] } };
}

describe('classifyGoogleResponse', () => {
  const now = new Date('2026-03-10T07:30:00Z');

  it('decides by reason code: quota, throttles, auth, backend', () => {
    const facts = (status: number, reason: string, retryAfter: string | null = null) => ({
      status,
      body: googleBody(status, reason),
      retryAfter,
    });
    expect(classifyGoogleResponse(facts(403, 'quotaExceeded'), 'api', 'write', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 84_600,
    });
    expect(
      classifyGoogleResponse(facts(403, 'rateLimitExceeded', '9'), 'api', 'read', now),
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: 9 });
    expect(classifyGoogleResponse(facts(403, 'userRateLimitExceeded'), 'api', 'read', now)).toEqual(
      { kind: 'rate-limited', retryAfterSeconds: null },
    );
    expect(classifyGoogleResponse(facts(401, 'authError'), 'api', 'read', now)).toEqual({
      kind: 'auth-expired',
      platformCode: 'authError',
    });
    expect(classifyGoogleResponse(facts(403, 'insufficientPermissions'), 'api', 'read')).toEqual({
      kind: 'auth-expired',
      platformCode: 'insufficientPermissions',
    });
    expect(classifyGoogleResponse(facts(503, 'backendError'), 'api', 'write')).toEqual({
      kind: 'transient',
      platformCode: 'backendError',
    });
    // A gateway error on a write says only that the proxy stopped waiting.
    expect(classifyGoogleResponse(facts(504, 'backendError'), 'api', 'write')).toEqual({
      kind: 'outcome-unknown',
    });
  });

  it('rejects refusals with a German reason and Google’s code, not by message text', () => {
    const limit = classifyGoogleResponse(
      { status: 400, body: googleBody(400, 'uploadLimitExceeded'), retryAfter: null },
      'api',
      'write',
    );
    expect(limit).toEqual({
      kind: 'rejected',
      reason: 'Der Kanal hat sein Upload-Limit bei YouTube erreicht.',
      platformCode: 'uploadLimitExceeded',
    });
    // A message that talks about quota is not a quotaExceeded reason.
    expect(
      classifyGoogleResponse(
        { status: 403, body: googleBody(403, 'forbidden', 'quota exceeded'), retryAfter: null },
        'api',
        'read',
      ),
    ).toMatchObject({ kind: 'rejected', platformCode: 'forbidden' });
  });

  it('treats invalid_grant as auth-expired and invalid_client as the app’s problem', () => {
    expect(
      classifyGoogleResponse(
        { status: 400, body: { error: 'invalid_grant' }, retryAfter: null },
        'token',
        'read',
      ),
    ).toEqual({ kind: 'auth-expired', platformCode: 'oauth-invalid_grant' });
    expect(
      classifyGoogleResponse(
        { status: 401, body: { error: 'invalid_client' }, retryAfter: null },
        'token',
        'read',
      ),
    ).toMatchObject({ kind: 'rejected', platformCode: 'oauth-invalid_client' });
  });

  it('rethrows programming errors instead of classifying them', () => {
    expect(() => googleNetworkFailure(new RangeError('bug'), 'write')).toThrow(RangeError);
  });
});

describe('secondsUntilPacificMidnight', () => {
  it('counts to the next midnight in Los Angeles, across daylight-saving switches', () => {
    // 23:00 PDT on 31 October 2026 → midnight PDT one hour later.
    expect(secondsUntilPacificMidnight(new Date('2026-11-01T06:00:00Z'))).toBe(3600);
    // 04:00 PST on 1 November 2026 (after fall-back) → midnight PST, 20 hours later.
    expect(secondsUntilPacificMidnight(new Date('2026-11-01T12:00:00Z'))).toBe(72_000);
    // 22:00 PST on 7 March 2026; the next day (8 March) loses an hour, but midnight comes first.
    expect(secondsUntilPacificMidnight(new Date('2026-03-08T06:00:00Z'))).toBe(7200);
    // 00:30 PST on 8 March 2026: the day has only 23 hours → 22.5 hours to go.
    expect(secondsUntilPacificMidnight(new Date('2026-03-08T08:30:00Z'))).toBe(81_000);
  });
});
