import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { deliverItem } from './outbox.delivery.ts';
import { listOutboxItemRowsOfPost } from './outbox.repository.ts';
import type { Delivery } from './outbox.schema.ts';
import { startDelivery } from './outbox.service.ts';
import { startOutboxTestbed } from './outbox.testbed.ts';
import type { OutboxTestbed } from './outbox.testbed.ts';

describeEachEngine('outbox and suspension routes', (get) => {
  let test: TestApp;
  let bed: OutboxTestbed;
  let comms: Agent;
  let online: Agent;
  let outsider: Agent;

  const { log } = captureLogger();
  const ctx = () => bed.context(() => new Date(), undefined, log);

  const api = async (
    agent: Agent,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    test.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload }),
    });
  const deliveries = async (agent: Agent, postId: string) => {
    const response = await api(agent, 'GET', `/api/posts/${postId}/deliveries`);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Delivery[] }>().items;
  };
  const statusOf = async (postId: string) =>
    (
      await get()
        .db.selectFrom('posts')
        .select('status')
        .where('id', '=', postId)
        .executeTakeFirstOrThrow()
    ).status;
  const deliverAll = async (postId: string) => {
    for (const item of await listOutboxItemRowsOfPost(get().db, postId)) {
      if (item.status === 'queued') {
        await deliverItem(ctx(), item.id);
      }
    }
  };

  beforeAll(async () => {
    test = await createTestApp(get());
    bed = await startOutboxTestbed(get().db, test.ctx.config);
    const commsUser = await buildUser(get().db);
    const onlineUser = await buildUser(get().db, { roles: [{ role: 'online-team' }] });
    const otherUnit = await buildOrgUnit(get().db);
    const outsiderUser = await buildUser(get().db, {
      roles: [{ role: 'department-editor', orgUnitId: otherUnit.id }],
    });
    comms = await loginAs(test.app, commsUser.email);
    online = await loginAs(test.app, onlineUser.email);
    outsider = await loginAs(test.app, outsiderUser.email);
  });
  afterAll(async () => {
    await bed.close();
    await test.app.close();
  });

  it('shows live status per channel and retries one failed channel with the same key', async () => {
    const xChannel = await bed.addChannel('x', false);
    const postId = await bed.createPost({ channelIds: [bed.channels.mastodon, xChannel] });
    await startDelivery(get().db, undefined, postId, new Date());
    await deliverAll(postId);
    expect(await statusOf(postId)).toBe('partly-failed');

    const items = await deliveries(online, postId);
    const mastodon = items.find((item) => item.channelId === bed.channels.mastodon);
    const x = items.find((item) => item.channelId === xChannel);
    expect(mastodon).toMatchObject({
      status: 'published',
      platformKey: 'mastodon',
      canEdit: true,
      canDelete: true,
    });
    expect(mastodon?.url).toMatch(/^http/);
    expect(x).toMatchObject({
      status: 'failed',
      failure: { kind: 'auth-expired', reason: 'Kanal ist nicht verbunden' },
      canEdit: false,
    });
    const keyBefore = (await listOutboxItemRowsOfPost(get().db, postId)).find(
      (i) => i.channel_id === xChannel,
    )?.idempotency_key;

    // Someone outside the channel's unit sees nothing and cannot act.
    expect(await deliveries(outsider, postId)).toEqual([]);
    expect((await api(outsider, 'POST', `/api/outbox/${x?.id ?? ''}/retry`)).statusCode).toBe(403);

    await bed.connect('x', xChannel);
    const retried = await api(online, 'POST', `/api/outbox/${x?.id ?? ''}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json<Delivery>()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await statusOf(postId)).toBe('publishing');
    expect((await api(online, 'POST', `/api/outbox/${mastodon?.id ?? ''}/retry`)).statusCode).toBe(
      409,
    );
    await deliverAll(postId);
    const after = await listOutboxItemRowsOfPost(get().db, postId);
    expect(after.find((i) => i.channel_id === xChannel)).toMatchObject({
      status: 'published',
      idempotency_key: keyBefore,
    });
    expect(await statusOf(postId)).toBe('published');
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', x?.id ?? '')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['outbox.retried']);
  });

  it('lets a person resolve unconfirmed deliveries either way', async () => {
    await bed.faults('linkedin', { timeout: 4 });
    const published = await bed.createPost({ channelIds: [bed.channels.linkedin] });
    const absent = await bed.createPost({ channelIds: [bed.channels.linkedin] });
    for (const postId of [published, absent]) {
      await startDelivery(get().db, undefined, postId, new Date());
      await deliverAll(postId);
    }
    await bed.resetFaults('linkedin');
    const [first] = await deliveries(comms, published);
    const [second] = await deliveries(comms, absent);
    expect(first?.status).toBe('unconfirmed');
    expect(second?.status).toBe('unconfirmed');

    const bad = await api(comms, 'POST', `/api/outbox/${first?.id ?? ''}/resolve`, {
      outcome: 'published',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await api(comms, 'POST', `/api/outbox/${first?.id ?? ''}/resolve`, {
      outcome: 'published',
      url: 'https://www.linkedin.com/feed/update/urn:li:share:1',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Delivery>()).toMatchObject({
      status: 'published',
      url: 'https://www.linkedin.com/feed/update/urn:li:share:1',
    });
    expect(await statusOf(published)).toBe('published');

    const again = await api(comms, 'POST', `/api/outbox/${second?.id ?? ''}/resolve`, {
      outcome: 'not-published',
    });
    expect(again.json<Delivery>()).toMatchObject({ status: 'queued' });
    await deliverAll(absent);
    expect(await statusOf(absent)).toBe('published');
    expect(
      (
        await api(comms, 'POST', `/api/outbox/${second?.id ?? ''}/resolve`, {
          outcome: 'not-published',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('edits and deletes a published post where the platform allows it', async () => {
    const postId = await bed.createPost({ channelIds: [bed.channels.mastodon, bed.channels.x] });
    await startDelivery(get().db, undefined, postId, new Date());
    await deliverAll(postId);
    const items = await deliveries(comms, postId);
    const mastodon = items.find((item) => item.platformKey === 'mastodon');
    const x = items.find((item) => item.platformKey === 'x');
    const edited = await api(comms, 'PATCH', `/api/outbox/${mastodon?.id ?? ''}/post`, {
      text: 'Korrigierte Fassung: Markt ab 8 Uhr',
    });
    expect(edited.statusCode).toBe(200);
    expect(
      (await bed.sandboxPosts('mastodon')).some(
        (post) => post.text === 'Korrigierte Fassung: Markt ab 8 Uhr',
      ),
    ).toBe(true);
    // X offers no edit through the API.
    expect(
      (await api(comms, 'PATCH', `/api/outbox/${x?.id ?? ''}/post`, { text: 'neu' })).statusCode,
    ).toBe(409);
    const before = (await bed.sandboxPosts('mastodon')).length;
    const deleted = await api(comms, 'DELETE', `/api/outbox/${mastodon?.id ?? ''}/post`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<Delivery>().status).toBe('cancelled');
    expect((await bed.sandboxPosts('mastodon')).length).toBe(before - 1);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', mastodon?.id ?? '')
      .orderBy('at')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['outbox.post_edited', 'outbox.post_deleted']);
  });

  it('switches the suspension with a reason, for those allowed to', async () => {
    expect((await api(online, 'GET', '/api/publishing/suspension')).json()).toMatchObject({
      suspended: false,
    });
    expect(
      (await api(online, 'PUT', '/api/publishing/suspension', { suspended: true, reason: 'Krise' }))
        .statusCode,
    ).toBe(403);
    const empty = await api(comms, 'PUT', '/api/publishing/suspension', {
      suspended: true,
      reason: ' ',
    });
    expect(empty.statusCode).toBe(400);
    const on = await api(comms, 'PUT', '/api/publishing/suspension', {
      suspended: true,
      reason: 'Großbrand Hafen',
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({ suspended: true, reason: 'Großbrand Hafen' });
    expect(
      (await api(comms, 'PUT', '/api/publishing/suspension', { suspended: true, reason: 'x' }))
        .statusCode,
    ).toBe(409);
    const off = await api(comms, 'PUT', '/api/publishing/suspension', { suspended: false });
    expect(off.json()).toMatchObject({ suspended: false, replanned: 0 });
  });
});
