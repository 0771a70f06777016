import { createHash, randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import { guardX, X, xState, zodMessages } from './x-common.sandbox.ts';
import type { XSandboxOptions } from './x-common.sandbox.ts';

/** The account that "logs in" on the sandbox's consent page. */
export const X_SANDBOX_USER_ID = '1600000000000000001';

/** X's authorisation codes are valid for 30 seconds (docs.x.com OAuth 2.0 with PKCE). */
const CODE_LIFETIME_MS = 30_000;

const authorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  state: z.string().min(1).max(500),
  code_challenge: z.string().min(1).max(128),
  // twitter-api-v2 sends `s256`; X accepts either case.
  code_challenge_method: z.enum(['S256', 's256', 'plain']),
  scope: z.string().min(1),
});

// twitter-api-v2 posts these as JSON (its body detection never matches /2/oauth2), curl and RFC
// 6749 clients as form data; X takes both, so the sandbox does too.
const tokenBody = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    code_verifier: z.string().min(43).max(128),
    client_id: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string().optional(),
  }),
]);

/** RFC 6749 §5.2 body with X's wording for a bad code or token. */
function oauthError(description: string): { error: string; error_description: string } {
  return { error: 'invalid_request', error_description: description };
}

export function registerXOAuth(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: XSandboxOptions,
): void {
  // A sandbox convenience: the consent page approves at once and redirects with code and state.
  scope.get('/i/oauth2/authorize', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const query = authorizeQuery.safeParse(request.query);
    if (!query.success) {
      return reply.status(400).send(oauthError(zodMessages(query.error).join('; ')));
    }
    const code = randomBytes(24).toString('base64url');
    xState(ctx.store).codes.set(code, {
      clientId: query.data.client_id,
      redirectUri: query.data.redirect_uri,
      challenge: query.data.code_challenge,
      method: query.data.code_challenge_method === 'plain' ? 'plain' : 'S256',
      scopes: query.data.scope.split(' ').filter((part) => part !== ''),
      accountId: X_SANDBOX_USER_ID,
      expiresAt: ctx.store.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(query.data.redirect_uri);
    target.searchParams.set('state', query.data.state);
    target.searchParams.set('code', code);
    return reply.redirect(target.toString(), 302);
  });

  scope.post('/2/oauth2/token', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const body = tokenBody.safeParse(request.body);
    if (!body.success) {
      return reply.status(400).send(oauthError(zodMessages(body.error).join('; ')));
    }
    const clientId = basicClientId(request) ?? body.data.client_id;
    if (clientId === undefined) {
      return reply.status(400).send(oauthError('Missing valid authorization header'));
    }
    if (body.data.grant_type === 'authorization_code') {
      const { code, redirect_uri: redirectUri, code_verifier: verifier } = body.data;
      const grant = xState(ctx.store).codes.get(code);
      // Single use: a code is spent by its first exchange, successful or not.
      xState(ctx.store).codes.delete(code);
      if (
        grant === undefined ||
        grant.expiresAt < ctx.store.now() ||
        grant.clientId !== clientId ||
        grant.redirectUri !== redirectUri ||
        challengeOf(verifier, grant.method) !== grant.challenge
      ) {
        return reply
          .status(400)
          .send(oauthError('Value passed for the authorization code was invalid.'));
      }
      const token = issue(ctx, options, grant.accountId, grant.scopes);
      return reply.send(tokenResponse(token, options));
    }
    // Rotation: the store voids the refresh token just used and issues a new pair.
    const token = ctx.store.redeemRefreshToken(X, body.data.refresh_token);
    if (token === undefined) {
      return reply.status(400).send(oauthError('Value passed for the token was invalid.'));
    }
    return reply.send(tokenResponse(token, options));
  });
}

function issue(
  ctx: SandboxContext,
  options: XSandboxOptions,
  accountId: string,
  scopes: readonly string[],
): SandboxToken {
  return ctx.store.issueToken(X, accountId, {
    lifetimeSeconds: options.accessTokenSeconds,
    withRefresh: scopes.length === 0 || scopes.includes('offline.access'),
    scopes,
  });
}

function tokenResponse(token: SandboxToken, options: XSandboxOptions): Record<string, unknown> {
  return {
    token_type: 'bearer',
    expires_in:
      token.expiresAt === null
        ? options.accessTokenSeconds
        : Math.round((token.expiresAt - token.issuedAt) / 1000),
    access_token: token.token,
    scope: token.scopes.join(' '),
    ...(token.refreshToken === null ? {} : { refresh_token: token.refreshToken }),
  };
}

function challengeOf(verifier: string, method: 'S256' | 'plain'): string {
  return method === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
}

/** Confidential clients authenticate with HTTP Basic (client_id:client_secret). */
function basicClientId(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ') !== true) {
    return undefined;
  }
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return decodeURIComponent(separator === -1 ? decoded : decoded.slice(0, separator));
}
