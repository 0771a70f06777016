import { describe, expect, it } from 'vitest';

import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from './failure.ts';

const facts = (status: number) => ({
  status,
  platformCode: null,
  retryAfterSeconds: null,
  reason: 'r',
});

describe('classifyHttpFailure', () => {
  it('maps statuses for reads', () => {
    expect(classifyHttpFailure(facts(401)).kind).toBe('auth-expired');
    expect(classifyHttpFailure(facts(429)).kind).toBe('rate-limited');
    expect(classifyHttpFailure(facts(504)).kind).toBe('transient');
    expect(classifyHttpFailure(facts(422)).kind).toBe('rejected');
  });

  it('treats a gateway error on a write as an unknown outcome, a 503 as transient', () => {
    expect(classifyHttpFailure(facts(502), 'write').kind).toBe('outcome-unknown');
    expect(classifyHttpFailure(facts(504), 'write').kind).toBe('outcome-unknown');
    expect(classifyHttpFailure(facts(503), 'write').kind).toBe('transient');
  });
});

describe('classifyNetworkFailure', () => {
  const fetchFailure = (code: string): TypeError =>
    new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) });

  it('a connection that never opened is transient even for a write', () => {
    expect(classifyNetworkFailure(fetchFailure('ECONNREFUSED'), 'write')).toEqual({
      kind: 'transient',
      platformCode: 'ECONNREFUSED',
    });
    const aggregate = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })]),
    });
    expect(classifyNetworkFailure(aggregate, 'write')?.kind).toBe('transient');
  });

  it('a dropped connection or a timeout after sending is unknown for a write', () => {
    expect(classifyNetworkFailure(fetchFailure('UND_ERR_SOCKET'), 'write')).toEqual({
      kind: 'outcome-unknown',
    });
    expect(classifyNetworkFailure(new DOMException('t', 'TimeoutError'), 'write')).toEqual({
      kind: 'outcome-unknown',
    });
    expect(classifyNetworkFailure(fetchFailure('ECONNRESET'), 'read')?.kind).toBe('transient');
  });

  it('leaves programming errors alone', () => {
    expect(classifyNetworkFailure(new TypeError('x is not a function'), 'write')).toBeNull();
    expect(classifyNetworkFailure(new Error('boom'), 'read')).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and ISO timestamps', () => {
    const now = new Date('2026-07-01T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jul 2026 12:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('2026-07-01T12:05:00.000000Z', now)).toBe(300);
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
