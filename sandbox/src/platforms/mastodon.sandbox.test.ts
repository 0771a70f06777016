import { createHash } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSandbox } from '../sandbox.server.ts';
import { SandboxStore } from '../sandbox.store.ts';
import { mastodonSandbox } from './mastodon.sandbox.ts';

let app: FastifyInstance;
let clock: number;

beforeEach(() => {
  clock = Date.parse('2026-07-01T10:00:00Z');
  ({ app } = createSandbox([mastodonSandbox], new SandboxStore({ now: () => clock })));
});
afterEach(async () => {
  await app.close();
});

async function bearer(accountId = '120000000000000001', scopes: string[] = []): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/_sandbox/mastodon/tokens',
    payload: { accountId, scopes },
  });
  return `Bearer ${response.json<{ accessToken: string }>().accessToken}`;
}

async function postStatus(authorization: string, payload: unknown, key?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/statuses',
    headers: { authorization, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: payload as Record<string, unknown>,
  });
}

describe('Mastodon sandbox: statuses', () => {
  it('answers 401 with Mastodon error bodies and sends rate-limit headers', async () => {
    const none = await postStatus('', { status: 'x' });
    expect(none.statusCode).toBe(401);
    const bad = await postStatus('Bearer nope', { status: 'x' });
    expect(bad.json()).toEqual({ error: 'The access token is invalid' });
    const ok = await postStatus(await bearer(), { status: 'Hallo' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('300');
    expect(ok.headers['x-ratelimit-remaining']).toBe('299');
    expect(String(ok.headers['x-ratelimit-reset'])).toMatch(/^2026-07-01T10:05:00/);
  });

  it('counts a URL as 23 characters and rejects the 501st character', async () => {
    const auth = await bearer();
    const url = `https://example.org/${'p'.repeat(300)}`;
    const fits = await postStatus(auth, { status: `${'a'.repeat(476)} ${url}` });
    expect(fits.statusCode).toBe(200);
    const over = await postStatus(auth, { status: `${'a'.repeat(477)} ${url}` });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toEqual({
      error: 'Validation failed: Text character limit of 500 exceeded',
    });
  });

  it('accepts form-encoded statuses with media_ids[] and rejects unknown media', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/statuses',
      headers: {
        authorization: await bearer(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'status=Hallo&media_ids[]=123',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json<{ error: string }>().error).toMatch(/^Media 123 not found/);
  });

  it('keeps an Idempotency-Key for one hour, per account', async () => {
    const auth = await bearer();
    const first = await postStatus(auth, { status: 'Einmal' }, 'key-1');
    const again = await postStatus(auth, { status: 'Einmal' }, 'key-1');
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const other = await postStatus(await bearer('120000000000000002'), { status: 'x' }, 'key-1');
    expect(other.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);

    clock += 3601 * 1000;
    const later = await postStatus(auth, { status: 'Einmal' }, 'key-1');
    expect(later.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
    const posts = await app.inject({
      url: '/_sandbox/mastodon/posts?accountId=120000000000000001',
    });
    expect(posts.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it("enforces Mastodon's throttle with X-RateLimit-Reset and no Retry-After", async () => {
    await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/instance',
      payload: { apiRequestsPer5Minutes: 1 },
    });
    const auth = await bearer();
    expect((await postStatus(auth, { status: 'eins' })).statusCode).toBe(200);
    const throttled = await postStatus(auth, { status: 'zwei' });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toEqual({ error: 'Too many requests' });
    expect(throttled.headers['retry-after']).toBeUndefined();
    expect(throttled.headers['x-ratelimit-remaining']).toBe('0');
  });
});

describe('Mastodon sandbox: OAuth', () => {
  it('registers an app, approves, and swaps the code (with PKCE) for a working token', async () => {
    const registered = await app.inject({
      method: 'POST',
      url: '/api/v1/apps',
      payload: {
        client_name: 'Stadtfunk',
        redirect_uris: 'https://stadtfunk.example/cb',
        scopes: 'read write:statuses',
      },
    });
    const client = registered.json<{ client_id: string; client_secret: string }>();
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = await app.inject({
      url: `/oauth/authorize?client_id=${client.client_id}&redirect_uri=${encodeURIComponent('https://stadtfunk.example/cb')}&response_type=code&scope=read+write:statuses&state=s1&code_challenge=${challenge}&code_challenge_method=S256`,
    });
    expect(authorize.statusCode).toBe(302);
    const location = new URL(String(authorize.headers.location));
    expect(location.searchParams.get('state')).toBe('s1');
    const token = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'authorization_code',
        code: location.searchParams.get('code') ?? '',
        client_id: client.client_id,
        client_secret: client.client_secret,
        redirect_uri: 'https://stadtfunk.example/cb',
        code_verifier: verifier,
      }).toString(),
    });
    expect(token.statusCode).toBe(200);
    const accessToken = token.json<{ access_token: string }>().access_token;
    const me = await app.inject({
      url: '/api/v1/accounts/verify_credentials',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.json()).toMatchObject({ username: 'stadt_stuttgart', source: { language: 'de' } });
    const media = await app.inject({
      method: 'GET',
      url: '/api/v1/media/1',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(media.json()).toEqual({ error: 'This action is outside the authorized scopes' });
  });
});

describe('Mastodon sandbox: replies and notifications', () => {
  it('seeds German replies and pages mention notifications with min_id', async () => {
    const auth = await bearer();
    const status = (await postStatus(auth, { status: 'Stadtfest am Samstag' })).json<{
      id: string;
    }>();
    const seeded = await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/replies',
      payload: { statusId: status.id, count: 4 },
    });
    expect(seeded.json<{ items: { kind: string }[] }>().items.map((item) => item.kind)).toEqual([
      'friendly',
      'question',
      'criticism',
      'offensive',
    ]);
    const page = await app.inject({
      url: '/api/v1/notifications?types[]=mention&limit=2',
      headers: { authorization: auth },
    });
    const newest = page.json<{ id: string; status: { in_reply_to_id: string } }[]>();
    expect(newest).toHaveLength(2);
    expect(newest[0]?.status.in_reply_to_id).toBe(status.id);
    expect(page.headers.link).toContain('rel="next"');
    const after = await app.inject({
      url: `/api/v1/notifications?types[]=mention&min_id=${newest[0]?.id ?? ''}`,
      headers: { authorization: auth },
    });
    expect(after.json()).toEqual([]);

    const context = await app.inject({ url: `/api/v1/statuses/${status.id}/context` });
    expect(context.json<{ descendants: unknown[] }>().descendants).toHaveLength(4);
  });
});

describe('Mastodon sandbox: editing and pinning', () => {
  it('an edit without media_ids drops the images, as UpdateStatusService does', async () => {
    const auth = await bearer();
    const upload = new FormData();
    upload.set('file', new File([new Uint8Array(8)], 'karte.png', { type: 'image/png' }));
    const encoded = new Response(upload);
    const media = await app.inject({
      method: 'POST',
      url: '/api/v2/media',
      headers: {
        authorization: auth,
        'content-type': encoded.headers.get('content-type') ?? '',
      },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(media.statusCode).toBe(200);
    const mediaId = media.json<{ id: string }>().id;
    const status = (await postStatus(auth, { status: 'Vorher', media_ids: [mediaId] })).json<{
      id: string;
    }>();
    clock += 60_000;
    const edit = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/statuses/${status.id}`,
        headers: { authorization: auth },
        payload,
      });
    const kept = await edit({ status: 'Nachher', media_ids: [mediaId] });
    expect(kept.json()).toMatchObject({
      content: '<p>Nachher</p>',
      edited_at: '2026-07-01T10:01:00.000Z',
      media_attachments: [{ id: mediaId }],
    });
    const dropped = await edit({ status: 'Nachher' });
    expect(dropped.json<{ media_attachments: unknown[] }>().media_attachments).toEqual([]);
    const unchanged = await edit({ status: 'Nachher' });
    expect(unchanged.statusCode).toBe(200);
    const history = await app.inject({ url: `/api/v1/statuses/${status.id}/history` });
    expect(history.json<{ content: string }[]>().map((version) => version.content)).toEqual([
      '<p>Vorher</p>',
      '<p>Nachher</p>',
      '<p>Nachher</p>',
    ]);
  });

  it('pins up to the instance limit with write:accounts; pinning twice is a Duplicate record', async () => {
    await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/instance',
      payload: { maxPinnedStatuses: 1 },
    });
    const auth = await bearer();
    const ids = await Promise.all(
      ['eins', 'zwei'].map(
        async (text) => (await postStatus(auth, { status: text })).json<{ id: string }>().id,
      ),
    );
    const pin = (id: string, authorization = auth) =>
      app.inject({ method: 'POST', url: `/api/v1/statuses/${id}/pin`, headers: { authorization } });
    const statusesOnly = await bearer('120000000000000001', ['write:statuses']);
    expect((await pin(ids[0] ?? '', statusesOnly)).statusCode).toBe(403);
    expect((await pin(ids[0] ?? '')).json()).toMatchObject({ id: ids[0], pinned: true });
    expect((await pin(ids[1] ?? '')).json()).toEqual({
      error: 'Validation failed: You have already pinned the maximum number of posts',
    });
    await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/instance',
      payload: { maxPinnedStatuses: 5 },
    });
    expect((await pin(ids[0] ?? '')).json()).toEqual({ error: 'Duplicate record' });
    const unpinned = await app.inject({
      method: 'POST',
      url: `/api/v1/statuses/${ids[0] ?? ''}/unpin`,
      headers: { authorization: auth },
    });
    expect(unpinned.json()).toMatchObject({ pinned: false });
  });
});
