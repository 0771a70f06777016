import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { PlatformError } from '../connector.ts';
import { createXConnector } from './x.connector.ts';
import { image, publishRequest, startXTestbed } from './x.testbed.ts';
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
/** X refuses duplicates, so every test text is unique. */
const unique = (text: string): string => `${text} #${(counter += 1)}`;

describe('X connector: capabilities against the sandbox', () => {
  it('publishes text and the sandbox stores exactly that tweet', async () => {
    const auth = await bed.token();
    const text = unique('Hitzewarnung für Stuttgart: Trinken Sie ausreichend Wasser.');
    const result = await bed.connector.publish(auth, publishRequest(text));
    expect(result.status).toBe('published');
    if (result.status !== 'published') {
      return;
    }
    expect(result.url).toBe(`https://x.com/i/web/status/${result.externalId}`);
    const stored = (await bed.posts()).filter((post) => post.id === result.externalId);
    expect(stored.map((post) => post.text)).toEqual([text]);
  });

  it('agrees with X on weighted length: emoji 2, URL 23, umlaut 1', async () => {
    const auth = await bed.token();
    const url = 'https://www.stuttgart.de/aktuelles/warnungen/hochwasser-neckar-pegel-plochingen';
    const cases = [
      { text: '🚨'.repeat(140), ok: true },
      { text: '🚨'.repeat(141), ok: false },
      { text: `${'ä'.repeat(256)} ${url}`, ok: true },
      { text: `${'ä'.repeat(257)} ${url}`, ok: false },
      { text: 'Straße'.repeat(46) + 'ßüöÄ', ok: true },
    ];
    for (const { text, ok } of cases) {
      const counted = (await bed.connector.limits(auth)).countLength(text);
      expect(counted <= 280).toBe(ok);
      const result = await bed.connector.publish(auth, publishRequest(text));
      if (ok) {
        expect(result.status).toBe('published');
      } else {
        expect(result).toMatchObject({
          status: 'failed',
          failure: { kind: 'rejected', platformCode: 'invalid-request' },
        });
      }
    }
  });

  it('publishes up to four images with alt text (v2 upload + media metadata)', async () => {
    const auth = await bed.token();
    const alts = ['Karte der Sperrzone', 'Pegelstand Neckar', 'Umleitung', 'Notunterkunft'];
    const result = await bed.connector.publish(
      auth,
      publishRequest(
        unique('Vier Bilder'),
        alts.map((alt) => image(alt)),
      ),
    );
    expect(result.status).toBe('published');
    const stored = (await bed.posts()).find(
      (post) => result.status === 'published' && post.id === result.externalId,
    );
    expect(stored?.media.map((item) => item.description)).toEqual(alts);
  });

  it('refuses a fifth image, a video and alt text over 1000 before uploading anything', async () => {
    const auth = await bed.token();
    const before = (await bed.posts()).length;
    const requests = [
      publishRequest(
        unique('Fünf'),
        [1, 2, 3, 4, 5].map(() => image()),
      ),
      publishRequest(unique('Video'), [{ ...image(), kind: 'video', mimeType: 'video/mp4' }]),
      publishRequest(unique('Lang'), [image('x'.repeat(1001))]),
    ];
    for (const request of requests) {
      expect(await bed.connector.publish(auth, request)).toMatchObject({
        status: 'failed',
        failure: { kind: 'rejected' },
      });
    }
    expect((await bed.posts()).length).toBe(before);
  });

  it('deletes a tweet', async () => {
    const auth = await bed.token();
    const result = await bed.connector.publish(auth, publishRequest(unique('Kurzlebig')));
    if (result.status !== 'published') {
      throw new Error('publish failed');
    }
    await bed.connector.deletePost?.(auth, result.externalId);
    expect((await bed.posts()).some((post) => post.id === result.externalId)).toBe(false);
  });

  it('replies to a tweet, and a reply to a deleted tweet is rejected', async () => {
    const auth = await bed.token();
    const parent = await bed.connector.publish(auth, publishRequest(unique('Frage?')));
    if (parent.status !== 'published') {
      throw new Error('publish failed');
    }
    const answer = await bed.connector.reply?.(auth, parent.externalId, unique('Antwort.'));
    const stored = (await bed.posts()).find((post) => post.id === answer?.externalId);
    expect(stored?.extra).toEqual({ inReplyToTweetId: parent.externalId });

    await bed.connector.deletePost?.(auth, parent.externalId);
    const late = bed.connector.reply?.(auth, parent.externalId, unique('Zu spät.'));
    await expect(late).rejects.toBeInstanceOf(PlatformError);
    await expect(late).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: null } });
  });
});

