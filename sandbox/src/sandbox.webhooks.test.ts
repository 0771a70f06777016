import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { linkedInSandbox, LINKEDIN_SANDBOX_ORGANIZATION } from './platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from './platforms/mastodon.sandbox.ts';
import { DEFAULT_META_SANDBOX_OPTIONS, metaSandbox } from './platforms/meta.sandbox.ts';
import { createSandbox } from './sandbox.server.ts';
import type { Sandbox } from './sandbox.server.ts';
import type { WebhookDelivery } from './sandbox.webhooks.ts';

const { pageId, igUserId } = DEFAULT_META_SANDBOX_OPTIONS;

interface Received {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver as an app would run one: answers POSTs with queued statuses (else 200). */
interface Receiver {
  readonly url: string;
  readonly received: Received[];
  readonly statuses: number[];
  /** Answers Meta's GET handshake; the default echoes the challenge when the token matches. */
  handshake: (url: URL) => { status: number; body: string };
}

const servers: Server[] = [];
const sandboxes: Sandbox[] = [];

afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((entry) => entry.app.close()));
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

async function receiver(verifyToken = 'geheim'): Promise<Receiver> {
  const state: Receiver = {
    url: '',
    received: [],
    statuses: [],
    handshake: (url) =>
      url.searchParams.get('hub.mode') === 'subscribe' &&
      url.searchParams.get('hub.verify_token') === verifyToken
        ? { status: 200, body: url.searchParams.get('hub.challenge') ?? '' }
        : { status: 403, body: 'Forbidden' },
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://receiver.invalid');
      const body = Buffer.concat(chunks).toString('utf8');
      state.received.push({ method: request.method ?? '', url, headers: request.headers, body });
      const answer =
        request.method === 'GET'
          ? state.handshake(url)
          : { status: state.statuses.shift() ?? 200, body: 'ok' };
      response.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { url: `http://127.0.0.1:${port}/hook` });
}

function sandbox(retryDelayMs = 20): Sandbox {
  const created = createSandbox([mastodonSandbox, metaSandbox, linkedInSandbox], undefined, {
    webhooks: { retryDelayMs, timeoutMs: 2000 },
  });
  sandboxes.push(created);
  return created;
}

/** What a receiver does: recompute the HMAC over the raw body and compare in constant time. */
function signatureValid(header: string | string[] | undefined, secret: string, body: string) {
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return (
    typeof header === 'string' &&
    header.length === expected.length &&
    timingSafeEqual(Buffer.from(header), Buffer.from(expected))
  );
}

function addPost(box: Sandbox, platform: string, accountId: string, network?: string): string {
  const id = `${Date.now()}${box.store.posts.length}`;
  box.store.addPost({
    id,
    platform,
    accountId,
    text: 'Baustelle in der Königstraße',
    createdAt: new Date(),
    media: [],
    extra: network === undefined ? {} : { network },
  });
  return id;
}

async function deliveries(box: Sandbox, platform: string): Promise<WebhookDelivery[]> {
  await box.webhooks.idle();
  const answer = await box.app.inject({ url: `/_sandbox/${platform}/webhooks/deliveries` });
  return answer.json<{ items: WebhookDelivery[] }>().items;
}

