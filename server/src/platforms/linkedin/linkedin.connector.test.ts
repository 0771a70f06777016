import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PlatformError } from '../connector.ts';
import type { ChannelAuth } from '../connector.ts';
import { connectorFor } from '../connectors.registry.ts';
import { LINKEDIN_LIMITS, linkedInLength } from './linkedin.limits.ts';
import { image, publishRequest, startLinkedInTestbed } from './linkedin.testbed.ts';
import type { LinkedInTestbed } from './linkedin.testbed.ts';

let bed: LinkedInTestbed;
let auth: ChannelAuth;

beforeAll(async () => {
  bed = await startLinkedInTestbed();
  auth = await bed.token();
});
afterAll(async () => {
  await bed.close();
});

describe('LinkedIn connector against the sandbox', () => {
  it('declares exactly what it implements', () => {
    expect([...bed.connector.capabilities].sort()).toEqual(
      ['alt-text', 'delete', 'images', 'read-comments', 'reply', 'text'].sort(),
    );
    expect(LINKEDIN_LIMITS.maxTextLength).toBe(3000);
  });

  it('is registered under its platform key', () => {
    const settings = { baseUrl: bed.baseUrl, clientId: 'a', clientSecret: 'b', timeoutMs: 1000 };
    expect(connectorFor('linkedin', settings).key).toBe('linkedin');
  });

  it('publishes text as the organization and escapes little-text characters', async () => {
    const text = 'Ausbildung (m/w/d) bei der Stadt – jetzt bewerben! #Karriere';
    const result = await bed.connector.publish(auth, publishRequest(text));
    expect(result.status).toBe('published');
    if (result.status !== 'published') {
      return;
    }
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/);
    expect(result.url).toBe(`https://www.linkedin.com/feed/update/${result.externalId}/`);
    const stored = (await bed.posts()).find((post) => post.id === result.externalId);
    expect(stored?.accountId).toBe(bed.organization);
    expect(stored?.text).toBe('Ausbildung \\(m/w/d\\) bei der Stadt – jetzt bewerben! #Karriere');
  });

  it('uploads images and sends their alt texts', async () => {
    const result = await bed.connector.publish(
      auth,
      publishRequest('Unser Team im Personalamt', [
        image('Fünf Kolleginnen am Empfang'),
        image(null),
      ]),
    );
    expect(result.status).toBe('published');
    if (result.status !== 'published') {
      return;
    }
    const stored = (await bed.posts()).find((post) => post.id === result.externalId);
    expect(stored?.media).toHaveLength(2);
    expect(stored?.media[0]?.id).toMatch(/^urn:li:image:/);
    expect(stored?.media.map((item) => item.description)).toEqual([
      'Fünf Kolleginnen am Empfang',
      null,
    ]);
  });

  it('refuses video and over-long text before anything is sent', async () => {
    const video = { ...image(null, 'video/mp4'), kind: 'video' as const };
    const before = (await bed.posts()).length;
    const videoResult = await bed.connector.publish(auth, publishRequest('Video', [video]));
    const longResult = await bed.connector.publish(auth, publishRequest('a'.repeat(3001)));
    expect(videoResult).toMatchObject({ status: 'failed', failure: { kind: 'rejected' } });
    expect(longResult).toMatchObject({ status: 'failed', failure: { kind: 'rejected' } });
    expect(await bed.posts()).toHaveLength(before);
    expect(linkedInLength('(a)')).toBe(5);
  });

  it('deletes a post', async () => {
    const result = await bed.connector.publish(auth, publishRequest('Wird gleich gelöscht'));
    if (result.status !== 'published') {
      throw new Error('publish failed');
    }
    await bed.connector.deletePost?.(auth, result.externalId);
    // A repeated delete (e.g. after a lost answer) succeeds too.
    await bed.connector.deletePost?.(auth, result.externalId);
    expect((await bed.posts()).some((post) => post.id === result.externalId)).toBe(false);
  });

  it('reads the public comments and replies to a post and to a comment', async () => {
    const result = await bed.connector.publish(auth, publishRequest('Fragen zur Bewerbung?'));
    if (result.status !== 'published') {
      throw new Error('publish failed');
    }
    await bed.seedComments(result.externalId, 2);
    const first = await bed.connector.readComments?.(auth, null);
    const mine = first?.items.filter((item) => item.postExternalId === result.externalId) ?? [];
    expect(mine).toHaveLength(2);
    const [comment] = mine;
    expect(comment?.externalId).toMatch(/^urn:li:comment:\(urn:li:share:\d+,\d+\)$/);
    expect(comment?.authorHandle).toMatch(/^urn:li:person:/);
    expect(comment?.kind).toBe('comment');

    const onPost = await bed.connector.reply?.(auth, result.externalId, 'Schreiben Sie uns gern!');
    expect(onPost?.externalId).toMatch(/^urn:li:comment:/);
    const nested = await bed.connector.reply?.(auth, comment?.externalId ?? '', 'Ja, gilt auch.');
    expect(nested?.externalId).toMatch(/^urn:li:comment:\(urn:li:share:/);

    // The cursor is a watermark: nothing new, and the Page's own reply is not an inbox item.
    const next = await bed.connector.readComments?.(auth, first?.nextCursor ?? null);
    expect(next?.items).toEqual([]);
  });

  it('classifies a reply to an unknown post as rejected', async () => {
    await expect(bed.connector.reply?.(auth, 'urn:li:share:1', 'Hallo')).rejects.toMatchObject({
      failure: { kind: 'rejected', platformCode: 'NOT_FOUND' },
    });
    await expect(bed.connector.reply?.(auth, 'urn:li:share:1', 'x')).rejects.toBeInstanceOf(
      PlatformError,
    );
  });
});
