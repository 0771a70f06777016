import { describe, expect, it } from 'vitest';

import {
  backoffSeconds,
  checkDelaySeconds,
  keyStillHonoured,
  nextAttemptAt,
} from './outbox.backoff.ts';
import { settledStatus } from './outbox.service.ts';

describe('outbox backoff', () => {
  it('doubles from 30 s and stops at 30 min, within ±10 % jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffSeconds(attempt, middle))).toEqual([
      30, 60, 120, 240, 480, 960, 1800, 1800,
    ]);
    expect(backoffSeconds(1, () => 0)).toBe(27);
    expect(backoffSeconds(1, () => 1)).toBe(33);
  });

  it('retries warnings in the priority lane from 2 s, capped at 2 min', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 6, 7, 8].map((attempt) => backoffSeconds(attempt, middle, true))).toEqual([
      2, 4, 8, 64, 120, 120,
    ]);
    const now = new Date('2026-11-26T10:00:00Z');
    expect(nextAttemptAt({ kind: 'transient', platformCode: null }, 1, now, middle, true)).toEqual(
      new Date('2026-11-26T10:00:02Z'),
    );
  });

  it("takes the platform's Retry-After over the backoff, even when it is shorter", () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(
      nextAttemptAt({ kind: 'rate-limited', retryAfterSeconds: 7 }, 5, now).toISOString(),
    ).toBe('2026-11-26T10:00:07.000Z');
    expect(
      nextAttemptAt({ kind: 'rate-limited', retryAfterSeconds: null }, 1, now, () => 0.5),
    ).toEqual(new Date('2026-11-26T10:00:30Z'));
  });

  it('checks pending posts after 5 s, then up to every 30 s', () => {
    expect([1, 2, 6, 7, 20].map(checkDelaySeconds)).toEqual([5, 10, 30, 30, 30]);
  });
});

describe('idempotency key lifetime', () => {
  it('trusts the key for 55 minutes after the first send, then falls back to the lookup', () => {
    const sent = { first_sent_at: new Date('2026-11-26T10:00:00Z') };
    expect(keyStillHonoured(true, { first_sent_at: null }, new Date())).toBe(true);
    expect(keyStillHonoured(true, sent, new Date('2026-11-26T10:54:59Z'))).toBe(true);
    expect(keyStillHonoured(true, sent, new Date('2026-11-26T10:55:00Z'))).toBe(false);
    expect(keyStillHonoured(false, sent, new Date('2026-11-26T10:00:01Z'))).toBe(false);
  });
});

describe('post settlement', () => {
  const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

  it('waits while any delivery is open, unconfirmed included', () => {
    expect(settledStatus(counts({ published: 3, queued: 1 }))).toBeUndefined();
    expect(settledStatus(counts({ published: 3, unconfirmed: 1 }))).toBeUndefined();
    expect(settledStatus(counts({ processing: 1 }))).toBeUndefined();
  });

  it('is published, partly failed or failed once all are terminal', () => {
    expect(settledStatus(counts({ published: 4 }))).toBe('published');
    expect(settledStatus(counts({ published: 2, cancelled: 1 }))).toBe('published');
    expect(settledStatus(counts({ published: 3, failed: 1 }))).toBe('partly-failed');
    expect(settledStatus(counts({ failed: 2 }))).toBe('failed');
    expect(settledStatus(counts({}))).toBeUndefined();
  });
});