describe('sandbox webhooks (generic)', () => {
  it('delivers seeded Mastodon replies with a verifiable X-Sandbox-Signature', async () => {
    const box = sandbox();
    const hook = await receiver();
    const subscribed = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/webhooks',
      payload: { callbackUrl: hook.url, secret: 's3cret' },
    });
    expect(subscribed.statusCode).toBe(201);
    expect(subscribed.json()).not.toHaveProperty('secret');
    const statusId = addPost(box, 'mastodon', '109000000000000001');
    const seeded = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/replies',
      payload: { statusId, count: 2 },
    });
    const ids = seeded.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    const log = await deliveries(box, 'mastodon');
    expect(log.map((entry) => [entry.state, entry.attempts, entry.statusCode])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 1, 200],
    ]);
    expect(hook.received).toHaveLength(2);
    for (const [index, request] of hook.received.entries()) {
      expect(signatureValid(request.headers['x-sandbox-signature'], 's3cret', request.body)).toBe(
        true,
      );
      expect(signatureValid(request.headers['x-sandbox-signature'], 'falsch', request.body)).toBe(
        false,
      );
      const event = JSON.parse(request.body) as { id: string; type: string; data: object };
      expect(event).toMatchObject({
        type: 'comment.created',
        platform: 'mastodon',
        data: { kind: 'comment', postId: statusId, commentId: ids[index] },
      });
      expect(request.headers['x-sandbox-event-id']).toBe(event.id);
      expect(log[index]?.eventId).toBe(event.id);
    }
  });

  it('retries once after a failure and logs both outcomes', async () => {
    const box = sandbox();
    const hook = await receiver();
    hook.statuses.push(500, 503, 502);
    await box.app.inject({
      method: 'POST',
      url: '/_sandbox/linkedin/webhooks',
      payload: { callbackUrl: hook.url, secret: 'li' },
    });
    addPost(box, 'linkedin', LINKEDIN_SANDBOX_ORGANIZATION);
    box.stream.generateNow('linkedin', 1);
    const first = await deliveries(box, 'linkedin');
    expect(first).toMatchObject([{ state: 'failed', attempts: 2, statusCode: 503 }]);
    box.stream.generateNow('linkedin', 1);
    const second = await deliveries(box, 'linkedin');
    expect(second[1]).toMatchObject({ state: 'delivered', attempts: 2, statusCode: 200 });
    expect(hook.received).toHaveLength(4);
    // The retry is the same notification: same body, same signature.
    expect(hook.received[3]?.body).toBe(hook.received[2]?.body);
  });

  it('survives an unreachable callback without delaying the seeding request', async () => {
    const box = sandbox();
    const hook = await receiver();
    const unreachable = hook.url.replace(/:\d+\//, ':1/');
    await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/webhooks',
      payload: { callbackUrl: unreachable, secret: 'x' },
    });
    const seeded = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/mentions',
      payload: { accountId: '109000000000000001', count: 1, visibility: 'direct' },
    });
    expect(seeded.statusCode).toBe(200);
    expect(await deliveries(box, 'mastodon')).toMatchObject([
      { state: 'failed', attempts: 2, statusCode: null, error: expect.any(String) as unknown },
    ]);
  });

  it('drops a pending retry when the app closes', async () => {
    const box = sandbox(60_000);
    const hook = await receiver();
    hook.statuses.push(500);
    await box.app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/webhooks',
      payload: { callbackUrl: hook.url, secret: 'x' },
    });
    box.stream.generateNow('mastodon', 1);
    while (box.webhooks.log[0]?.attempts !== 1 || box.webhooks.log[0].statusCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await box.app.close();
    await box.webhooks.idle();
    expect(hook.received).toHaveLength(1);
    expect(box.webhooks.log[0]).toMatchObject({ state: 'failed', attempts: 1, statusCode: 500 });
  });
});

