import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { z } from 'zod';

import type { PlatformFailure } from '../connector.ts';
import { classifyHttpFailure, parseRetryAfter } from '../failure.ts';

/**
 * What a lost answer means for this request. `write`: a tweet X cannot deduplicate, so the outcome
 * is unknown. `safe`: media uploads, reads and deletes, which publish nothing or can be repeated,
 * so it is transient. `token`: the OAuth 2.0 token endpoint, whose errors follow RFC 6749.
 */
export type XRequestPhase = 'write' | 'safe' | 'token';

/**
 * X's error bodies come in three shapes:
 * - v2 problems (RFC 7807: `type`, `title`, `detail`, optional `errors[].message`);
 * - v1.1 `errors[].code` (still sent by some gateways);
 * - RFC 6749 §5.2 `error` / `error_description` from `/2/oauth2/token`.
 */
const errorBodySchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  errors: z
    .array(z.object({ code: z.number().optional(), message: z.string().optional() }))
    .optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});
type ErrorBody = z.infer<typeof errorBodySchema>;

const PROBLEM_PREFIXES = ['https://api.twitter.com/2/problems/', 'https://api.x.com/2/problems/'];

/**
 * Documented v1.1 codes (developer.x.com "response codes"; twitter-api-v2 `EApiV1ErrorCode`).
 * Duplicate content has a machine code only here (187). The v2 API answers a duplicate with
 * `403 {"type":"about:blank","title":"Forbidden","detail":"You are not allowed to create a Tweet
 * with duplicate content."}` (seen in akrherz/iembot#163, 2026; plhery/node-twitter-api-v2#469),
 * which carries no code: it stays a plain `rejected` with the detail as reason, because the kind
 * is never derived from message text.
 */
const V1_CODES: Readonly<Record<number, string>> = {
  32: 'could-not-authenticate',
  88: 'rate-limit-exceeded',
  89: 'invalid-or-expired-token',
  130: 'over-capacity',
  131: 'internal-error',
  185: 'tweet-limit-exceeded',
  186: 'text-too-long',
  187: 'duplicate-content',
  324: 'invalid-media-ids',
};
const V1_RATE_LIMITED = new Set([88, 185]);
const V1_AUTH = new Set([32, 89]);
const V1_TRANSIENT = new Set([130, 131]);

/** OAuth errors X returns for a used, expired or revoked code or refresh token. */
const OAUTH_GRANT_ERRORS = new Set(['invalid_grant', 'invalid_request']);
/** OAuth errors about the app's own credentials: reconnecting cannot fix them, an admin must. */
const OAUTH_CLIENT_ERRORS = new Set(['invalid_client', 'unauthorized_client']);

/** Network errors raised before a single byte reached X: nothing can have been published. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

export interface XResponseFacts {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/** Classifies an HTTP answer from X by status, problem type and error codes (never by text). */
export function classifyXResponse(
  facts: XResponseFacts,
  phase: XRequestPhase,
  now: Date = new Date(),
): PlatformFailure {
  const parsed = errorBodySchema.safeParse(facts.body);
  const body: ErrorBody = parsed.success ? parsed.data : {};
  const v1Code = body.errors?.find((entry) => entry.code !== undefined)?.code ?? null;
  const problem = problemSlug(body.type);
  const platformCode =
    v1Code !== null
      ? (V1_CODES[v1Code] ?? `v1-${v1Code}`)
      : (problem ?? (body.error === undefined ? null : `oauth-${body.error}`));
  const retryAfterSeconds = retryAfterFrom(facts.headers, now);

  if ((v1Code !== null && V1_RATE_LIMITED.has(v1Code)) || problem === 'usage-capped') {
    return { kind: 'rate-limited', retryAfterSeconds };
  }
  if (v1Code !== null && V1_AUTH.has(v1Code)) {
    return { kind: 'auth-expired', platformCode };
  }
  if (v1Code !== null && V1_TRANSIENT.has(v1Code)) {
    return { kind: 'transient', platformCode };
  }
  if (phase === 'token' && body.error !== undefined && OAUTH_GRANT_ERRORS.has(body.error)) {
    // The grant is spent: only a new authorisation by a person helps.
    return { kind: 'auth-expired', platformCode };
  }
  if (phase === 'token' && body.error !== undefined && OAUTH_CLIENT_ERRORS.has(body.error)) {
    return { kind: 'rejected', reason: describe(body, facts.status), platformCode };
  }
  // A gateway error on a tweet (502/504) may hide a stored tweet: failure.ts makes it unknown.
  return classifyHttpFailure(
    { status: facts.status, platformCode, retryAfterSeconds, reason: describe(body, facts.status) },
    phase === 'write' ? 'write' : 'read',
  );
}

