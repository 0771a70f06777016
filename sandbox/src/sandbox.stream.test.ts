import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { linkedInSandbox, LINKEDIN_SANDBOX_ORGANIZATION } from './platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from './platforms/mastodon.sandbox.ts';
import { CITY_ACCOUNT_ID } from './platforms/mastodon-state.sandbox.ts';
import { DEFAULT_META_SANDBOX_OPTIONS, metaSandbox } from './platforms/meta.sandbox.ts';
import { xSandbox } from './platforms/x.sandbox.ts';
import { COMMENT_KINDS } from './sandbox.comments.ts';
import { readSandboxConfig, SandboxConfigError } from './sandbox.config.ts';
import { createSandbox } from './sandbox.server.ts';
import type { Sandbox, SandboxOptions } from './sandbox.server.ts';
import type { StreamStatus } from './sandbox.stream.ts';

const { pageId, igUserId } = DEFAULT_META_SANDBOX_OPTIONS;
const open: Sandbox[] = [];

function sandbox(options: SandboxOptions = {}): Sandbox {
  const created = createSandbox(
    [mastodonSandbox, metaSandbox, linkedInSandbox, xSandbox],
    undefined,
    options,
  );
  open.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((entry) => entry.app.close()));
});

function addPost(box: Sandbox, platform: string, accountId: string, extra = {}): string {
  const id = `${Date.now()}${box.store.posts.length}`;
  box.store.addPost({
    id,
    platform,
    accountId,
    text: 'Stadtfest am Samstag',
    createdAt: new Date(),
    media: [],
    extra,
  });
  return id;
}

describe('comment stream configuration', () => {
  it('reads SANDBOX_COMMENT_RATE and SANDBOX_COMMENT_KINDS', () => {
    expect(readSandboxConfig({})).toMatchObject({ commentRate: 0, commentKinds: COMMENT_KINDS });
    expect(
      readSandboxConfig({ SANDBOX_COMMENT_RATE: '120', SANDBOX_COMMENT_KINDS: 'phone, offensive' }),
    ).toMatchObject({ commentRate: 120, commentKinds: ['phone', 'offensive'] });
    expect(() => readSandboxConfig({ SANDBOX_COMMENT_RATE: '6001' })).toThrow(SandboxConfigError);
    expect(() => readSandboxConfig({ SANDBOX_COMMENT_KINDS: 'friendly,spam' })).toThrow(
      SandboxConfigError,
    );
  });

  it('starts every platform with a generator at the configured rate', async () => {
    const box = sandbox({ comments: { perMinute: 30, kinds: ['question'] } });
    expect(box.stream.platforms).toEqual(['mastodon', 'meta', 'linkedin', 'x']);
    expect(box.stream.running).toBe(true);
    const status = await box.app.inject({ url: '/_sandbox/linkedin/stream' });
    expect(status.json()).toMatchObject({ perMinute: 30, kinds: ['question'], generated: 0 });
    expect((await box.app.inject({ url: '/_sandbox/x/stream' })).statusCode).toBe(200);
    expect((await box.app.inject({ url: '/_sandbox/myspace/stream' })).statusCode).toBe(404);
  });
});

