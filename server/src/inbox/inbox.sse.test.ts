import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Role } from '../shared/enum.ts';
import { inboxEvents } from './inbox.events.ts';

/** A live event stream over a real socket, read until `done` says enough or time runs out. */
async function openStream(
  url: string,
  agent: Agent,
): Promise<{
  status: number;
  contentType: string | null;
  until: (done: (text: string) => boolean, ms?: number) => Promise<string>;
  close: () => void;
}> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { cookie: agent.cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    until: async (done, ms = 3000) => {
      const deadline = Date.now() + ms;
      while (!done(text) && Date.now() < deadline && reader !== undefined) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<undefined>((resolve) =>
            setTimeout(() => {
              resolve(undefined);
            }, deadline - Date.now()),
          ),
        ]);
        if (chunk === undefined || chunk.done) {
          break;
        }
        text += decoder.decode(chunk.value as Uint8Array, { stream: true });
      }
      return text;
    },
    close: () => {
      controller.abort();
    },
  };
}

describeEachEngine('inbox event stream', (get) => {
  let t: TestApp;
  let base: string;
  let comms: Agent;
  let editor: Agent;
  let agency: Agent;
  let ownChannel: string;
  let otherChannel: string;

  beforeAll(async () => {
    t = await createTestApp(get());
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const db = get().db;
    const unit = await buildOrgUnit(db);
    ownChannel = (await buildChannel(db, { orgUnitId: unit.id })).id;
    otherChannel = (await buildChannel(db)).id;
    const as = async (roles: { role: Role; orgUnitId?: string }[]) =>
      loginAs(t.app, (await buildUser(db, { roles })).email);
    comms = await as([{ role: 'communications' }]);
    editor = await as([{ role: 'department-editor', orgUnitId: unit.id }]);
    agency = await as([{ role: 'agency' }]);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('delivers an event after an item changes, ids only', async () => {
    const item = await insertInboxItem(get().db, {
      channel_id: otherChannel,
      text: 'Vertraulicher Kommentartext',
    });
    const stream = await openStream(`${base}/api/inbox/events`, comms);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/);
      await stream.until((text) => text.includes('retry:'));
      const changed = await t.app.inject({
        method: 'POST',
        url: `/api/inbox/items/${item.id}/status`,
        headers: comms.headers(),
        payload: { status: 'done' },
      });
      expect(changed.statusCode).toBe(200);
      const text = await stream.until((seen) => seen.includes(item.id));
      expect(text).toContain(
        `event: inbox\ndata: ${JSON.stringify({ type: 'item-updated', itemId: item.id })}\n\n`,
      );
      expect(text).not.toMatch(/Vertraulich|buerger|Erika/);
    } finally {
      stream.close();
    }
  });

  it('tells a department editor only about items of their unit', async () => {
    const stream = await openStream(`${base}/api/inbox/events`, editor);
    try {
      await stream.until((text) => text.includes('retry:'));
      const foreign = await insertInboxItem(get().db, { channel_id: otherChannel });
      const own = await insertInboxItem(get().db, { channel_id: ownChannel });
      inboxEvents.publish({ type: 'item-created', itemId: foreign.id, channelId: otherChannel });
      inboxEvents.publish({ type: 'item-created', itemId: own.id, channelId: ownChannel });
      const text = await stream.until((seen) => seen.includes(own.id));
      expect(text).toContain(own.id);
      expect(text).not.toContain(foreign.id);
    } finally {
      stream.close();
    }
  });

  it('refuses people without inbox access', async () => {
    const stream = await openStream(`${base}/api/inbox/events`, agency);
    expect(stream.status).toBe(403);
    stream.close();
  });

  it('ends open streams when the server shuts down', async () => {
    const stream = await openStream(`${base}/api/inbox/events`, comms);
    await stream.until((text) => text.includes('retry:'));
    const started = Date.now();
    await t.app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    // The stream ended: reading returns at once instead of waiting for the deadline.
    const waited = Date.now();
    await stream.until(() => false, 4000);
    expect(Date.now() - waited).toBeLessThan(3000);
  });
});
