import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Connector, PublishResult } from '../connector.ts';
import { FACEBOOK_SCOPES } from './facebook.connector.ts';
import { IG_USER_ID, image, PAGE_ID, publishRequest, startMetaTestbed } from './meta.testbed.ts';
import type { MetaTestbed } from './meta.testbed.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

function externalId(result: PublishResult): string {
  if (result.status !== 'published') {
    throw new Error(`expected published, got ${JSON.stringify(result)}`);
  }
  return result.externalId;
}

describe('Meta insights against the sandbox', () => {
  let bed: MetaTestbed;
  let start: number;
  beforeEach(async () => {
    bed = await startMetaTestbed();
    start = Date.now();
  });
  afterEach(async () => {
    await bed.close();
  });

  /** One page post on day one; two posts and one public comment on day two. */
  async function pageActivity(): Promise<void> {
    const auth = await bed.pageToken();
    await bed.facebook.publish(auth, publishRequest('Tag eins'));
    bed.advance(DAY_MS);
    const second = externalId(await bed.facebook.publish(auth, publishRequest('Tag zwei')));
    await bed.facebook.publish(auth, publishRequest('Noch einer'));
    await bed.comment(second, 'Danke für die Info!');
  }

  describe('Facebook Page', () => {
    const expected = {
      page_media_view: 310,
      page_post_engagements: 1,
      page_daily_follows_unique: 6,
      page_daily_unfollows_unique: 1,
      // A stock, not a flow: the followers at the end of the period.
      page_follows: 1005,
    };

    it('sums the daily flows and keeps the last follower count', async () => {
      await pageActivity();
      const from = new Date(start - DAY_MS);
      const to = new Date(start + DAY_MS + HOUR_MS);
      const insights = await bed.facebook.insights?.(await bed.pageToken(), from, to);
      expect(insights).toEqual({ periodStart: from, periodEnd: to, metrics: expected });
    });

    it('splits a period longer than 90 days into windows without counting a day twice', async () => {
      // A post on the day where the first 90-day window ends, at noon plus an hour.
      const midnight = Math.floor((start - 110 * DAY_MS) / DAY_MS) * DAY_MS;
      const shift = midnight + 13 * HOUR_MS - start;
      bed.advance(shift);
      await bed.facebook.publish(await bed.pageToken(), publishRequest('Vor 110 Tagen'));
      bed.advance(-shift);
      await pageActivity();
      const from = new Date(midnight - 90 * DAY_MS + 12 * HOUR_MS);
      const to = new Date(start + DAY_MS + HOUR_MS);
      const insights = await bed.facebook.insights?.(await bed.pageToken(), from, to);
      expect(insights?.metrics).toEqual({
        ...expected,
        page_media_view: expected.page_media_view + 100,
        page_daily_follows_unique: expected.page_daily_follows_unique + 2,
        page_follows: expected.page_follows + 2,
      });
    });

    it('works with the token Facebook Login grants, which carries read_insights', async () => {
      expect(FACEBOOK_SCOPES).toContain('read_insights');
      const redirectUri = 'http://127.0.0.1:9/callback';
      const login = await bed.facebook.authorizationUrl(redirectUri);
      const dialog = await fetch(login.url, { redirect: 'manual' });
      const code = new URL(dialog.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const tokens = await bed.facebook.exchangeCode(code, redirectUri, null);
      const insights = await bed.facebook.insights?.(
        tokens,
        new Date(start - DAY_MS),
        new Date(start),
      );
      expect(insights?.metrics.page_follows).toBe(1000);
    });
  });

  describe('Instagram account', () => {
    async function igActivity(): Promise<void> {
      const auth = await bed.pageToken(IG_USER_ID);
      const first = externalId(
        await bed.instagram.publish(
          auth,
          publishRequest('Eins', [image(`${bed.mediaUrl}/image.png`)]),
        ),
      );
      await bed.instagram.publish(
        auth,
        publishRequest('Zwei', [image(`${bed.mediaUrl}/image.png`)]),
      );
      await bed.comment(first, 'Schön!', 'erika.m');
      await bed.comment(first, 'Wann genau?', 'max.m');
    }
    const expected = {
      reach: 102,
      views: 170,
      accounts_engaged: 2,
      total_interactions: 2,
      likes: 0,
      comments: 2,
      shares: 0,
      saves: 0,
    };

    it('reads total_value metrics for the period', async () => {
      await igActivity();
      const from = new Date(start - DAY_MS);
      const to = new Date(start + HOUR_MS);
      const auth = await bed.pageToken(IG_USER_ID);
      expect(await bed.instagram.insights?.(auth, from, to)).toEqual({
        periodStart: from,
        periodEnd: to,
        metrics: expected,
      });
    });

    it('adds up 30-day windows for a longer period', async () => {
      await igActivity();
      const auth = await bed.pageToken(IG_USER_ID);
      const insights = await bed.instagram.insights?.(
        auth,
        new Date(start - 75 * DAY_MS),
        new Date(start + HOUR_MS),
      );
      expect(insights?.metrics).toEqual(expected);
    });
  });

  describe('failure classes', () => {
    const cases: [string, () => Connector, string, string, string][] = [
      ['Facebook', () => bed.facebook, PAGE_ID, 'read_insights', '200'],
      ['Instagram', () => bed.instagram, IG_USER_ID, 'instagram_manage_insights', '10'],
    ];

    it.each(cases)(
      '%s: a login without the insights permission is rejected, not expired',
      async (_name, connector, accountId, scope, code) => {
        const auth = await bed.pageToken(accountId, ['pages_show_list', 'pages_manage_posts']);
        await expect(
          connector().insights?.(auth, new Date(start - DAY_MS), new Date(start)),
        ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: code } });
        // With the permission the same call succeeds.
        const granted = await bed.pageToken(accountId, [scope]);
        await expect(
          connector().insights?.(granted, new Date(start - DAY_MS), new Date(start)),
        ).resolves.toMatchObject({ metrics: expect.any(Object) as unknown });
      },
    );

    it.each(cases)(
      '%s: expired token, throttle and outage are classified',
      async (_name, connector, accountId) => {
        const auth = await bed.pageToken(accountId);
        const read = () => connector().insights?.(auth, new Date(start - DAY_MS), new Date(start));
        await bed.graphError(17);
        await expect(read()).rejects.toMatchObject({
          failure: { kind: 'rate-limited', retryAfterSeconds: 300 },
        });
        await bed.faults({ serverError: { count: 1, status: 503 } });
        await expect(read()).rejects.toMatchObject({ failure: { kind: 'transient' } });
        await bed.faults({ timeout: 1 });
        await expect(read()).rejects.toMatchObject({ failure: { kind: 'transient' } });
        await bed.faults({ expireTokens: true });
        await expect(read()).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
      },
    );

    it.each(cases)('%s: an empty period is refused before any call', async (_n, connector, id) => {
      const auth = await bed.pageToken(id);
      await bed.faults({ expireTokens: true });
      await expect(
        connector().insights?.(auth, new Date(start), new Date(start)),
      ).rejects.toMatchObject({ failure: { kind: 'rejected', platformCode: null } });
    });
  });
});
