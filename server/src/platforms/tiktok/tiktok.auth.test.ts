import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTikTokTestbed } from './tiktok.testbed.ts';
import type { TikTokTestbed } from './tiktok.testbed.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const REDIRECT = 'https://stadtfunk.example/oauth/tiktok/callback/';

let bed: TikTokTestbed;

beforeAll(async () => {
  bed = await startTikTokTestbed();
});
afterAll(async () => {
  await bed.close();
});

async function authorize(): Promise<{ code: string; state: string; sentState: string }> {
  const start = await bed.connector.authorizationUrl(REDIRECT);
  const response = await fetch(start.url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  return {
    code: location.searchParams.get('code') ?? '',
    state: location.searchParams.get('state') ?? '',
    sentState: start.state,
  };
}

describe('TikTok OAuth against the sandbox', () => {
  it('builds the v2 authorization URL with client_key, comma-separated scopes and state', async () => {
    const start = await bed.connector.authorizationUrl(REDIRECT);
    const url = new URL(start.url);
    expect(url.origin).toBe(bed.baseUrl);
    expect(url.pathname).toBe('/v2/auth/authorize/');
    expect(url.searchParams.get('client_key')).toBe('stadtfunk-tiktok');
    expect(url.searchParams.get('scope')?.split(',')).toEqual([
      'video.publish',
      'video.upload',
      'user.info.basic',
      'user.info.profile',
      'user.info.stats',
      'video.list',
    ]);
    expect(url.searchParams.get('state')).toBe(start.state);
    // TikTok's PKCE is for mobile and desktop apps; a web app uses its secret.
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(start.codeVerifier).toBeNull();
  });

  it('follows the real TikTok host when no base URL is given', async () => {
    const { createTikTokConnector } = await import('./tiktok.connector.ts');
    const real = createTikTokConnector({ clientKey: 'k', clientSecret: 's' });
    expect(new URL((await real.authorizationUrl(REDIRECT)).url).origin).toBe(
      'https://www.tiktok.com',
    );
  });

  it('exchanges the code for a 24-hour token, a refresh token and the open_id', async () => {
    const { code, state, sentState } = await authorize();
    expect(state).toBe(sentState);
    const before = bed.now().getTime();
    const tokens = await bed.connector.exchangeCode(code, REDIRECT, null);
    expect(tokens.accountId).toBe(bed.openId);
    expect(tokens.refreshToken).not.toBeNull();
    const lifetime = (tokens.expiresAt?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThanOrEqual(DAY_MS);
    expect(lifetime).toBeLessThan(DAY_MS + 5000);
  });

  it('classifies a spent code as auth-expired (invalid_grant)', async () => {
    const { code } = await authorize();
    await bed.connector.exchangeCode(code, REDIRECT, null);
    await expect(bed.connector.exchangeCode(code, REDIRECT, null)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_grant' },
    });
  });

  it('refreshes with rotation: the new refresh token works, the old one is spent', async () => {
    const auth = await bed.token();
    const refreshed = await bed.connector.refresh(auth);
    expect(refreshed.accessToken).not.toBe(auth.accessToken);
    expect(refreshed.refreshToken).not.toBe(auth.refreshToken);
    expect(refreshed.accountId).toBe(bed.openId);
    await expect(bed.connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_grant' },
    });
    const again = await bed.connector.refresh({ ...auth, refreshToken: refreshed.refreshToken });
    expect(again.accessToken).not.toBe(refreshed.accessToken);
  });

  it('answers an expired refresh token (past 365 days) with auth-expired', async () => {
    const auth = await bed.token();
    bed.advance(366 * DAY_MS);
    await expect(bed.connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired' },
    });
    await expect(bed.connector.refresh({ ...auth, refreshToken: null })).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: null },
    });
  });

  it('reports an access token past its 24 hours as auth-expired (access_token_invalid)', async () => {
    const auth = await bed.token();
    bed.advance(DAY_MS + 1000);
    await expect(bed.connector.readProfile?.(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'access_token_invalid' },
    });
  });
});
