import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ChannelAuth, Connector, PublishResult } from '../connector.ts';
import { IG_USER_ID, image, PAGE_ID, publishRequest, startMetaTestbed } from './meta.testbed.ts';
import type { MetaTestbed } from './meta.testbed.ts';

function externalId(result: PublishResult): string {
  if (result.status !== 'published') {
    throw new Error(`expected published, got ${JSON.stringify(result)}`);
  }
  return result.externalId;
}

interface Network {
  readonly name: string;
  readonly connector: () => Connector;
  readonly accountId: string;
  /** The permission Meta requires for moderating comments on this network. */
  readonly scope: string;
  post(auth: ChannelAuth): Promise<string>;
}

describe('Deleting comments on Meta (shared by Facebook and Instagram)', () => {
  let bed: MetaTestbed;
  beforeEach(async () => {
    bed = await startMetaTestbed();
  });
  afterEach(async () => {
    await bed.close();
  });

  const networks: Network[] = [
    {
      name: 'Facebook',
      connector: () => bed.facebook,
      accountId: PAGE_ID,
      scope: 'pages_manage_engagement',
      post: async (auth) => externalId(await bed.facebook.publish(auth, publishRequest('Text'))),
    },
    {
      name: 'Instagram',
      connector: () => bed.instagram,
      accountId: IG_USER_ID,
      scope: 'instagram_manage_comments',
      post: async (auth) =>
        externalId(
          await bed.instagram.publish(
            auth,
            publishRequest('Bild', [image(`${bed.mediaUrl}/image.png`)]),
          ),
        ),
    },
  ];

  it.each(networks)('$name declares delete-comment and deletes a comment', async (network) => {
    const connector = network.connector();
    expect(connector.capabilities.has('delete-comment')).toBe(true);
    const auth = await bed.pageToken(network.accountId);
    const postId = await network.post(auth);
    const keep = await bed.comment(postId, 'Sachlich');
    const remove = await bed.comment(postId, 'Beleidigend');
    await connector.deleteComment?.(auth, remove);
    expect((await bed.comments()).map((comment) => comment.id)).toEqual([keep]);
    const page = await connector.readComments?.(auth, null);
    expect(page?.items.map((comment) => comment.externalId)).toEqual([keep]);
  });

  it('deleting a Facebook comment removes the page’s replies to it as well', async () => {
    const auth = await bed.pageToken();
    const postId = await networks[0]?.post(auth);
    const commentId = await bed.comment(postId ?? '', 'Frage?');
    await bed.facebook.reply?.(auth, commentId, 'Antwort.');
    await bed.facebook.deleteComment?.(auth, commentId);
    expect(await bed.comments()).toEqual([]);
  });

  describe.each(networks)('$name failure classes', (network) => {
    it('an unknown or already deleted comment is rejected (code 100/33)', async () => {
      const auth = await bed.pageToken(network.accountId);
      const commentId = await bed.comment(await network.post(auth), 'Weg');
      await network.connector().deleteComment?.(auth, commentId);
      await expect(network.connector().deleteComment?.(auth, commentId)).rejects.toMatchObject({
        failure: { kind: 'rejected', platformCode: '100/33' },
      });
    });

    it('a login without the moderation permission is rejected (code 200)', async () => {
      const full = await bed.pageToken(network.accountId);
      const commentId = await bed.comment(await network.post(full), 'Bleibt');
      const limited = await bed.pageToken(network.accountId, ['pages_show_list']);
      await expect(network.connector().deleteComment?.(limited, commentId)).rejects.toMatchObject({
        failure: { kind: 'rejected', platformCode: '200' },
      });
      expect(await bed.comments()).toHaveLength(1);
      const granted = await bed.pageToken(network.accountId, [network.scope]);
      await network.connector().deleteComment?.(granted, commentId);
      expect(await bed.comments()).toEqual([]);
    });

    it('throttle, outage, lost answer and expired token are classified', async () => {
      const auth = await bed.pageToken(network.accountId);
      const commentId = await bed.comment(await network.post(auth), 'Noch da');
      const remove = () => network.connector().deleteComment?.(auth, commentId);
      await bed.graphError(613);
      await expect(remove()).rejects.toMatchObject({
        failure: { kind: 'rate-limited', retryAfterSeconds: 300 },
      });
      await bed.graphError(2);
      await expect(remove()).rejects.toMatchObject({
        failure: { kind: 'transient', platformCode: '2' },
      });
      // Deleting again is harmless, so a timeout is transient rather than outcome-unknown.
      await bed.faults({ timeout: 1 });
      await expect(remove()).rejects.toMatchObject({ failure: { kind: 'transient' } });
      await bed.faults({ expireTokens: true });
      await expect(remove()).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
      expect(await bed.comments()).toHaveLength(1);
    });
  });
});
