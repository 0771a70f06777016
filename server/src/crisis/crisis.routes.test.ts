import { afterAll, beforeAll, expect, it } from 'vitest';
import { SyntaxValidator } from 'fast-xml-validator';

import { dwdWarning } from '../../test/crisis-factories.ts';
import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { parseCapXml } from './cap.parse.ts';

describeEachEngine('crisis routes: permissions, crisis mode, import, public outputs', (get) => {
  let t: TestApp;
  let communications: Agent;
  let approver: Agent;
  let onlineTeam: Agent;
  let editor: Agent;

  beforeAll(async () => {
    t = await createTestApp(get());
    const as = async (
      role: 'communications' | 'crisis-approver' | 'online-team' | 'department-editor',
    ) => loginAs(t.app, (await buildUser(get().db, { roles: [{ role }] })).email);
    communications = await as('communications');
    approver = await as('crisis-approver');
    onlineTeam = await as('online-team');
    // Channels that are not connected: deliveries fail, but drafting and approval work.
    for (const key of ['x', 'mastodon'] as const) {
      await buildChannel(get().db, { platformId: (await buildPlatform(get().db, { key })).id });
    }
    const unit = await buildOrgUnit(get().db);
    editor = await loginAs(
      t.app,
      (await buildUser(get().db, { roles: [{ role: 'department-editor', orgUnitId: unit.id }] }))
        .email,
    );
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (agent: Agent, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload }),
    });

  it('lets communications switch crisis mode, which holds scheduled posts and shows everyone the banner', async () => {
    expect(
      (await call(onlineTeam, 'POST', '/api/crisis/mode', { active: true, reason: 'Unwetter' }))
        .statusCode,
    ).toBe(403);
    const empty = await call(communications, 'POST', '/api/crisis/mode', {
      active: true,
      reason: '  ',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'validation_failed' });
    const on = await call(communications, 'POST', '/api/crisis/mode', {
      active: true,
      reason: 'Unwetterlage im Stadtgebiet',
    });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toMatchObject({
      crisisMode: true,
      suspended: true,
      reason: 'Unwetterlage im Stadtgebiet',
    });
    const banner = await call(editor, 'GET', '/api/crisis/status');
    expect(banner.json()).toMatchObject({ crisisMode: true });
    const suspension = await call(communications, 'GET', '/api/publishing/suspension');
    expect(suspension.json()).toMatchObject({ suspended: true });
    expect(
      (await call(communications, 'POST', '/api/crisis/mode', { active: true, reason: 'x' }))
        .statusCode,
    ).toBe(409);
    const off = await call(communications, 'POST', '/api/crisis/mode', { active: false });
    expect(off.json()).toMatchObject({ crisisMode: false, suspended: false });
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['crisis.mode.started', 'crisis.mode.ended', 'publishing.suspended'])
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual([
      'crisis.mode.ended',
      'crisis.mode.started',
      'publishing.suspended',
    ]);
  });

  it('refuses garbage with a German reason and imports a warning into an incident', async () => {
    const garbage = await call(communications, 'POST', '/api/crisis/import', {
      content: '<html>kein CAP</html>',
    });
    expect(garbage.statusCode).toBe(200);
    expect(garbage.json()).toMatchObject({ outcomes: [{ kind: 'refused' }] });
    expect((await call(approver, 'POST', '/api/crisis/import', { content: 'x' })).statusCode).toBe(
      403,
    );
    const ok = await call(communications, 'POST', '/api/crisis/import', {
      content: dwdWarning().xml,
    });
    const [outcome] = ok.json<{ outcomes: { kind: string; incidentId: string }[] }>().outcomes;
    expect(outcome?.kind).toBe('incident');
    const listed = await call(onlineTeam, 'GET', '/api/crisis/incidents?state=active');
    expect(
      listed
        .json<{ id: string; openApprovals: number }[]>()
        .find((i) => i.id === outcome?.incidentId)?.openApprovals,
    ).toBe(1);
    expect((await call(editor, 'GET', '/api/crisis/incidents')).statusCode).toBe(403);
  });

  it('lets a crisis approver approve, not the online team; the public page and feeds then show it', async () => {
    const warning = dwdWarning({
      headline: 'Amtliche UNWETTERWARNUNG vor STARKREGEN & "GEWITTER" <30 l/m²',
    });
    const imported = await call(communications, 'POST', '/api/crisis/import', {
      content: warning.xml,
    });
    const incidentId =
      imported.json<{ outcomes: { incidentId: string }[] }>().outcomes[0]?.incidentId ?? '';
    const detail = await call(approver, 'GET', `/api/crisis/incidents/${incidentId}`);
    const postId = detail.json<{ posts: { postId: string }[] }>().posts[0]?.postId ?? '';
    expect((await call(onlineTeam, 'POST', `/api/crisis/posts/${postId}/approve`)).statusCode).toBe(
      403,
    );
    // The regular workflow cannot approve or edit a warning: no source hash, no legal basis.
    const bypass = await call(communications, 'POST', `/api/posts/${postId}/approve`);
    expect(bypass.statusCode).toBe(409);
    expect(bypass.body).toContain('Krise');
    const approved = await call(approver, 'POST', `/api/crisis/posts/${postId}/approve`);
    expect(approved.statusCode).toBe(200);
    // No channel is configured in this app: the warning has no deliveries, but it is released.
    expect(approved.json()).toMatchObject({ status: 'released' });

    const page = await t.app.inject({ method: 'GET', url: '/warnungen' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('STARKREGEN &amp; &quot;GEWITTER&quot; &lt;30 l/m²');
    expect(page.body).not.toContain('<30');
    const atom = await t.app.inject({ method: 'GET', url: '/warnungen/feed.atom' });
    expect(() => new SyntaxValidator().validate(atom.body)).not.toThrow();
    const capFeed = await t.app.inject({ method: 'GET', url: '/warnungen/cap.atom' });
    const link = /href="[^"]*(\/warnungen\/cap\/[^"]+\.xml)"/.exec(capFeed.body)?.[1];
    expect(link).toBeDefined();
    const cap = await t.app.inject({ method: 'GET', url: link ?? '' });
    expect(cap.statusCode).toBe(200);
    const parsed = parseCapXml(cap.body);
    expect(parsed.ok && parsed.value).toMatchObject({
      sender: 'stadtfunk@stuttgart.de',
      msgType: 'Alert',
      status: 'Actual',
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/warnungen/cap/unbekannt.xml' })).statusCode,
    ).toBe(404);
  });

  it('validates settings: ARS, WARNCELLIDs, a closed outline', async () => {
    const current = (await call(communications, 'GET', '/api/crisis/settings')).json<
      Record<string, unknown>
    >();
    expect(current).toMatchObject({ ars: '081110000000', warnCellIds: ['808111000', '108111000'] });
    const body = Object.fromEntries(Object.entries(current).filter(([key]) => key !== 'updatedAt'));
    const bad = await call(communications, 'PUT', '/api/crisis/settings', {
      ...body,
      ars: '0811100000',
      outline: [
        { lat: 48.7, lon: 9.1 },
        { lat: 48.8, lon: 9.2 },
        { lat: 48.7, lon: 9.3 },
        { lat: 48.6, lon: 9.1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('12 Ziffern');
    expect(bad.body).toContain('geschlossen');
    const ok = await call(communications, 'PUT', '/api/crisis/settings', {
      ...body,
      approvalStallMinutes: 3,
    });
    expect(ok.json()).toMatchObject({ approvalStallMinutes: 3 });
    expect((await call(approver, 'PUT', '/api/crisis/settings', body)).statusCode).toBe(403);
  });
});
