import { createHash, randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import { credentialAccountJson } from './mastodon-entities.sandbox.ts';
import {
  baseUrlOf,
  beginAuthenticated,
  beginRequest,
  mastodonErrorBody,
  sendError,
} from './mastodon-http.sandbox.ts';
import { CITY_ACCOUNT_ID, mastodonState } from './mastodon-state.sandbox.ts';

/**
 * App registration and the OAuth 2 authorization-code flow as Mastodon (Doorkeeper) runs it,
 * including PKCE (S256, Mastodon 4.3+). `GET /oauth/authorize` approves at once and redirects:
 * there is no person to click "Authorise" in a sandbox.
 */

const OOB = 'urn:ietf:wg:oauth:2.0:oob';
const CODE_LIFETIME_MS = 10 * 60 * 1000;

const splitList = (value: string | readonly string[] | undefined, separator: RegExp): string[] =>
  (value === undefined ? [] : typeof value === 'string' ? value.split(separator) : [...value])
    .map((item) => item.trim())
    .filter((item) => item !== '');

const stringOrList = z.union([z.string(), z.array(z.string())]).optional();
const appBody = z.object({
  client_name: z.string().optional(),
  redirect_uris: stringOrList,
  scopes: z.string().optional(),
  website: z.string().nullable().optional(),
});
const authorizeQuery = z.object({
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  response_type: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
  code_challenge: z.string().optional(),
  code_challenge_method: z.string().optional(),
  /** Sandbox convenience: which account "signs in"; the city's account when absent. */
  sandbox_account_id: z.string().optional(),
});
const tokenBody = z.object({
  grant_type: z.string().optional(),
  code: z.string().optional(),
  redirect_uri: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  code_verifier: z.string().optional(),
  refresh_token: z.string().optional(),
});

function isRedirectUri(value: string): boolean {
  if (value === OOB) {
    return true;
  }
  try {
    return new URL(value).protocol !== 'javascript:';
  } catch {
    return false;
  }
}

function oauthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
): FastifyReply {
  return reply.status(status).send({ error, error_description: description });
}

/** Client credentials from the body or from HTTP Basic, as Doorkeeper accepts both. */
function clientCredentials(
  request: FastifyRequest,
  body: z.infer<typeof tokenBody>,
): { id?: string; secret?: string } {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ') === true) {
    const [id, secret] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
  }
  return { id: body.client_id, secret: body.client_secret };
}

