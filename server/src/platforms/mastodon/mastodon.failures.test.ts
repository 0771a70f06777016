import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { pngImage, publishRequest, startMastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import type { MastodonTestbed } from '../../../test/mastodon-sandbox.ts';
import { PlatformError } from '../connector.ts';
import type { Connector } from '../connector.ts';
import { createMastodonConnector } from './mastodon.connector.ts';

/** A port nobody listens on: bound once, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

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

describe('Mastodon connector: every failure class', () => {
  it('401 from a bad or revoked token → auth-expired', async () => {
    const auth = await bed.token();
    expect(
      await connector.publish({ ...auth, accessToken: 'not-a-token' }, publishRequest('x')),
    ).toEqual({ status: 'failed', failure: { kind: 'auth-expired', platformCode: null } });
    await bed.faults({ expireTokens: true });
    await expect(connector.readProfile?.(auth)).rejects.toMatchObject({
      failure: { kind: 'auth-expired' },
    });
  });

  it('429 with Retry-After → rate-limited with those seconds', async () => {
    const auth = await bed.token();
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 42 } });
    expect(await connector.publish(auth, publishRequest('Zu schnell'))).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
    });
  });

  it("429 from Mastodon's own throttle → rate-limited until X-RateLimit-Reset", async () => {
    const auth = await bed.token();
    await bed.admin('/_sandbox/mastodon/instance', { apiRequestsPer5Minutes: 1 });
    try {
      await connector.readProfile?.(auth);
      const error: unknown = await connector.readProfile?.(auth).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PlatformError);
      const failure = (error as PlatformError).failure;
      expect(failure.kind).toBe('rate-limited');
      const seconds = failure.kind === 'rate-limited' ? failure.retryAfterSeconds : null;
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(300);
    } finally {
      await bed.admin('/_sandbox/mastodon/instance', { apiRequestsPer5Minutes: 300 });
    }
  });

  it('503 → transient; for a read as for a write', async () => {
    const auth = await bed.token();
    await bed.faults({ serverError: { count: 2, status: 503 } });
    expect(await connector.publish(auth, publishRequest('Wartung'))).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: null },
    });
    await expect(connector.limits(auth)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
    expect(await bed.posts(auth.accountId ?? '')).toEqual([]);
  });

  it('504 on publish → outcome-unknown (the gateway may have let the status through)', async () => {
    const auth = await bed.token();
    await bed.faults({ serverError: { count: 1, status: 504 } });
    expect(await connector.publish(auth, publishRequest('Gateway'))).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
  });

  it("422 → rejected with Mastodon's reason", async () => {
    const auth = await bed.token();
    expect(await connector.publish(auth, publishRequest('a'.repeat(501)))).toEqual({
      status: 'failed',
      failure: {
        kind: 'rejected',
        reason: 'Validation failed: Text character limit of 500 exceeded',
        platformCode: null,
      },
    });
  });

  it('alt text over the instance limit → rejected, and nothing is posted', async () => {
    const auth = await bed.token();
    const request = publishRequest('Plakat zur Bürgerbeteiligung', {
      media: [pngImage('B'.repeat(1501))],
    });
    expect(await connector.publish(auth, request)).toEqual({
      status: 'failed',
      failure: {
        kind: 'rejected',
        reason: 'Validation failed: Description is too long (maximum is 1500 characters)',
        platformCode: null,
      },
    });
    expect(await bed.posts(auth.accountId ?? '')).toEqual([]);
  });

  it('403 for a token without the needed scope → rejected', async () => {
    const auth = await bed.token({ scopes: ['read'] });
    expect(await connector.publish(auth, publishRequest('Ohne Recht'))).toMatchObject({
      status: 'failed',
      failure: { kind: 'rejected', reason: 'This action is outside the authorized scopes' },
    });
  });

  it('timeout after sending → outcome-unknown for a publish, transient for a read', async () => {
    const auth = await bed.token();
    await bed.faults({ timeout: 2 });
    expect(await connector.publish(auth, publishRequest('Hängt'))).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    await expect(connector.readProfile?.(auth)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
  });

  it('a timed-out image upload is only transient: nothing visible can have happened', async () => {
    const auth = await bed.token();
    await bed.faults({ timeout: 1 });
    const request = publishRequest('Mit Bild', { media: [pngImage('Rathaus bei Nacht')] });
    expect(await connector.publish(auth, request)).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: null },
    });
  });

  it('refused connection (nothing sent) → transient, even for a publish', async () => {
    const closedPort = await freePort();
    const closed = createMastodonConnector({
      instanceUrl: `http://127.0.0.1:${closedPort}`,
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: 1000,
    });
    const auth = await bed.token();
    expect(await closed.publish(auth, publishRequest('Niemand da'))).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'ECONNREFUSED' },
    });
  });
});

describe('Mastodon connector: a lost answer and the Idempotency-Key', () => {
  it('a publish whose response is dropped, retried with the same key, yields exactly one status', async () => {
    const auth = await bed.token();
    const request = publishRequest('Stromausfall in Stuttgart-Ost: Die Netze BW arbeiten daran.');
    await bed.faults({ dropResponseAfterWrite: 1 });

    const first = await connector.publish(auth, request);
    expect(first).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
    const stored = await bed.posts(auth.accountId ?? '');
    expect(stored).toHaveLength(1);

    const retry = await connector.publish(auth, request);
    expect(retry).toMatchObject({ status: 'published', externalId: stored[0]?.id });
    const after = await bed.posts(auth.accountId ?? '');
    expect(after.map((post) => post.id)).toEqual([stored[0]?.id]);
  });

  it('after the key has expired (1 h), findPublished still finds the status', async () => {
    const auth = await bed.token();
    const since = bed.now();
    const text =
      'Hochwasser am Neckar: Uferwege gesperrt.\n\nInfos: https://www.stuttgart.de/hochwasser-neckar-2026 @polizei_stuttgart@bawue.social';
    const request = publishRequest(text);
    await bed.faults({ dropResponseAfterWrite: 1 });
    expect((await connector.publish(auth, request)).status).toBe('failed');
    bed.advance(61 * 60 * 1000);

    const found = await connector.findPublished(auth, request, since);
    const [stored] = await bed.posts(auth.accountId ?? '');
    expect(found).toMatchObject({ status: 'found', externalId: stored?.id });
    expect(await connector.findPublished(auth, publishRequest('Ein anderer Text'), since)).toEqual({
      status: 'absent',
    });
  });

  it('findPublished ignores statuses from before `since`', async () => {
    const auth = await bed.token();
    const request = publishRequest('Müllabfuhr verschiebt sich wegen Feiertag');
    expect((await connector.publish(auth, request)).status).toBe('published');
    bed.advance(10 * 60 * 1000);
    expect(await connector.findPublished(auth, request, bed.now())).toEqual({ status: 'absent' });
  });
});
