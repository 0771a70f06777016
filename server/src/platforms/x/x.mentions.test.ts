import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { xState } from '../../../../sandbox/src/platforms/x-common.sandbox.ts';
import type { ChannelAuth, RemoteComment } from '../connector.ts';
import { publishRequest, startXTestbed, TEST_ACCOUNT_ID } from './x.testbed.ts';
import type { XTestbed } from './x.testbed.ts';

let bed: XTestbed;

beforeAll(async () => {
  bed = await startXTestbed();
});
afterAll(async () => {
  await bed.close();
});
afterEach(async () => {
  await fetch(`${bed.baseUrl}/_sandbox/x/faults`, { method: 'DELETE' });
});

let counter = 0;
let accounts = 0;

/** A fresh city account per test, so mentions of one test do not show up in another. */
async function cityToken(on: XTestbed = bed): Promise<ChannelAuth> {
  accounts += 1;
  return on.token(`16000000000001${String(accounts).padStart(5, '0')}`);
}

async function cityTweet(auth: ChannelAuth, on: XTestbed = bed): Promise<string> {
  counter += 1;
  const result = await on.connector.publish(auth, publishRequest(`Stadtnachricht Nr. ${counter}`));
  if (result.status !== 'published') {
    throw new Error(`publish failed: ${JSON.stringify(result)}`);
  }
  return result.externalId;
}

/** Citizens reply to `tweetId`, or mention `accountId` (admin route of the X sandbox). */
async function seed(
  body: { count: number; tweetId?: string; accountId?: string; kinds?: string[] },
  on: XTestbed = bed,
): Promise<{ id: string }[]> {
  const response = await fetch(`${on.baseUrl}/_sandbox/x/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string }[] }).items;
}

async function readAll(auth: ChannelAuth, cursor: string | null) {
  const page = await bed.connector.readComments?.(auth, cursor);
  if (page === undefined) {
    throw new Error('readComments missing');
  }
  return page;
}

describe('X connector: read-comments (mentions)', () => {
  it('maps replies to a city tweet as comments and other mentions as mentions', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    await seed({ count: 3, tweetId, kinds: ['offensive', 'phone', 'email'] });
    await seed({ count: 1, accountId: auth.accountId ?? '', kinds: ['question'] });

    const first = await readAll(auth, null);
    expect(first.items.map((item) => item.kind)).toEqual([
      'comment',
      'comment',
      'comment',
      'mention',
    ]);
    const [comment] = first.items;
    expect(comment).toMatchObject({
      parentExternalId: tweetId,
      postExternalId: tweetId,
      authorHandle: 'erika_m',
      authorName: 'Erika Mustermann',
    } satisfies Partial<RemoteComment>);
    expect(comment?.text).toMatch(/^@stadtfunk_\d{6} Ihr seid doch alle unfähig/u);
    expect(first.items[3]).toMatchObject({ parentExternalId: null, postExternalId: null });
    const texts = first.items.map((item) => item.text).join('\n');
    expect(texts).toMatch(/\+49 69 90009\d{3}|0\d{2,3} \d{5}\d{3}/u);
    expect(texts).toMatch(/@example\.(org|com|net)/u);

    const none = await readAll(auth, first.nextCursor);
    expect(none).toEqual({ items: [], nextCursor: first.nextCursor });
    const later = await seed({ count: 2, tweetId });
    const next = await readAll(auth, first.nextCursor);
    expect(next.items.map((item) => item.externalId)).toEqual(later.map((item) => item.id));
  });

  it('a reply deeper in the thread still counts towards the city post', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    const [question] = await seed({ count: 1, tweetId, kinds: ['question'] });
    const answer = await bed.connector.reply?.(auth, question?.id ?? '', 'Ja, ab Montag.');
    await seed({ count: 1, tweetId: answer?.externalId ?? '', kinds: ['friendly'] });
    const { items } = await readAll(auth, null);
    expect(items.map((item) => [item.kind, item.parentExternalId, item.postExternalId])).toEqual([
      ['comment', tweetId, tweetId],
      ['comment', answer?.externalId, tweetId],
    ]);
  });

  it('pages through more than 100 new mentions without losing one', async () => {
    const auth = await cityToken();
    await seed({ count: 2, accountId: auth.accountId ?? '' });
    const start = await readAll(auth, null);
    expect(start.items).toHaveLength(2);
    const seeded = await seed({ count: 105, accountId: auth.accountId ?? '' });

    const firstPage = await readAll(auth, start.nextCursor);
    expect(firstPage.items).toHaveLength(100);
    expect(firstPage.nextCursor).toContain('page=');
    const secondPage = await readAll(auth, firstPage.nextCursor);
    expect(secondPage.items).toHaveLength(5);
    const seen = [...secondPage.items, ...firstPage.items].map((item) => item.externalId);
    expect(seen).toEqual(seeded.map((item) => item.id));

    const settled = await readAll(auth, secondPage.nextCursor);
    expect(settled.items).toEqual([]);
    expect(settled.nextCursor).toBe(`since=${seeded.at(-1)?.id ?? ''}`);
  });
});

describe('X connector: hide-comment', () => {
  it('hides and unhides a reply to a city tweet; hiding twice is fine', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    const [reply] = await seed({ count: 1, tweetId, kinds: ['offensive'] });
    const meta = () => xState(bed.sandbox.store).tweets.get(reply?.id ?? '');
    await bed.connector.hideComment?.(auth, reply?.id ?? '', true);
    await bed.connector.hideComment?.(auth, reply?.id ?? '', true);
    expect(meta()?.hidden).toBe(true);
    await bed.connector.hideComment?.(auth, reply?.id ?? '', false);
    expect(meta()?.hidden).toBe(false);
  });

  it('a mention outside the city’s conversations, or a city tweet → 403, rejected', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    const [mention] = await seed({ count: 1, accountId: auth.accountId ?? '' });
    for (const id of [mention?.id ?? '', tweetId]) {
      await expect(bed.connector.hideComment?.(auth, id, true)).rejects.toMatchObject({
        failure: { kind: 'rejected', reason: 'Forbidden', platformCode: null },
      });
    }
  });

  it('a token from before tweet.moderate.write → 403, rejected (the channel must reconnect)', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    const [reply] = await seed({ count: 1, tweetId });
    const response = await fetch(`${bed.baseUrl}/_sandbox/x/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        accountId: auth.accountId,
        scopes: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'],
      }),
    });
    const { accessToken } = (await response.json()) as { accessToken: string };
    await expect(
      bed.connector.hideComment?.({ ...auth, accessToken }, reply?.id ?? '', true),
    ).rejects.toMatchObject({ failure: { kind: 'rejected' } });
    expect(
      (await bed.connector.readComments?.({ ...auth, accessToken }, null))?.items,
    ).toHaveLength(1);
  });

  it('unknown tweet → rejected; 429 → rate-limited; 503 and a lost answer → transient', async () => {
    const auth = await cityToken();
    const tweetId = await cityTweet(auth);
    const [reply] = await seed({ count: 1, tweetId });
    const id = reply?.id ?? '';
    await expect(bed.connector.hideComment?.(auth, '1', true)).rejects.toMatchObject({
      failure: { kind: 'rejected', reason: 'Not Found – Could not find tweet with id: [1].' },
    });
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 21 } });
    await expect(bed.connector.hideComment?.(auth, id, true)).rejects.toMatchObject({
      failure: { kind: 'rate-limited', retryAfterSeconds: 21 },
    });
    await bed.faults({ serverError: { count: 1, status: 503 } });
    await expect(bed.connector.hideComment?.(auth, id, true)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    await bed.faults({ dropResponseAfterWrite: 1 });
    await expect(bed.connector.hideComment?.(auth, id, true)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    expect(xState(bed.sandbox.store).tweets.get(id)?.hidden).toBe(true);
    await expect(bed.connector.hideComment?.(auth, id, true)).resolves.toBeUndefined();
  });
});

