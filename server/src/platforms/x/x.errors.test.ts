import { describe, expect, it } from 'vitest';

import { classifyXResponse } from './x.errors.ts';

const now = new Date('2026-03-01T12:00:00Z');
const nowSeconds = now.getTime() / 1000;

describe('classifying X error answers', () => {
  it('401 about:blank → auth-expired', () => {
    const body = {
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    };
    expect(classifyXResponse({ status: 401, body, headers: {} }, 'write', now)).toEqual({
      kind: 'auth-expired',
      platformCode: null,
    });
  });

  it('429 takes Retry-After when present, else the reset of the exhausted window', () => {
    const body = { title: 'Too Many Requests', type: 'about:blank', status: 429 };
    expect(
      classifyXResponse({ status: 429, body, headers: { 'retry-after': '7' } }, 'write', now),
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: 7 });
    const dayCapped = {
      'x-rate-limit-remaining': '99',
      'x-rate-limit-reset': String(nowSeconds + 900),
      'x-user-limit-24hour-remaining': '0',
      'x-user-limit-24hour-reset': String(nowSeconds + 3600),
    };
    expect(classifyXResponse({ status: 429, body, headers: dayCapped }, 'write', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 3600,
    });
    const windowCapped = {
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': String(nowSeconds + 120),
    };
    expect(classifyXResponse({ status: 429, body, headers: windowCapped }, 'write', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: 120,
    });
  });

  it('the monthly usage cap is a rate limit, known by its problem type', () => {
    const body = {
      title: 'UsageCapExceeded',
      type: 'https://api.twitter.com/2/problems/usage-capped',
      detail: 'Usage cap exceeded: Monthly product cap',
    };
    expect(classifyXResponse({ status: 429, body, headers: {} }, 'safe', now)).toEqual({
      kind: 'rate-limited',
      retryAfterSeconds: null,
    });
  });

  it('5xx → transient, even with an HTML body from a proxy', () => {
    expect(classifyXResponse({ status: 503, body: '<html>', headers: {} }, 'write', now)).toEqual({
      kind: 'transient',
      platformCode: null,
    });
  });

  it('a gateway error on a tweet may hide a stored tweet → outcome-unknown; elsewhere transient', () => {
    expect(classifyXResponse({ status: 504, body: '', headers: {} }, 'write', now)).toEqual({
      kind: 'outcome-unknown',
    });
    expect(classifyXResponse({ status: 502, body: '', headers: {} }, 'safe', now)).toEqual({
      kind: 'transient',
      platformCode: null,
    });
  });

  it('a v2 duplicate (about:blank) is rejected with X’s detail as the reason, no invented code', () => {
    const body = {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    };
    expect(classifyXResponse({ status: 403, body, headers: {} }, 'write', now)).toEqual({
      kind: 'rejected',
      reason: 'Forbidden – You are not allowed to create a Tweet with duplicate content.',
      platformCode: null,
    });
  });

  it('v1.1 codes decide where present: 187 duplicate, 88 rate limit, 89 token', () => {
    const v1 = (code: number) => ({ errors: [{ code, message: 'm' }] });
    expect(classifyXResponse({ status: 403, body: v1(187), headers: {} }, 'write', now)).toEqual({
      kind: 'rejected',
      reason: 'm',
      platformCode: 'duplicate-content',
    });
    expect(classifyXResponse({ status: 420, body: v1(88), headers: {} }, 'write', now).kind).toBe(
      'rate-limited',
    );
    expect(classifyXResponse({ status: 400, body: v1(89), headers: {} }, 'write', now)).toEqual({
      kind: 'auth-expired',
      platformCode: 'invalid-or-expired-token',
    });
  });

  it('an invalid-request problem is rejected with its slug and the parameter messages', () => {
    const body = {
      errors: [{ parameters: {}, message: 'Your Tweet text is too long.' }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    };
    expect(classifyXResponse({ status: 400, body, headers: {} }, 'write', now)).toEqual({
      kind: 'rejected',
      reason:
        'Invalid Request – One or more parameters to your request was invalid. – Your Tweet text is too long.',
      platformCode: 'invalid-request',
    });
  });

  it('a spent code or refresh token at the token endpoint → auth-expired', () => {
    const body = {
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    };
    expect(classifyXResponse({ status: 400, body, headers: {} }, 'token', now)).toEqual({
      kind: 'auth-expired',
      platformCode: 'oauth-invalid_request',
    });
    // Wrong app credentials are not fixed by reconnecting the channel.
    expect(
      classifyXResponse(
        { status: 401, body: { error: 'invalid_client' }, headers: {} },
        'token',
        now,
      ),
    ).toEqual({ kind: 'rejected', reason: 'HTTP 401', platformCode: 'oauth-invalid_client' });
  });
});
