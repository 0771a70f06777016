import { createHash, randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import {
  guardYouTube,
  YOUTUBE,
  YOUTUBE_SANDBOX_CHANNEL,
  youtubeState,
} from './youtube-common.sandbox.ts';
import type { YouTubeSandboxOptions } from './youtube-common.sandbox.ts';

/** Google's authorization codes are short-lived; ten minutes is the documented upper bound. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

const authorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  scope: z.string().min(1),
  state: z.string().min(1).max(2000).optional(),
  access_type: z.enum(['online', 'offline']).default('online'),
  prompt: z.string().optional(),
  include_granted_scopes: z.enum(['true', 'false']).optional(),
  code_challenge: z.string().min(43).max(128).optional(),
  code_challenge_method: z.enum(['S256', 'plain']).optional(),
});

// Google's token endpoint takes client credentials in the form body (client_secret_post).
const tokenBody = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    code_verifier: z.string().min(43).max(128).optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  }),
]);

function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply.status(status).send({ error, error_description: description });
}

function tokenResponse(
  token: SandboxToken,
  refreshToken: string | null,
  options: YouTubeSandboxOptions,
): Record<string, unknown> {
  return {
    access_token: token.token,
    expires_in:
      token.expiresAt === null
        ? options.accessTokenSeconds
        : Math.round((token.expiresAt - token.issuedAt) / 1000),
    scope: token.scopes.join(' '),
    token_type: 'Bearer',
    ...(refreshToken === null ? {} : { refresh_token: refreshToken }),
  };
}

function challengeOf(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * Google's OAuth 2.0 for web server apps: the consent page (accounts.google.com) approves at once
 * and redirects with code and state; the token endpoint (oauth2.googleapis.com/token) exchanges
 * codes (PKCE checked) and refreshes. Google's refresh tokens do not rotate.
 */
export function registerYouTubeOAuth(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
): void {
  const state = youtubeState(ctx.store);

  scope.get('/o/oauth2/v2/auth', async (request, reply) => {
    if (!(await guardYouTube(ctx, request, reply))) {
      return reply;
    }
    const query = authorizeQuery.safeParse(request.query);
    if (!query.success) {
      // Google shows an error page ("Error 400: invalid_request") rather than redirecting.
      return oauthError(reply, 400, 'invalid_request', query.error.message);
    }
    const code = `4/${randomBytes(24).toString('base64url')}`;
    const scopes = query.data.scope.split(' ').filter((part) => part !== '');
    state.codes.set(code, {
      clientId: query.data.client_id,
      redirectUri: query.data.redirect_uri,
      scopes,
      challenge:
        query.data.code_challenge === undefined
          ? null
          : query.data.code_challenge_method === 'S256'
            ? query.data.code_challenge
            : challengeOf(query.data.code_challenge),
      offline: query.data.access_type === 'offline',
      expiresAt: ctx.store.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(query.data.redirect_uri);
    target.searchParams.set('code', code);
    if (query.data.state !== undefined) {
      target.searchParams.set('state', query.data.state);
    }
    target.searchParams.set('scope', scopes.join(' '));
    return reply.redirect(target.toString(), 302);
  });

  scope.post('/token', async (request, reply) => {
    if (!(await guardYouTube(ctx, request, reply))) {
      return reply;
    }
    const body = tokenBody.safeParse(request.body);
    if (!body.success) {
      return oauthError(reply, 400, 'invalid_request', body.error.message);
    }
    if (body.data.grant_type === 'refresh_token') {
      const grant = ctx.store.refreshTokens.get(body.data.refresh_token);
      // Revoking access (`expireTokens`) kills the refresh token too, as on Google.
      if (
        grant?.platform !== YOUTUBE ||
        grant.issuedAt <= ctx.store.faultsFor(YOUTUBE).tokensValidAfter
      ) {
        return oauthError(reply, 400, 'invalid_grant', 'Token has been expired or revoked.');
      }
      const token = ctx.store.issueToken(YOUTUBE, grant.accountId, {
        lifetimeSeconds: options.accessTokenSeconds,
        withRefresh: false,
        scopes: grant.scopes,
      });
      // No refresh_token in the answer: the old one stays valid.
      return reply.send(tokenResponse(token, null, options));
    }
    const grant = state.codes.get(body.data.code);
    state.codes.delete(body.data.code);
    if (
      grant === undefined ||
      grant.expiresAt < ctx.store.now() ||
      grant.redirectUri !== body.data.redirect_uri
    ) {
      return oauthError(reply, 400, 'invalid_grant', 'Bad Request');
    }
    if (grant.clientId !== body.data.client_id) {
      return oauthError(reply, 401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (grant.challenge !== null) {
      const verifier = body.data.code_verifier;
      if (verifier === undefined) {
        return oauthError(reply, 400, 'invalid_grant', 'Missing code verifier.');
      }
      if (challengeOf(verifier) !== grant.challenge) {
        return oauthError(reply, 400, 'invalid_grant', 'Invalid code verifier.');
      }
    }
    const token = ctx.store.issueToken(YOUTUBE, YOUTUBE_SANDBOX_CHANNEL, {
      lifetimeSeconds: options.accessTokenSeconds,
      // A refresh token only for access_type=offline (the connector also sends prompt=consent).
      withRefresh: grant.offline,
      scopes: grant.scopes,
    });
    return reply.send(tokenResponse(token, token.refreshToken, options));
  });
}
