import { createHash, randomBytes } from 'node:crypto';

import { createRestAPIClient } from 'masto';
import { z } from 'zod';

import { PlatformError } from '../connector.ts';
import type { AuthorizationStart } from '../connector.ts';
import { classifyHttpFailure, classifyNetworkFailure, parseRetryAfter } from '../failure.ts';
import { mastodonCall } from './mastodon.errors.ts';

/**
 * Mastodon's OAuth: an app is registered per instance (`POST /api/v1/apps`), then the
 * authorization-code flow with PKCE. Tokens do not expire and come without a refresh token.
 */

/**
 * Granular scopes (Mastodon 2.4+): only what the declared capabilities need. Pinning is an
 * account action (`write:accounts`, PinsController), editing a status one (`write:statuses`).
 */
export const MASTODON_SCOPES = [
  'read:accounts',
  'read:statuses',
  'read:notifications',
  'write:statuses',
  'write:media',
  'write:accounts',
] as const;

export interface MastodonAppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Registers Stadtfunk as an app on an instance, once, when the first channel there connects. */
export async function registerMastodonApp(options: {
  readonly instanceUrl: string;
  readonly clientName: string;
  readonly redirectUri: string;
  readonly website: string | null;
  readonly timeoutMs: number;
}): Promise<MastodonAppCredentials> {
  const client = createRestAPIClient({ url: options.instanceUrl, timeout: options.timeoutMs });
  const app = await mastodonCall(
    'write',
    () =>
      client.v1.apps.create({
        clientName: options.clientName,
        redirectUris: options.redirectUri,
        scopes: MASTODON_SCOPES.join(' '),
        website: options.website,
      }),
    options.timeoutMs,
  );
  if (typeof app.clientId !== 'string' || typeof app.clientSecret !== 'string') {
    throw new PlatformError({
      kind: 'rejected',
      reason: 'the instance returned no client credentials',
      platformCode: null,
    });
  }
  return { clientId: app.clientId, clientSecret: app.clientSecret };
}

/** The authorize URL with `state` and a PKCE S256 challenge (Mastodon 4.3+; older ones ignore it). */
export function buildAuthorizationStart(
  instanceUrl: string,
  clientId: string,
  redirectUri: string,
): AuthorizationStart {
  const state = randomBytes(24).toString('base64url');
  const codeVerifier = randomBytes(48).toString('base64url');
  const url = new URL('/oauth/authorize', instanceUrl);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: MASTODON_SCOPES.join(' '),
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return { url: url.toString(), state, codeVerifier };
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  scope: z.string().optional(),
  created_at: z.number().optional(),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().positive().optional(),
});
export type MastodonTokenResponse = z.infer<typeof tokenResponseSchema>;

/** RFC 6749 §5.2 error body. */
const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

/**
 * `POST /oauth/token`. A thin fetch instead of masto's `oauth.token.create`, whose parameter
 * types have no `code_verifier` (PKCE) and no `refresh_token` grant.
 */
export async function requestMastodonToken(
  instanceUrl: string,
  form: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<MastodonTokenResponse> {
  let response: Response;
  try {
    response = await fetch(new URL('/oauth/token', instanceUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    // A token request that got no answer can simply be repeated: an unused code stays usable.
    const failure = classifyNetworkFailure(error, 'read');
    if (failure === null) {
      throw error;
    }
    throw new PlatformError(failure);
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = tokenResponseSchema.safeParse(body);
    if (parsed.success) {
      return parsed.data;
    }
    throw new PlatformError({
      kind: 'rejected',
      reason: 'unreadable token response',
      platformCode: null,
    });
  }
  const oauthError = oauthErrorSchema.safeParse(body);
  const code = oauthError.success ? oauthError.data.error : null;
  // invalid_client / invalid_grant mean a wrong app or a used or foreign code: re-running the
  // authorisation helps, retrying does not; Doorkeeper answers invalid_client with 401.
  if (code === 'invalid_grant' && form['grant_type'] === 'refresh_token') {
    // A refresh token that no longer works: only a new authorisation brings the channel back.
    throw new PlatformError({ kind: 'auth-expired', platformCode: code });
  }
  if (code !== null && response.status < 500 && response.status !== 429) {
    throw new PlatformError({
      kind: 'rejected',
      reason: oauthError.data?.error_description ?? code,
      platformCode: code,
    });
  }
  throw new PlatformError(
    classifyHttpFailure({
      status: response.status,
      platformCode: code,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
      reason: `token endpoint answered ${response.status}`,
    }),
  );
}