/** Maps anything twitter-api-v2 throws to the closed union; programming errors are rethrown. */
export function xFailureFrom(
  error: unknown,
  phase: XRequestPhase,
  now: Date = new Date(),
): PlatformFailure {
  if (error instanceof ApiResponseError) {
    return classifyXResponse(
      { status: error.code, body: withoutInventedCode(error.data), headers: error.headers },
      phase,
      now,
    );
  }
  if (error instanceof ApiRequestError || error instanceof ApiPartialResponseError) {
    const code = error instanceof ApiRequestError ? systemErrorCode(error) : null;
    const reachedX = code === null || !NOT_SENT_CODES.has(code);
    // A timeout or a dropped connection after sending: X may have stored the tweet. Never guess.
    if (phase === 'write' && reachedX) {
      return { kind: 'outcome-unknown' };
    }
    return { kind: 'transient', platformCode: code };
  }
  throw error;
}

/**
 * twitter-api-v2 adds `errors: [{ code: 131, message: <error> }]` to any body that has an `error`
 * string but no `errors` (its issue #342). That 131 ("internal error") is not X's: drop it, so an
 * OAuth `invalid_request` is not mistaken for a transient server fault.
 */
function withoutInventedCode(data: ApiResponseError['data']): unknown {
  const invented =
    typeof data.error === 'string' &&
    data.errors?.length === 1 &&
    data.errors.every(
      (entry) => 'code' in entry && entry.code === 131 && entry.message === data.error,
    );
  if (!invented) {
    return data;
  }
  const rest = { ...data };
  delete rest.errors;
  return rest;
}

function problemSlug(type: string | undefined): string | null {
  if (type === undefined) {
    return null;
  }
  const prefix = PROBLEM_PREFIXES.find((candidate) => type.startsWith(candidate));
  return prefix === undefined ? null : type.slice(prefix.length) || null;
}

function describe(body: ErrorBody, status: number): string {
  const parts = [
    body.title,
    body.detail,
    ...(body.errors ?? []).map((entry) => entry.message),
    body.error_description,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? `HTTP ${status}` : [...new Set(parts)].join(' – ');
}

/**
 * X sends no Retry-After on most 429s; its reset headers (epoch seconds) say when the exhausted
 * window reopens. The 24-hour tweet cap is checked first because it outlasts the 15-minute window.
 */
function retryAfterFrom(headers: XResponseFacts['headers'], now: Date): number | null {
  const explicit = parseRetryAfter(header(headers, 'retry-after'), now);
  if (explicit !== null) {
    return explicit;
  }
  for (const prefix of ['x-user-limit-24hour', 'x-app-limit-24hour', 'x-rate-limit']) {
    const remaining = Number(header(headers, `${prefix}-remaining`) ?? Number.NaN);
    const reset = Number(header(headers, `${prefix}-reset`) ?? Number.NaN);
    if (remaining === 0 && Number.isFinite(reset)) {
      return Math.max(0, Math.ceil(reset - now.getTime() / 1000));
    }
  }
  return null;
}

function header(headers: XResponseFacts['headers'], name: string): string | null {
  const value = headers[name];
  if (value === undefined) {
    return null;
  }
  return typeof value === 'string' ? value : (value[0] ?? null);
}

/**
 * The socket error's code (ECONNREFUSED …). twitter-api-v2 1.29 stores that error as
 * `_options.error` but its `requestError` getter reads `_options.requestError`, which is never
 * set, so the code is read where the library actually keeps it.
 */
function systemErrorCode(error: ApiRequestError): string | null {
  const options: unknown = Reflect.get(error, '_options');
  const cause: unknown =
    typeof options === 'object' && options !== null ? Reflect.get(options, 'error') : undefined;
  const code: unknown =
    typeof cause === 'object' && cause !== null ? Reflect.get(cause, 'code') : undefined;
  return typeof code === 'string' ? code : null;
}
