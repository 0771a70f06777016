import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs, uniqueEmail } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import type { Role } from '../shared/enum.ts';

describeEachEngine('users and org units', (get) => {
  let t: TestApp;
  let admin: Agent;
  let adminId: string;
  let unit: { id: string; code: string };

  const agentWith = async (role: Role, orgUnitId: string | null = null): Promise<Agent> => {
    const user = await buildUser(get().db, { roles: [{ role, orgUnitId }] });
    return loginAs(t.app, user.email);
  };

  beforeAll(async () => {
    t = await createTestApp(get());
    unit = await buildOrgUnit(get().db);
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    adminId = user.id;
    admin = await loginAs(t.app, user.email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates a user with unit-scoped roles and records it without personal data', async () => {
    const email = uniqueEmail('redaktion');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        email,
        displayName: 'Erika Mustermann',
        roles: [{ role: 'department-editor', orgUnitId: unit.id }],
      },
    });
    expect(res.statusCode).toBe(201);
    const { user, inviteUrl } = res.json<{ user: { id: string }; inviteUrl: string }>();
    expect(inviteUrl).toMatch(/\/invite\?token=/);
    const entries = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', user.id)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.created',
      actor_id: adminId,
      actor_role: 'communications',
    });
    const serialized = JSON.stringify(entries);
    expect(serialized).not.toContain(email);
    expect(serialized).not.toContain('Mustermann');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        email: email.toUpperCase(),
        displayName: 'Zweite',
        roles: [{ role: 'dpo', orgUnitId: null }],
      },
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('rejects a role scoped to an org unit that does not exist', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers(),
      payload: {
        email: uniqueEmail(),
        displayName: 'Niemand',
        roles: [{ role: 'department-editor', orgUnitId: '00000000-0000-4000-8000-000000000000' }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ details: [{ path: 'roles.0.orgUnitId' }] });
  });

  it('lets each role do exactly what the policy grants', async () => {
    const expectations: [Role, { read: number; manage: number; audit: number }][] = [
      ['online-team', { read: 200, manage: 403, audit: 403 }],
      ['department-editor', { read: 403, manage: 403, audit: 403 }],
      ['agency', { read: 403, manage: 403, audit: 403 }],
      ['dpo', { read: 200, manage: 403, audit: 200 }],
      ['crisis-approver', { read: 403, manage: 403, audit: 403 }],
    ];
    for (const [role, expected] of expectations) {
      const agent = await agentWith(role, role === 'department-editor' ? unit.id : null);
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/users',
        headers: agent.headers(),
      });
      const manage = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: agent.headers(),
        payload: {
          email: uniqueEmail(),
          displayName: 'X',
          roles: [{ role: 'dpo', orgUnitId: null }],
        },
      });
      const audit = await t.app.inject({
        method: 'GET',
        url: '/api/audit',
        headers: agent.headers(),
      });
      expect(
        { read: read.statusCode, manage: manage.statusCode, audit: audit.statusCode },
        role,
      ).toEqual(expected);
    }
  });

  it('disables a user, ends their sessions, and keeps one communications user', async () => {
    const other = await buildUser(get().db, { roles: [{ role: 'online-team' }] });
    const otherAgent = await loginAs(t.app, other.email);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${other.id}`,
      headers: admin.headers(),
      payload: { disabled: true },
    });
    expect(disabled.json()).toMatchObject({ disabled: true });
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: otherAgent.headers(),
    });
    expect(after.json()).toMatchObject({ user: null });

    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      headers: admin.headers(),
      payload: { disabled: true },
    });
    expect(self.statusCode, self.body).toBe(409);
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${adminId}`,
      headers: admin.headers(),
      payload: { roles: [{ role: 'dpo', orgUnitId: null }] },
    });
    expect(
      demote.statusCode,
      demote.body + t.logLines.filter((l) => l.includes('"level":50')).join('\n'),
    ).toBe(409);
    const still = await t.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: admin.headers(),
    });
    expect(still.json()).toMatchObject({ user: { roles: [{ role: 'communications' }] } });
  });

  it('manages the org-unit tree and refuses cycles', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/org-units',
      headers: admin.headers(),
    });
    const units = list.json<{ items: { id: string; code: string; parentId: string | null }[] }>()
      .items;
    const root = units.find((u) => u.parentId === null);
    expect(root?.code).toBe('LHS');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: admin.headers(),
      payload: { parentId: unit.id, name: 'Sachgebiet Öffentlichkeitsarbeit', kind: 'team' },
    });
    expect(created.statusCode).toBe(201);
    const child = created.json<{ id: string; code: string }>();
    expect(child.code).toMatch(/^Sachgebiet-/);
    const cycle = await t.app.inject({
      method: 'PATCH',
      url: `/api/org-units/${unit.id}`,
      headers: admin.headers(),
      payload: { parentId: child.id },
    });
    expect(cycle.statusCode).toBe(400);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/org-units/${child.id}`,
      headers: admin.headers(),
      payload: { name: 'Sachgebiet Presse' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Sachgebiet Presse' });
    const moveRoot = await t.app.inject({
      method: 'PATCH',
      url: `/api/org-units/${root?.id ?? ''}`,
      headers: admin.headers(),
      payload: { parentId: unit.id },
    });
    expect(moveRoot.statusCode).toBe(409);
  });

  it('keeps the audit chain intact under concurrent requests', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: admin.headers(),
          payload: {
            email: uniqueEmail(`parallel${i}`),
            displayName: `P${i}`,
            roles: [{ role: 'dpo', orgUnitId: null }],
          },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(await verifyAuditChain(get().db)).toMatchObject({ ok: true });
    const viaApi = await t.app.inject({
      method: 'GET',
      url: '/api/audit/verify',
      headers: admin.headers(),
    });
    expect(viaApi.json()).toMatchObject({ ok: true });
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/audit?action=user.created&limit=3',
      headers: admin.headers(),
    });
    const body = page.json<{ items: { actorName: string }[]; nextCursor: string | null }>();
    expect(body.items).toHaveLength(3);
    expect(body.nextCursor).not.toBeNull();
    expect(body.items[0]?.actorName).toBe('Test Person');
  });
  it('lists colleagues to assign work to: all for readers of users, the own units for an editor', async () => {
    const db = get().db;
    const amt = await buildOrgUnit(db, { kind: 'department' });
    const team = await buildOrgUnit(db, { parentId: amt.id, kind: 'team' });
    const elsewhere = await buildOrgUnit(db, { kind: 'department' });
    const mate = await buildUser(db, {
      displayName: 'Kai Kollege',
      roles: [{ role: 'department-editor', orgUnitId: team.id }],
    });
    const stranger = await buildUser(db, {
      displayName: 'Sina Sonstwo',
      roles: [{ role: 'department-editor', orgUnitId: elsewhere.id }],
    });
    const editor = await agentWith('department-editor', amt.id);
    const names = async (agent: Agent) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/users/colleagues',
        headers: agent.headers(),
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('@');
      return res.json<{ items: { id: string }[] }>().items.map((item) => item.id);
    };
    const editorSees = await names(editor);
    expect(editorSees).toContain(mate.id);
    expect(editorSees).not.toContain(stranger.id);
    expect(editorSees).not.toContain(adminId);
    const adminSees = await names(admin);
    expect(adminSees).toEqual(expect.arrayContaining([mate.id, stranger.id, adminId]));
    // Without inbox or case work, only oneself.
    const agency = await buildUser(db, { roles: [{ role: 'agency' }] });
    const agencySees = await names(await loginAs(t.app, agency.email));
    expect(agencySees).toEqual([agency.id]);
  });
});
