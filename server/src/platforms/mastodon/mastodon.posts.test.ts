import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { mastodonState } from '../../../../sandbox/src/platforms/mastodon-state.sandbox.ts';
import { pngImage, publishRequest, startMastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { MastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { ChannelAuth, Connector } from '../connector.ts';

let bed: MastodonTestbed;
let connector: Connector;

beforeAll(async () => {
  bed = await startMastodonTestbed();
  connector = bed.connector({ timeoutMs: 400 });
});
afterAll(async () => {
  await bed.close();
});
afterEach(async () => {
  await bed.resetFaults();
});

/** A raw call to the sandbox's Mastodon API, to look at what the connector left behind. */
async function mastodonApi<T>(
  auth: ChannelAuth,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${bed.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${auth.accessToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

interface StatusView {
  readonly id: string;
  readonly content: string;
  readonly spoiler_text: string;
  readonly sensitive: boolean;
  readonly edited_at: string | null;
  readonly pinned?: boolean;
  readonly media_attachments: readonly { id: string; description: string | null }[];
}

async function publish(auth: ChannelAuth, text: string): Promise<string> {
  const result = await connector.publish(auth, publishRequest(text));
  if (result.status !== 'published') {
    throw new Error(`publish failed: ${JSON.stringify(result)}`);
  }
  return result.externalId;
}

const history = (auth: ChannelAuth, id: string) =>
  mastodonApi<{ content: string }[]>(auth, 'GET', `/api/v1/statuses/${id}/history`);

describe('Mastodon connector: edit', () => {
  it('replaces the text and keeps images, alt text, content warning and sensitivity', async () => {
    const auth = await bed.token();
    const result = await connector.publish(
      auth,
      publishRequest('Sperrung der B14 ab 20 Uhr', { media: [pngImage('Karte der Umleitung')] }),
    );
    if (result.status !== 'published') {
      throw new Error('publish failed');
    }
    const id = result.externalId;
    const warned = await mastodonApi<StatusView>(auth, 'POST', '/api/v1/statuses', {
      status: 'Unwetterwarnung für Stuttgart',
      spoiler_text: 'Wetter',
    });

    await connector.editPost?.(auth, id, 'Sperrung der B14 ab 21 Uhr (verschoben)');
    await connector.editPost?.(auth, warned.id, 'Unwetterwarnung aufgehoben');

    const edited = await mastodonApi<StatusView>(auth, 'GET', `/api/v1/statuses/${id}`);
    expect(edited.content).toBe('<p>Sperrung der B14 ab 21 Uhr (verschoben)</p>');
    expect(Date.parse(edited.edited_at ?? '')).toBeLessThanOrEqual(bed.now().getTime());
    expect(warned.edited_at).toBeNull();
    expect(edited.media_attachments.map((media) => media.description)).toEqual([
      'Karte der Umleitung',
    ]);
    const stillWarned = await mastodonApi<StatusView>(auth, 'GET', `/api/v1/statuses/${warned.id}`);
    expect(stillWarned).toMatchObject({ spoiler_text: 'Wetter', sensitive: true });
    expect((await history(auth, id)).map((version) => version.content)).toEqual([
      '<p>Sperrung der B14 ab 20 Uhr</p>',
      '<p>Sperrung der B14 ab 21 Uhr (verschoben)</p>',
    ]);
    const [stored] = (await bed.posts(auth.accountId ?? '')).filter((post) => post.id === id);
    expect(stored?.text).toBe('Sperrung der B14 ab 21 Uhr (verschoben)');
  });

  it('the same text again records no further version', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Bürgerbüro Mitte heute geschlossen');
    await connector.editPost?.(auth, id, 'Bürgerbüro Mitte heute bis 12 Uhr geschlossen');
    await connector.editPost?.(auth, id, 'Bürgerbüro Mitte heute bis 12 Uhr geschlossen');
    expect(await history(auth, id)).toHaveLength(2);
  });

  it('a lost answer is transient, and repeating the edit leaves one new version', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Freibad Killesberg öffnet am Samstag');
    await bed.faults({ dropResponseAfterWrite: 1 });
    await expect(
      connector.editPost?.(auth, id, 'Freibad Killesberg öffnet am Sonntag'),
    ).rejects.toMatchObject({ failure: { kind: 'transient' } });
    await connector.editPost?.(auth, id, 'Freibad Killesberg öffnet am Sonntag');
    expect(await history(auth, id)).toHaveLength(2);
  });

  it("text over the instance limit → rejected with Mastodon's reason, nothing changes", async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Kurz');
    await expect(connector.editPost?.(auth, id, 'a'.repeat(501))).rejects.toMatchObject({
      failure: {
        kind: 'rejected',
        reason: 'Validation failed: Text character limit of 500 exceeded',
        platformCode: null,
      },
    });
    expect((await bed.posts(auth.accountId ?? '')).map((post) => post.text)).toEqual(['Kurz']);
  });

  it("someone else's status → rejected (Mastodon answers 404)", async () => {
    const owner = await bed.token();
    const other = await bed.token();
    const id = await publish(owner, 'Nur die Stadt darf das ändern');
    await expect(connector.editPost?.(other, id, 'Gekapert')).rejects.toMatchObject({
      failure: { kind: 'rejected', reason: 'Record not found' },
    });
  });

  it('401 → auth-expired; 403 without write:statuses → rejected', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Wahlergebnis folgt');
    await expect(
      connector.editPost?.({ ...auth, accessToken: 'not-a-token' }, id, 'x'),
    ).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
    const readOnly = { ...(await bed.token({ scopes: ['read'] })), accountId: auth.accountId };
    await expect(connector.editPost?.(readOnly, id, 'x')).rejects.toMatchObject({
      failure: { kind: 'rejected', reason: 'This action is outside the authorized scopes' },
    });
  });

  it('429 → rate-limited with Retry-After; 503 and a timeout → transient', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Haushaltsrede im Livestream');
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 17 } });
    await expect(connector.editPost?.(auth, id, 'x')).rejects.toMatchObject({
      failure: { kind: 'rate-limited', retryAfterSeconds: 17 },
    });
    await bed.faults({ serverError: { count: 1, status: 503 } });
    await expect(connector.editPost?.(auth, id, 'x')).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    await bed.faults({ timeout: 1 });
    await expect(connector.editPost?.(auth, id, 'x')).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    expect(await history(auth, id)).toHaveLength(1);
  });
});

