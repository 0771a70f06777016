import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildConnectedChannel } from '../../test/publishing-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Role } from '../shared/enum.ts';
import { systemActor } from '../access/actor.ts';
import { setChannelCredentials } from '../registry/channels.service.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import { seedCannedAnswers } from './canned.service.ts';
import type { InboxDetail, InboxItem } from './inbox.schema.ts';

/** An address whose port was just free: connections to it are refused. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describeEachEngine('inbox routes: list, detail, actions, permissions', (get) => {
  let t: TestApp;
  let comms: Agent;
  let online: Agent;
  let agency: Agent;
  let editorIn: Agent;
  let editorOut: Agent;
  let editorInId: string;
  let unitId: string;
  let facebook: string;
  let mastodon: string;
  let linkedin: string;

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    const key = encryptionKeyFrom(t.ctx.config.encryptionKey);
    const unit = await buildOrgUnit(db);
    const child = await buildOrgUnit(db, { parentId: unit.id });
    const other = await buildOrgUnit(db);
    unitId = unit.id;
    facebook = (await buildConnectedChannel(db, key, 'facebook', { orgUnitId: child.id })).id;
    // Connected, but to a port nobody listens on: every platform call fails without an answer.
    await setChannelCredentials(
      db,
      systemActor(),
      facebook,
      { accessToken: 'token', baseUrl: await refusedUrl() },
      key,
    );
    mastodon = (await buildConnectedChannel(db, key, 'mastodon', { orgUnitId: other.id })).id;
    linkedin = (await buildConnectedChannel(db, key, 'linkedin', { orgUnitId: other.id })).id;
    const as = async (roles: { role: Role; orgUnitId?: string }[]) =>
      loginAs(t.app, (await buildUser(db, { roles })).email);
    comms = await as([{ role: 'communications' }]);
    online = await as([{ role: 'online-team' }]);
    agency = await as([{ role: 'agency' }]);
    const editor = await buildUser(db, {
      roles: [{ role: 'department-editor', orgUnitId: unit.id }],
    });
    editorInId = editor.id;
    editorIn = await loginAs(t.app, editor.email);
    editorOut = await as([{ role: 'department-editor', orgUnitId: other.id }]);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (
    agent: Agent,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload }),
    });
  const list = async (agent: Agent, query: string) => {
    const response = await call(agent, 'GET', `/api/inbox/items?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: InboxItem[]; nextCursor: string | null }>();
  };
  const auditOf = async (itemId: string) =>
    await get()
      .db.selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_id', '=', itemId)
      .orderBy('id')
      .execute();
  const actionsOf = async (itemId: string) =>
    get()
      .db.selectFrom('inbox_actions')
      .select(['action', 'actor_kind', 'actor_id', 'rule_id', 'reason'])
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute();

  it('lists newest received first with keyset paging and filters, escaping LIKE wildcards', async () => {
    const db = get().db;
    const base = Date.parse('2026-11-20T10:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const item = await insertInboxItem(db, {
        channel_id: mastodon,
        platform: 'mastodon',
        text: i === 3 ? 'Rabatt 50_% heute' : `Kommentar Nummer ${i} zur Seilbahn`,
        received_at: new Date(base + i * 1000),
        verdict: i === 5 ? 'flag' : 'ok',
      });
      ids.push(item.id);
    }
    const first = await list(comms, `channelId=${mastodon}&limit=3`);
    expect(first.items.map((item) => item.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(
      comms,
      `channelId=${mastodon}&limit=3&cursor=${first.nextCursor ?? ''}`,
    );
    expect(second.items.map((item) => item.id)).toEqual([ids[3], ids[2], ids[1]]);
    const third = await list(
      comms,
      `channelId=${mastodon}&limit=3&cursor=${second.nextCursor ?? ''}`,
    );
    expect(third.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();

    expect(
      (await list(comms, `channelId=${mastodon}&verdict=flag`)).items.map((i) => i.id),
    ).toEqual([ids[5]]);
    expect((await list(comms, `q=${encodeURIComponent('50_%')}`)).items.map((i) => i.id)).toEqual([
      ids[3],
    ]);
    // "_" is a character, not a wildcard: "Nummer_1" matches nothing.
    expect((await list(comms, `q=Nummer_1`)).items).toHaveLength(0);
    expect((await list(comms, `q=seilbahn&channelId=${mastodon}`)).items).toHaveLength(6);
    const bad = await call(comms, 'GET', '/api/inbox/items?cursor=kaputt');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed' });
  });

  it('merges open and done for status=all and pages across both', async () => {
    const db = get().db;
    const base = Date.parse('2026-11-21T10:00:00Z');
    const items = [];
    for (let i = 0; i < 4; i += 1) {
      items.push(
        await insertInboxItem(db, {
          channel_id: linkedin,
          platform: 'linkedin',
          status: i % 2 === 0 ? 'open' : 'done',
          received_at: new Date(base + i * 1000),
        }),
      );
    }
    const page1 = await list(comms, `status=all&channelId=${linkedin}&limit=3`);
    expect(page1.items.map((i) => i.status)).toEqual(['done', 'open', 'done']);
    const page2 = await list(
      comms,
      `status=all&channelId=${linkedin}&limit=3&cursor=${page1.nextCursor ?? ''}`,
    );
    expect(page2.items.map((i) => i.id)).toEqual([items[0]?.id]);
    expect((await list(comms, `status=done&channelId=${linkedin}`)).items).toHaveLength(2);
  });

  it('scopes department editors to their unit subtree and refuses agencies', async () => {
    const db = get().db;
    const own = await insertInboxItem(db, { channel_id: facebook });
    const foreign = await insertInboxItem(db, { channel_id: mastodon, platform: 'mastodon' });
    const seen = (await list(editorIn, 'status=all&limit=100')).items.map((i) => i.id);
    expect(seen).toContain(own.id);
    expect(seen).not.toContain(foreign.id);
    expect((await call(editorIn, 'GET', `/api/inbox/items/${own.id}`)).statusCode).toBe(200);
    expect((await call(editorIn, 'GET', `/api/inbox/items/${foreign.id}`)).statusCode).toBe(404);
    expect((await call(editorOut, 'GET', `/api/inbox/items/${own.id}`)).statusCode).toBe(404);
    expect(
      (await call(editorOut, 'POST', `/api/inbox/items/${own.id}/notes`, { text: 'Hallo' }))
        .statusCode,
    ).toBe(404);
    // Editors reply and write notes, but do not moderate.
    expect(
      (await call(editorIn, 'POST', `/api/inbox/items/${own.id}/status`, { status: 'done' }))
        .statusCode,
    ).toBe(403);
    expect((await call(agency, 'GET', '/api/inbox/items')).statusCode).toBe(403);
    expect((await call(agency, 'GET', `/api/inbox/items/${own.id}`)).statusCode).toBe(403);
    expect((await call(agency, 'GET', '/api/inbox/canned-answers')).statusCode).toBe(403);
    const channels = (await call(editorIn, 'GET', '/api/inbox/channels')).json<{
      channels: { channelId: string }[];
    }>().channels;
    expect(channels.map((c) => c.channelId)).toEqual([facebook]);
  });

  it('shows an item assigned to a unit or a person to them, though its channel is elsewhere', async () => {
    const db = get().db;
    const toUnit = await insertInboxItem(db, { channel_id: mastodon, platform: 'mastodon' });
    const toPerson = await insertInboxItem(db, { channel_id: mastodon, platform: 'mastodon' });
    const seen = async () =>
      (await list(editorIn, 'status=all&limit=100')).items.map((item) => item.id);
    expect(await seen()).not.toContain(toUnit.id);
    const assign = (id: string, body: object) =>
      call(comms, 'POST', `/api/inbox/items/${id}/assign`, body);
    expect((await assign(toUnit.id, { assigneeId: null, orgUnitId: unitId })).statusCode).toBe(200);
    expect(
      (await assign(toPerson.id, { assigneeId: editorInId, orgUnitId: null })).statusCode,
    ).toBe(200);
    expect(await seen()).toEqual(expect.arrayContaining([toUnit.id, toPerson.id]));
    expect((await call(editorIn, 'GET', `/api/inbox/items/${toUnit.id}`)).statusCode).toBe(200);
    const note = await call(editorIn, 'POST', `/api/inbox/items/${toPerson.id}/notes`, {
      text: 'Übernehme ich.',
    });
    expect(note.statusCode).toBe(201);
    // Still only what the editor's role allows: no moderation.
    expect(
      (await call(editorIn, 'POST', `/api/inbox/items/${toUnit.id}/status`, { status: 'done' }))
        .statusCode,
    ).toBe(403);
    expect((await call(editorOut, 'GET', `/api/inbox/items/${toPerson.id}`)).statusCode).toBe(200);
  });

  it('assigns, notes and closes an item, each with an inbox action and an audit entry', async () => {
    const db = get().db;
    const item = await insertInboxItem(db, { channel_id: facebook, text: 'Geheimer Text 4711' });
    const assigned = await call(online, 'POST', `/api/inbox/items/${item.id}/assign`, {
      assigneeId: editorInId,
      orgUnitId: unitId,
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json<{ item: InboxItem }>().item).toMatchObject({
      assignee: { id: editorInId },
      orgUnit: { id: unitId },
    });
    // Nobody outside the channel's scope can be assigned.
    const outsider = await buildUser(db, { roles: [{ role: 'agency' }] });
    expect(
      (
        await call(online, 'POST', `/api/inbox/items/${item.id}/assign`, {
          assigneeId: outsider.id,
          orgUnitId: null,
        })
      ).statusCode,
    ).toBe(400);
    expect((await list(editorIn, 'assigneeId=me')).items.map((i) => i.id)).toContain(item.id);
    const note = await call(editorIn, 'POST', `/api/inbox/items/${item.id}/notes`, {
      text: 'Bitte an das Tiefbauamt.',
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({
      note: { text: 'Bitte an das Tiefbauamt.', author: { name: 'Test Person' } },
    });
    const done = await call(online, 'POST', `/api/inbox/items/${item.id}/status`, {
      status: 'done',
    });
    expect(done.json<{ item: InboxItem }>().item.status).toBe('done');
    const detail = (await call(comms, 'GET', `/api/inbox/items/${item.id}`)).json<InboxDetail>();
    expect(detail.notes.map((n) => n.text)).toEqual(['Bitte an das Tiefbauamt.']);
    expect(detail.actions.map((a) => a.action)).toEqual(['assign', 'note', 'done']);
    expect(detail.capabilities).toEqual({ reply: true, hide: true });
    expect(
      (await actionsOf(item.id)).every((a) => a.actor_kind === 'user' && a.actor_id !== null),
    ).toBe(true);
    const audit = await auditOf(item.id);
    expect(audit.map((a) => a.action)).toEqual([
      'inbox.item.assign',
      'inbox.item.note',
      'inbox.item.done',
    ]);
    // Audit entries carry ids and action names, never the comment or note text.
    expect(JSON.stringify(audit)).not.toMatch(/Geheimer|Tiefbauamt|Erika/);
  });

  it('hides only with an existing rule; a platform failure is recorded as hide-failed with its kind', async () => {
    const db = get().db;
    const item = await insertInboxItem(db, { channel_id: facebook });
    const noRule = await call(online, 'POST', `/api/inbox/items/${item.id}/hide`, {});
    expect(noRule.statusCode).toBe(400);
    const unknownRule = await call(online, 'POST', `/api/inbox/items/${item.id}/hide`, {
      ruleId: 'gibt-es-nicht',
    });
    expect(unknownRule.statusCode).toBe(400);
    const hidden = await call(online, 'POST', `/api/inbox/items/${item.id}/hide`, {
      ruleId: 'beleidigung',
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json<{ item: InboxItem }>().item).toMatchObject({
      visibilityState: 'hide-failed',
      hiddenRuleId: 'beleidigung',
    });
    const actions = await actionsOf(item.id);
    expect(actions.map((a) => [a.action, a.rule_id])).toEqual([
      ['hide', 'beleidigung'],
      ['hide-failed', 'beleidigung'],
    ]);
    const detail = await get()
      .db.selectFrom('inbox_actions')
      .select('detail')
      .where('item_id', '=', item.id)
      .where('action', '=', 'hide-failed')
      .executeTakeFirstOrThrow();
    expect(detail.detail).toEqual({ failure: 'transient' });
    const restoreNoReason = await call(online, 'POST', `/api/inbox/items/${item.id}/restore`, {
      reason: '',
    });
    expect(restoreNoReason.statusCode).toBe(400);
    // Hiding failed, so the comment is still up: restoring just records the decision.
    const restored = await call(online, 'POST', `/api/inbox/items/${item.id}/restore`, {
      reason: 'Kein Verstoß bei zweiter Prüfung',
    });
    expect(restored.json<{ item: InboxItem }>().item.visibilityState).toBe('visible');
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual([
      'inbox.item.hide',
      'inbox.item.hide-failed',
      'inbox.item.restore',
      'inbox.item.restored',
    ]);
    expect(
      (await call(editorIn, 'POST', `/api/inbox/items/${item.id}/hide`, { ruleId: 'spam-werbung' }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses hiding and replying where the platform cannot, and direct messages anywhere but Mastodon', async () => {
    const db = get().db;
    const onMastodon = await insertInboxItem(db, { channel_id: mastodon, platform: 'mastodon' });
    const hide = await call(comms, 'POST', `/api/inbox/items/${onMastodon.id}/hide`, {
      ruleId: 'beleidigung',
    });
    expect(hide.statusCode).toBe(409);
    expect(hide.json<{ message: string }>().message).toMatch(/nicht ausblenden/);
    const dm = await insertInboxItem(db, {
      channel_id: facebook,
      kind: 'direct-message',
      visibility: 'private',
    });
    const reply = await call(comms, 'POST', `/api/inbox/items/${dm.id}/replies`, { text: 'Hallo' });
    expect(reply.statusCode).toBe(409);
    expect(reply.json<{ message: string }>().message).toMatch(/Direktnachrichten/);
    const detail = (await call(comms, 'GET', `/api/inbox/items/${dm.id}`)).json<InboxDetail>();
    expect(detail.capabilities).toEqual({ reply: false, hide: false });
    // A reply the platform does not take is stored as failed with the failure kind.
    const comment = await insertInboxItem(db, { channel_id: facebook });
    const failed = await call(editorIn, 'POST', `/api/inbox/items/${comment.id}/replies`, {
      text: 'Danke für den Hinweis!',
    });
    expect(failed.statusCode).toBe(201);
    expect(failed.json()).toMatchObject({ reply: { state: 'failed', failure: 'transient' } });
    expect((await actionsOf(comment.id)).map((a) => a.action)).toEqual(['reply-failed']);
    const gone = await insertInboxItem(db, {
      channel_id: facebook,
      deleted_upstream_at: new Date(),
    });
    const toGone = await call(comms, 'POST', `/api/inbox/items/${gone.id}/replies`, {
      text: 'Hallo',
    });
    expect(toGone.statusCode).toBe(409);
    expect(toGone.json<{ message: string }>().message).toMatch(/gelöscht/);
  });

  it('records an appeal and its decision', async () => {
    const db = get().db;
    const item = await insertInboxItem(db, {
      channel_id: facebook,
      visibility_state: 'hidden',
      hidden_rule_id: 'beleidigung',
    });
    const visible = await insertInboxItem(db, { channel_id: facebook });
    expect(
      (await call(online, 'POST', `/api/inbox/items/${visible.id}/appeal`, { text: 'x' }))
        .statusCode,
    ).toBe(409);
    const appealed = await call(online, 'POST', `/api/inbox/items/${item.id}/appeal`, {
      text: 'Der Bürger schreibt per Brief, das sei Satire gewesen.',
    });
    expect(appealed.json<{ item: InboxItem }>().item.appealOpen).toBe(true);
    const upheld = await call(online, 'POST', `/api/inbox/items/${item.id}/appeal/decision`, {
      decision: 'uphold',
      reason: 'Beleidigung bleibt Beleidigung',
    });
    expect(upheld.json<{ item: InboxItem }>().item).toMatchObject({
      appealOpen: false,
      visibilityState: 'hidden',
    });
    expect((await actionsOf(item.id)).map((a) => [a.action, a.actor_kind])).toEqual([
      ['appeal', 'writer'],
      ['appeal-upheld', 'user'],
    ]);
    expect(
      (
        await call(online, 'POST', `/api/inbox/items/${item.id}/appeal/decision`, {
          decision: 'uphold',
          reason: 'nochmal',
        })
      ).statusCode,
    ).toBe(409);
  });

  it('manages canned answers and channel policies for communications only', async () => {
    expect(await seedCannedAnswers(get().db)).toBe(true);
    expect(await seedCannedAnswers(get().db)).toBe(false);
    const listed = await call(editorIn, 'GET', '/api/inbox/canned-answers');
    expect(listed.statusCode).toBe(200);
    const seeded = listed.json<{ answers: { title: string; language: string }[] }>().answers;
    expect(seeded.map((a) => a.title)).toEqual(
      expect.arrayContaining(['Wir prüfen das', 'Hinweis auf die Netiquette']),
    );
    const created = await call(comms, 'POST', '/api/inbox/canned-answers', {
      title: 'Baustellen-Info',
      text: 'Alle Baustellen finden Sie auf unserer Website.',
      language: 'de',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ answer: { id: string } }>().answer.id;
    expect(
      (
        await call(comms, 'POST', '/api/inbox/canned-answers', {
          title: 'Baustellen-Info',
          text: 'doppelt',
          language: 'de',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(online, 'POST', '/api/inbox/canned-answers', {
          title: 'X',
          text: 'Y',
          language: 'de',
        })
      ).statusCode,
    ).toBe(403);
    const updated = await call(comms, 'PUT', `/api/inbox/canned-answers/${id}`, {
      title: 'Baustellen',
      text: 'Neu',
      language: 'en',
    });
    expect(updated.json()).toMatchObject({ answer: { title: 'Baustellen', language: 'en' } });
    expect((await call(comms, 'DELETE', `/api/inbox/canned-answers/${id}`)).statusCode).toBe(204);
    expect((await call(comms, 'DELETE', `/api/inbox/canned-answers/${id}`)).statusCode).toBe(404);

    const refused = await call(comms, 'PUT', `/api/inbox/channels/${mastodon}`, {
      policy: 'auto-hide',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toMatch(/nicht ausblenden/);
    const ok = await call(comms, 'PUT', `/api/inbox/channels/${facebook}`, { policy: 'auto-hide' });
    expect(ok.json()).toMatchObject({ channel: { policy: 'auto-hide', canHide: true } });
    expect(
      (await call(online, 'PUT', `/api/inbox/channels/${facebook}`, { policy: 'suggest' }))
        .statusCode,
    ).toBe(403);
    const setting = await get()
      .db.selectFrom('inbox_channel_settings')
      .select('policy')
      .where('channel_id', '=', facebook)
      .executeTakeFirstOrThrow();
    expect(setting.policy).toBe('auto-hide');
  });

  it('shows the thread of a reply, root first', async () => {
    const db = get().db;
    const root = await insertInboxItem(db, {
      channel_id: facebook,
      external_id: 'thread-root',
      remote_created_at: new Date('2026-11-01T10:00:00Z'),
    });
    const answer = await insertInboxItem(db, {
      channel_id: facebook,
      external_id: 'thread-answer',
      parent_external_id: 'thread-root',
      remote_created_at: new Date('2026-11-01T11:00:00Z'),
    });
    const deeper = await insertInboxItem(db, {
      channel_id: facebook,
      external_id: 'thread-deeper',
      parent_external_id: 'thread-answer',
      remote_created_at: new Date('2026-11-01T12:00:00Z'),
    });
    const detail = (await call(comms, 'GET', `/api/inbox/items/${answer.id}`)).json<InboxDetail>();
    expect(detail.thread.map((i) => i.id)).toEqual([root.id, answer.id, deeper.id]);
  });
});
