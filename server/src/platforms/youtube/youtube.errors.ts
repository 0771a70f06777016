import { z } from 'zod';

import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from '../failure.ts';
import type { RequestKind } from '../failure.ts';

/** Where a request went: a Google API (JSON error body) or the OAuth token endpoint (RFC 6749). */
export type GooglePhase = 'api' | 'token';

const errorBodySchema = z.object({
  error: z.union([
    z.object({
      code: z.number().optional(),
      message: z.string().optional(),
      status: z.string().optional(),
      errors: z
        .array(z.object({ domain: z.string().optional(), reason: z.string().optional() }))
        .optional(),
    }),
    z.string(),
  ]),
  error_description: z.string().optional(),
});

/** The project's daily quota: nothing works again before midnight Pacific time. */
const DAILY_QUOTA = new Set(['quotaExceeded', 'dailyLimitExceeded']);
/** Short-term throttles: retry with backoff (Retry-After when Google sends one). */
const THROTTLED = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED']);
/** The token is gone or lacks a scope: a person must connect the channel again. */
const AUTH = new Set(['authError', 'invalidCredentials', 'insufficientPermissions']);
const TRANSIENT = new Set(['backendError', 'internalError', 'serviceUnavailable']);

/** German reasons for the refusals an editor can act on; others carry Google's message. */
const REASONS: Readonly<Record<string, string>> = {
  invalidTitle: 'YouTube hat den Titel abgelehnt (leer, zu lang oder mit < >).',
  invalidDescription: 'YouTube hat die Beschreibung abgelehnt (zu lang oder mit < >).',
  invalidTags: 'YouTube hat die Schlagwörter abgelehnt (zusammen höchstens 500 Zeichen).',
  uploadLimitExceeded: 'Der Kanal hat sein Upload-Limit bei YouTube erreicht.',
  forbidden: 'YouTube verweigert diese Aktion für den verbundenen Kanal.',
  videoNotFound: 'Das Video gibt es bei YouTube nicht (mehr).',
  commentNotFound: 'Den Kommentar gibt es bei YouTube nicht (mehr).',
  parentCommentNotFound: 'Den Kommentar, auf den geantwortet werden soll, gibt es nicht (mehr).',
  operationNotSupported: 'YouTube unterstützt diese Aktion für diesen Kommentar nicht.',
};

const OAUTH_GRANT_ERRORS = new Set(['invalid_grant']);

export interface GoogleResponseFacts {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
}

/**
 * Classifies a Google answer by `error.errors[0].reason` (and HTTP status), never by message:
 * quotaExceeded → rate-limited until the quota resets; rate limits → rate-limited; authError /
 * 401 → auth-expired; backendError / 5xx → transient; other refusals → rejected with a reason.
 */
export function classifyGoogleResponse(
  facts: GoogleResponseFacts,
  phase: GooglePhase,
  kind: RequestKind,
  now: Date = new Date(),
): PlatformFailure {
  const parsed = errorBodySchema.safeParse(facts.body);
  const error = parsed.success ? parsed.data.error : undefined;
  if (typeof error === 'string') {
    const platformCode = `oauth-${error}`;
    if (phase === 'token' && facts.status < 500) {
      return OAUTH_GRANT_ERRORS.has(error)
        ? { kind: 'auth-expired', platformCode }
        : // invalid_client and friends: the app's credentials are wrong; an admin must act.
          {
            kind: 'rejected',
            reason: `Google hat die Anmeldedaten der App abgelehnt (${error}).`,
            platformCode,
          };
    }
    return classifyHttpFailure(
      { status: facts.status, platformCode, retryAfterSeconds: null, reason: error },
      kind,
    );
  }
  const reason = error?.errors?.[0]?.reason ?? error?.status ?? null;
  if (reason !== null && DAILY_QUOTA.has(reason)) {
    return { kind: 'rate-limited', retryAfterSeconds: secondsUntilPacificMidnight(now) };
  }
  if (reason !== null && THROTTLED.has(reason)) {
    return { kind: 'rate-limited', retryAfterSeconds: parseRetryAfter(facts.retryAfter, now) };
  }
  if (facts.status === 401 || (reason !== null && AUTH.has(reason))) {
    return { kind: 'auth-expired', platformCode: reason };
  }
  if (reason !== null && TRANSIENT.has(reason) && !(kind === 'write' && isGateway(facts))) {
    return { kind: 'transient', platformCode: reason };
  }
  const message = error?.message ?? `HTTP ${facts.status}`;
  return classifyHttpFailure(
    {
      status: facts.status,
      platformCode: reason,
      retryAfterSeconds: parseRetryAfter(facts.retryAfter, now),
      reason:
        (reason === null ? undefined : REASONS[reason]) ??
        `YouTube hat die Anfrage abgelehnt: ${message}`,
    },
    kind,
  );
}

function isGateway(facts: GoogleResponseFacts): boolean {
  return facts.status === 502 || facts.status === 504;
}

/** Maps a request that got no answer; programming errors are rethrown, not classified. */
export function googleNetworkFailure(error: unknown, kind: RequestKind): PlatformFailure {
  const failure = classifyNetworkFailure(error, kind);
  if (failure === null) {
    throw error;
  }
  return failure;
}

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Pacific wall-clock time of an instant, read as if it were UTC (ms). */
function pacificWallClock(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of PACIFIC.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') {
      parts[part.type] = Number(part.value);
    }
  }
  return Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
}

/**
 * Seconds until YouTube's daily quota resets: the next midnight in America/Los_Angeles, taking
 * daylight saving into account (the day before a switch has 23 or 25 hours).
 */
export function secondsUntilPacificMidnight(now: Date): number {
  const instant = now.getTime();
  const wall = new Date(pacificWallClock(instant));
  const nextMidnightWall = Date.UTC(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate() + 1,
  );
  // The offset at midnight itself may differ from now's; one correction step settles it.
  let target = nextMidnightWall - (pacificWallClock(instant) - instant);
  target = nextMidnightWall - (pacificWallClock(target) - target);
  return Math.max(1, Math.ceil((target - instant) / 1000));
}
