import { afterEach, describe, expect, it } from 'vitest';

import type { PublishResult } from '../connector.ts';
import { IG_USER_ID, image, publishRequest, startMetaTestbed } from './meta.testbed.ts';
import type { MetaTestbed } from './meta.testbed.ts';

function externalId(result: PublishResult): string {
  if (result.status !== 'published') {
    throw new Error(`expected published, got ${JSON.stringify(result)}`);
  }
  return result.externalId;
}

describe('Instagram connector against the Meta sandbox', () => {
  let bed: MetaTestbed;
  afterEach(async () => {
    await bed.close();
  });

  it('declares what it implements; Instagram can neither delete nor edit media', async () => {
    bed = await startMetaTestbed();
    expect([...bed.instagram.capabilities].sort()).toEqual(
      [
        'alt-text',
        'carousel',
        'delete-comment',
        'hide-comment',
        'images',
        'insights',
        'read-comments',
        'reply',
      ].sort(),
    );
    expect('deletePost' in bed.instagram).toBe(false);
    expect('editPost' in bed.instagram).toBe(false);
    expect((await bed.instagram.limits(await bed.pageToken(IG_USER_ID))).mediaRequired).toBe(true);
  });

  it('connects through Facebook Login to the page’s Instagram account', async () => {
    bed = await startMetaTestbed();
    const redirectUri = 'http://127.0.0.1:9/callback';
    const start = await bed.instagram.authorizationUrl(redirectUri);
    const dialog = await fetch(start.url, { redirect: 'manual' });
    const code = new URL(dialog.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await bed.instagram.exchangeCode(code, redirectUri, null);
    expect(tokens.accountId).toBe(IG_USER_ID);
  });

  it('publishes one image with caption and alt text when the container is ready', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const result = await bed.instagram.publish(
      auth,
      publishRequest('Sommerfest am Marktplatz', [image(`${bed.mediaUrl}/image.png`, 'Bühne')]),
    );
    const [post] = await bed.posts(IG_USER_ID);
    expect(externalId(result)).toBe(post?.id);
    expect(post).toMatchObject({ text: 'Sommerfest am Marktplatz' });
    expect(post?.media[0]?.description).toBe('Bühne');
  });

  it('answers pending while Meta processes, and checkStatus publishes once FINISHED', async () => {
    bed = await startMetaTestbed({ containerProcessingMs: 60_000 });
    const auth = await bed.pageToken(IG_USER_ID);
    const request = publishRequest('Langsam', [image(`${bed.mediaUrl}/image.png`)]);
    const pending = await bed.instagram.publish(auth, request);
    if (pending.status !== 'pending') {
      throw new Error('expected pending');
    }
    expect(await bed.instagram.checkStatus(auth, pending.pendingRef)).toEqual(pending);
    expect(await bed.posts(IG_USER_ID)).toEqual([]);
    bed.advance(60_000);
    const done = await bed.instagram.checkStatus(auth, pending.pendingRef);
    expect(externalId(done)).toBe((await bed.posts(IG_USER_ID))[0]?.id);
    // A second check finds the container published and never publishes it again.
    expect(await bed.instagram.checkStatus(auth, pending.pendingRef)).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    expect(await bed.posts(IG_USER_ID)).toHaveLength(1);
  });

  it('publishes a carousel as one post', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const url = `${bed.mediaUrl}/image.png`;
    externalId(
      await bed.instagram.publish(
        auth,
        publishRequest('Drei Bilder', [image(url, 'eins'), image(url), image(url)]),
      ),
    );
    const posts = await bed.posts(IG_USER_ID);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.media.map((item) => item.description)).toEqual(['eins', null, null]);
  });

  it('a container in ERROR is rejected', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const result = await bed.instagram.publish(
      auth,
      publishRequest('Kaputt', [image(`${bed.mediaUrl}/not-an-image.txt`)]),
    );
    expect(result).toMatchObject({
      status: 'failed',
      failure: { kind: 'rejected', platformCode: 'container-error' },
    });
    expect(await bed.posts(IG_USER_ID)).toEqual([]);
  });

  it('media Meta cannot fetch is rejected with Meta’s 9004 error', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const result = await bed.instagram.publish(
      auth,
      publishRequest('Extern', [image('https://cdn.example.org/a.png')]),
    );
    expect(result).toMatchObject({
      failure: { kind: 'rejected', platformCode: '9004/2207052' },
    });
  });

  it('refuses a post without media or without a public URL before calling Meta', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    expect(await bed.instagram.publish(auth, publishRequest('Nur Text'))).toMatchObject({
      failure: { kind: 'rejected', platformCode: null },
    });
    expect(await bed.instagram.publish(auth, publishRequest('x', [image(null)]))).toMatchObject({
      failure: { kind: 'rejected', platformCode: null },
    });
  });

  it('is rate-limited by content_publishing_limit before creating a container', async () => {
    bed = await startMetaTestbed({ igPublishQuota: 1 });
    const auth = await bed.pageToken(IG_USER_ID);
    const request = (text: string) => publishRequest(text, [image(`${bed.mediaUrl}/image.png`)]);
    externalId(await bed.instagram.publish(auth, request('eins')));
    expect(await bed.instagram.publish(auth, request('zwei'))).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 86_400 },
    });
  });

  it('a dropped media_publish answer is found, never published twice', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const since = new Date();
    const request = publishRequest('Verloren', [image(`${bed.mediaUrl}/image.png`)]);
    await bed.faults({ dropResponseAfterWrite: 1 });
    expect(await bed.instagram.publish(auth, request)).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    const [stored] = await bed.posts(IG_USER_ID);
    expect(await bed.instagram.findPublished(auth, request, since)).toMatchObject({
      status: 'found',
      externalId: stored?.id,
    });
    expect(await bed.posts(IG_USER_ID)).toHaveLength(1);
  });

  it('findPublished is absent for an unseen caption and undecidable when listing fails', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const request = publishRequest('Nie gesendet', [image(`${bed.mediaUrl}/image.png`)]);
    expect(await bed.instagram.findPublished(auth, request, new Date())).toEqual({
      status: 'absent',
    });
    await bed.graphError(613);
    expect(await bed.instagram.findPublished(auth, request, new Date())).toEqual({
      status: 'undecidable',
    });
  });

  it('classifies Graph errors during publishing', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const request = publishRequest('x', [image(`${bed.mediaUrl}/image.png`)]);
    await bed.graphError(190);
    expect(await bed.instagram.publish(auth, request)).toMatchObject({
      failure: { kind: 'auth-expired' },
    });
    await bed.graphError(80002);
    expect(await bed.instagram.publish(auth, request)).toMatchObject({
      failure: { kind: 'rate-limited', retryAfterSeconds: 300 },
    });
    await bed.faults({ serverError: { count: 1, status: 500 } });
    expect(await bed.instagram.publish(auth, request)).toMatchObject({
      failure: { kind: 'transient' },
    });
  });

  it('reads, hides and answers comments on media', async () => {
    bed = await startMetaTestbed();
    const auth = await bed.pageToken(IG_USER_ID);
    const mediaId = externalId(
      await bed.instagram.publish(
        auth,
        publishRequest('Kommentare bitte', [image(`${bed.mediaUrl}/image.png`)]),
      ),
    );
    const commentId = await bed.comment(mediaId, 'Schönes Foto!');
    const page = await bed.instagram.readComments?.(auth, null);
    expect(page?.items).toEqual([
      expect.objectContaining({ externalId: commentId, postExternalId: mediaId }),
    ]);
    await bed.instagram.hideComment?.(auth, commentId, true);
    expect((await bed.comments()).find((c) => c.id === commentId)?.hidden).toBe(true);
    const answer = await bed.instagram.reply?.(auth, commentId, 'Danke!');
    expect((await bed.comments()).find((c) => c.id === answer?.externalId)?.parentId).toBe(
      commentId,
    );
  });
});
