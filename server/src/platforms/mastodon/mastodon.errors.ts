import {
  MastoDeserializeError,
  MastoHttpError,
  MastoTimeoutError,
  MastoUnexpectedError,
} from 'masto';

import { PlatformError } from '../connector.ts';
import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from '../failure.ts';
import type { RequestKind } from '../failure.ts';

/**
 * Mastodon's failures in the closed union, from the HTTP status and the structured parts of its
 * error body (`{ "error": "…", "details": { field: [{ "error": "ERR_…" }] } }`), never from the
 * message text. The message is only carried along as the human-readable reason.
 */

/** The first `details` code (ERR_TOO_LONG, ERR_BLANK, …) when Mastodon sent field errors. */
function detailCode(error: MastoHttpError): string | null {
  for (const entries of Object.values(error.details ?? {})) {
    const first = entries[0];
    if (first !== undefined) {
      return first.error;
    }
  }
  return null;
}

/**
 * Seconds to wait after a 429: Retry-After when present (proxies, the sandbox's fault injection),
 * else X-RateLimit-Reset, the only hint Mastodon's own throttle gives (an ISO timestamp).
 */
function retryAfterOf(error: MastoHttpError, now: Date): number | null {
  const headers = error.cause instanceof Response ? error.cause.headers : null;
  if (headers === null) {
    return null;
  }
  return (
    parseRetryAfter(headers.get('retry-after'), now) ??
    secondsUntilReset(headers.get('x-ratelimit-reset'), now)
  );
}

/**
 * Mastodon sends an ISO timestamp; compatible servers (GoToSocial) send Unix seconds, which
 * `parseRetryAfter` would take for a delay of fifty years.
 */
function secondsUntilReset(value: string | null, now: Date): number | null {
  if (value !== null && /^\d{9,}$/u.test(value.trim())) {
    return Math.max(0, Math.ceil(Number(value) - now.getTime() / 1000));
  }
  return parseRetryAfter(value, now);
}

export function classifyMastodonError(
  error: unknown,
  kind: RequestKind,
  now: Date = new Date(),
): PlatformFailure {
  if (error instanceof PlatformError) {
    return error.failure;
  }
  if (error instanceof MastoHttpError) {
    return classifyHttpFailure(
      {
        status: error.statusCode,
        platformCode: detailCode(error),
        retryAfterSeconds: retryAfterOf(error, now),
        reason: error.message,
      },
      kind,
    );
  }
  if (error instanceof MastoTimeoutError) {
    // The request went out; whether the instance acted on it is unknown.
    return kind === 'write'
      ? { kind: 'outcome-unknown' }
      : { kind: 'transient', platformCode: null };
  }
  if (error instanceof MastoUnexpectedError || error instanceof MastoDeserializeError) {
    // An answer masto cannot read (e.g. a proxy's HTML 502 page): the status code is lost, so a
    // write may or may not have happened.
    return kind === 'write'
      ? { kind: 'outcome-unknown' }
      : { kind: 'transient', platformCode: null };
  }
  const network = classifyNetworkFailure(error, kind);
  if (network !== null) {
    return network;
  }
  throw error;
}

/** Grace after masto's own timeout, which normally fires first. */
const DEADLINE_GRACE_MS = 250;

/**
 * masto's `timeout` is an `AbortSignal.timeout` inside `AbortSignal.any`, carried by a copied
 * Request; on Node 20 a garbage collection can drop that chain, and the call then hangs until the
 * server closes the socket (undici#4068). This deadline is held by a timer, so it always fires.
 */
export async function withDeadline<T>(call: PromiseLike<T>, timeoutMs: number | null): Promise<T> {
  if (timeoutMs === null) {
    return call;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new MastoTimeoutError('Request timed out'));
    }, timeoutMs + DEADLINE_GRACE_MS);
  });
  try {
    return await Promise.race([call, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs one API call and turns whatever it throws into a PlatformError (or rethrows a bug). */
export async function mastodonCall<T>(
  kind: RequestKind,
  call: () => PromiseLike<T>,
  timeoutMs: number | null = null,
): Promise<T> {
  try {
    return await withDeadline(call(), timeoutMs);
  } catch (error) {
    throw new PlatformError(classifyMastodonError(error, kind));
  }
}

/** Mastodon's 404 (`Record not found`): for a delete, the status is already gone. */
export function isMastodonNotFound(error: unknown): boolean {
  return error instanceof MastoHttpError && error.statusCode === 404;
}

/** Mastodon's 422 (a failed model validation such as StatusPinValidator, or `Duplicate record`). */
export function isMastodonUnprocessable(error: unknown): boolean {
  return error instanceof MastoHttpError && error.statusCode === 422;
}
