import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startLinkedInTestbed } from './linkedin.testbed.ts';
import type { LinkedInTestbed } from './linkedin.testbed.ts';

const SIXTY_DAYS_MS = 60 * 24 * 60 * 60 * 1000;
const REDIRECT = 'https://stadtfunk.example/oauth/linkedin/callback';

let bed: LinkedInTestbed;

beforeAll(async () => {
  bed = await startLinkedInTestbed();
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

describe('LinkedIn OAuth against the sandbox', () => {
  it('builds the authorization URL with state and organization scopes, without PKCE', async () => {
    const start = await bed.connector.authorizationUrl(REDIRECT);
    const url = new URL(start.url);
    expect(url.pathname).toBe('/oauth/v2/authorization');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('state')).toBe(start.state);
    expect(url.searchParams.get('scope')?.split(' ')).toContain('w_organization_social');
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(start.codeVerifier).toBeNull();
  });

  it('exchanges the code for a 60-day token and finds the organization', async () => {
    const { code, state, sentState } = await authorize();
    expect(state).toBe(sentState);
    const before = bed.now().getTime();
    const tokens = await bed.connector.exchangeCode(code, REDIRECT, null);
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.accountId).toBe(bed.organization);
    const expiresAt = tokens.expiresAt?.getTime() ?? 0;
    expect(expiresAt - before).toBeGreaterThanOrEqual(SIXTY_DAYS_MS);
    expect(expiresAt - before).toBeLessThan(SIXTY_DAYS_MS + 5000);
  });

  it('classifies a spent code as auth-expired', async () => {
    const { code } = await authorize();
    await bed.connector.exchangeCode(code, REDIRECT, null);
    await expect(bed.connector.exchangeCode(code, REDIRECT, null)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'oauth-invalid_request' },
    });
  });

  it('answers refresh without a refresh token with auth-expired (reconnect in the UI)', async () => {
    const auth = await bed.token();
    await expect(bed.connector.refresh(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: null },
    });
  });

  it('refreshes when LinkedIn granted a refresh token (approved partners)', async () => {
    const auth = await bed.token({ withRefresh: true });
    const refreshed = await bed.connector.refresh(auth);
    expect(refreshed.accessToken).not.toBe(auth.accessToken);
    expect(refreshed.accountId).toBe(bed.organization);
    expect(refreshed.expiresAt?.getTime()).toBeGreaterThan(bed.now().getTime());
  });

  it('reports a token past its 60 days as auth-expired with EXPIRED_ACCESS_TOKEN', async () => {
    const auth = await bed.token();
    bed.advance(SIXTY_DAYS_MS + 1000);
    const result = await bed.connector.publish(auth, {
      text: 'Nach 60 Tagen',
      title: null,
      media: [],
      idempotencyKey: 'k',
    });
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'auth-expired', platformCode: 'EXPIRED_ACCESS_TOKEN' },
    });
  });

  it('reports a revoked token as auth-expired with REVOKED_ACCESS_TOKEN', async () => {
    const auth = await bed.token();
    await bed.faults({ expireTokens: true });
    await expect(bed.connector.deletePost?.(auth, 'urn:li:share:1')).rejects.toMatchObject({
      failure: { kind: 'auth-expired', platformCode: 'REVOKED_ACCESS_TOKEN' },
    });
  });
});