describe('X connector: read-comments failure classes', () => {
  it('401 → auth-expired; injected 429 → rate-limited; 503 → transient', async () => {
    const auth = await cityToken();
    await expect(
      bed.connector.readComments?.({ ...auth, accessToken: 'x-unknown' }, null),
    ).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 37 } });
    await expect(bed.connector.readComments?.(auth, null)).rejects.toMatchObject({
      failure: { kind: 'rate-limited', retryAfterSeconds: 37 },
    });
    await bed.faults({ serverError: { count: 1, status: 503 } });
    await expect(bed.connector.readComments?.(auth, null)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
  });

  it('X’s own window (no Retry-After) → rate-limited until x-rate-limit-reset; timeout → transient', async () => {
    const limited = await startXTestbed({ windowLimits: { 'users-mentions': 1 } }, 400);
    try {
      const auth = await limited.token(TEST_ACCOUNT_ID);
      await limited.connector.readComments?.(auth, null);
      const error: unknown = await limited.connector
        .readComments?.(auth, null)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ failure: { kind: 'rate-limited' } });
      const seconds = (error as { failure: { retryAfterSeconds: number | null } }).failure
        .retryAfterSeconds;
      expect(seconds).toBeGreaterThan(890);
      expect(seconds).toBeLessThanOrEqual(901);

      const other = await limited.token('1600000000000000777');
      await limited.faults({ timeout: 1 });
      await expect(limited.connector.readComments?.(other, null)).rejects.toMatchObject({
        failure: { kind: 'transient' },
      });
    } finally {
      await limited.close();
    }
  });
});