describe('X connector: every failure class', () => {
  it('401 for a bad or expired token → auth-expired', async () => {
    const auth = { ...(await bed.token()), accessToken: 'x-unknown' };
    expect(await bed.connector.publish(auth, publishRequest(unique('a')))).toEqual({
      status: 'failed',
      failure: { kind: 'auth-expired', platformCode: null },
    });
  });

  it('429 with Retry-After → rate-limited with that delay', async () => {
    const auth = await bed.token();
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 37 } });
    expect(await bed.connector.publish(auth, publishRequest(unique('b')))).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 37 },
    });
  });

  it('503 → transient, and nothing was published', async () => {
    const auth = await bed.token();
    const before = (await bed.posts()).length;
    await bed.faults({ serverError: { count: 1, status: 503 } });
    expect(await bed.connector.publish(auth, publishRequest(unique('c')))).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: null },
    });
    expect((await bed.posts()).length).toBe(before);
  });

  it('a failed media upload is transient, never outcome-unknown: no tweet was sent', async () => {
    const auth = await bed.token();
    await bed.faults({ timeout: 1 });
    expect(await bed.connector.publish(auth, publishRequest(unique('d'), [image('Alt')]))).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: null },
    });
  });

  it('403 duplicate content → rejected with X’s reason', async () => {
    const auth = await bed.token();
    const text = unique('Warnung aufgehoben.');
    expect((await bed.connector.publish(auth, publishRequest(text))).status).toBe('published');
    expect(await bed.connector.publish(auth, publishRequest(text))).toEqual({
      status: 'failed',
      failure: {
        kind: 'rejected',
        reason: 'Forbidden – You are not allowed to create a Tweet with duplicate content.',
        platformCode: null,
      },
    });
  });

  it('a timeout after sending the tweet → outcome-unknown', async () => {
    const auth = await bed.token();
    await bed.faults({ timeout: 1 });
    expect(await bed.connector.publish(auth, publishRequest(unique('e')))).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
  });

  it('a dropped response after the tweet was stored → outcome-unknown', async () => {
    const auth = await bed.token();
    const text = unique('f');
    await bed.faults({ dropResponseAfterWrite: 1 });
    expect(await bed.connector.publish(auth, publishRequest(text))).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    expect((await bed.posts()).filter((post) => post.text === text)).toHaveLength(1);
  });

  it('a refused connection reached nobody → transient', async () => {
    const closed = await startXTestbed();
    const auth = await closed.token();
    await closed.close();
    const connector = createXConnector({
      clientId: 'c',
      clientSecret: null,
      apiBaseUrl: closed.baseUrl,
    });
    expect(await connector.publish(auth, publishRequest('g'))).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'ECONNREFUSED' },
    });
  });

  it('refuses an API base with a path: twitter-api-v2 picks body formats from /2/ paths', () => {
    expect(() =>
      createXConnector({ clientId: 'c', clientSecret: null, apiBaseUrl: `${bed.baseUrl}/x` }),
    ).toThrow(/origin without path/);
  });

  it('the 24-hour tweet cap → 429, rate-limited until the oldest tweet leaves the window', async () => {
    const capped = await startXTestbed({ tweetsPer24h: 2 });
    try {
      const auth = await capped.token();
      for (const text of ['eins', 'zwei']) {
        expect((await capped.connector.publish(auth, publishRequest(text))).status).toBe(
          'published',
        );
      }
      const third = await capped.connector.publish(auth, publishRequest('drei'));
      expect(third).toMatchObject({ status: 'failed', failure: { kind: 'rate-limited' } });
      const retryAfter =
        third.status === 'failed' && third.failure.kind === 'rate-limited'
          ? third.failure.retryAfterSeconds
          : null;
      expect(retryAfter).toBeGreaterThan(24 * 3600 - 60);
      // Reset is in whole epoch seconds, hence the one second of rounding.
      expect(retryAfter).toBeLessThanOrEqual(24 * 3600 + 1);
    } finally {
      await capped.close();
    }
  });
});
