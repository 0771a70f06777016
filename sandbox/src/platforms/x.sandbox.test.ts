import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createSandbox } from '../sandbox.server.ts';
import { createXSandbox, xSandbox } from './x.sandbox.ts';

function setup(plugin = xSandbox) {
  const { app, store } = createSandbox([plugin]);
  const token = store.issueToken('x', '1600000000000000042', {
    lifetimeSeconds: 7200,
    withRefresh: true,
  });
  const headers = { authorization: `Bearer ${token.token}` };
  return { app, store, token, headers };
}

describe('X sandbox: the API contract the connector relies on', () => {
  it('answers a bad token with X’s exact 401 body', async () => {
    const { app } = setup();
    const response = await app.inject({
      method: 'POST',
      url: '/2/tweets',
      headers: { authorization: 'Bearer nope' },
      payload: { text: 'x' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  it('creates a tweet (201) with rate-limit and 24-hour headers; a duplicate gets 403', async () => {
    const { app, headers } = setup();
    const create = () =>
      app.inject({
        method: 'POST',
        url: '/2/tweets',
        headers,
        payload: { text: 'Hallo Stuttgart' },
      });
    const first = await create();
    expect(first.statusCode).toBe(201);
    const id = first.json<{ data: { id: string } }>().data.id;
    expect(first.json()).toEqual({
      data: { id, text: 'Hallo Stuttgart', edit_history_tweet_ids: [id] },
    });
    expect(first.headers['x-rate-limit-limit']).toBe('100');
    expect(first.headers['x-rate-limit-remaining']).toBe('99');
    expect(first.headers['x-user-limit-24hour-limit']).toBe('100');
    expect(first.headers['x-user-limit-24hour-remaining']).toBe('99');
    expect(Number(first.headers['x-user-limit-24hour-reset'])).toBeGreaterThan(Date.now() / 1000);

    const second = await create();
    expect(second.statusCode).toBe(403);
    expect(second.json()).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  });

  it('rejects text over 280 weighted characters with an invalid-request problem', async () => {
    const { app, headers } = setup();
    const response = await app.inject({
      method: 'POST',
      url: '/2/tweets',
      headers,
      payload: { text: '😀'.repeat(141) },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      type: 'https://api.twitter.com/2/problems/invalid-request',
      errors: [{ message: expect.stringContaining('too long') as unknown }],
    });
  });

  it('serves a timeline as X renders it: t.co links, entities, pages', async () => {
    const { app, headers } = setup();
    for (const text of ['a & b: stuttgart.de', 'zwei', 'drei', 'vier', 'fünf', 'sechs']) {
      await app.inject({ method: 'POST', url: '/2/tweets', headers, payload: { text } });
    }
    const page = await app.inject({
      method: 'GET',
      url: '/2/users/1600000000000000042/tweets?max_results=5&tweet.fields=created_at,entities',
      headers,
    });
    const body = page.json<{
      data: { text: string; created_at: string }[];
      meta: { result_count: number; next_token?: string };
    }>();
    expect(body.data.map((tweet) => tweet.text)).toEqual(['sechs', 'fünf', 'vier', 'drei', 'zwei']);
    expect(body.meta.result_count).toBe(5);
    const next = await app.inject({
      method: 'GET',
      url: `/2/users/1600000000000000042/tweets?max_results=5&tweet.fields=entities&pagination_token=${body.meta.next_token ?? ''}`,
      headers,
    });
    const last = next.json<{
      data: { text: string; entities: { urls: { url: string; expanded_url: string }[] } }[];
      meta: { next_token?: string };
    }>();
    expect(last.meta.next_token).toBeUndefined();
    const rendered = last.data[0];
    expect(rendered?.text).toMatch(/^a &amp; b: https:\/\/t\.co\/[\w-]{10}$/);
    expect(rendered?.entities.urls[0]?.expanded_url).toBe('http://stuttgart.de');
  });

  it('refuses what X refuses in a listing: max_results below 5, unknown parameters', async () => {
    const { app, headers } = setup();
    for (const query of ['max_results=1', 'foo=bar', 'start_time=gestern']) {
      const response = await app.inject({
        method: 'GET',
        url: `/2/users/1600000000000000042/tweets?${query}`,
        headers,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('caps alt text at 1000 characters', async () => {
    const { app, headers } = setup();
    const init = await app.inject({
      method: 'POST',
      url: '/2/media/upload/initialize',
      headers,
      payload: { media_type: 'image/png', total_bytes: 3, media_category: 'tweet_image' },
    });
    const id = init.json<{ data: { id: string } }>().data.id;
    const boundary = 'b0undary';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="segment_index"\r\n\r\n0\r\n`,
      ),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="media"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from([0xff, 0x00, 0x89]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const append = await app.inject({
      method: 'POST',
      url: `/2/media/upload/${id}/append`,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: multipart,
    });
    expect(append.statusCode).toBe(200);
    const finalize = await app.inject({
      method: 'POST',
      url: `/2/media/upload/${id}/finalize`,
      headers,
    });
    expect(finalize.json()).toMatchObject({ data: { id, size: 3 } });
    const metadata = (text: string) =>
      app.inject({
        method: 'POST',
        url: '/2/media/metadata',
        headers,
        payload: { id, metadata: { alt_text: { text } } },
      });
    expect((await metadata('x'.repeat(1001))).statusCode).toBe(400);
    expect((await metadata('x'.repeat(1000))).json()).toEqual({
      data: { id, associated_metadata: { alt_text: { text: 'x'.repeat(1000) } } },
    });
  });

  it('answers 429 when the 15-minute window is used up', async () => {
    const { app, headers } = setup(createXSandbox({ windowLimits: { 'users-me': 2 } }));
    const me = () => app.inject({ method: 'GET', url: '/2/users/me', headers });
    expect((await me()).statusCode).toBe(200);
    expect((await me()).statusCode).toBe(200);
    const third = await me();
    expect(third.statusCode).toBe(429);
    expect(third.headers['x-rate-limit-remaining']).toBe('0');
  });

  it('takes the token request as form data (RFC 6749) as well as JSON', async () => {
    const { app } = setup();
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = await app.inject({
      method: 'GET',
      url: `/i/oauth2/authorize?response_type=code&client_id=c&redirect_uri=${encodeURIComponent('https://a.example/cb')}&state=s&code_challenge=${challenge}&code_challenge_method=S256&scope=tweet.write%20offline.access`,
    });
    const code = new URL(authorize.headers.location ?? '').searchParams.get('code') ?? '';
    const token = await app.inject({
      method: 'POST',
      url: '/2/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://a.example/cb',
        code_verifier: verifier,
        client_id: 'c',
      }).toString(),
    });
    expect(token.json()).toMatchObject({
      token_type: 'bearer',
      expires_in: 7200,
      scope: 'tweet.write offline.access',
    });
  });

  it('answers injected 5xx in X’s problem format', async () => {
    const { app, headers } = setup();
    await app.inject({
      method: 'POST',
      url: '/_sandbox/x/faults',
      payload: { serverError: { count: 1, status: 503 } },
    });
    const response = await app.inject({ method: 'GET', url: '/2/users/me', headers });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      title: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
      detail: 'Service Unavailable',
    });
  });
});

describe('X sandbox: mentions, hidden replies and the comment stream', () => {
  it('serves replies and mentions of the city with author expansion and cursors', async () => {
    const { app, headers } = setup();
    const created = await app.inject({
      method: 'POST',
      url: '/2/tweets',
      headers,
      payload: { text: 'Stadtfest am Samstag' },
    });
    const tweetId = created.json<{ data: { id: string } }>().data.id;
    await app.inject({
      method: 'POST',
      url: '/_sandbox/x/mentions',
      payload: { count: 2, tweetId, kinds: ['question'] },
    });
    const list = await app.inject({
      url: '/2/users/1600000000000000042/mentions?max_results=5&expansions=author_id&tweet.fields=created_at,conversation_id,in_reply_to_user_id,referenced_tweets',
      headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-rate-limit-limit']).toBe('300');
    const body = list.json<{
      data: Record<string, unknown>[];
      includes: { users: { username: string }[] };
      meta: { result_count: number; newest_id: string };
    }>();
    expect(body.meta.result_count).toBe(2);
    expect(body.data[0]).toMatchObject({
      text: expect.stringMatching(/^@stadtfunk_000042 /u) as unknown,
      conversation_id: tweetId,
      in_reply_to_user_id: '1600000000000000042',
      referenced_tweets: [{ type: 'replied_to', id: tweetId }],
    });
    expect(body.includes.users.map((user) => user.username).sort()).toEqual(['erika_m', 'kessler']);
    const newer = await app.inject({
      url: `/2/users/1600000000000000042/mentions?since_id=${body.meta.newest_id}`,
      headers,
    });
    expect(newer.json()).toEqual({ meta: { result_count: 0 } });
    const unknown = await app.inject({
      url: '/2/users/1600000000000000042/mentions?expansions=pinned_tweet_id',
      headers,
    });
    expect(unknown.statusCode).toBe(400);

    const replyId = body.data[0]?.['id'] as string;
    const hide = await app.inject({
      method: 'PUT',
      url: `/2/tweets/${replyId}/hidden`,
      headers,
      payload: { hidden: true },
    });
    expect(hide.json()).toEqual({ data: { hidden: true } });
    expect(hide.headers['x-rate-limit-limit']).toBe('50');
  });

  it('wants tweet.moderate.write for hiding', async () => {
    const { app, store } = setup();
    const token = store.issueToken('x', '1600000000000000042', {
      lifetimeSeconds: 7200,
      withRefresh: false,
      scopes: ['tweet.read', 'users.read', 'tweet.write'],
    });
    const response = await app.inject({
      method: 'PUT',
      url: '/2/tweets/1/hidden',
      headers: { authorization: `Bearer ${token.token}` },
      payload: { hidden: true },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'Forbidden',
    });
  });

  it('the comment stream replies to the newest city tweet, or mentions the city without one', async () => {
    const { app, headers } = setup();
    const early = await app.inject({
      method: 'POST',
      url: '/_sandbox/x/stream/burst',
      payload: { count: 1 },
    });
    expect(early.json()).toMatchObject({
      generated: 1,
      items: [{ platform: 'x', kind: 'mention', accountId: '1600000000000000001', postId: null }],
    });
    const created = await app.inject({
      method: 'POST',
      url: '/2/tweets',
      headers,
      payload: { text: 'Baustelle Rotebühlplatz' },
    });
    const tweetId = created.json<{ data: { id: string } }>().data.id;
    const burst = await app.inject({
      method: 'POST',
      url: '/_sandbox/x/stream/burst',
      payload: { count: 2 },
    });
    expect(burst.json()).toMatchObject({
      generated: 2,
      items: [
        { kind: 'comment', postId: tweetId, accountId: '1600000000000000042' },
        { kind: 'comment', postId: tweetId },
      ],
    });
    const list = await app.inject({ url: '/2/users/1600000000000000042/mentions', headers });
    expect(list.json<{ meta: { result_count: number } }>().meta.result_count).toBe(2);
  });
});
