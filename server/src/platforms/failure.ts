import type { PlatformFailure } from './connector.ts';

export interface HttpFailureFacts {
  readonly status: number;
  /** The platform's own machine-readable error code, parsed from its error body. */
  readonly platformCode: string | null;
  readonly retryAfterSeconds: number | null;
  readonly reason: string;
}

/**
 * Whether a request that got no usable answer may have changed something visible on the
 * platform. `read` covers GETs and uploads nobody sees until a post uses them.
 */
export type RequestKind = 'read' | 'write';

/**
 * Generic classification by HTTP status; connectors refine it with their platform's codes
 * (e.g. Meta 190 → auth-expired, 4/17/32/613 → rate-limited) before falling back to this.
 * For writes, a gateway error (502/504) says only that the proxy stopped waiting: the platform
 * may have acted (Mastodon's 504 race, mastodon#21840), so the outcome is unknown.
 */
export function classifyHttpFailure(
  facts: HttpFailureFacts,
  kind: RequestKind = 'read',
): PlatformFailure {
  if (facts.status === 401) {
    return { kind: 'auth-expired', platformCode: facts.platformCode };
  }
  if (facts.status === 429) {
    return { kind: 'rate-limited', retryAfterSeconds: facts.retryAfterSeconds };
  }
  if (kind === 'write' && (facts.status === 502 || facts.status === 504)) {
    return { kind: 'outcome-unknown' };
  }
  if (facts.status >= 500 || facts.status === 408) {
    return { kind: 'transient', platformCode: facts.platformCode };
  }
  return { kind: 'rejected', reason: facts.reason, platformCode: facts.platformCode };
}

/** Retry-After as seconds or HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null || value.trim() === '') {
    return null;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return Math.ceil(seconds);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

/**
 * Node/undici error codes raised before any byte of the request left this machine: the platform
 * cannot have acted, so even a write may simply be tried again.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function errorCode(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code } = error;
    return typeof code === 'string' ? code : null;
  }
  return null;
}

/** The first error code along the `cause` chain (and inside AggregateErrors), if any. */
function findErrorCode(error: unknown, depth = 0): string | null {
  if (depth > 5 || typeof error !== 'object' || error === null) {
    return null;
  }
  const own = errorCode(error);
  if (own !== null) {
    return own;
  }
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = findErrorCode(inner, depth + 1);
      if (code !== null) {
        return code;
      }
    }
  }
  return 'cause' in error ? findErrorCode(error.cause, depth + 1) : null;
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
  );
}

/**
 * Classifies a request that ended without an HTTP answer: a timeout, a refused or dropped
 * connection. Returns null when `error` is not such a network failure (a programming error must
 * surface, not be mistaken for a platform problem). Decided from error codes and types, never
 * from messages.
 */
export function classifyNetworkFailure(error: unknown, kind: RequestKind): PlatformFailure | null {
  const code = findErrorCode(error);
  if (code !== null && NOT_SENT_CODES.has(code)) {
    return { kind: 'transient', platformCode: code };
  }
  const timedOut = isTimeout(error) || (error instanceof Error && isTimeout(error.cause));
  // fetch() reports every transport failure as a TypeError whose cause carries the code.
  const transport = error instanceof TypeError && code !== null;
  if (!timedOut && !transport) {
    return null;
  }
  return kind === 'write' ? { kind: 'outcome-unknown' } : { kind: 'transient', platformCode: code };
}
