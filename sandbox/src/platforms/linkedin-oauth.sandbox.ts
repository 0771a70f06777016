import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import {
  authorizeRest,
  forbidden,
  guardLinkedIn,
  hasScope,
  LINKEDIN,
  LINKEDIN_SANDBOX_MEMBER,
  linkedInState,
} from './linkedin-common.sandbox.ts';
import type { LinkedInSandboxOptions } from './linkedin-common.sandbox.ts';

/** LinkedIn's authorization codes are valid for 30 minutes (3-legged OAuth guide). */
const CODE_LIFETIME_MS = 30 * 60 * 1000;

const authorizeQuery = z.object({
  response_type: z.literal('code'),
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  state: z.string().min(1).max(500),
  scope: z.string().min(1),
});

// LinkedIn takes client credentials in the form body (client_secret_post), not HTTP Basic.
const tokenBody = z.discriminatedUnion('grant_type', [
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1),
    redirect_uri: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  }),
  z.object({
    grant_type: z.literal('refresh_token'),
    refresh_token: z.string().min(1),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
  }),
]);

const aclQuery = z.object({
  q: z.literal('roleAssignee'),
  role: z.string().optional(),
  state: z.string().optional(),
});

/** RFC 6749 §5.2 body, as LinkedIn's /oauth/v2/accessToken answers. */
function oauthError(error: string, description: string): Record<string, string> {
  return { error, error_description: description };
}

function tokenResponse(
  token: SandboxToken,
  options: LinkedInSandboxOptions,
): Record<string, unknown> {
  return {
    access_token: token.token,
    expires_in:
      token.expiresAt === null
        ? options.accessTokenSeconds
        : Math.round((token.expiresAt - token.issuedAt) / 1000),
    scope: token.scopes.join(','),
    // Only approved partners get refresh tokens; the sandbox issues one only over the admin API.
    ...(token.refreshToken === null
      ? {}
      : { refresh_token: token.refreshToken, refresh_token_expires_in: 31_536_000 }),
  };
}

export function registerLinkedInOAuth(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: LinkedInSandboxOptions,
): void {
  // A sandbox convenience: the consent page approves at once and redirects with code and state.
  scope.get('/oauth/v2/authorization', async (request, reply) => {
    if (!(await guardLinkedIn(ctx, request, reply))) {
      return reply;
    }
    const query = authorizeQuery.safeParse(request.query);
    if (!query.success) {
      return reply.status(400).send(oauthError('invalid_request', query.error.message));
    }
    const code = randomBytes(24).toString('base64url');
    linkedInState(ctx.store).codes.set(code, {
      clientId: query.data.client_id,
      redirectUri: query.data.redirect_uri,
      // LinkedIn separates scopes with spaces in the URL (older docs: commas); accept both.
      scopes: query.data.scope.split(/[ ,]+/).filter((part) => part !== ''),
      expiresAt: ctx.store.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(query.data.redirect_uri);
    target.searchParams.set('code', code);
    target.searchParams.set('state', query.data.state);
    return reply.redirect(target.toString(), 302);
  });

  scope.post('/oauth/v2/accessToken', async (request, reply) => {
    if (!(await guardLinkedIn(ctx, request, reply))) {
      return reply;
    }
    const body = tokenBody.safeParse(request.body);
    if (!body.success) {
      return reply.status(400).send(oauthError('invalid_request', body.error.message));
    }
    if (body.data.grant_type === 'refresh_token') {
      const token = ctx.store.redeemRefreshToken(LINKEDIN, body.data.refresh_token);
      if (token === undefined) {
        return reply
          .status(400)
          .send(oauthError('invalid_request', 'The provided refresh token is invalid'));
      }
      return reply.send(tokenResponse(token, options));
    }
    const codes = linkedInState(ctx.store).codes;
    const grant = codes.get(body.data.code);
    // Single use: a code is spent by its first exchange, successful or not.
    codes.delete(body.data.code);
    if (
      grant === undefined ||
      grant.expiresAt < ctx.store.now() ||
      grant.clientId !== body.data.client_id ||
      grant.redirectUri !== body.data.redirect_uri
    ) {
      return reply
        .status(400)
        .send(
          oauthError(
            'invalid_request',
            'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.',
          ),
        );
    }
    const token = ctx.store.issueToken(LINKEDIN, LINKEDIN_SANDBOX_MEMBER, {
      lifetimeSeconds: options.accessTokenSeconds,
      withRefresh: false,
      scopes: grant.scopes,
    });
    return reply.send(tokenResponse(token, options));
  });

  // The Pages the member may act for; posting needs an administrator or content-admin role.
  scope.get('/rest/organizationAcls', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    if (!hasScope(token, 'rw_organization_admin') && !hasScope(token, 'r_organization_social')) {
      return forbidden(reply, 'organizationAcls');
    }
    aclQuery.parse(request.query);
    const elements = options.organizations.map((organization) => ({
      organization,
      roleAssignee: token.accountId,
      role: 'ADMINISTRATOR',
      state: 'APPROVED',
    }));
    return reply.send({
      elements,
      paging: { start: 0, count: elements.length, total: elements.length, links: [] },
    });
  });
}
