import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createSandbox } from '../sandbox.server.ts';
import type { Sandbox } from '../sandbox.server.ts';
import { createMetaSandbox, DEFAULT_META_SANDBOX_OPTIONS } from './meta.sandbox.ts';

const { pageId, igUserId } = DEFAULT_META_SANDBOX_OPTIONS;

describe('Meta sandbox', () => {
  let sandbox: Sandbox;
  let base: string;
  let token: string;
  beforeEach(async () => {
    sandbox = createSandbox([createMetaSandbox({ appCallsPerHour: 5 })]);
    base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
    token = sandbox.store.issueToken('meta', pageId, {
      lifetimeSeconds: null,
      withRefresh: false,
    }).token;
  });
  afterEach(async () => {
    await sandbox.app.close();
  });

  const graph = (
    path: string,
    init: { method?: string; body?: URLSearchParams } = {},
    auth = token,
  ): Promise<Response> =>
    fetch(`${base}/v21.0${path}`, {
      method: init.method ?? 'GET',
      body: init.body ?? null,
      headers: { authorization: `Bearer ${auth}` },
    });

  it('answers a bad token with Meta’s 190 body and reports X-App-Usage', async () => {
    const response = await graph(`/${pageId}/posts`, {}, 'nope');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        type: 'OAuthException',
        code: 190,
        error_subcode: 463,
        fbtrace_id: expect.any(String) as unknown,
      },
    });
    expect(JSON.parse(response.headers.get('x-app-usage') ?? '{}')).toMatchObject({
      call_count: 20,
    });
  });

  it('throttles the app with code 4 once X-App-Usage reaches 100 %', async () => {
    for (let call = 0; call < 4; call += 1) {
      expect((await graph(`/${pageId}/posts`)).status).toBe(200);
    }
    const throttled = await graph(`/${pageId}/posts`);
    expect(await throttled.json()).toMatchObject({ error: { code: 4 } });
  });

  it('takes form posts, refuses an empty one with (#100), and deletes', async () => {
    const empty = await graph(`/${pageId}/feed`, { method: 'POST', body: new URLSearchParams() });
    expect(await empty.json()).toMatchObject({ error: { code: 100 } });
    const created = (await (
      await graph(`/${pageId}/feed`, {
        method: 'POST',
        body: new URLSearchParams({ message: 'Hallo', link: 'https://stuttgart.de' }),
      })
    ).json()) as { id: string };
    expect(created.id.startsWith(`${pageId}_`)).toBe(true);
    expect(await (await graph(`/${created.id}`, { method: 'DELETE' })).json()).toEqual({
      success: true,
    });
  });

  it('refuses media URLs outside this machine like an unreachable download', async () => {
    const response = await graph(`/${igUserId}/media`, {
      method: 'POST',
      body: new URLSearchParams({ image_url: 'https://example.org/a.jpg', caption: 'x' }),
    });
    expect(await response.json()).toMatchObject({
      error: { code: 9004, error_subcode: 2207052 },
    });
  });

  it('cannot delete Instagram media', async () => {
    const post = sandbox.store.addPost({
      id: '42',
      platform: 'meta',
      accountId: igUserId,
      text: 'x',
      createdAt: new Date(),
      media: [],
      extra: { network: 'instagram' },
    });
    const response = await graph(`/${post.id}`, { method: 'DELETE' });
    expect(await response.json()).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });
});
