import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { newId } from '../../../../sandbox/src/sandbox.store.ts';
import { image, publishRequest, startXTestbed, TEST_ACCOUNT_ID } from './x.testbed.ts';
import type { XTestbed } from './x.testbed.ts';

let bed: XTestbed;

beforeAll(async () => {
  bed = await startXTestbed();
});
afterAll(async () => {
  await bed.close();
});
afterEach(async () => {
  await fetch(`${bed.baseUrl}/_sandbox/x/faults`, { method: 'DELETE' });
});

const postsWith = async (text: string) => (await bed.posts()).filter((post) => post.text === text);

describe('X without idempotency key: unknown outcome → look up, never duplicate', () => {
  it('finds a tweet whose response was dropped; exactly one tweet exists', async () => {
    const auth = await bed.token();
    const text = 'Entwarnung: Die Trinkwasserversorgung in Bad Cannstatt ist wiederhergestellt.';
    const request = publishRequest(text);
    const since = new Date();
    await bed.faults({ dropResponseAfterWrite: 1 });

    expect(await bed.connector.publish(auth, request)).toEqual({
      status: 'failed',
      failure: { kind: 'outcome-unknown' },
    });
    const stored = await postsWith(text);
    expect(stored).toHaveLength(1);

    expect(await bed.connector.findPublished(auth, request, since)).toEqual({
      status: 'found',
      externalId: stored[0]?.id,
      url: `https://x.com/i/web/status/${stored[0]?.id ?? ''}`,
    });
    expect(await postsWith(text)).toHaveLength(1);
    // Without a stored account id the connector asks /2/users/me first.
    expect(
      await bed.connector.findPublished({ ...auth, accountId: null }, request, since),
    ).toMatchObject({ status: 'found', externalId: stored[0]?.id });
  });

  it('finds it through X’s rendering: t.co links, photo link, escaped & and a bare domain', async () => {
    const auth = await bed.token();
    const text = 'Sperrung B10 & Umleitung: stuttgart.de/verkehr und https://www.vvs.de/stoerungen';
    const request = publishRequest(text, [image('Karte der Umleitung')]);
    const since = new Date();
    await bed.faults({ dropResponseAfterWrite: 1 });

    expect(await bed.connector.publish(auth, request)).toMatchObject({
      failure: { kind: 'outcome-unknown' },
    });
    const stored = await postsWith(text);
    expect(stored).toHaveLength(1);
    expect(await bed.connector.findPublished(auth, request, since)).toMatchObject({
      status: 'found',
      externalId: stored[0]?.id,
    });
  });

  it('undecidable when the listing answers 503 – and still exactly one tweet', async () => {
    const auth = await bed.token();
    const text = 'Stromausfall in Vaihingen: Notrufnummer 112 funktioniert.';
    const request = publishRequest(text);
    const since = new Date();
    await bed.faults({ dropResponseAfterWrite: 1 });
    expect(await bed.connector.publish(auth, request)).toMatchObject({
      failure: { kind: 'outcome-unknown' },
    });

    await bed.faults({ serverError: { count: 1, status: 503 } });
    expect(await bed.connector.findPublished(auth, request, since)).toEqual({
      status: 'undecidable',
    });
    expect(await postsWith(text)).toHaveLength(1);
  });

  it('undecidable when the listing times out', async () => {
    const auth = await bed.token();
    await bed.faults({ timeout: 1 });
    expect(
      await bed.connector.findPublished(auth, publishRequest('Irgendwas'), new Date()),
    ).toEqual({ status: 'undecidable' });
  });

  it('absent only after a complete listing without a match (a different URL is no match)', async () => {
    const auth = await bed.token();
    const since = new Date();
    const published = await bed.connector.publish(
      auth,
      publishRequest('Lagebild: https://www.stuttgart.de/lage/update-1'),
    );
    expect(published.status).toBe('published');
    expect(
      await bed.connector.findPublished(
        auth,
        publishRequest('Lagebild: https://www.stuttgart.de/lage/update-2'),
        since,
      ),
    ).toEqual({ status: 'absent' });
  });

  it('undecidable when the listing is cut off (more than 500 tweets since then)', async () => {
    const busy = await startXTestbed();
    try {
      const auth = await busy.token();
      const since = new Date();
      for (let index = 0; index < 501; index += 1) {
        busy.sandbox.store.addPost({
          id: newId(),
          platform: 'x',
          accountId: TEST_ACCOUNT_ID,
          text: `Meldung ${index}`,
          createdAt: new Date(),
          media: [],
          extra: {},
        });
      }
      expect(
        await busy.connector.findPublished(auth, publishRequest('Nicht dabei'), since),
      ).toEqual({ status: 'undecidable' });
      // Within the first pages it is still found.
      expect(
        await busy.connector.findPublished(auth, publishRequest('Meldung 500'), since),
      ).toMatchObject({ status: 'found' });
    } finally {
      await busy.close();
    }
  });
});
