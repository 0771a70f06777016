import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { listRuleRows } from './netiquette.repository.ts';

describeEachEngine('netiquette routes: rules, word list, permissions', (get) => {
  let t: TestApp;
  let comms: Agent;
  let online: Agent;
  let agency: Agent;

  beforeAll(async () => {
    t = await createTestApp(get());
    const as = async (role: 'communications' | 'online-team' | 'agency') =>
      loginAs(t.app, (await buildUser(get().db, { roles: [{ role }] })).email);
    comms = await as('communications');
    online = await as('online-team');
    agency = await as('agency');
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (
    agent: Agent,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload }),
    });
  const rule = {
    id: 'keine-kettenbriefe',
    title: 'Keine Kettenbriefe',
    text: 'Kettenbriefe blenden wir aus.',
    titleEn: 'No chain letters',
    textEn: 'We hide chain letters.',
    action: 'hide',
  };

  it('lists the seeded rules to moderators, but lets only communications change them', async () => {
    const listed = await call(online, 'GET', '/api/netiquette/rules');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ rules: { id: string }[] }>().rules.map((r) => r.id)).toContain(
      'beleidigung',
    );
    expect((await call(agency, 'GET', '/api/netiquette/rules')).statusCode).toBe(403);
    expect((await call(online, 'POST', '/api/netiquette/rules', rule)).statusCode).toBe(403);
    expect((await call(online, 'GET', '/api/netiquette/terms')).statusCode).toBe(403);
  });

  it('creates, edits, orders and deletes a rule, each audited; ids are stable slugs', async () => {
    const bad = await call(comms, 'POST', '/api/netiquette/rules', { ...rule, id: 'Keine Kette' });
    expect(bad.statusCode).toBe(400);
    const created = await call(comms, 'POST', '/api/netiquette/rules', rule);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ rule: { id: rule.id, action: 'hide' } });
    expect((await call(comms, 'POST', '/api/netiquette/rules', rule)).statusCode).toBe(409);
    const edited = await call(comms, 'PATCH', `/api/netiquette/rules/${rule.id}`, {
      action: 'flag',
      text: 'Kettenbriefe prüfen wir.',
    });
    expect(edited.json()).toMatchObject({
      rule: { action: 'flag', text: 'Kettenbriefe prüfen wir.' },
    });
    expect(
      (await call(comms, 'PATCH', `/api/netiquette/rules/${rule.id}`, { id: 'anders' })).statusCode,
    ).toBe(400);

    const ids = (await listRuleRows(get().db)).map((r) => r.id);
    const reversed = [...ids].reverse();
    const ordered = await call(comms, 'POST', '/api/netiquette/rules/order', { ids: reversed });
    expect(ordered.json<{ rules: { id: string }[] }>().rules.map((r) => r.id)).toEqual(reversed);
    expect(
      (await call(comms, 'POST', '/api/netiquette/rules/order', { ids: reversed.slice(1) }))
        .statusCode,
    ).toBe(400);

    expect((await call(comms, 'DELETE', `/api/netiquette/rules/${rule.id}`)).statusCode).toBe(204);
    expect((await call(comms, 'DELETE', `/api/netiquette/rules/${rule.id}`)).statusCode).toBe(404);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'netiquette_rule')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'netiquette.rule.created',
      'netiquette.rule.updated',
      'netiquette.rules.ordered',
      'netiquette.rule.deleted',
    ]);
  });

  it('refuses to delete a rule while an item, an action or a term cites it', async () => {
    const seeded = await call(comms, 'DELETE', '/api/netiquette/rules/beleidigung');
    expect(seeded.statusCode).toBe(409);
    expect(seeded.json()).toMatchObject({ code: 'conflict' });
    await call(comms, 'POST', '/api/netiquette/rules', { ...rule, id: 'zitiert-von-eintrag' });
    const channel = await buildChannel(get().db);
    await insertInboxItem(get().db, {
      channel_id: channel.id,
      verdict: 'flag',
      verdict_rule_id: 'zitiert-von-eintrag',
    });
    expect(
      (await call(comms, 'DELETE', '/api/netiquette/rules/zitiert-von-eintrag')).statusCode,
    ).toBe(409);
    await call(comms, 'POST', '/api/netiquette/rules', { ...rule, id: 'zitiert-von-term' });
    const term = await call(comms, 'POST', '/api/netiquette/terms', {
      term: 'kettenbrief',
      kind: 'stem',
      ruleId: 'zitiert-von-term',
      weight: 0.6,
    });
    expect(term.statusCode).toBe(201);
    expect((await call(comms, 'DELETE', '/api/netiquette/rules/zitiert-von-term')).statusCode).toBe(
      409,
    );
    const termId = term.json<{ term: { id: string } }>().term.id;
    expect((await call(comms, 'DELETE', `/api/netiquette/terms/${termId}`)).statusCode).toBe(204);
    expect((await call(comms, 'DELETE', '/api/netiquette/rules/zitiert-von-term')).statusCode).toBe(
      204,
    );
  });

  it('validates word-list entries and refuses duplicates', async () => {
    const listed = await call(comms, 'GET', '/api/netiquette/terms');
    expect(listed.json<{ terms: unknown[] }>().terms.length).toBeGreaterThan(0);
    const regex = await call(comms, 'POST', '/api/netiquette/terms', {
      term: '(kaputt',
      kind: 'regex',
      ruleId: 'beleidigung',
      weight: 0.5,
    });
    expect(regex.statusCode).toBe(400);
    const empty = await call(comms, 'POST', '/api/netiquette/terms', {
      term: '.*',
      kind: 'regex',
      ruleId: 'beleidigung',
      weight: 0.5,
    });
    expect(empty.statusCode).toBe(400);
    const weight = await call(comms, 'POST', '/api/netiquette/terms', {
      term: 'dummkopf',
      kind: 'word',
      ruleId: 'beleidigung',
      weight: 2,
    });
    expect(weight.statusCode).toBe(400);
    const unknownRule = await call(comms, 'POST', '/api/netiquette/terms', {
      term: 'dummkopf',
      kind: 'word',
      ruleId: 'gibt-es-nicht',
      weight: 0.5,
    });
    expect(unknownRule.statusCode).toBe(400);
    const entry = {
      term: 'trottelkopf',
      kind: 'word',
      ruleId: 'beleidigung',
      weight: 0.7,
      infix: true,
    };
    const created = await call(comms, 'POST', '/api/netiquette/terms', entry);
    expect(created.json()).toMatchObject({ term: { ...entry } });
    expect((await call(comms, 'POST', '/api/netiquette/terms', entry)).statusCode).toBe(409);
  });
});
