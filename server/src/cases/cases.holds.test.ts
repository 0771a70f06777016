import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { remindDueHolds } from './cases.holds.ts';
import type { CaseDetail } from './cases.schema.ts';

describeEachEngine('cases: reminders when a hold is due for review', (get) => {
  let t: TestApp;
  let comms: Agent;
  let commsId: string;

  beforeAll(async () => {
    t = await createTestApp(get());
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    commsId = user.id;
    comms = await loginAs(t.app, user.email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('reminds the assignee once per review date, and names only the case number', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: comms.headers(),
      payload: {
        source: 'phone',
        contact: { name: 'Hilde Haltbar', phone: '+49 711 216-0' },
        concern: 'Beschwerde, die ein Gericht beschäftigt.',
        assigneeId: commsId,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const detail = created.json<CaseDetail>();
    const held = await t.app.inject({
      method: 'PUT',
      url: `/api/cases/${detail.id}/hold`,
      headers: comms.headers(),
      payload: { kind: 'legal-hold', reason: 'Gerichtsverfahren anhängig', reviewOn: '2031-03-02' },
    });
    expect(held.statusCode, held.body).toBe(200);
    const mine = () =>
      get()
        .db.selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', commsId)
        .where('kind', '=', 'case-hold-review')
        .where('link', '=', `/cases/${detail.id}`)
        .execute();

    await remindDueHolds(get().db, new Date('2031-03-01T12:00:00Z'));
    expect(await mine()).toHaveLength(0);
    await remindDueHolds(get().db, new Date('2031-03-02T06:00:00Z'));
    await remindDueHolds(get().db, new Date('2031-03-03T06:00:00Z'));
    const reminders = await mine();
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.title).toContain(`Nr. ${String(detail.number)}`);
    expect(JSON.stringify(reminders)).not.toContain('Haltbar');
  });
});
