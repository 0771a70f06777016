import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectorFor } from '../connectors.registry.ts';
import { planChunks, TIKTOK_LIMITS } from './tiktok.limits.ts';
import type { TikTokLimits } from './tiktok.limits.ts';
import {
  mp4Bytes,
  photo,
  pollUntilSettled,
  publishRequest,
  startTikTokTestbed,
  video,
} from './tiktok.testbed.ts';
import type { TikTokTestbed } from './tiktok.testbed.ts';

const MIB = 1024 * 1024;

let bed: TikTokTestbed;
let audited: TikTokTestbed;

beforeAll(async () => {
  bed = await startTikTokTestbed();
  audited = await startTikTokTestbed({
    sandbox: { auditedClient: true, accountPrivate: false },
    connector: { auditedApp: true },
  });
});
afterAll(async () => {
  await bed.close();
  await audited.close();
});

describe('TikTok connector against the sandbox', () => {
  it('declares exactly what it implements, and its limits as data', async () => {
    expect([...bed.connector.capabilities].sort()).toEqual(
      ['carousel', 'images', 'insights', 'read-profile', 'video'].sort(),
    );
    const limits = (await bed.connector.limits(await bed.token())) as TikTokLimits;
    expect(limits).toMatchObject({
      maxTextLength: 2200,
      maxTitleLength: 90,
      maxImages: 35,
      maxVideos: 1,
      mediaRequired: true,
      maxAltTextLength: null,
      maxVideoDurationSeconds: 600,
    });
    expect(limits.countLength('😀')).toBe(2);
    // Without creator_info the static limits still hold.
    const offline = (await bed.connector.limits({
      accessToken: 'invalid',
      refreshToken: null,
      expiresAt: null,
      accountId: null,
    })) as TikTokLimits;
    expect(offline.maxVideoDurationSeconds).toBeNull();
  });

  it('is registered under its platform key', () => {
    const settings = { baseUrl: bed.baseUrl, clientId: 'a', clientSecret: 'b', timeoutMs: 1000 };
    expect(connectorFor('tiktok', settings).key).toBe('tiktok');
  });

  it('cuts videos by TikTok’s chunk rules', () => {
    expect(planChunks(3 * MIB, 10 * MIB)).toEqual({ chunkSize: 3 * MIB, totalChunkCount: 1 });
    expect(planChunks(23 * MIB, 10 * MIB)).toEqual({ chunkSize: 10 * MIB, totalChunkCount: 2 });
    expect(planChunks(23 * MIB, 1)).toEqual({ chunkSize: 5 * MIB, totalChunkCount: 4 });
    expect(planChunks(70_000 * MIB, 64 * MIB)).toBeNull();
  });

  it('unaudited: posts a video SELF_ONLY, pending → published with the publish_id', async () => {
    const auth = await bed.token();
    const result = await bed.connector.publish(
      auth,
      publishRequest('Neues aus dem Rathaus', [video()]),
    );
    expect(result.status).toBe('pending');
    if (result.status !== 'pending') {
      return;
    }
    expect(result.pendingRef).toMatch(/^v_pub_file~/);
    expect(await bed.connector.checkStatus(auth, result.pendingRef)).toEqual({
      status: 'pending',
      pendingRef: result.pendingRef,
    });
    // A private post never gets a public id: the publish_id is its handle, there is no URL.
    expect(await pollUntilSettled(bed.connector, auth, result.pendingRef)).toEqual({
      status: 'published',
      externalId: result.pendingRef,
      url: null,
    });
    const stored = (await bed.publishes()).find((entry) => entry.publishId === result.pendingRef);
    expect(stored).toMatchObject({ privacyLevel: 'SELF_ONLY', status: 'PUBLISH_COMPLETE' });
  });

  it('uploads a large video in ordered chunks, the last one taking the remainder', async () => {
    const chunked = await startTikTokTestbed({ connector: { chunkSizeBytes: 5 * MIB } });
    try {
      const auth = await chunked.token();
      const data = mp4Bytes(11 * MIB + 123);
      const result = await chunked.connector.publish(auth, publishRequest('Lang', [video(data)]));
      expect(result.status).toBe('pending');
      const [stored] = await chunked.publishes();
      expect(stored?.uploadedBytes).toBe(data.length);
    } finally {
      await chunked.close();
    }
  });

  it('audited: posts public with the creator’s interaction settings and finds the share URL', async () => {
    const auth = await audited.token();
    const result = await audited.connector.publish(auth, publishRequest('Öffentlich', [video()]));
    if (result.status !== 'pending') {
      throw new Error(`expected pending, got ${result.status}`);
    }
    const done = await pollUntilSettled(audited.connector, auth, result.pendingRef);
    expect(done.status).toBe('published');
    if (done.status !== 'published') {
      return;
    }
    // An 18-digit int64 id survives: it is read from the raw body, not from a rounded number.
    const stored = (await audited.publishes()).find(
      (entry) => entry.publishId === result.pendingRef,
    );
    expect(done.externalId).toBe(stored?.postId);
    expect(done.externalId.length).toBeGreaterThan(16);
    expect(done.url).toBe(`https://www.tiktok.com/@stadt.sandbox/video/${done.externalId}`);
    expect(stored?.privacyLevel).toBe('PUBLIC_TO_EVERYONE');
  });

  it('posts a photo carousel by PULL_FROM_URL with title and description', async () => {
    const auth = await audited.token();
    const photos = Array.from({ length: 3 }, (_, index) => photo(`bild-${index}`));
    const result = await audited.connector.publish(
      auth,
      publishRequest('Das Stadtfest in Bildern', photos, 'Stadtfest 2026'),
    );
    if (result.status !== 'pending') {
      throw new Error(`expected pending, got ${result.status}`);
    }
    expect(result.pendingRef).toMatch(/^p_pub_url~/);
    expect((await pollUntilSettled(audited.connector, auth, result.pendingRef)).status).toBe(
      'published',
    );
    const stored = (await audited.publishes()).find(
      (entry) => entry.publishId === result.pendingRef,
    );
    expect(stored).toMatchObject({ mediaType: 'PHOTO', title: 'Stadtfest 2026' });
  });

  it('refuses text-only, mixed media, PNG, photos without public URL and over-long text', async () => {
    const auth = await bed.token();
    const before = (await bed.publishes()).length;
    const cases = [
      publishRequest('Nur Text', []),
      publishRequest('Gemischt', [video(), photo('a')]),
      publishRequest('PNG', [photo('a', undefined, 'image/png')]),
      publishRequest('Ohne URL', [photo('a', null)]),
      publishRequest('a'.repeat(2201), [video()]),
      publishRequest('Titel', [photo('a')], 't'.repeat(91)),
      publishRequest(
        'Zu viele',
        Array.from({ length: 36 }, (_, i) => photo(`p${i}`)),
      ),
    ];
    for (const request of cases) {
      const result = await bed.connector.publish(auth, request);
      expect(result).toMatchObject({ status: 'failed', failure: { kind: 'rejected' } });
    }
    const missingUrl = await bed.connector.publish(auth, cases[3] ?? publishRequest('', []));
    expect(missingUrl).toMatchObject({
      failure: { reason: expect.stringContaining('öffentliche URL') as unknown },
    });
    expect(await bed.publishes()).toHaveLength(before);
    expect(TIKTOK_LIMITS.mediaRequired).toBe(true);
  });

  it('FAILED → rejected with TikTok’s fail_reason', async () => {
    const auth = await bed.token();
    const broken = video(new Uint8Array(4096));
    const result = await bed.connector.publish(auth, publishRequest('Kaputt', [broken]));
    if (result.status !== 'pending') {
      throw new Error('expected pending');
    }
    expect(await pollUntilSettled(bed.connector, auth, result.pendingRef)).toMatchObject({
      status: 'failed',
      failure: { kind: 'rejected', platformCode: 'file_format_check_failed' },
    });
  });

  it('reads the profile (bio and its links) and aggregated statistics only', async () => {
    const auth = await bed.token();
    expect(await bed.connector.readProfile?.(auth)).toEqual({
      bio: 'Die Stadt auf TikTok. Impressum: https://stadt.example/impressum',
      links: ['https://stadt.example/impressum'],
    });
    const insights = await bed.connector.insights?.(auth, new Date(0), bed.now());
    expect(Object.keys(insights?.metrics ?? {}).sort()).toEqual(
      ['follower_count', 'following_count', 'likes_count', 'video_count'].sort(),
    );
    expect(insights?.metrics['follower_count']).toBe(1200);
  });
});
