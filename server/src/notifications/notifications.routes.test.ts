import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Notification } from './notifications.schema.ts';
import { notifyRole } from './notifications.service.ts';

describeEachEngine('notifications', (get) => {
  let t: TestApp;
  let comms: Agent;
  let commsId: string;
  let dpo: Agent;
  let disabledId: string;

  const input = {
    kind: 'test.reminder',
    title: 'Erforderlichkeitsprüfung fällig',
    body: 'Die Überprüfung ist am 01.03.2027 fällig.',
    link: '/registry/reviews',
    dedupeKey: 'test:1',
  };

  beforeAll(async () => {
    t = await createTestApp(get());
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    commsId = user.id;
    comms = await loginAs(t.app, user.email);
    const dpoUser = await buildUser(get().db, { roles: [{ role: 'dpo' }] });
    dpo = await loginAs(t.app, dpoUser.email);
    disabledId = (
      await buildUser(get().db, { roles: [{ role: 'communications' }], disabled: true })
    ).id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('notifies enabled holders of a role once per dedupe key', async () => {
    const first = await notifyRole(get().db, 'communications', input);
    expect(first.map((r) => r.userId)).toEqual([commsId]);
    expect(first.map((r) => r.userId)).not.toContain(disabledId);
    expect(await notifyRole(get().db, 'communications', input)).toEqual([]);
    // Without a key nothing is deduplicated.
    await notifyRole(get().db, 'communications', { ...input, dedupeKey: null, title: 'Zweite' });
    await notifyRole(get().db, 'communications', { ...input, dedupeKey: null, title: 'Dritte' });
    const rows = await get()
      .db.selectFrom('notifications')
      .select('title')
      .where('user_id', '=', commsId)
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('lists only the caller’s own notifications, newest first', async () => {
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: comms.headers(),
    });
    expect(own.statusCode).toBe(200);
    const items = own.json<{ items: Notification[] }>().items;
    expect(items).toHaveLength(3);
    expect(items.every((n) => n.readAt === null && n.link === '/registry/reviews')).toBe(true);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/notifications',
      headers: dpo.headers(),
    });
    expect(other.json<{ items: Notification[] }>().items).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('marks a notification read for its owner only', async () => {
    const [target] = (
      await t.app.inject({ method: 'GET', url: '/api/notifications', headers: comms.headers() })
    ).json<{ items: Notification[] }>().items;
    if (target === undefined) {
      throw new Error('notification expected');
    }
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${target.id}/read`,
      headers: dpo.headers(),
    });
    expect(foreign.statusCode).toBe(404);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${target.id}/read`,
      headers: { cookie: comms.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${target.id}/read`,
      headers: comms.headers(),
    });
    expect(read.statusCode).toBe(204);
    const readAt = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/notifications', headers: comms.headers() }))
        .json<{ items: Notification[] }>()
        .items.find((n) => n.id === target.id)?.readAt;
    const first = await readAt();
    expect(first).not.toBeNull();
    await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${target.id}/read`,
      headers: comms.headers(),
    });
    expect(await readAt()).toBe(first);
  });
});
