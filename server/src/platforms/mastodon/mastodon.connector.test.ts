import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { mastodonState } from '../../../../sandbox/src/platforms/mastodon-state.sandbox.ts';
import { pngImage, publishRequest, startMastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { MastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { Connector } from '../connector.ts';
import { MASTODON_CAPABILITIES } from './mastodon.connector.ts';

let bed: MastodonTestbed;
let connector: Connector;

beforeAll(async () => {
  bed = await startMastodonTestbed();
  connector = bed.connector();
});
afterAll(async () => {
  await bed.close();
});
afterEach(async () => {
  await bed.resetFaults();
});

/** Narrows a publish result to its published form or fails the test. */
function published(result: Awaited<ReturnType<Connector['publish']>>): {
  externalId: string;
  url: string | null;
} {
  if (result.status !== 'published') {
    throw new Error(`expected published, got ${JSON.stringify(result)}`);
  }
  return result;
}

describe('Mastodon connector: declared capabilities', () => {
  it('declares exactly the capabilities whose methods exist', () => {
    expect([...MASTODON_CAPABILITIES].sort()).toEqual([
      'alt-text',
      'delete',
      'edit',
      'idempotency-key',
      'images',
      'pin',
      'read-comments',
      'read-direct-messages',
      'read-profile',
      'reply',
      'text',
    ]);
    const present = (
      [
        'deletePost',
        'editPost',
        'pinPost',
        'readComments',
        'reply',
        'readProfile',
        'hideComment',
        'deleteComment',
        'insights',
      ] as const
    ).filter((method) => method in connector);
    expect(present).toEqual([
      'deletePost',
      'editPost',
      'pinPost',
      'readComments',
      'reply',
      'readProfile',
    ]);
  });

  it('text: publishes a status that the sandbox stores word for word', async () => {
    const auth = await bed.token();
    const text = 'Hitzewarnung für Stuttgart: Bitte viel trinken. https://www.stuttgart.de/hitze';
    const { externalId, url } = published(await connector.publish(auth, publishRequest(text)));
    const posts = await bed.posts(auth.accountId ?? '');
    expect(posts.map((post) => [post.id, post.text])).toEqual([[externalId, text]]);
    expect(url).toMatch(new RegExp(`/${externalId}$`));
    expect(await connector.checkStatus(auth, externalId)).toMatchObject({
      status: 'published',
      externalId,
    });
  });

  it('images and alt text: uploads each image with its description and attaches them', async () => {
    const auth = await bed.token();
    const request = publishRequest('Neue Radwege in Bad Cannstatt', {
      media: [pngImage('Ein roter Radweg an der Neckarstraße'), pngImage(null)],
    });
    const { externalId } = published(await connector.publish(auth, request));
    const [post] = await bed.posts(auth.accountId ?? '');
    expect(post?.id).toBe(externalId);
    expect(post?.media.map((item) => item.description)).toEqual([
      'Ein roter Radweg an der Neckarstraße',
      null,
    ]);
  });

  it('delete: removes the status, and deleting it again is not an error', async () => {
    const auth = await bed.token();
    const { externalId } = published(await connector.publish(auth, publishRequest('Kurz online')));
    await connector.deletePost?.(auth, externalId);
    expect(await bed.posts(auth.accountId ?? '')).toEqual([]);
    await expect(connector.deletePost?.(auth, externalId)).resolves.toBeUndefined();
  });

  it('read-comments: returns German replies as plain text, then only newer ones', async () => {
    const auth = await bed.token();
    const { externalId } = published(
      await connector.publish(auth, publishRequest('Baustelle Charlottenplatz ab Montag')),
    );
    await bed.admin('/_sandbox/mastodon/replies', {
      statusId: externalId,
      count: 3,
      kinds: ['offensive', 'phone', 'email'],
    });
    const first = await connector.readComments?.(auth, null);
    expect(first?.items).toHaveLength(3);
    for (const comment of first?.items ?? []) {
      expect(comment).toMatchObject({
        kind: 'comment',
        parentExternalId: externalId,
        postExternalId: externalId,
      });
      expect(comment.authorHandle).toMatch(/^[a-z0-9_]+@[a-z.]+$/);
      expect(comment.text).not.toMatch(/[<>]/);
    }
    const texts = (first?.items ?? []).map((comment) => comment.text).join('\n');
    expect(texts).toMatch(/\b0\d{2,3} \d{5}\d{3}\b/u);
    expect(texts).toMatch(/[a-z.]+\d{3}@example\.(org|com|net)/u);

    const empty = await connector.readComments?.(auth, first?.nextCursor ?? null);
    expect(empty).toEqual({ items: [], nextCursor: first?.nextCursor });

    await bed.admin('/_sandbox/mastodon/replies', { statusId: externalId, count: 2 });
    const next = await connector.readComments?.(auth, first?.nextCursor ?? null);
    expect(next?.items).toHaveLength(2);
    expect(next?.nextCursor).not.toBe(first?.nextCursor);
  });

  it('read-direct-messages: a direct mention arrives as a direct message', async () => {
    const auth = await bed.token();
    await bed.admin('/_sandbox/mastodon/mentions', {
      accountId: auth.accountId,
      count: 1,
      visibility: 'direct',
      kinds: ['phone'],
    });
    await bed.admin('/_sandbox/mastodon/mentions', { accountId: auth.accountId, count: 1 });
    const page = await connector.readComments?.(auth, null);
    expect(page?.items.map((item) => item.kind)).toEqual(['direct-message', 'mention']);
    expect(page?.items[0]?.postExternalId).toBeNull();
  });

  it('reply: answers in the thread, mentions the person, never widens a direct message', async () => {
    const auth = await bed.token();
    const { externalId } = published(
      await connector.publish(auth, publishRequest('Sperrmüll-Termine 2026 sind online')),
    );
    await bed.admin('/_sandbox/mastodon/replies', {
      statusId: externalId,
      count: 1,
      kinds: ['question'],
    });
    await bed.admin('/_sandbox/mastodon/mentions', {
      accountId: auth.accountId,
      count: 1,
      visibility: 'direct',
    });
    const comments = (await connector.readComments?.(auth, null))?.items ?? [];
    const question = comments.find((item) => item.kind === 'comment');
    const message = comments.find((item) => item.kind === 'direct-message');
    if (question === undefined || message === undefined) {
      throw new Error('seeded comments missing');
    }
    const answer = await connector.reply?.(auth, question.externalId, 'Ja, für ganz Stuttgart.');
    const again = await connector.reply?.(auth, question.externalId, 'Ja, für ganz Stuttgart.');
    expect(again?.externalId).toBe(answer?.externalId);
    await connector.reply?.(auth, message.externalId, 'Wir melden uns per Nachricht.');

    const mine = await bed.posts(auth.accountId ?? '');
    const replyPost = mine.find((post) => post.id === answer?.externalId);
    expect(replyPost?.text).toBe(`@${question.authorHandle} Ja, für ganz Stuttgart.`);
    expect(replyPost?.extra.inReplyToId).toBe(question.externalId);
    expect(mine).toHaveLength(3);
    const dmAnswer = mine.find((post) => post.extra.inReplyToId === message.externalId);
    const sandbox = mastodonState(bed.store);
    expect(sandbox.statusMeta.get(dmAnswer?.id ?? '')?.visibility).toBe('direct');
  });

  it('read-profile: returns the bio as text and the links from the profile fields', async () => {
    const auth = await bed.token({ accountId: '109000000000000001' });
    const profile = await connector.readProfile?.(auth);
    expect(profile?.bio).toContain('Offizieller Kanal der Landeshauptstadt Stuttgart');
    expect(profile?.links).toEqual([
      'https://www.stuttgart.de',
      'https://www.stuttgart.de/impressum',
      'https://www.stuttgart.de/datenschutz',
    ]);
  });

  it('idempotency-key: the same key twice creates one status', async () => {
    const auth = await bed.token();
    const request = publishRequest('Wahlbenachrichtigungen sind unterwegs');
    const first = published(await connector.publish(auth, request));
    const second = published(await connector.publish(auth, request));
    expect(second.externalId).toBe(first.externalId);
    expect(await bed.posts(auth.accountId ?? '')).toHaveLength(1);
  });
});

describe('Mastodon connector: limits from the instance', () => {
  it('reads max characters, media count and alt-text limit from /api/v2/instance', async () => {
    const auth = await bed.token();
    const limits = await bed.connector().limits(auth);
    expect(limits).toMatchObject({
      maxTextLength: 500,
      maxImages: 4,
      maxVideos: 0,
      maxAltTextLength: 1500,
      mediaRequired: false,
    });
    const url = 'https://www.stuttgart.de/leben/umwelt/hitze-und-gesundheit/hitzeaktionsplan';
    expect(limits.countLength(`Mehr: ${url}`)).toBe(6 + 23);
    expect(limits.countLength('Grüße 👋🏽 an @polizei_bw@bawue.social')).toBe(
      'Grüße 👋🏽 an @polizei_bw'.length - 3,
    );
  });

  it('follows a changed instance limit once the cache has expired', async () => {
    const auth = await bed.token();
    const cached = bed.connector({ limitsTtlMs: 60_000 });
    expect((await cached.limits(auth)).maxTextLength).toBe(500);
    await bed.admin('/_sandbox/mastodon/instance', {
      maxCharacters: 5000,
      charactersReservedPerUrl: 30,
    });
    try {
      expect((await cached.limits(auth)).maxTextLength).toBe(500);
      bed.advance(61_000);
      const fresh = await cached.limits(auth);
      expect(fresh.maxTextLength).toBe(5000);
      expect(fresh.countLength('https://example.org/x')).toBe(30);

      const long = `${'a'.repeat(4969)} https://example.org/${'b'.repeat(200)}`;
      expect(fresh.countLength(long)).toBe(5000);
      const result = await cached.publish(auth, publishRequest(long));
      expect(result, JSON.stringify(result)).toMatchObject({ status: 'published' });
    } finally {
      await bed.admin('/_sandbox/mastodon/instance', {
        maxCharacters: 500,
        charactersReservedPerUrl: 23,
      });
    }
  });

  it('agrees with the instance on the boundary: 500 passes, 501 is rejected', async () => {
    const auth = await bed.token();
    const url = 'https://www.stuttgart.de/aktuelles/pressemitteilungen/2026/hochwasser';
    const fits = `${'ö'.repeat(476)} ${url}`;
    const limits = await connector.limits(auth);
    expect(limits.countLength(fits)).toBe(500);
    expect((await connector.publish(auth, publishRequest(fits))).status).toBe('published');
    expect((await connector.publish(auth, publishRequest(`${fits}!`))).status).toBe('failed');
  });
});