describe('Mastodon connector: pin', () => {
  const pinnedFlag = async (auth: ChannelAuth, id: string): Promise<boolean | undefined> =>
    (await mastodonApi<StatusView>(auth, 'GET', `/api/v1/statuses/${id}`)).pinned;

  it('pins and unpins; unpinning twice and pinning twice are both fine', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Alle Infos zum Hochwasser');
    await connector.pinPost?.(auth, id, true);
    expect(await pinnedFlag(auth, id)).toBe(true);
    await connector.pinPost?.(auth, id, true);
    expect(mastodonState(bed.store).pins.get(auth.accountId ?? '')).toEqual([id]);
    await connector.pinPost?.(auth, id, false);
    await connector.pinPost?.(auth, id, false);
    expect(await pinnedFlag(auth, id)).toBe(false);
  });

  it('a lost answer is transient, and the repeated pin succeeds without a second pin', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Wichtig: Trinkwasser abkochen');
    await bed.faults({ dropResponseAfterWrite: 1 });
    await expect(connector.pinPost?.(auth, id, true)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    await connector.pinPost?.(auth, id, true);
    expect(mastodonState(bed.store).pins.get(auth.accountId ?? '')).toEqual([id]);
  });

  it("a sixth pin → 422, rejected with Mastodon's reason", async () => {
    const auth = await bed.token();
    for (let index = 1; index <= 5; index += 1) {
      await connector.pinPost?.(auth, await publish(auth, `Angeheftet Nr. ${index}`), true);
    }
    const sixth = await publish(auth, 'Einer zu viel');
    await expect(connector.pinPost?.(auth, sixth, true)).rejects.toMatchObject({
      failure: {
        kind: 'rejected',
        reason: 'Validation failed: You have already pinned the maximum number of posts',
        platformCode: null,
      },
    });
    expect(await pinnedFlag(auth, sixth)).toBe(false);
  });

  it("someone else's or a direct status → rejected", async () => {
    const auth = await bed.token();
    const other = await bed.token();
    const foreign = await publish(other, 'Fremder Beitrag');
    await expect(connector.pinPost?.(auth, foreign, true)).rejects.toMatchObject({
      failure: {
        kind: 'rejected',
        reason: "Validation failed: Someone else's post cannot be pinned",
      },
    });
    const direct = await mastodonApi<StatusView>(auth, 'POST', '/api/v1/statuses', {
      status: '@konto_1 vertraulich',
      visibility: 'direct',
    });
    await expect(connector.pinPost?.(auth, direct.id, true)).rejects.toMatchObject({
      failure: {
        kind: 'rejected',
        reason:
          'Validation failed: Posts that are only visible to mentioned users cannot be pinned',
      },
    });
  });

  it('403 without write:accounts (a token from before pinning) → rejected', async () => {
    const owner = await bed.token();
    const id = await publish(owner, 'Neue Öffnungszeiten');
    const old = await bed.token({
      accountId: owner.accountId ?? '',
      scopes: ['read', 'write:statuses'],
    });
    await expect(connector.pinPost?.(old, id, true)).rejects.toMatchObject({
      failure: { kind: 'rejected', reason: 'This action is outside the authorized scopes' },
    });
  });

  it('401 → auth-expired, 429 → rate-limited, 503 → transient', async () => {
    const auth = await bed.token();
    const id = await publish(auth, 'Stadtfest abgesagt');
    await expect(
      connector.pinPost?.({ ...auth, accessToken: 'revoked' }, id, true),
    ).rejects.toMatchObject({ failure: { kind: 'auth-expired' } });
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 9 } });
    await expect(connector.pinPost?.(auth, id, true)).rejects.toMatchObject({
      failure: { kind: 'rate-limited', retryAfterSeconds: 9 },
    });
    await bed.faults({ serverError: { count: 1, status: 503 } });
    await expect(connector.pinPost?.(auth, id, false)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
  });
});
