import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChannelAuth } from '../connector.ts';
import { createYouTubeConnector } from './youtube.connector.ts';
import { startYouTubeTestbed, video, videoRequest } from './youtube.testbed.ts';
import type { YouTubeTestbed } from './youtube.testbed.ts';

let bed: YouTubeTestbed;
let auth: ChannelAuth;

beforeAll(async () => {
  bed = await startYouTubeTestbed();
  auth = await bed.token();
});
afterAll(async () => {
  await bed.close();
});

describe('YouTube failure classification over HTTP', () => {
  it('429 rateLimitExceeded → rate-limited with Retry-After', async () => {
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 42 } });
    const result = await bed.connector.publish(auth, videoRequest('Gedrosselt', 'x'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
    });
  });

  it('503 backendError → transient', async () => {
    await bed.faults({ serverError: { count: 1, status: 503 } });
    const result = await bed.connector.publish(auth, videoRequest('Kurz weg', 'x'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'backendError' },
    });
  });

  it('a revoked token → auth-expired with authError', async () => {
    const revoked = await bed.token();
    await bed.faults({ expireTokens: true });
    const result = await bed.connector.publish(revoked, videoRequest('Abgemeldet', 'x'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'auth-expired', platformCode: 'authError' },
    });
    auth = await bed.token();
  });

  it('platform refusals → rejected with Google’s reason code', async () => {
    await expect(bed.connector.reply?.(auth, 'UgxUnbekannt', 'Hallo')).rejects.toMatchObject({
      failure: { kind: 'rejected', platformCode: 'parentCommentNotFound' },
    });
    await expect(bed.connector.hideComment?.(auth, 'UgxUnbekannt', true)).rejects.toMatchObject({
      failure: { kind: 'rejected', platformCode: 'commentNotFound' },
    });
    // Chunks that are no multiple of 256 KiB are refused by the upload server.
    const oddChunks = createYouTubeConnector({
      clientId: 'c',
      clientSecret: 's',
      apiBaseUrl: bed.baseUrl,
      timeoutMs: 1500,
      uploadChunkBytes: 1000,
    });
    const result = await oddChunks.publish(auth, videoRequest('Krumm', 'x', [video(2500)]));
    expect(result).toMatchObject({
      status: 'failed',
      failure: { kind: 'rejected', platformCode: 'badRequest' },
    });
  });

  it('a timeout before the final upload chunk → transient; a read timeout → transient', async () => {
    await bed.faults({ timeout: 1 });
    const result = await bed.connector.publish(auth, videoRequest('Hängt', 'x'));
    expect(result).toMatchObject({ status: 'failed', failure: { kind: 'transient' } });
    await bed.faults({ timeout: 1 });
    await expect(bed.connector.readComments?.(auth, null)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
  });

  it('a refused connection → transient (nothing was sent)', async () => {
    const closed = await startYouTubeTestbed();
    const channel = await closed.token();
    await closed.close();
    const result = await closed.connector.publish(channel, videoRequest('Niemand da', 'x'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'ECONNREFUSED' },
    });
  });
});

describe('YouTube quota', () => {
  // 07:30 UTC on 10 March 2026 is 00:30 PDT: the quota resets in 23.5 hours.
  const START = Date.parse('2026-03-10T07:30:00Z');

  it('quotaExceeded → rate-limited until midnight Pacific time, then usable again', async () => {
    const tight = await startYouTubeTestbed({ sandbox: { quotaUnitsPerDay: 2 }, startAt: START });
    try {
      const channel = await tight.token({ lifetimeSeconds: 3 * 86_400 });
      await tight.connector.readProfile?.(channel);
      await tight.connector.readProfile?.(channel);
      const error: unknown = await tight.connector.readProfile?.(channel).catch((e: unknown) => e);
      expect(error).toMatchObject({ failure: { kind: 'rate-limited' } });
      const retryAfter = (error as { failure: { retryAfterSeconds: number } }).failure
        .retryAfterSeconds;
      expect(retryAfter).toBeGreaterThan(84_590);
      expect(retryAfter).toBeLessThanOrEqual(84_600);
      tight.advance(retryAfter * 1000);
      expect((await tight.connector.readProfile?.(channel))?.bio).not.toBe('');
    } finally {
      await tight.close();
    }
  });

  it('the videos.insert bucket runs out separately', async () => {
    const tight = await startYouTubeTestbed({ sandbox: { insertsPerDay: 1 }, startAt: START });
    try {
      const channel = await tight.token();
      expect((await tight.connector.publish(channel, videoRequest('Eins', 'x'))).status).toBe(
        'pending',
      );
      const second = await tight.connector.publish(channel, videoRequest('Zwei', 'x'));
      expect(second).toMatchObject({ status: 'failed', failure: { kind: 'rate-limited' } });
      // Other methods still have their units.
      expect(await tight.connector.readComments?.(channel, null)).toMatchObject({ items: [] });
    } finally {
      await tight.close();
    }
  });
});

describe('YouTube unknown outcome', () => {
  it('a dropped answer to the final chunk → outcome-unknown, then found, exactly one video', async () => {
    const since = bed.now();
    const request = videoRequest('Stellenangebot Bürgeramt', 'Jetzt bewerben bis 31. März.');
    await bed.faults({ dropResponseAfterWrite: 1 });
    const result = await bed.connector.publish(auth, request);
    expect(result).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
    const found = await bed.connector.findPublished(auth, request, since);
    const matching = (await bed.posts()).filter(
      (post) => post.extra.title === 'Stellenangebot Bürgeramt',
    );
    expect(matching).toHaveLength(1);
    expect(found).toEqual({
      status: 'found',
      externalId: matching[0]?.id,
      url: `https://www.youtube.com/watch?v=${matching[0]?.id ?? ''}`,
    });
  });

  it('same title, other description → absent; a video never made → absent', async () => {
    const since = bed.now();
    await bed.connector.publish(auth, videoRequest('Sperrmüll', 'Termine für Vaihingen'));
    expect(
      await bed.connector.findPublished(
        auth,
        videoRequest('Sperrmüll', 'Termine für Zuffenhausen'),
        since,
      ),
    ).toEqual({ status: 'absent' });
    expect(await bed.connector.findPublished(auth, videoRequest('Nie', 'gesendet'), since)).toEqual(
      { status: 'absent' },
    );
  });

  it('a failing listing → undecidable', async () => {
    const since = bed.now();
    await bed.faults({ serverError: { count: 1, status: 503 } });
    expect(
      await bed.connector.findPublished(auth, videoRequest('Listing kaputt', 'x'), since),
    ).toEqual({ status: 'undecidable' });
  });

  it('a dropped answer to a reply → outcome-unknown', async () => {
    const result = await bed.connector.publish(auth, videoRequest('Fragen?', 'x'));
    const videoId = result.status === 'pending' ? result.pendingRef : '';
    const [comment = ''] = await bed.seedComments(1, videoId);
    await bed.faults({ dropResponseAfterWrite: 1 });
    await expect(bed.connector.reply?.(auth, comment, 'Antwort')).rejects.toMatchObject({
      failure: { kind: 'outcome-unknown' },
    });
  });
});