describe('comment stream generation', () => {
  it('generates the rate per minute of stream time and stops at 0', async () => {
    const box = sandbox();
    expect(box.stream.running).toBe(false);
    const set = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/stream',
      payload: { perMinute: 90, kinds: ['phone', 'email'] },
    });
    expect(set.statusCode).toBe(200);
    expect(box.stream.running).toBe(true);
    // 90 per minute is 1.5 per second: fractions carry over to the next tick.
    expect(box.stream.tick(1000)).toBe(1);
    expect(box.stream.tick(1000)).toBe(2);
    expect(box.stream.tick(60_000)).toBe(90);
    const status = (
      await box.app.inject({ url: '/_sandbox/mastodon/stream' })
    ).json<StreamStatus>();
    expect(status).toMatchObject({ perMinute: 90, generated: 93, skipped: 0 });
    const texts = box.store.postsOf('mastodon').map((post) => post.text);
    expect(texts[0]).toMatch(/030 23125\d{3}/);
    expect(texts[1]).toMatch(/@example\.(org|com|net)/);

    const stop = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/stream',
      payload: { perMinute: 0 },
    });
    expect(stop.json()).toMatchObject({ perMinute: 0, generated: 93 });
    expect(box.stream.running).toBe(false);
    expect(box.stream.tick(60_000)).toBe(0);
    expect(box.store.postsOf('mastodon')).toHaveLength(93);

    const invalid = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/stream',
      payload: { perMinute: 6001 },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it('replies to the city’s newest Mastodon status, readable as mention notifications', async () => {
    const box = sandbox();
    const [mention] = box.stream.generateNow('mastodon', 1);
    expect(mention).toMatchObject({ kind: 'mention', postId: null, accountId: CITY_ACCOUNT_ID });
    const token = box.store.issueToken('mastodon', CITY_ACCOUNT_ID, {
      lifetimeSeconds: null,
      withRefresh: false,
    });
    const status = await box.app.inject({
      method: 'POST',
      url: '/api/v1/statuses',
      headers: { authorization: `Bearer ${token.token}` },
      payload: { status: 'Der Wochenmarkt fällt aus.' },
    });
    const statusId = status.json<{ id: string }>().id;
    const burst = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/stream/burst',
      payload: { count: 3 },
    });
    expect(burst.json()).toMatchObject({ generated: 3, skipped: 0 });
    const notifications = await box.app.inject({
      url: '/api/v1/notifications?types[]=mention',
      headers: { authorization: `Bearer ${token.token}` },
    });
    const items = notifications.json<{ status: { in_reply_to_id: string | null } }[]>();
    expect(items.map((item) => item.status.in_reply_to_id)).toEqual([
      statusId,
      statusId,
      statusId,
      null,
    ]);
  });

  it('alternates Meta between the page post and the IG media and skips when empty', async () => {
    const box = sandbox();
    expect(box.stream.generateNow('meta', 2)).toEqual([]);
    expect(box.stream.status('meta')).toMatchObject({ generated: 0, skipped: 2 });
    const post = addPost(box, 'meta', pageId, { network: 'facebook' });
    const media = addPost(box, 'meta', igUserId, { network: 'instagram' });
    const events = box.stream.generateNow('meta', 2);
    expect(events.map((event) => [event.network, event.postId])).toEqual([
      ['facebook', post],
      ['instagram', media],
    ]);
    const token = box.store.issueToken('meta', pageId, {
      lifetimeSeconds: null,
      withRefresh: false,
    });
    const read = await box.app.inject({
      url: `/v21.0/${media}/comments`,
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(read.json<{ data: { id: string; username: string }[] }>().data).toEqual([
      expect.objectContaining({ id: events[1]?.commentId, username: events[1]?.authorName }),
    ]);
  });

  it('comments on the newest LinkedIn post of the organization', () => {
    const box = sandbox();
    addPost(box, 'linkedin', LINKEDIN_SANDBOX_ORGANIZATION);
    const newest = addPost(box, 'linkedin', LINKEDIN_SANDBOX_ORGANIZATION);
    addPost(box, 'linkedin', 'urn:li:person:someone-else');
    const [event] = box.stream.generateNow('linkedin', 1);
    expect(event).toMatchObject({
      postId: newest,
      accountId: LINKEDIN_SANDBOX_ORGANIZATION,
      commentId: expect.stringMatching(/^urn:li:comment:\(/) as unknown,
    });
  });

  it('runs on real time and stops its timer when the app closes', async () => {
    const box = sandbox();
    await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/stream',
      payload: { perMinute: 600 },
    });
    // 10 per second; on a slow machine fewer ticks fire, but 1.2 s yield well over 5.
    const deadline = Date.now() + 5000;
    await sleep(1200);
    while (box.stream.status('mastodon').generated < 5 && Date.now() < deadline) {
      await sleep(100);
    }
    expect(box.stream.status('mastodon').generated).toBeGreaterThanOrEqual(5);
    await box.app.close();
    expect(box.stream.running).toBe(false);
    const after = box.stream.status('mastodon').generated;
    box.stream.configure('mastodon', { perMinute: 6000, kinds: [] });
    expect(box.stream.running).toBe(false);
    await sleep(300);
    expect(box.stream.status('mastodon').generated).toBe(after);
  });
});
