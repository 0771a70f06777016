import type { PlatformFailure } from '../platforms/connector.ts';
import type { OutboxItemRow } from './outbox.table.ts';

/** Attempts per delivery before Stadtfunk gives up and asks a person. */
export const MAX_ATTEMPTS = 8;
const BASE_SECONDS = 30;
const CAP_SECONDS = 30 * 60;
/** A warning cannot wait half a minute: the priority lane retries from 2 s, capped at 2 min. */
const URGENT_BASE_SECONDS = 2;
const URGENT_CAP_SECONDS = 120;

/** Status checks of a post the platform still processes (Instagram containers, videos). */
export const MAX_CHECKS = 20;

/**
 * Exponential backoff from 30 s, capped at 30 min, with ±10 % jitter so the many deliveries of
 * one busy minute do not all come back in the same second.
 */
export function backoffSeconds(
  attempt: number,
  random: () => number = Math.random,
  urgent = false,
): number {
  const [base, cap] = urgent
    ? [URGENT_BASE_SECONDS, URGENT_CAP_SECONDS]
    : [BASE_SECONDS, CAP_SECONDS];
  const plain = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(plain * (0.9 + 0.2 * random()));
}

/** When a retriable failure may be tried again: the platform's Retry-After wins. */
export function nextAttemptAt(
  failure: Extract<PlatformFailure, { kind: 'rate-limited' | 'transient' | 'outcome-unknown' }>,
  attempt: number,
  now: Date,
  random?: () => number,
  urgent = false,
): Date {
  const seconds =
    failure.kind === 'rate-limited' && failure.retryAfterSeconds !== null
      ? failure.retryAfterSeconds
      : backoffSeconds(attempt, random, urgent);
  return new Date(now.getTime() + seconds * 1000);
}

/** Seconds until the next status check: 5 s, growing to 30 s. */
export function checkDelaySeconds(check: number): number {
  return Math.min(30, 5 * check);
}

/** The machine-readable code worth storing and logging (never a platform's message). */
export function failureCode(failure: PlatformFailure): string | null {
  return 'platformCode' in failure ? failure.platformCode : null;
}

/**
 * Mastodon keeps an Idempotency-Key for one hour; the backoff can outlast that. After it, a
 * resend with the key proves nothing, so the lookup rule of platforms without a key applies.
 */
const IDEMPOTENCY_KEY_TTL_MS = 55 * 60_000;

export function keyStillHonoured(
  hasKey: boolean,
  item: Pick<OutboxItemRow, 'first_sent_at'>,
  now: Date,
): boolean {
  return (
    hasKey &&
    (item.first_sent_at === null ||
      now.getTime() - item.first_sent_at.getTime() < IDEMPOTENCY_KEY_TTL_MS)
  );
}