describe('Meta webhooks', () => {
  it('verifies the callback, then posts signed feed and comments changes', async () => {
    const box = sandbox();
    const hook = await receiver('mein-token');
    const subscribed = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/webhooks',
      payload: { callbackUrl: hook.url, verifyToken: 'mein-token', appSecret: 'app-secret' },
    });
    expect(subscribed.statusCode).toBe(201);
    expect(hook.received[0]?.url.searchParams.get('hub.mode')).toBe('subscribe');
    const post = addPost(box, 'meta', pageId, 'facebook');
    const media = addPost(box, 'meta', igUserId, 'instagram');
    const seeded = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/comments',
      payload: { objectId: post, text: 'Gilt das auch für Vaihingen?' },
    });
    const [streamed] = box.stream.generateNow('meta', 2).filter((e) => e.postId === media);
    expect(await deliveries(box, 'meta')).toHaveLength(3);
    const posts = hook.received.filter((request) => request.method === 'POST');
    for (const request of posts) {
      expect(
        signatureValid(request.headers['x-hub-signature-256'], 'app-secret', request.body),
      ).toBe(true);
    }
    expect(JSON.parse(posts[0]?.body ?? '')).toMatchObject({
      object: 'page',
      entry: [
        {
          id: pageId,
          changes: [
            {
              field: 'feed',
              value: {
                item: 'comment',
                verb: 'add',
                post_id: post,
                comment_id: seeded.json<{ id: string }>().id,
                message: 'Gilt das auch für Vaihingen?',
              },
            },
          ],
        },
      ],
    });
    const instagram = posts
      .map((request) => JSON.parse(request.body) as { object: string })
      .find((body) => body.object === 'instagram');
    expect(instagram).toMatchObject({
      entry: [
        {
          id: igUserId,
          changes: [
            {
              field: 'comments',
              value: { id: streamed?.commentId, media: { id: media }, text: streamed?.text },
            },
          ],
        },
      ],
    });
  });

  it('announces a writer’s edit and deletion as Meta’s edited and remove verbs', async () => {
    const box = sandbox();
    const hook = await receiver('mein-token');
    await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/webhooks',
      payload: { callbackUrl: hook.url, verifyToken: 'mein-token', appSecret: 'app-secret' },
    });
    const post = addPost(box, 'meta', pageId, 'facebook');
    const seeded = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/comments',
      payload: { objectId: post, text: 'Wann kommt der Bus wieder?' },
    });
    const id = seeded.json<{ id: string }>().id;
    const edited = await box.app.inject({
      method: 'PATCH',
      url: `/_sandbox/meta/comments/${id}`,
      payload: { text: 'Wann kommt der Bus 42 wieder?' },
    });
    expect(edited.statusCode).toBe(200);
    const removed = await box.app.inject({
      method: 'DELETE',
      url: `/_sandbox/meta/comments/${id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(
      (await box.app.inject({ method: 'DELETE', url: `/_sandbox/meta/comments/${id}` })).statusCode,
    ).toBe(404);
    expect(await deliveries(box, 'meta')).toHaveLength(3);
    const values = hook.received
      .filter((request) => request.method === 'POST')
      .map(
        (request) =>
          (
            JSON.parse(request.body) as {
              entry: { changes: { value: { verb: string; message: string } }[] }[];
            }
          ).entry[0]?.changes[0]?.value,
      );
    expect(values.map((value) => [value?.verb, value?.message])).toEqual([
      ['add', 'Wann kommt der Bus wieder?'],
      ['edited', 'Wann kommt der Bus 42 wieder?'],
      ['remove', 'Wann kommt der Bus 42 wieder?'],
    ]);
    const listed = await box.app.inject({ url: '/_sandbox/meta/comments' });
    expect(listed.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('refuses the subscription when the callback does not echo the challenge', async () => {
    const box = sandbox();
    const hook = await receiver('mein-token');
    const wrongToken = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/webhooks',
      payload: { callbackUrl: hook.url, verifyToken: 'anderer-token', appSecret: 'a' },
    });
    expect(wrongToken.statusCode).toBe(400);
    expect(wrongToken.json<{ error: string }>().error).toContain('HTTP Status Code = 403');
    hook.handshake = () => ({ status: 200, body: '12345' });
    const wrongChallenge = await box.app.inject({
      method: 'POST',
      url: '/_sandbox/meta/webhooks',
      payload: { callbackUrl: hook.url, verifyToken: 'mein-token', appSecret: 'a' },
    });
    expect(wrongChallenge.statusCode).toBe(400);
    expect(wrongChallenge.json<{ error: string }>().error).toContain('hub.challenge');
    const listed = await box.app.inject({ url: '/_sandbox/meta/webhooks' });
    expect(listed.json()).toEqual({ items: [] });
  });
});
