import { z } from 'zod';

import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, parseRetryAfter } from '../failure.ts';
import type { RequestKind } from '../failure.ts';

/** Meta's one error body shape: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
const errorBodySchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/** 190: invalid or expired access token; 102: the session behind it is gone. */
const AUTH_CODES = new Set([102, 190]);
/** Application, user, page and custom throttles (platforms.md §4.3, Mixpost's list). */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const BUC_THROTTLE_FIRST = 80001;
const BUC_THROTTLE_LAST = 80014;
/**
 * Instagram's "publishing limit reached" on media_publish (code 9, subcode 2207042). Taken from
 * Instagram error-code listings, not verified against a live account; the connector reads
 * `content_publishing_limit` first, so this only covers a race with another publisher.
 */
const IG_PUBLISH_LIMIT_SUBCODE = 2207042;
/**
 * 10 and 200–299: the login lacks a permission (e.g. `read_insights`). The token still works for
 * everything else, so this is a rejection to show, not an expired login.
 */
const PERMISSION_CODE = 10;
const PERMISSION_FIRST = 200;
const PERMISSION_LAST = 299;
/** 1: unknown error, 2: service temporarily unavailable; Meta asks callers to retry both. */
const TRANSIENT_CODES = new Set([1, 2]);

export interface MetaResponseFacts {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

export function isThrottleCode(code: number): boolean {
  return THROTTLE_CODES.has(code) || (code >= BUC_THROTTLE_FIRST && code <= BUC_THROTTLE_LAST);
}

/** Classifies a Graph API error answer from the HTTP status and Meta's numeric codes only. */
export function classifyMetaResponse(
  facts: MetaResponseFacts,
  kind: RequestKind,
  now: Date = new Date(),
): PlatformFailure {
  const parsed = errorBodySchema.safeParse(facts.body);
  const error = parsed.success ? parsed.data.error : null;
  const code = error?.code ?? null;
  const platformCode =
    code === null
      ? null
      : error?.error_subcode === undefined
        ? String(code)
        : `${code}/${error.error_subcode}`;
  const reason = error?.message ?? `HTTP ${facts.status}`;

  if (code !== null && AUTH_CODES.has(code)) {
    return { kind: 'auth-expired', platformCode };
  }
  if (
    (code !== null && isThrottleCode(code)) ||
    error?.error_subcode === IG_PUBLISH_LIMIT_SUBCODE
  ) {
    return { kind: 'rate-limited', retryAfterSeconds: retryHint(facts.headers, now) };
  }
  if (
    code !== null &&
    (code === PERMISSION_CODE || (code >= PERMISSION_FIRST && code <= PERMISSION_LAST))
  ) {
    return { kind: 'rejected', reason, platformCode };
  }
  if (code !== null && TRANSIENT_CODES.has(code)) {
    return { kind: 'transient', platformCode };
  }
  // Meta answers almost every error with 400; its code, not the status, says what went wrong.
  // Code 100 (invalid parameter) and everything unknown fall through to a plain rejection.
  return classifyHttpFailure(
    {
      status: facts.status,
      platformCode,
      retryAfterSeconds: retryHint(facts.headers, now),
      reason,
    },
    kind,
  );
}

const appUsageSchema = z.object({
  call_count: z.number().optional(),
  total_cputime: z.number().optional(),
  total_time: z.number().optional(),
});
/** App-level usage is measured over a rolling hour: at 100 % the wait is at most that hour. */
const APP_USAGE_WINDOW_SECONDS = 3600;

const bucSchema = z.record(
  z.string(),
  z.array(z.object({ estimated_time_to_regain_access: z.number().optional() })),
);

/**
 * How long until Meta lets us in again. `X-Business-Use-Case-Usage` carries
 * `estimated_time_to_regain_access` in minutes per business object; Retry-After is a fallback
 * for proxies in front of the Graph API. Null when neither says anything.
 */
export function retryHint(headers: Headers, now: Date = new Date()): number | null {
  const buc = headers.get('x-business-use-case-usage');
  if (buc !== null) {
    try {
      const parsed = bucSchema.safeParse(JSON.parse(buc));
      if (parsed.success) {
        const minutes = Object.values(parsed.data)
          .flat()
          .map((entry) => entry.estimated_time_to_regain_access ?? 0);
        const longest = Math.max(0, ...minutes);
        if (longest > 0) {
          return longest * 60;
        }
      }
    } catch {
      // An unreadable header is no hint; fall back to Retry-After.
    }
  }
  const explicit = parseRetryAfter(headers.get('retry-after'), now);
  return explicit ?? (appUsageExhausted(headers) ? APP_USAGE_WINDOW_SECONDS : null);
}

function appUsageExhausted(headers: Headers): boolean {
  const raw = headers.get('x-app-usage');
  if (raw === null) {
    return false;
  }
  try {
    const parsed = appUsageSchema.safeParse(JSON.parse(raw));
    return (
      parsed.success &&
      [parsed.data.call_count, parsed.data.total_cputime, parsed.data.total_time].some(
        (percent) => (percent ?? 0) >= 100,
      )
    );
  } catch {
    return false;
  }
}
