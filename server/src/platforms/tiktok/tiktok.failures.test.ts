import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { photo, publishRequest, startTikTokTestbed, video } from './tiktok.testbed.ts';
import type { TikTokTestbed } from './tiktok.testbed.ts';

const MINUTE_MS = 60_000;
const SETTLE_MS = 11 * MINUTE_MS;

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

describe('TikTok failure classification over HTTP', () => {
  it('429 → rate-limited with Retry-After', async () => {
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 42 } });
    const result = await bed.connector.publish(await bed.token(), publishRequest('x', [video()]));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
    });
  });

  it('a seventh init within a minute → rate_limit_exceeded → rate-limited', async () => {
    const auth = await bed.token();
    for (let index = 0; index < 6; index += 1) {
      expect(
        (await bed.connector.publish(auth, publishRequest(`Nr. ${index}`, [video()]))).status,
      ).toBe('pending');
    }
    expect(await bed.connector.publish(auth, publishRequest('Nr. 7', [video()]))).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: null },
    });
    bed.advance(MINUTE_MS + 1000);
    expect((await bed.connector.publish(auth, publishRequest('Später', [video()]))).status).toBe(
      'pending',
    );
  });

  it('503 → transient (internal_error)', async () => {
    await bed.faults({ serverError: { count: 1, status: 503 } });
    const result = await bed.connector.publish(await bed.token(), publishRequest('x', [video()]));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'internal_error' },
    });
  });

  it('a timeout on creator_info → transient (nothing was sent yet)', async () => {
    await bed.faults({ timeout: 1 });
    const result = await bed.connector.publish(await bed.token(), publishRequest('x', [video()]));
    expect(result).toMatchObject({ status: 'failed', failure: { kind: 'transient' } });
  });

  it('a token without video.publish → scope_not_authorized → auth-expired', async () => {
    const auth = await bed.token({ scopes: ['user.info.basic'] });
    expect(await bed.connector.publish(auth, publishRequest('x', [video()]))).toEqual({
      status: 'failed',
      failure: { kind: 'auth-expired', platformCode: 'scope_not_authorized' },
    });
  });

  it('an app claiming an audit it lacks → unaudited_client_can_only_post_to_private_accounts', async () => {
    const pretending = await startTikTokTestbed({
      sandbox: { accountPrivate: false, auditedClient: false },
      connector: { auditedApp: true },
    });
    try {
      const result = await pretending.connector.publish(
        await pretending.token(),
        publishRequest('x', [video()]),
      );
      expect(result).toMatchObject({
        status: 'failed',
        failure: {
          kind: 'rejected',
          platformCode: 'unaudited_client_can_only_post_to_private_accounts',
        },
      });
    } finally {
      await pretending.close();
    }
  });

  it('creator_info decides: a level the account does not offer is refused in German', async () => {
    const privateAccount = await startTikTokTestbed({
      sandbox: { auditedClient: true, accountPrivate: true },
      connector: { auditedApp: true, privacyLevel: 'PUBLIC_TO_EVERYONE' },
    });
    try {
      const result = await privateAccount.connector.publish(
        await privateAccount.token(),
        publishRequest('x', [video()]),
      );
      expect(result).toEqual({
        status: 'failed',
        failure: {
          kind: 'rejected',
          reason: 'Das TikTok-Konto bietet die Sichtbarkeit „Alle“ derzeit nicht an.',
          platformCode: null,
        },
      });
      expect(await privateAccount.publishes()).toHaveLength(0);
    } finally {
      await privateAccount.close();
    }
  });

  it('banned, daily cap and unverified photo domain → rejected with TikTok’s code', async () => {
    const banned = await startTikTokTestbed({ sandbox: { bannedFromPosting: true } });
    const capped = await startTikTokTestbed({ sandbox: { postsPerDay: 1 } });
    try {
      expect(
        await banned.connector.publish(await banned.token(), publishRequest('x', [video()])),
      ).toMatchObject({
        failure: { kind: 'rejected', platformCode: 'spam_risk_user_banned_from_posting' },
      });
      const auth = await capped.token();
      expect((await capped.connector.publish(auth, publishRequest('1', [video()]))).status).toBe(
        'pending',
      );
      expect(await capped.connector.publish(auth, publishRequest('2', [video()]))).toMatchObject({
        failure: { kind: 'rejected', platformCode: 'spam_risk_too_many_posts' },
      });
      const foreign = photo('x', 'https://cdn.example.org/x.jpeg');
      expect(
        await bed.connector.publish(await bed.token(), publishRequest('x', [foreign])),
      ).toMatchObject({ failure: { kind: 'rejected', platformCode: 'url_ownership_unverified' } });
    } finally {
      await banned.close();
      await capped.close();
    }
  });
});

describe('TikTok unknown outcome and lookup', () => {
  it('a lost answer to the video init is harmless: transient, nothing posted', async () => {
    const before = (await bed.publishes()).length;
    await bed.dropNextVideoInit();
    const result = await bed.connector.publish(
      await bed.token(),
      publishRequest('Init weg', [video()]),
    );
    expect(result).toMatchObject({ status: 'failed', failure: { kind: 'transient' } });
    bed.advance(SETTLE_MS);
    const created = (await bed.publishes()).slice(before);
    expect(created.every((entry) => entry.status === 'PROCESSING_UPLOAD')).toBe(true);
  });

  it('a lost answer to the last chunk → outcome-unknown, found once TikTok is done, one post', async () => {
    const auth = await audited.token();
    const since = audited.now();
    const request = publishRequest('Stellenangebot: Sachbearbeitung Bürgeramt', [video()]);
    await audited.faults({ dropResponseAfterWrite: 1 });
    expect(await audited.connector.publish(auth, request)).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    // Too early to say: TikTok may still be processing.
    expect(await audited.connector.findPublished(auth, request, since)).toEqual({
      status: 'undecidable',
    });
    audited.advance(SETTLE_MS);
    const found = await audited.connector.findPublished(auth, request, since);
    const matching = (await audited.publishes()).filter((entry) => entry.caption === request.text);
    expect(matching).toHaveLength(1);
    expect(found).toEqual({
      status: 'found',
      externalId: matching[0]?.postId,
      url: `https://www.tiktok.com/@stadt.sandbox/video/${matching[0]?.postId ?? ''}`,
    });
  });

  it('a lost answer to the photo init → outcome-unknown', async () => {
    await audited.faults({ dropResponseAfterWrite: 1 });
    const result = await audited.connector.publish(
      await audited.token(),
      publishRequest('Fotos', [photo('a'), photo('b')]),
    );
    expect(result).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
  });

  it('a post never made → absent once TikTok had time', async () => {
    const since = audited.now();
    audited.advance(SETTLE_MS);
    const request = publishRequest('Nie gesendet', [video()]);
    expect(await audited.connector.findPublished(await audited.token(), request, since)).toEqual({
      status: 'absent',
    });
  });

  it('undecidable: private posts (unaudited), a failing listing, a missing video.list scope', async () => {
    const request = publishRequest('Egal', [video()]);
    const since = new Date(0);
    expect(await bed.connector.findPublished(await bed.token(), request, since)).toEqual({
      status: 'undecidable',
    });
    await audited.faults({ serverError: { count: 1, status: 503 } });
    expect(await audited.connector.findPublished(await audited.token(), request, since)).toEqual({
      status: 'undecidable',
    });
    const noList = await audited.token({ scopes: ['video.publish', 'user.info.basic'] });
    expect(await audited.connector.findPublished(noList, request, since)).toEqual({
      status: 'undecidable',
    });
  });
});
