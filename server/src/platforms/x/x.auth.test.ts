import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { X_SANDBOX_USER_ID } from '../../../../sandbox/src/platforms/x.sandbox.ts';
import { PlatformError } from '../connector.ts';
import type { ChannelAuth } from '../connector.ts';
import { publishRequest, startXTestbed } from './x.testbed.ts';
import type { XTestbed } from './x.testbed.ts';

let bed: XTestbed;
const redirectUri = 'https://stadtfunk.example/kanaele/x/callback';

beforeAll(async () => {
  bed = await startXTestbed();
});
afterAll(async () => {
  await bed.close();
});

/** Follows the consent page as a browser would and returns the callback's query. */
async function consent(url: string): Promise<URLSearchParams> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  return location.searchParams;
}

describe('X OAuth 2.0 with PKCE', () => {
  it('builds an S256 authorisation URL on the configured origin with the needed scopes', async () => {
    const start = await bed.connector.authorizationUrl(redirectUri);
    const url = new URL(start.url);
    expect(url.origin).toBe(bed.baseUrl);
    expect(url.pathname).toBe('/i/oauth2/authorize');
    expect(url.searchParams.get('state')).toBe(start.state);
    expect(url.searchParams.get('code_challenge_method')?.toUpperCase()).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256')
        .update(start.codeVerifier ?? '')
        .digest('base64url'),
    );
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'tweet.write',
        'media.write',
        'offline.access',
        'users.read',
        'tweet.moderate.write',
      ]),
    );
  });

  it('exchanges the code for tokens that expire in 2 h and publish as the consenting user', async () => {
    const start = await bed.connector.authorizationUrl(redirectUri);
    const callback = await consent(start.url);
    expect(callback.get('state')).toBe(start.state);
    const before = Date.now();
    const tokens = await bed.connector.exchangeCode(
      callback.get('code') ?? '',
      redirectUri,
      start.codeVerifier,
    );
    expect(tokens.accountId).toBe(X_SANDBOX_USER_ID);
    expect(tokens.refreshToken).not.toBeNull();
    const lifetime = (tokens.expiresAt?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(7190_000);
    expect(lifetime).toBeLessThanOrEqual(7200_000 + 1000);
    const result = await bed.connector.publish(tokens, publishRequest('Verbunden per OAuth'));
    expect(result.status).toBe('published');
  });

  it('refuses a wrong code verifier, and the code is spent afterwards', async () => {
    const start = await bed.connector.authorizationUrl(redirectUri);
    const code = (await consent(start.url)).get('code') ?? '';
    const wrong = bed.connector.exchangeCode(code, redirectUri, 'w'.repeat(64));
    await expect(wrong).rejects.toBeInstanceOf(PlatformError);
    await expect(wrong).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_request' },
    });
    await expect(
      bed.connector.exchangeCode(code, redirectUri, start.codeVerifier),
    ).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
  });

  it('after expiry: refresh, publish works again, the old refresh token is void', async () => {
    const start = await bed.connector.authorizationUrl(redirectUri);
    const code = (await consent(start.url)).get('code') ?? '';
    const first: ChannelAuth = await bed.connector.exchangeCode(
      code,
      redirectUri,
      start.codeVerifier,
    );

    await bed.faults({ expireTokens: true });
    expect(await bed.connector.publish(first, publishRequest('Vor dem Refresh'))).toEqual({
      status: 'failed',
      failure: { kind: 'auth-expired', platformCode: null },
    });

    const second = await bed.connector.refresh(first);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accountId).toBe(first.accountId);
    expect(second.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 7000_000);
    expect((await bed.connector.publish(second, publishRequest('Nach dem Refresh'))).status).toBe(
      'published',
    );

    await expect(bed.connector.refresh(first)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_request' },
    });
    // The rotated token still works once.
    expect((await bed.connector.refresh(second)).accessToken).toBeTypeOf('string');
  });

  it('a channel without refresh token can only be reconnected', async () => {
    const auth = await bed.token();
    await expect(bed.connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired' },
    });
  });
});
