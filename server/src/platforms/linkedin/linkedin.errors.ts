import { z } from 'zod';

import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from '../failure.ts';
import type { RequestKind } from '../failure.ts';

/**
 * Where a LinkedIn request went: the REST API (`/rest/*`, error body `status` / `code` /
 * `serviceErrorCode` / `message`) or the OAuth token endpoint (RFC 6749 `error`).
 */
export type LinkedInPhase = 'rest' | 'token';

const errorBodySchema = z.object({
  status: z.number().optional(),
  code: z.string().optional(),
  serviceErrorCode: z.number().optional(),
  message: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
type ErrorBody = z.infer<typeof errorBodySchema>;

/** OAuth errors for a spent, expired or foreign code or refresh token: a person must reconnect. */
const OAUTH_GRANT_ERRORS = new Set(['invalid_request', 'invalid_grant']);

export interface LinkedInResponseFacts {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
}

/**
 * Classifies an answer from LinkedIn by status and its machine codes, never by message text:
 * 401 (EXPIRED_ACCESS_TOKEN 65600, REVOKED_ACCESS_TOKEN 65601, …) → auth-expired; 429 →
 * rate-limited; 422 DUPLICATE_POST → rejected with that code; 5xx → transient, except a gateway
 * error on a post, whose outcome is unknown (failure.ts).
 */
export function classifyLinkedInResponse(
  facts: LinkedInResponseFacts,
  phase: LinkedInPhase,
  kind: RequestKind,
  now: Date = new Date(),
): PlatformFailure {
  const parsed = errorBodySchema.safeParse(facts.body);
  const body: ErrorBody = parsed.success ? parsed.data : {};
  const platformCode = platformCodeOf(body);
  const reason = describe(body, facts.status);
  if (phase === 'token' && body.error !== undefined && facts.status < 500) {
    return OAUTH_GRANT_ERRORS.has(body.error)
      ? { kind: 'auth-expired', platformCode }
      : // invalid_client and friends: the app's credentials are wrong; an admin must fix them.
        { kind: 'rejected', reason, platformCode };
  }
  return classifyHttpFailure(
    {
      status: facts.status,
      platformCode,
      retryAfterSeconds: parseRetryAfter(facts.retryAfter, now),
      reason,
    },
    kind,
  );
}

/** Maps a request that got no answer; programming errors are rethrown, not classified. */
export function linkedInNetworkFailure(error: unknown, kind: RequestKind): PlatformFailure {
  const failure = classifyNetworkFailure(error, kind);
  if (failure === null) {
    throw error;
  }
  return failure;
}

function platformCodeOf(body: ErrorBody): string | null {
  if (body.code !== undefined) {
    return body.code;
  }
  if (body.serviceErrorCode !== undefined) {
    return `service-${body.serviceErrorCode}`;
  }
  return body.error === undefined ? null : `oauth-${body.error}`;
}

function describe(body: ErrorBody, status: number): string {
  return body.message ?? body.error_description ?? `HTTP ${status}`;
}
