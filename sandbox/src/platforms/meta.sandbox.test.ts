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

  describe('insights', () => {
    const day = 24 * 60 * 60;
    const window = (): string => {
      const until = Math.floor(Date.now() / 1000);
      return `since=${until - 2 * day}&until=${until}`;
    };

    it('answers Page Insights as daily series in Meta’s shape', async () => {
      sandbox.store.addPost({
        id: `${pageId}_1`,
        platform: 'meta',
        accountId: pageId,
        text: 'x',
        createdAt: new Date(),
        media: [],
        extra: { network: 'facebook' },
      });
      const response = await graph(
        `/${pageId}/insights?metric=page_media_view,page_follows&period=day&${window()}`,
      );
      const body = (await response.json()) as {
        data: { name: string; period: string; values: { value: number; end_time: string }[] }[];
      };
      expect(body.data.map((series) => [series.name, series.period])).toEqual([
        ['page_media_view', 'day'],
        ['page_follows', 'day'],
      ]);
      const views = body.data[0]?.values ?? [];
      expect(views.at(-1)?.value).toBe(100);
      expect(views[0]?.end_time).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+0000$/);
      expect(body.data[1]?.values.at(-1)?.value).toBe(1002);
    });

    it.each(['page_impressions_unique', 'page_fans', 'page_fan_adds', 'page_impressions'])(
      'refuses the deprecated Page metric %s with (#100)',
      async (metric) => {
        const response = await graph(`/${pageId}/insights?metric=${metric}&period=day`);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: { code: 100 } });
      },
    );

    it('wants a metric (3001) and at most 90 days per call', async () => {
      expect(await (await graph(`/${pageId}/insights?period=day`)).json()).toMatchObject({
        error: { code: 3001, error_subcode: 1504028 },
      });
      const long = await graph(`/${pageId}/insights?metric=page_follows&since=0&until=${91 * day}`);
      expect(await long.json()).toMatchObject({ error: { code: 100 } });
    });

    it('answers Instagram totals as total_value, and reach also as a series', async () => {
      const totals = await graph(
        `/${igUserId}/insights?metric=reach,views&metric_type=total_value&period=day&${window()}`,
      );
      expect(await totals.json()).toMatchObject({
        data: [
          { name: 'reach', period: 'day', total_value: { value: 0 } },
          { name: 'views', period: 'day', total_value: { value: 0 } },
        ],
      });
      const series = await graph(`/${igUserId}/insights?metric=reach&period=day&${window()}`);
      expect(await series.json()).toMatchObject({
        data: [{ name: 'reach', values: expect.any(Array) as unknown }],
      });
    });

    it('refuses impressions, a total-only metric without metric_type, and over 30 days', async () => {
      const refused = [
        `/${igUserId}/insights?metric=impressions&metric_type=total_value&period=day`,
        `/${igUserId}/insights?metric=views&period=day`,
        `/${igUserId}/insights?metric=reach&period=day&since=0&until=${31 * day}`,
      ];
      for (const path of refused) {
        expect(await (await graph(path)).json()).toMatchObject({ error: { code: 100 } });
      }
    });

    it('needs read_insights (#200) and instagram_manage_insights (#10)', async () => {
      const limited = sandbox.store.issueToken('meta', pageId, {
        lifetimeSeconds: null,
        withRefresh: false,
        scopes: ['pages_show_list'],
      }).token;
      const page = await graph(`/${pageId}/insights?metric=page_follows`, {}, limited);
      expect(page.status).toBe(403);
      expect(await page.json()).toMatchObject({ error: { code: 200 } });
      const ig = await graph(`/${igUserId}/insights?metric=reach`, {}, limited);
      expect(await ig.json()).toMatchObject({ error: { code: 10 } });
    });
  });

  it('edits a page post’s message but never an Instagram caption', async () => {
    const media = sandbox.store.addPost({
      id: '43',
      platform: 'meta',
      accountId: igUserId,
      text: 'Caption',
      createdAt: new Date(),
      media: [],
      extra: { network: 'instagram' },
    });
    const caption = await graph(`/${media.id}`, {
      method: 'POST',
      body: new URLSearchParams({ caption: 'Neu' }),
    });
    expect(await caption.json()).toMatchObject({ error: { code: 100 } });
    const comments = await graph(`/${media.id}`, {
      method: 'POST',
      body: new URLSearchParams({ comment_enabled: 'false' }),
    });
    expect(await comments.json()).toEqual({ success: true });
    expect(sandbox.store.postById('meta', media.id)).toMatchObject({
      text: 'Caption',
      extra: { commentEnabled: false },
    });
  });
});