export function registerMastodonOAuth(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/api/v1/apps', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, { auth: 'none' });
    if (start === undefined) {
      return reply;
    }
    const body = appBody.parse(request.body ?? {});
    const redirectUris = splitList(body.redirect_uris, /\s+/u);
    const problems = [
      ...(body.client_name === undefined || body.client_name.trim() === ''
        ? ["Application name can't be blank"]
        : []),
      ...(redirectUris.length === 0 ? ["Redirect URI can't be blank"] : []),
      ...(redirectUris.some((uri) => !isRedirectUri(uri))
        ? ['Redirect URI must be an absolute URI.']
        : []),
    ];
    if (problems.length > 0) {
      return sendError(reply, 422, `Validation failed: ${problems.join(', ')}`);
    }
    const registered = start.state.registerApp({
      id: newId(ctx.store.now()),
      name: body.client_name ?? '',
      website: body.website ?? null,
      redirectUris,
      scopes: splitList(body.scopes ?? 'read', /\s+/u),
    });
    return reply.send({
      id: registered.id,
      name: registered.name,
      website: registered.website,
      scopes: registered.scopes,
      redirect_uri: registered.redirectUris.join('\n'),
      redirect_uris: registered.redirectUris,
      client_id: registered.clientId,
      client_secret: registered.clientSecret,
      client_secret_expires_at: 0,
      vapid_key: 'sandbox',
    });
  });

  app.get('/oauth/authorize', async (request, reply) => {
    if (!(await ctx.guard('mastodon', request, reply, mastodonErrorBody))) {
      return reply;
    }
    const state = mastodonState(ctx.store);
    const query = authorizeQuery.parse(request.query);
    const client = query.client_id === undefined ? undefined : state.apps.get(query.client_id);
    if (client === undefined) {
      return oauthError(
        reply,
        401,
        'invalid_client',
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      );
    }
    const redirectUri = query.redirect_uri ?? '';
    if (!client.redirectUris.includes(redirectUri)) {
      return oauthError(
        reply,
        400,
        'invalid_redirect_uri',
        "The requested redirect uri is malformed or doesn't match client redirect URI.",
      );
    }
    const back = (params: Record<string, string>): FastifyReply => {
      const target = new URL(
        redirectUri === OOB ? `${baseUrlOf(request)}/oauth/authorize/native` : redirectUri,
      );
      for (const [key, value] of Object.entries({
        ...params,
        ...(query.state === undefined ? {} : { state: query.state }),
      })) {
        target.searchParams.set(key, value);
      }
      return reply.redirect(target.toString(), 302);
    };
    const scopes = splitList(query.scope ?? 'read', /[\s+]+/u);
    if (query.response_type !== 'code') {
      return back({
        error: 'unsupported_response_type',
        error_description: 'The authorization server does not support this response type.',
      });
    }
    if (
      scopes.some(
        (scope) =>
          !client.scopes.includes(scope) && !client.scopes.includes(scope.split(':')[0] ?? ''),
      )
    ) {
      return back({
        error: 'invalid_scope',
        error_description: 'The requested scope is invalid, unknown, or malformed.',
      });
    }
    if (query.code_challenge !== undefined && query.code_challenge_method !== 'S256') {
      return back({
        error: 'invalid_request',
        error_description: 'Code challenge method must be S256.',
      });
    }
    const code = randomBytes(32).toString('base64url');
    state.codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      scopes,
      accountId: query.sandbox_account_id ?? CITY_ACCOUNT_ID,
      codeChallenge: query.code_challenge ?? null,
      expiresAt: ctx.store.now() + CODE_LIFETIME_MS,
    });
    return back({ code });
  });

  app.post('/oauth/token', async (request, reply) => {
    if (!(await ctx.guard('mastodon', request, reply, mastodonErrorBody))) {
      return reply;
    }
    const state = mastodonState(ctx.store);
    const body = tokenBody.parse(request.body ?? {});
    const credentials = clientCredentials(request, body);
    const client = credentials.id === undefined ? undefined : state.apps.get(credentials.id);
    if (client === undefined || client.clientSecret !== credentials.secret) {
      return oauthError(
        reply,
        401,
        'invalid_client',
        'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      );
    }
    const invalidGrant = (): FastifyReply =>
      oauthError(
        reply,
        400,
        'invalid_grant',
        'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      );

    if (body.grant_type === 'authorization_code') {
      const grant = body.code === undefined ? undefined : state.codes.get(body.code);
      if (body.code !== undefined) {
        state.codes.delete(body.code); // one use only, even when the exchange fails
      }
      if (
        grant === undefined ||
        grant.clientId !== client.clientId ||
        grant.redirectUri !== body.redirect_uri ||
        grant.expiresAt <= ctx.store.now()
      ) {
        return invalidGrant();
      }
      if (grant.codeChallenge !== null) {
        const verifier = body.code_verifier ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (challenge !== grant.codeChallenge) {
          return invalidGrant();
        }
      }
      // Mastodon's tokens do not expire and come without a refresh token.
      const token = ctx.store.issueToken('mastodon', grant.accountId, {
        lifetimeSeconds: null,
        withRefresh: false,
        scopes: grant.scopes,
      });
      return reply.send({
        access_token: token.token,
        token_type: 'Bearer',
        scope: grant.scopes.join(' '),
        created_at: Math.floor(token.issuedAt / 1000),
      });
    }
    if (body.grant_type === 'refresh_token') {
      const token =
        body.refresh_token === undefined
          ? undefined
          : ctx.store.redeemRefreshToken('mastodon', body.refresh_token);
      if (token === undefined) {
        return invalidGrant();
      }
      return reply.send({
        access_token: token.token,
        token_type: 'Bearer',
        scope: token.scopes.join(' '),
        created_at: Math.floor(token.issuedAt / 1000),
        refresh_token: token.refreshToken,
        ...(token.expiresAt === null
          ? {}
          : { expires_in: Math.round((token.expiresAt - token.issuedAt) / 1000) }),
      });
    }
    return oauthError(
      reply,
      400,
      'unsupported_grant_type',
      'The authorization grant type is not supported by the authorization server.',
    );
  });

  app.get('/api/v1/accounts/verify_credentials', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'read:accounts',
    });
    if (start === undefined) {
      return reply;
    }
    const count = ctx.store.postsOf('mastodon', start.account.id).length;
    return reply.send(credentialAccountJson(start.account, baseUrlOf(request), count));
  });
}
