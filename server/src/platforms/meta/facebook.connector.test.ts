import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createFacebookConnector } from './facebook.connector.ts';
import { image, PAGE_ID, publishRequest, startMetaTestbed } from './meta.testbed.ts';
import type { MetaTestbed } from './meta.testbed.ts';

describe('Facebook connector against the Meta sandbox', () => {
  let bed: MetaTestbed;
  beforeEach(async () => {
    bed = await startMetaTestbed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('declares what it implements and nothing more', () => {
    expect([...bed.facebook.capabilities].sort()).toEqual(
      [
        'delete',
        'delete-comment',
        'edit',
        'hide-comment',
        'images',
        'insights',
        'read-comments',
        'reply',
        'text',
      ].sort(),
    );
    for (const method of ['deletePost', 'editPost', 'deleteComment', 'insights'] as const) {
      expect(method in bed.facebook).toBe(true);
    }
    // Pinning is not implemented, so it is neither declared nor offered.
    expect('pinPost' in bed.facebook).toBe(false);
  });

  it('sends people to the login dialog on www.facebook.com in production', async () => {
    const real = createFacebookConnector({ clientId: 'app', clientSecret: 'secret' });
    const start = await real.authorizationUrl('https://stadtfunk.example/callback');
    const url = new URL(start.url);
    expect(url.origin + url.pathname).toBe('https://www.facebook.com/v21.0/dialog/oauth');
    expect(url.searchParams.get('scope')).toContain('pages_manage_engagement');
    expect(url.searchParams.get('state')).toBe(start.state);
  });

  it('connects through Facebook Login: code → long-lived token → page token', async () => {
    const redirectUri = 'http://127.0.0.1:9/callback';
    const start = await bed.facebook.authorizationUrl(redirectUri);
    expect(start.url.startsWith(`${bed.baseUrl}/v21.0/dialog/oauth?`)).toBe(true);
    const dialog = await fetch(start.url, { redirect: 'manual' });
    const location = new URL(dialog.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe(start.state);
    const tokens = await bed.facebook.exchangeCode(
      location.searchParams.get('code') ?? '',
      redirectUri,
      null,
    );
    expect(tokens).toMatchObject({ accountId: PAGE_ID, expiresAt: null, refreshToken: null });
    const result = await bed.facebook.publish(
      { ...tokens, expiresAt: null },
      publishRequest('Hallo aus dem Rathaus'),
    );
    expect(result.status).toBe('published');
  });

  it('refuses an unknown code as rejected (Meta code 100)', async () => {
    await expect(bed.facebook.exchangeCode('nope', 'http://x/cb', null)).rejects.toMatchObject({
      failure: { kind: 'rejected', platformCode: '100/36007' },
    });
  });

  it('publishes text, one photo and several photos', async () => {
    const auth = await bed.pageToken();
    const text = await bed.facebook.publish(auth, publishRequest('Nur Text'));
    const one = await bed.facebook.publish(auth, publishRequest('Ein Bild', [image()]));
    const two = await bed.facebook.publish(auth, publishRequest('Zwei', [image(), image()]));
    expect([text.status, one.status, two.status]).toEqual(['published', 'published', 'published']);
    const posts = await bed.posts(PAGE_ID);
    expect(posts.map((post) => [post.text, post.media.length])).toEqual([
      ['Nur Text', 0],
      ['Ein Bild', 1],
      ['Zwei', 2],
    ]);
  });

  it('deletes a post', async () => {
    const auth = await bed.pageToken();
    const result = await bed.facebook.publish(auth, publishRequest('Weg damit'));
    if (result.status !== 'published') {
      throw new Error('not published');
    }
    await bed.facebook.deletePost?.(auth, result.externalId);
    expect(await bed.posts(PAGE_ID)).toEqual([]);
  });

  it('reads, hides, unhides and answers comments', async () => {
    const auth = await bed.pageToken();
    const result = await bed.facebook.publish(auth, publishRequest('Kommentiert mich'));
    if (result.status !== 'published') {
      throw new Error('not published');
    }
    const commentId = await bed.comment(result.externalId, 'Gilt das auch für Vaihingen?');
    const page = await bed.facebook.readComments?.(auth, null);
    expect(page?.items).toEqual([
      expect.objectContaining({
        externalId: commentId,
        postExternalId: result.externalId,
        text: 'Gilt das auch für Vaihingen?',
        authorName: 'Erika Mustermann',
      }),
    ]);
    await bed.facebook.hideComment?.(auth, commentId, true);
    expect((await bed.comments()).find((c) => c.id === commentId)?.hidden).toBe(true);
    await bed.facebook.hideComment?.(auth, commentId, false);
    expect((await bed.comments()).find((c) => c.id === commentId)?.hidden).toBe(false);
    const answer = await bed.facebook.reply?.(auth, commentId, 'Ja, für ganz Stuttgart.');
    expect((await bed.comments()).find((c) => c.id === answer?.externalId)?.parentId).toBe(
      commentId,
    );
  });

  describe('editing a post', () => {
    it('replaces the text; the photos stay as published', async () => {
      const auth = await bed.pageToken();
      const result = await bed.facebook.publish(auth, publishRequest('Tippfeler', [image()]));
      if (result.status !== 'published') {
        throw new Error('not published');
      }
      await bed.facebook.editPost?.(auth, result.externalId, 'Tippfehler behoben');
      const [post] = await bed.posts(PAGE_ID);
      expect(post).toMatchObject({ id: result.externalId, text: 'Tippfehler behoben' });
      expect(post?.media).toHaveLength(1);
    });

    it('refuses a text over 63 206 characters before calling Meta', async () => {
      const auth = await bed.pageToken();
      await bed.faults({ expireTokens: true });
      await expect(
        bed.facebook.editPost?.(auth, `${PAGE_ID}_1`, 'x'.repeat(63_207)),
      ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: null } });
    });

    it('classifies unknown posts, missing permission, throttle, outage and expiry', async () => {
      const auth = await bed.pageToken();
      const result = await bed.facebook.publish(auth, publishRequest('Original'));
      if (result.status !== 'published') {
        throw new Error('not published');
      }
      const edit = (token = auth, id = result.externalId) =>
        bed.facebook.editPost?.(token, id, 'Neu');
      await expect(edit(auth, `${PAGE_ID}_404`)).rejects.toMatchObject({
        failure: { kind: 'rejected', platformCode: '100/33' },
      });
      const limited = await bed.pageToken(PAGE_ID, ['pages_manage_engagement']);
      await expect(edit(limited)).rejects.toMatchObject({
        failure: { kind: 'rejected', platformCode: '200' },
      });
      await bed.graphError(32);
      await expect(edit()).rejects.toMatchObject({
        failure: { kind: 'rate-limited', retryAfterSeconds: 300 },
      });
      // Setting the same text again is harmless: a timeout is transient, not outcome-unknown.
      await bed.faults({ timeout: 1 });
      await expect(edit()).rejects.toMatchObject({ failure: { kind: 'transient' } });
      await bed.faults({ expireTokens: true });
      await expect(edit()).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
      expect((await bed.posts(PAGE_ID))[0]?.text).toBe('Original');
    });
  });

  describe('failure classes', () => {
    it('190 is auth-expired, also for a token the sandbox expired', async () => {
      const auth = await bed.pageToken();
      await bed.graphError(190, { subcode: 463 });
      expect(await bed.facebook.publish(auth, publishRequest('a'))).toEqual({
        status: 'failed',
        failure: { kind: 'auth-expired', platformCode: '190/463' },
      });
      await bed.faults({ expireTokens: true });
      expect(await bed.facebook.publish(auth, publishRequest('b'))).toMatchObject({
        failure: { kind: 'auth-expired' },
      });
    });

    it.each([4, 17, 32, 613, 80001, 80014])(
      'throttle code %i is rate-limited with the BUC hint',
      async (code) => {
        const auth = await bed.pageToken();
        await bed.graphError(code);
        expect(await bed.facebook.publish(auth, publishRequest('x'))).toEqual({
          status: 'failed',
          failure: { kind: 'rate-limited', retryAfterSeconds: 300 },
        });
      },
    );

    it('a throttled 429 uses Retry-After', async () => {
      const auth = await bed.pageToken();
      await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 42 } });
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toMatchObject({
        failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
      });
    });

    it('the app-level throttle (X-App-Usage at 100 %) hints at the rolling hour', async () => {
      await bed.close();
      bed = await startMetaTestbed({ appCallsPerHour: 1 });
      const auth = await bed.pageToken();
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toEqual({
        status: 'failed',
        failure: { kind: 'rate-limited', retryAfterSeconds: 3600 },
      });
    });

    it('5xx and codes 1/2 are transient', async () => {
      const auth = await bed.pageToken();
      await bed.faults({ serverError: { count: 1, status: 503 } });
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toMatchObject({
        failure: { kind: 'transient', platformCode: '2' },
      });
      await bed.graphError(1, { status: 500 });
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toMatchObject({
        failure: { kind: 'transient', platformCode: '1' },
      });
      await bed.graphError(2);
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toMatchObject({
        failure: { kind: 'transient', platformCode: '2' },
      });
      expect(await bed.posts(PAGE_ID)).toEqual([]);
    });

    it('100 invalid parameter is rejected', async () => {
      const auth = await bed.pageToken();
      await bed.graphError(100);
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toMatchObject({
        failure: { kind: 'rejected', platformCode: '100' },
      });
    });

    it('a timeout on the post is outcome-unknown', async () => {
      const auth = await bed.pageToken();
      await bed.faults({ timeout: 1 });
      expect(await bed.facebook.publish(auth, publishRequest('x'))).toEqual({
        status: 'failed',
        failure: { kind: 'outcome-unknown' },
      });
    });
  });

  describe('unknown outcome', () => {
    it('a dropped answer is found among recent posts, never published twice', async () => {
      const auth = await bed.pageToken();
      const since = new Date();
      await bed.faults({ dropResponseAfterWrite: 1 });
      const request = publishRequest('Hitzewarnung:  bitte  trinken Sie genug');
      expect(await bed.facebook.publish(auth, request)).toEqual({
        status: 'failed',
        failure: { kind: 'outcome-unknown' },
      });
      const [stored] = await bed.posts(PAGE_ID);
      expect(await bed.facebook.findPublished(auth, request, since)).toEqual({
        status: 'found',
        externalId: stored?.id,
        url: `https://www.facebook.com/${stored?.id ?? ''}`,
      });
      expect(await bed.posts(PAGE_ID)).toHaveLength(1);
    });

    it('absent when the listing shows no such post', async () => {
      const auth = await bed.pageToken();
      await bed.facebook.publish(auth, publishRequest('Etwas anderes'));
      expect(await bed.facebook.findPublished(auth, publishRequest('Gesucht'), new Date())).toEqual(
        { status: 'absent' },
      );
    });

    it('undecidable when the listing fails', async () => {
      const auth = await bed.pageToken();
      await bed.graphError(2);
      expect(await bed.facebook.findPublished(auth, publishRequest('x'), new Date())).toEqual({
        status: 'undecidable',
      });
    });
  });
});
