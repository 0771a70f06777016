import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { publishRequest, startMastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { MastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { Connector } from '../connector.ts';
import { MASTODON_SCOPES, registerMastodonApp } from './mastodon.oauth.ts';

const REDIRECT_URI = 'https://stadtfunk.stuttgart.example/api/channels/oauth/callback';

let bed: MastodonTestbed;
let connector: Connector;

beforeAll(async () => {
  bed = await startMastodonTestbed();
  const app = await registerMastodonApp({
    instanceUrl: bed.baseUrl,
    clientName: 'Stadtfunk',
    redirectUri: REDIRECT_URI,
    website: 'https://stadtfunk.stuttgart.example',
    timeoutMs: 2000,
  });
  connector = bed.connector({ clientId: app.clientId, clientSecret: app.clientSecret });
});
afterAll(async () => {
  await bed.close();
});

/** Plays the browser: follows the authorize URL (the sandbox approves at once) to the callback. */
async function authorize(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location') ?? '');
}

describe('Mastodon connector: connecting a channel', () => {
  it('builds an authorize URL with state, the needed scopes and a PKCE challenge', async () => {
    const start = await connector.authorizationUrl(REDIRECT_URI);
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe(`${bed.baseUrl}/oauth/authorize`);
    expect(url.searchParams.get('scope')).toBe(MASTODON_SCOPES.join(' '));
    expect(url.searchParams.get('state')).toBe(start.state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(start.codeVerifier).toMatch(/^[\w-]{43,128}$/);
  });

  it('exchanges the code for a token that publishes as the authorised account', async () => {
    const start = await connector.authorizationUrl(REDIRECT_URI);
    const callback = await authorize(start.url);
    expect(callback.searchParams.get('state')).toBe(start.state);
    const code = callback.searchParams.get('code') ?? '';

    const tokens = await connector.exchangeCode(code, REDIRECT_URI, start.codeVerifier);
    expect(tokens).toMatchObject({
      refreshToken: null,
      expiresAt: null,
      accountId: '109000000000000001',
    });
    const auth = { ...tokens };
    expect(await connector.publish(auth, publishRequest('Hallo aus Stadtfunk'))).toMatchObject({
      status: 'published',
    });
  });

  it('refuses a code with the wrong PKCE verifier, and a code used twice', async () => {
    const start = await connector.authorizationUrl(REDIRECT_URI);
    const code = (await authorize(start.url)).searchParams.get('code') ?? '';
    await expect(
      connector.exchangeCode(code, REDIRECT_URI, 'wrong-verifier'),
    ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: 'invalid_grant' } });
    await expect(
      connector.exchangeCode(code, REDIRECT_URI, start.codeVerifier),
    ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: 'invalid_grant' } });
  });

  it('refuses an unknown app as invalid_client', async () => {
    const start = await connector.authorizationUrl(REDIRECT_URI);
    const code = (await authorize(start.url)).searchParams.get('code') ?? '';
    const stranger = bed.connector({ clientSecret: 'not-the-secret' });
    await expect(
      stranger.exchangeCode(code, REDIRECT_URI, start.codeVerifier),
    ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: 'invalid_client' } });
  });
});

describe('Mastodon connector: token refresh', () => {
  it('a token without refresh token is checked and handed back unchanged', async () => {
    const auth = await bed.token();
    expect(await connector.refresh(auth)).toEqual({
      accessToken: auth.accessToken,
      refreshToken: null,
      expiresAt: null,
      accountId: auth.accountId,
    });
  });

  it('a revoked token fails the refresh with auth-expired', async () => {
    const auth = await bed.token();
    await bed.faults({ expireTokens: true });
    try {
      await expect(connector.refresh(auth)).rejects.toMatchObject({
        failure: { kind: 'auth-expired' },
      });
    } finally {
      await bed.resetFaults();
    }
  });

  it('a refresh token (where an instance issues one) yields a new token; reuse is auth-expired', async () => {
    const auth = await bed.token({ withRefresh: true, lifetimeSeconds: 3600 });
    const renewed = await connector.refresh(auth);
    expect(renewed.accessToken).not.toBe(auth.accessToken);
    expect(renewed.refreshToken).not.toBeNull();
    expect(renewed.expiresAt?.getTime()).toBeGreaterThan(bed.now().getTime() + 3500_000);
    expect(renewed.accountId).toBe(auth.accountId);
    await expect(connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'invalid_grant' },
    });
  });
});
