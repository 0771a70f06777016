import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChannelAuth, PublishResult } from '../connector.ts';
import { connectorFor } from '../connectors.registry.ts';
import { YOUTUBE_LIMITS, utf8Length } from './youtube.limits.ts';
import { startYouTubeTestbed, video, videoRequest } from './youtube.testbed.ts';
import type { YouTubeTestbed } from './youtube.testbed.ts';

const CHUNK = 256 * 1024;

let bed: YouTubeTestbed;
let auth: ChannelAuth;

beforeAll(async () => {
  bed = await startYouTubeTestbed({ connector: { uploadChunkBytes: CHUNK } });
  auth = await bed.token();
});
afterAll(async () => {
  await bed.close();
});

async function publishPending(title: string, text = 'Beschreibung'): Promise<string> {
  const result = await bed.connector.publish(auth, videoRequest(title, text));
  if (result.status !== 'pending') {
    throw new Error(`expected pending, got ${JSON.stringify(result)}`);
  }
  return result.pendingRef;
}

function failureOf(result: PublishResult): unknown {
  return result.status === 'failed' ? result.failure : null;
}

describe('YouTube connector against the sandbox', () => {
  it('declares exactly what it implements, with limits as data', () => {
    expect([...bed.connector.capabilities].sort()).toEqual(
      [
        'delete',
        'hide-comment',
        'insights',
        'read-comments',
        'read-profile',
        'reply',
        'video',
      ].sort(),
    );
    expect(YOUTUBE_LIMITS).toMatchObject({
      mediaRequired: true,
      maxVideos: 1,
      maxImages: 0,
      maxTitleLength: 100,
      maxTextLength: 5000,
    });
    expect(YOUTUBE_LIMITS.countLength('Stäffele')).toBe(9);
  });

  it('is registered under its platform key', () => {
    const settings = { baseUrl: bed.baseUrl, clientId: 'a', clientSecret: 'b', timeoutMs: 1000 };
    expect(connectorFor('youtube', settings).key).toBe('youtube');
  });

  it('uploads in 256 KiB chunks, answers pending, then published after processing', async () => {
    const request = videoRequest(
      'Neue Stadtbahnlinie U6',
      'Die U6 fährt ab Montag bis Fasanenhof.',
      [video(2 * CHUNK + 1000)],
    );
    const result = await bed.connector.publish(auth, request);
    expect(result.status).toBe('pending');
    if (result.status !== 'pending') {
      return;
    }
    const stored = (await bed.posts()).find((post) => post.id === result.pendingRef);
    expect(stored?.extra).toEqual({
      author: 'Stadt Stuttgart (Sandbox)',
      title: 'Neue Stadtbahnlinie U6',
      description: 'Die U6 fährt ab Montag bis Fasanenhof.',
    });
    expect(await bed.connector.checkStatus(auth, result.pendingRef)).toEqual(result);
    expect(await bed.connector.checkStatus(auth, result.pendingRef)).toEqual({
      status: 'published',
      externalId: result.pendingRef,
      url: `https://www.youtube.com/watch?v=${result.pendingRef}`,
    });
  });

  it('reports failed processing and a policy rejection as rejected with the platform reason', async () => {
    const broken = await publishPending('Kaputte Datei');
    await bed.planProcessing({ videoId: broken, uploadStatus: 'failed', failureReason: 'codec' });
    await bed.connector.checkStatus(auth, broken);
    expect(failureOf(await bed.connector.checkStatus(auth, broken))).toMatchObject({
      kind: 'rejected',
      platformCode: 'codec',
    });
    const claimed = await publishPending('Mit Fremdmusik');
    await bed.planProcessing({
      videoId: claimed,
      uploadStatus: 'rejected',
      rejectionReason: 'copyright',
    });
    await bed.connector.checkStatus(auth, claimed);
    expect(failureOf(await bed.connector.checkStatus(auth, claimed))).toMatchObject({
      kind: 'rejected',
      platformCode: 'copyright',
    });
  });

  it('refuses what YouTube would refuse before any byte is sent (German reasons)', async () => {
    const before = (await bed.posts()).length;
    const noTitle = await bed.connector.publish(auth, videoRequest(null, 'Text'));
    expect(failureOf(noTitle)).toEqual({
      kind: 'rejected',
      reason: 'YouTube verlangt einen Titel für das Video.',
      platformCode: null,
    });
    const refusals = [
      videoRequest('a'.repeat(101), 'Text'),
      videoRequest('Titel <b>', 'Text'),
      videoRequest('Titel', 'Mehr als <5> Gründe'),
      // 2 501 umlauts are 2 501 characters but 5 002 bytes.
      videoRequest('Titel', 'ä'.repeat(2501)),
      videoRequest('Titel', 'Nur Text', []),
      videoRequest('Titel', 'Zwei Videos', [video(), video()]),
      videoRequest('Titel', 'Bild', [{ ...video(), kind: 'image', mimeType: 'image/png' }]),
    ];
    for (const request of refusals) {
      const result = await bed.connector.publish(auth, request);
      expect(failureOf(result)).toMatchObject({ kind: 'rejected', platformCode: null });
    }
    expect(utf8Length('ä'.repeat(2500))).toBe(5000);
    const atLimit = await bed.connector.publish(
      auth,
      videoRequest('ü'.repeat(100), 'ä'.repeat(2500)),
    );
    expect(atLimit.status).toBe('pending');
    expect((await bed.posts()).length).toBe(before + 1);
  });

  it('deletes a video, and a repeated delete succeeds too', async () => {
    const id = await publishPending('Wird gelöscht');
    await bed.connector.deletePost?.(auth, id);
    await bed.connector.deletePost?.(auth, id);
    expect((await bed.posts()).some((post) => post.id === id)).toBe(false);
  });

  it('reads comments page by page, with replies, and replies and hides', async () => {
    const id = await publishPending('Bürgersprechstunde');
    const seeded = await bed.seedComments(3, id);
    expect(seeded).toHaveLength(3);
    const first = await bed.connector.readComments?.(auth, null);
    const mine = first?.items.filter((item) => item.postExternalId === id) ?? [];
    expect(mine.map((item) => item.externalId).sort()).toEqual([...seeded].sort());
    expect(mine[0]).toMatchObject({ kind: 'comment', parentExternalId: null });
    expect(mine[0]?.authorName).not.toBeNull();

    const target = seeded[0] ?? '';
    const answer = await bed.connector.reply?.(auth, target, 'Danke, wir kümmern uns!');
    expect(answer?.externalId.startsWith(`${target}.`)).toBe(true);
    // A reply to a reply joins the thread (YouTube threads are one level deep).
    const nested = await bed.connector.reply?.(auth, answer?.externalId ?? '', 'Nachtrag');
    expect(nested?.externalId.startsWith(`${target}.`)).toBe(true);
    // The channel's own replies are not inbox items.
    const again = await bed.connector.readComments?.(auth, null);
    expect(again?.items.some((item) => item.parentExternalId === target)).toBe(false);

    await bed.connector.hideComment?.(auth, target, true);
    const hidden = await bed.connector.readComments?.(auth, null);
    expect(hidden?.items.some((item) => item.externalId === target)).toBe(false);
    await bed.connector.hideComment?.(auth, target, false);
    const restored = await bed.connector.readComments?.(auth, null);
    expect(restored?.items.some((item) => item.externalId === target)).toBe(true);
  });

  it('follows the pageToken cursor and reports replies with their parent', async () => {
    const paged = await startYouTubeTestbed();
    try {
      const channel = await paged.token();
      const result = await paged.connector.publish(channel, videoRequest('Viele Fragen', 'x'));
      const videoId = result.status === 'pending' ? result.pendingRef : '';
      await paged.seedComments(105, videoId);
      const first = await paged.connector.readComments?.(channel, null);
      expect(first?.items).toHaveLength(100);
      expect(first?.nextCursor).not.toBeNull();
      const second = await paged.connector.readComments?.(channel, first?.nextCursor ?? null);
      expect(second?.items).toHaveLength(5);
      expect(second?.nextCursor).toBeNull();

      // A citizen's reply in a thread arrives with parentExternalId.
      const top = second?.items[0]?.externalId ?? '';
      const issued = await fetch(`${paged.baseUrl}/_sandbox/youtube/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: 'UCbuergerinAusCannstatt01', lifetimeSeconds: 3599 }),
      });
      const citizen = ((await issued.json()) as { accessToken: string }).accessToken;
      const response = await fetch(`${paged.baseUrl}/youtube/v3/comments?part=snippet`, {
        method: 'POST',
        headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          snippet: { parentId: top, textOriginal: 'Gilt das auch für mich?' },
        }),
      });
      expect(response.status).toBe(200);
      const third = await paged.connector.readComments?.(channel, first?.nextCursor ?? null);
      expect(third?.items.filter((item) => item.parentExternalId === top)).toMatchObject([
        {
          authorHandle: 'UCbuergerinAusCannstatt01',
          text: 'Gilt das auch für mich?',
          postExternalId: videoId,
        },
      ]);
    } finally {
      await paged.close();
    }
  });

  it('reads the channel description as bio, and aggregated analytics as insights', async () => {
    const profile = await bed.connector.readProfile?.(auth);
    expect(profile).toEqual({
      bio: 'Offizieller Kanal der Landeshauptstadt – Sandbox-Kopie.',
      links: [],
    });
    const from = new Date('2026-03-01T12:00:00Z');
    const to = new Date('2026-03-07T12:00:00Z');
    const insights = await bed.connector.insights?.(auth, from, to);
    expect(insights?.periodStart).toEqual(from);
    expect(insights?.metrics.estimatedMinutesWatched).toBe(7 * 240);
    expect(insights?.metrics.subscribersGained).toBe(35);
    expect(Object.keys(insights?.metrics ?? {}).sort()).toEqual(
      [
        'comments',
        'estimatedMinutesWatched',
        'likes',
        'shares',
        'subscribersGained',
        'subscribersLost',
        'views',
      ].sort(),
    );
  });
});
