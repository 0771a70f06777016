import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { YOUTUBE_SCOPES } from './youtube.connector.ts';
import { startYouTubeTestbed } from './youtube.testbed.ts';
import type { YouTubeTestbed } from './youtube.testbed.ts';

const REDIRECT = 'https://stadtfunk.example/oauth/youtube/callback';
const HOUR_MS = 60 * 60 * 1000;

let bed: YouTubeTestbed;

beforeAll(async () => {
  bed = await startYouTubeTestbed();
});
afterAll(async () => {
  await bed.close();
});

async function authorize(): Promise<{
  code: string;
  state: string;
  start: { state: string; codeVerifier: string | null };
}> {
  const start = await bed.connector.authorizationUrl(REDIRECT);
  const response = await fetch(start.url, { redirect: 'manual' });
  const location = new URL(response.headers.get('location') ?? '');
  return {
    code: location.searchParams.get('code') ?? '',
    state: location.searchParams.get('state') ?? '',
    start,
  };
}

describe('YouTube OAuth against the sandbox', () => {
  it('builds a Google authorization URL: offline, consent, PKCE S256 and the four scopes', async () => {
    const start = await bed.connector.authorizationUrl(REDIRECT);
    const url = new URL(start.url);
    expect(url.origin).toBe(bed.baseUrl);
    expect(url.pathname).toBe('/o/oauth2/v2/auth');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('state')).toBe(start.state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256')
        .update(start.codeVerifier ?? '')
        .digest('base64url'),
    );
    expect(url.searchParams.get('scope')?.split(' ').sort()).toEqual([...YOUTUBE_SCOPES].sort());
  });

  it('exchanges the code for an hour-long token with refresh token and finds the channel', async () => {
    const { code, state, start } = await authorize();
    expect(state).toBe(start.state);
    const before = bed.now().getTime();
    const tokens = await bed.connector.exchangeCode(code, REDIRECT, start.codeVerifier);
    expect(tokens.accountId).toBe(bed.channel);
    expect(tokens.refreshToken).not.toBeNull();
    const lifetime = (tokens.expiresAt?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThanOrEqual(3599 * 1000);
    expect(lifetime).toBeLessThan(3599 * 1000 + 5000);
  });

  it('classifies a spent code and a wrong PKCE verifier as auth-expired (invalid_grant)', async () => {
    const first = await authorize();
    await bed.connector.exchangeCode(first.code, REDIRECT, first.start.codeVerifier);
    await expect(
      bed.connector.exchangeCode(first.code, REDIRECT, first.start.codeVerifier),
    ).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_grant' },
    });
    const second = await authorize();
    await expect(
      bed.connector.exchangeCode(second.code, REDIRECT, 'x'.repeat(50)),
    ).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_grant' },
    });
  });

  it('refreshes an expired token and keeps the (non-rotating) refresh token', async () => {
    const { code, start } = await authorize();
    const tokens = await bed.connector.exchangeCode(code, REDIRECT, start.codeVerifier);
    bed.advance(HOUR_MS);
    // The old access token is past its hour now.
    await expect(bed.connector.readProfile?.(tokens)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'authError' },
    });
    const refreshed = await bed.connector.refresh(tokens);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accountId).toBe(bed.channel);
    expect(refreshed.expiresAt?.getTime()).toBeGreaterThan(bed.now().getTime());
    // The same refresh token works again: Google does not spend it.
    const again = await bed.connector.refresh(tokens);
    expect(again.accessToken).not.toBe(refreshed.accessToken);
    const profile = await bed.connector.readProfile?.(again);
    expect(profile?.bio).toContain('Landeshauptstadt');
  });

  it('reports a revoked grant as auth-expired on refresh, and no refresh token as well', async () => {
    const auth = await bed.token({ withRefresh: true });
    await bed.faults({ expireTokens: true });
    await expect(bed.connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_grant' },
    });
    await expect(bed.connector.refresh({ ...auth, refreshToken: null })).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: null },
    });
  });
});
