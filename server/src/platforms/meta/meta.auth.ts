import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { AuthorizationStart, TokenSet } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { MetaClient } from './meta.client.ts';

export interface MetaApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Scopes requested in the Facebook Login dialog. */
  readonly scopes: readonly string[];
}

const tokenSchema = z.object({
  access_token: z.string(),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

const accountsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      access_token: z.string(),
      instagram_business_account: z.object({ id: z.string() }).optional(),
    }),
  ),
});

export function metaAuthorizationUrl(
  client: MetaClient,
  app: MetaApp,
  redirectUri: string,
): AuthorizationStart {
  const state = randomBytes(18).toString('base64url');
  return {
    url: client.dialogUrl({
      client_id: app.clientId,
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: app.scopes.join(','),
    }),
    state,
    codeVerifier: null,
  };
}

/**
 * Code → short-lived user token → long-lived user token → page access token. A page token derived
 * from a long-lived user token does not expire, so `expiresAt` is null. The first page the person
 * granted is used; `target` picks the page itself or its linked Instagram account.
 */
export async function metaExchangeCode(
  client: MetaClient,
  app: MetaApp,
  code: string,
  redirectUri: string,
  target: 'page' | 'instagram',
): Promise<TokenSet> {
  const short = await client.call({
    method: 'GET',
    path: '/oauth/access_token',
    token: null,
    params: {
      client_id: app.clientId,
      client_secret: app.clientSecret,
      redirect_uri: redirectUri,
      code,
    },
    schema: tokenSchema,
    kind: 'read',
  });
  const long = await client.call({
    method: 'GET',
    path: '/oauth/access_token',
    token: null,
    params: {
      grant_type: 'fb_exchange_token',
      client_id: app.clientId,
      client_secret: app.clientSecret,
      fb_exchange_token: short.access_token,
    },
    schema: tokenSchema,
    kind: 'read',
  });
  const accounts = await client.call({
    method: 'GET',
    path: '/me/accounts',
    token: long.access_token,
    params: { fields: 'id,name,access_token,instagram_business_account' },
    schema: accountsSchema,
    kind: 'read',
  });
  const page =
    target === 'page'
      ? accounts.data[0]
      : accounts.data.find((entry) => entry.instagram_business_account !== undefined);
  if (page === undefined) {
    throw new PlatformError({
      kind: 'rejected',
      reason:
        target === 'page'
          ? 'The login granted no Facebook Page.'
          : 'No granted Facebook Page has an Instagram professional account linked.',
      platformCode: null,
    });
  }
  return {
    accessToken: page.access_token,
    refreshToken: null,
    expiresAt: null,
    accountId: target === 'page' ? page.id : (page.instagram_business_account?.id ?? null),
  };
}

/** Meta has no refresh tokens: a revoked or expired page token needs a new login by a person. */
export function metaRefresh(): Promise<TokenSet> {
  return Promise.reject(
    new PlatformError({ kind: 'auth-expired', platformCode: 'no-refresh-token' }),
  );
}

/** The account id a connector needs; a channel without one was connected incompletely. */
export function requireAccountId(accountId: string | null): string {
  if (accountId === null) {
    throw new PlatformError({
      kind: 'rejected',
      reason: 'The channel has no Meta account id; connect it again.',
      platformCode: null,
    });
  }
  return accountId;
}
