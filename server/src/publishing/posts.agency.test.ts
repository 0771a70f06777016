import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildConnectedChannel } from '../../test/publishing-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Channel } from '../registry/registry.schema.ts';
import { addDays, calendarDate } from '../shared/calendar.ts';
import type { Post } from './posts.schema.ts';

/** Concept §3, DESIGN: an agency drafts for assigned channels while its AVV is valid — no more. */
describeEachEngine('posts by an agency (Art. 28 processor)', (get) => {
  let t: TestApp;
  let comms: Agent;
  let agency: Agent;
  let assigned: Channel;
  let other: Channel;
  let contractId: string;
  const today = calendarDate(new Date());

  const call = (agent: Agent, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload: { ...payload } }),
    });

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    const key = t.ctx.encryptionKeys[0];
    if (key === undefined) {
      throw new Error('no key');
    }
    comms = await loginAs(t.app, (await buildUser(db)).email);
    const agencyUser = await buildUser(db, { roles: [{ role: 'agency' }] });
    agency = await loginAs(t.app, agencyUser.email);
    // Even a self-publishing channel: an agency never publishes without approval.
    assigned = await buildConnectedChannel(db, key, 'mastodon', { selfPublishing: true });
    other = await buildConnectedChannel(db, key, 'x');
    const processor = await call(comms, 'POST', '/api/registry/processors', {
      name: 'Pixelwerk Kommunikation GmbH',
      address: 'Königstraße 1, 70173 Stuttgart',
      contactEmail: 'kontakt@pixelwerk.example',
    });
    const processorId = processor.json<{ id: string }>().id;
    await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processorId}/members`,
      headers: comms.headers(),
      payload: { userIds: [agencyUser.id] },
    });
    const contract = await call(comms, 'POST', '/api/registry/contracts', {
      processorId,
      reference: 'AVV-2026-07',
      subjectMatter: 'Betreuung der Social-Media-Kanäle',
      duration: 'Laufzeit des Hauptvertrags',
      naturePurpose: 'Erstellung von Beiträgen',
      dataTypes: ['Nutzernamen'],
      subjectCategories: ['Nutzerinnen und Nutzer der Kanäle'],
      subProcessors: [],
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 10),
      channelIds: [assigned.id],
    });
    expect(contract.statusCode, contract.body).toBe(201);
    contractId = contract.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('drafts for the assigned channel only, and always needs approval', async () => {
    const refused = await call(agency, 'POST', '/api/posts', {
      title: 'Fremd',
      targets: [{ channelId: other.id }],
    });
    expect(refused.statusCode).toBe(400);
    const created = await call(agency, 'POST', '/api/posts', {
      title: 'Sommerferienprogramm',
      masterText: 'Das Ferienprogramm ist online.',
      targets: [{ channelId: assigned.id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json<Post>();
    expect(post.needsApproval).toBe(true);
    const submitted = await call(agency, 'POST', `/api/posts/${post.id}/submit`);
    expect(submitted.json<Post>().status).toBe('in-review');
    expect((await call(agency, 'POST', `/api/posts/${post.id}/approve`)).statusCode).toBe(403);
    const channels = await call(agency, 'GET', '/api/posts/channels');
    expect(
      channels.json<{ items: { id: string; publishesWithoutApproval: boolean }[] }>().items,
    ).toEqual([expect.objectContaining({ id: assigned.id, publishesWithoutApproval: false })]);
  });

  it('loses access to drafting when the contract has ended', async () => {
    const ended = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/contracts/${contractId}`,
      headers: comms.headers(),
      payload: { startsOn: addDays(today, -10), endsOn: addDays(today, -1) },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const refused = await call(agency, 'POST', '/api/posts', {
      title: 'Zu spät',
      targets: [{ channelId: assigned.id }],
    });
    expect(refused.statusCode).toBe(400);
    const channels = await call(agency, 'GET', '/api/posts/channels');
    expect(channels.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
