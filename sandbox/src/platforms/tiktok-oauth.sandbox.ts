import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import {
  guardTikTok,
  oauthError,
  TIKTOK,
  TIKTOK_SANDBOX_OPEN_ID,
  tiktokState,
} from './tiktok-common.sandbox.ts';
import type { TikTokSandboxOptions } from './tiktok-common.sandbox.ts';

/** Authorization codes are short-lived and single use. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

const authorizeQuery = z.object({
  client_key: z.string().min(1),
  response_type: z.literal('code'),
  scope: z.string().min(1),
  redirect_uri: z.url(),
  state: z.string().min(1).max(500),
});

const tokenBody = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    client_key: z.string().min(1),
    client_secret: z.string().min(1),
    code_verifier: z.string().optional(),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_key: z.string().min(1),
    client_secret: z.string().min(1),
  }),
]);

function tokenResponse(
  token: SandboxToken,
  options: TikTokSandboxOptions,
): Record<string, unknown> {
  return {
    access_token: token.token,
    expires_in:
      token.expiresAt === null
        ? options.accessTokenSeconds
        : Math.round((token.expiresAt - token.issuedAt) / 1000),
    open_id: token.accountId,
    refresh_token: token.refreshToken,
    refresh_expires_in: options.refreshTokenSeconds,
    scope: token.scopes.join(','),
    token_type: 'Bearer',
  };
}

export function registerTikTokOAuth(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
): void {
  // A sandbox convenience: the consent page approves at once and redirects with code and state.
  scope.get('/v2/auth/authorize/', async (request, reply) => {
    if (!(await guardTikTok(ctx, request, reply))) {
      return reply;
    }
    const query = authorizeQuery.safeParse(request.query);
    if (!query.success) {
      return reply.status(400).send(oauthError('invalid_request', query.error.message));
    }
    const scopes = query.data.scope.split(',').filter((part) => part !== '');
    const code = randomBytes(24).toString('base64url');
    tiktokState(ctx.store).codes.set(code, {
      clientKey: query.data.client_key,
      redirectUri: query.data.redirect_uri,
      scopes,
      expiresAt: ctx.store.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(query.data.redirect_uri);
    target.searchParams.set('code', code);
    target.searchParams.set('scopes', scopes.join(','));
    target.searchParams.set('state', query.data.state);
    return reply.redirect(target.toString(), 302);
  });

  scope.post('/v2/oauth/token/', async (request, reply) => {
    if (!(await guardTikTok(ctx, request, reply))) {
      return reply;
    }
    const body = tokenBody.safeParse(request.body);
    if (!body.success) {
      return reply.status(400).send(oauthError('invalid_request', body.error.message));
    }
    if (body.data.grant_type === 'refresh_token') {
      const previous = ctx.store.refreshTokens.get(body.data.refresh_token);
      const expired =
        previous !== undefined &&
        previous.issuedAt + options.refreshTokenSeconds * 1000 <= ctx.store.now();
      const token = expired
        ? undefined
        : ctx.store.redeemRefreshToken(TIKTOK, body.data.refresh_token);
      if (token === undefined) {
        return reply
          .status(400)
          .send(oauthError('invalid_grant', 'Refresh token is invalid or expired.'));
      }
      return reply.send(tokenResponse(token, options));
    }
    const codes = tiktokState(ctx.store).codes;
    const grant = codes.get(body.data.code);
    codes.delete(body.data.code);
    if (
      grant === undefined ||
      grant.expiresAt < ctx.store.now() ||
      grant.clientKey !== body.data.client_key ||
      grant.redirectUri !== body.data.redirect_uri
    ) {
      return reply
        .status(400)
        .send(oauthError('invalid_grant', 'Authorization code is expired or invalid.'));
    }
    const token = ctx.store.issueToken(TIKTOK, TIKTOK_SANDBOX_OPEN_ID, {
      lifetimeSeconds: options.accessTokenSeconds,
      withRefresh: true,
      scopes: grant.scopes,
    });
    return reply.send(tokenResponse(token, options));
  });
}
