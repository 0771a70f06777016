import { describe, expect, it } from 'vitest';

import { classifyMetaResponse, retryHint } from './meta.errors.ts';

const body = (code: number, subcode?: number) => ({
  error: {
    message: 'whatever the text says, it is never read',
    type: 'OAuthException',
    code,
    ...(subcode === undefined ? {} : { error_subcode: subcode }),
    fbtrace_id: 'AbC',
  },
});

describe('classifyMetaResponse', () => {
  it.each([
    [400, body(190, 463), 'write', { kind: 'auth-expired', platformCode: '190/463' }],
    [400, body(102), 'read', { kind: 'auth-expired', platformCode: '102' }],
    [400, body(4), 'write', { kind: 'rate-limited', retryAfterSeconds: null }],
    [400, body(80007), 'read', { kind: 'rate-limited', retryAfterSeconds: null }],
    [500, body(1), 'write', { kind: 'transient', platformCode: '1' }],
    [400, body(2), 'read', { kind: 'transient', platformCode: '2' }],
    [503, null, 'read', { kind: 'transient', platformCode: null }],
    [504, null, 'write', { kind: 'outcome-unknown' }],
  ] as const)('%i %j (%s) → %j', (status, errorBody, kind, expected) => {
    expect(classifyMetaResponse({ status, body: errorBody, headers: new Headers() }, kind)).toEqual(
      expected,
    );
  });

  it.each([
    [403, 10],
    [401, 200],
    [400, 299],
  ])('a missing permission (%i, code %i) is rejected, not an expired login', (status, code) => {
    expect(
      classifyMetaResponse({ status, body: body(code), headers: new Headers() }, 'read'),
    ).toMatchObject({ kind: 'rejected', platformCode: String(code) });
  });

  it('100 is rejected with Meta’s message as the reason', () => {
    expect(
      classifyMetaResponse({ status: 400, body: body(100, 33), headers: new Headers() }, 'write'),
    ).toEqual({
      kind: 'rejected',
      reason: 'whatever the text says, it is never read',
      platformCode: '100/33',
    });
  });

  it('Instagram’s publishing-limit subcode is rate-limited', () => {
    expect(
      classifyMetaResponse(
        { status: 400, body: body(9, 2207042), headers: new Headers() },
        'write',
      ),
    ).toEqual({ kind: 'rate-limited', retryAfterSeconds: null });
  });

  it('80015 is outside the throttle range and stays a rejection', () => {
    expect(
      classifyMetaResponse({ status: 400, body: body(80015), headers: new Headers() }, 'read'),
    ).toMatchObject({ kind: 'rejected' });
  });
});

describe('retryHint', () => {
  it('takes the longest estimated_time_to_regain_access (minutes) from the BUC header', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1': [{ type: 'pages', estimated_time_to_regain_access: 3 }],
        '2': [{ type: 'instagram', estimated_time_to_regain_access: 7 }],
      }),
      'retry-after': '1',
    });
    expect(retryHint(headers)).toBe(420);
  });

  it('assumes the rolling hour when X-App-Usage is at 100 % and nothing else is said', () => {
    const full = JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 30 });
    expect(retryHint(new Headers({ 'x-app-usage': full }))).toBe(3600);
    expect(retryHint(new Headers({ 'x-app-usage': '{"call_count":40}' }))).toBeNull();
  });

  it('falls back to Retry-After, and to null for unreadable headers', () => {
    expect(retryHint(new Headers({ 'retry-after': '30' }))).toBe(30);
    expect(retryHint(new Headers({ 'x-business-use-case-usage': '{oops' }))).toBeNull();
  });
});
