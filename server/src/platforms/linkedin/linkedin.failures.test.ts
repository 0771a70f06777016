import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ChannelAuth } from '../connector.ts';
import { publishRequest, startLinkedInTestbed } from './linkedin.testbed.ts';
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

describe('LinkedIn failure classification over HTTP', () => {
  it('429 → rate-limited with Retry-After', async () => {
    await bed.faults({ rateLimit: { count: 1, retryAfterSeconds: 42 } });
    const result = await bed.connector.publish(auth, publishRequest('Gedrosselt'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'rate-limited', retryAfterSeconds: 42 },
    });
  });

  it('503 → transient', async () => {
    await bed.faults({ serverError: { count: 1, status: 503 } });
    const result = await bed.connector.publish(auth, publishRequest('Kurz weg'));
    expect(result).toEqual({
      status: 'failed',
      failure: { kind: 'transient', platformCode: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('504 on a post → outcome-unknown (the gateway may have let it through)', async () => {
    await bed.faults({ serverError: { count: 1, status: 504 } });
    const result = await bed.connector.publish(auth, publishRequest('Gateway'));
    expect(result).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
  });

  it('422 DUPLICATE_POST → rejected with the machine code', async () => {
    const request = publishRequest('Doppelt hält nicht besser');
    expect((await bed.connector.publish(auth, request)).status).toBe('published');
    const again = await bed.connector.publish(auth, request);
    expect(again).toMatchObject({
      status: 'failed',
      failure: { kind: 'rejected', platformCode: 'DUPLICATE_POST' },
    });
  });

  it('a timeout on a post → outcome-unknown', async () => {
    await bed.faults({ timeout: 1 });
    const result = await bed.connector.publish(auth, publishRequest('Hängt'));
    expect(result).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
  });

  it('a timeout on a read → transient', async () => {
    await bed.faults({ timeout: 1 });
    await expect(bed.connector.readComments?.(auth, null)).rejects.toMatchObject({
      failure: { kind: 'transient' },
    });
  });
});

describe('LinkedIn unknown outcome', () => {
  it('a dropped answer → outcome-unknown, then found by findPublished, exactly one post', async () => {
    const since = bed.now();
    const request = publishRequest('Stellenangebot: Sachbearbeitung Bürgeramt');
    await bed.faults({ dropResponseAfterWrite: 1 });
    const result = await bed.connector.publish(auth, request);
    expect(result).toEqual({ status: 'failed', failure: { kind: 'outcome-unknown' } });
    const found = await bed.connector.findPublished(auth, request, since);
    expect(found.status).toBe('found');
    const matching = (await bed.posts()).filter((post) => post.text === request.text);
    expect(matching).toHaveLength(1);
    if (found.status === 'found') {
      expect(found.externalId).toBe(matching[0]?.id);
    }
  });

  it('a failing listing → undecidable', async () => {
    const since = bed.now();
    const request = publishRequest('Listing kaputt');
    await bed.faults({ dropResponseAfterWrite: 1 });
    await bed.connector.publish(auth, request);
    await bed.faults({ serverError: { count: 1, status: 503 } });
    expect(await bed.connector.findPublished(auth, request, since)).toEqual({
      status: 'undecidable',
    });
  });

  it('a post never made → absent', async () => {
    const since = bed.now();
    expect(await bed.connector.findPublished(auth, publishRequest('Nie gesendet'), since)).toEqual({
      status: 'absent',
    });
  });
});

describe('LinkedIn lagging finder', () => {
  it('absent, retried, DUPLICATE_POST → rejected, not a crash and no second post', async () => {
    const lagging = await startLinkedInTestbed({ listingDelayMs: 60_000 });
    try {
      const channel = await lagging.token();
      const since = lagging.now();
      const request = publishRequest('Neue Ausbildungsplätze 2027');
      await lagging.faults({ dropResponseAfterWrite: 1 });
      expect((await lagging.connector.publish(channel, request)).status).toBe('failed');
      // The finder has not caught up yet: the lookup honestly cannot see the post.
      expect(await lagging.connector.findPublished(channel, request, since)).toEqual({
        status: 'absent',
      });
      const retry = await lagging.connector.publish(channel, request);
      expect(retry).toMatchObject({
        status: 'failed',
        failure: { kind: 'rejected', platformCode: 'DUPLICATE_POST' },
      });
      expect(await lagging.posts()).toHaveLength(1);
    } finally {
      await lagging.close();
    }
  });
});
