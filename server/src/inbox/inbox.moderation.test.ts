import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { channelConnector } from '../connections/connections.target.ts';
import { startOutboxTestbed } from '../publishing/outbox.testbed.ts';
import type { OutboxTestbed } from '../publishing/outbox.testbed.ts';
import type { InboxDetail, InboxItem } from './inbox.schema.ts';

/** Hide with a rule, restore with a reason, reply: against the real Meta sandbox over HTTP. */
describeEachEngine('inbox moderation against the platform sandbox', (get) => {
  let t: TestApp;
  let bed: OutboxTestbed;
  let online: Agent;
  let postExternalId: string;

  const sandbox = async (path: string, body?: unknown) => {
    const response = await fetch(`${bed.sandboxUrl}/_sandbox/meta/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    expect(response.ok).toBe(true);
    return response.status === 204 ? null : response.json();
  };
  const sandboxComment = async (id: string) =>
    (
      (await sandbox('comments')) as { items: { id: string; hidden: boolean; text: string }[] }
    ).items.find((comment) => comment.id === id);
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: online.headers(),
      ...(payload === undefined ? {} : { payload }),
    });

  beforeAll(async () => {
    t = await createTestApp(get());
    bed = await startOutboxTestbed(get().db, t.ctx.config);
    online = await loginAs(
      t.app,
      (await buildUser(get().db, { roles: [{ role: 'online-team' }] })).email,
    );
    const { connector, auth } = await channelConnector(
      get().db,
      bed.channels.facebook,
      t.ctx.encryptionKeys,
    );
    const published = await connector.publish(auth, {
      text: 'Die Stadtbibliothek hat ab Montag länger geöffnet.',
      title: null,
      media: [],
      idempotencyKey: 'inbox-moderation-test',
    });
    if (published.status !== 'published') {
      throw new Error('sandbox did not publish');
    }
    postExternalId = published.externalId;
  });
  afterAll(async () => {
    await t.app.close();
    await bed.close();
  });

  const commentOnSandbox = async (text: string) => {
    const { id } = (await sandbox('comments', { objectId: postExternalId, text })) as {
      id: string;
    };
    return insertInboxItem(get().db, {
      channel_id: bed.channels.facebook,
      platform: 'facebook',
      external_id: id,
      post_external_id: postExternalId,
      text,
      verdict: 'hide',
      verdict_score: 0.93,
      verdict_rule_id: 'beleidigung',
    });
  };

  it('hides a comment citing a rule and shows it again with a reason; both are recorded and audited', async () => {
    const item = await commentOnSandbox('Ihr seid doch alle Vollidioten im Rathaus');
    const hidden = await call('POST', `/api/inbox/items/${item.id}/hide`, {
      ruleId: 'beleidigung',
      reason: 'Beschimpfung',
    });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.json<{ item: InboxItem }>().item).toMatchObject({
      visibilityState: 'hidden',
      hiddenRuleId: 'beleidigung',
    });
    expect((await sandboxComment(item.external_id))?.hidden).toBe(true);
    expect(
      (await call('POST', `/api/inbox/items/${item.id}/hide`, { ruleId: 'beleidigung' }))
        .statusCode,
    ).toBe(409);

    const restored = await call('POST', `/api/inbox/items/${item.id}/restore`, {
      reason: 'Im Zusammenhang gelesen keine Beleidigung',
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<{ item: InboxItem }>().item).toMatchObject({
      visibilityState: 'visible',
      hiddenRuleId: null,
    });
    expect((await sandboxComment(item.external_id))?.hidden).toBe(false);

    const detail = (await call('GET', `/api/inbox/items/${item.id}`)).json<InboxDetail>();
    expect(detail.actions.map((a) => [a.action, a.actorKind, a.ruleId])).toEqual([
      ['hide', 'user', 'beleidigung'],
      ['hidden', 'user', 'beleidigung'],
      ['restore', 'user', 'beleidigung'],
      ['restored', 'user', 'beleidigung'],
    ]);
    expect(detail.actions[2]?.reason).toBe('Im Zusammenhang gelesen keine Beleidigung');
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'summary', 'actor_id'])
      .where('object_id', '=', item.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'inbox.item.hide',
      'inbox.item.hidden',
      'inbox.item.restore',
      'inbox.item.restored',
    ]);
    expect(audit.every((a) => a.actor_id !== null)).toBe(true);
    expect(audit.some((a) => a.summary.includes('beleidigung'))).toBe(true);
    expect(JSON.stringify(audit)).not.toMatch(/Vollidioten|Erika|Zusammenhang/);
  });

  it('keeps the comment hidden when the platform refuses to show it again, and says so', async () => {
    const item = await commentOnSandbox('Kauft billige Uhren auf example.com!!!');
    await call('POST', `/api/inbox/items/${item.id}/hide`, { ruleId: 'spam-werbung' });
    expect((await sandboxComment(item.external_id))?.hidden).toBe(true);
    await sandbox('graph-errors', { code: 2, status: 503 });
    const failed = await call('POST', `/api/inbox/items/${item.id}/restore`, {
      reason: 'Versehentlich ausgeblendet',
    });
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({ code: 'platform_failed' });
    const after = (await call('GET', `/api/inbox/items/${item.id}`)).json<InboxDetail>();
    expect(after.item.visibilityState).toBe('hidden');
    expect(after.actions.map((a) => a.action)).toEqual([
      'hide',
      'hidden',
      'restore',
      'restore-failed',
    ]);
    const retry = await call('POST', `/api/inbox/items/${item.id}/restore`, {
      reason: 'Versehentlich ausgeblendet',
    });
    expect(retry.statusCode).toBe(200);
    expect((await sandboxComment(item.external_id))?.hidden).toBe(false);
  });

  it('grants an appeal by showing the comment again', async () => {
    const item = await commentOnSandbox('Das ist doch alles Betrug hier');
    await call('POST', `/api/inbox/items/${item.id}/hide`, { ruleId: 'beleidigung' });
    await call('POST', `/api/inbox/items/${item.id}/appeal`, {
      text: 'Per Telefon: Kritik, keine Beleidigung.',
    });
    const granted = await call('POST', `/api/inbox/items/${item.id}/appeal/decision`, {
      decision: 'restore',
      reason: 'Zugespitzte Kritik ist erlaubt',
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json<{ item: InboxItem }>().item).toMatchObject({
      appealOpen: false,
      visibilityState: 'visible',
    });
    expect((await sandboxComment(item.external_id))?.hidden).toBe(false);
  });

  it('replies on the platform and stores the sent reply', async () => {
    const item = await commentOnSandbox('Gilt das auch für die Stadtteilbibliotheken?');
    const replied = await call('POST', `/api/inbox/items/${item.id}/replies`, {
      text: 'Ja, für alle Stadtteilbibliotheken.',
    });
    expect(replied.statusCode).toBe(201);
    expect(replied.json()).toMatchObject({ reply: { state: 'sent', failure: null } });
    const comments = (await sandbox('comments')) as {
      items: { text: string; parentId: string | null }[];
    };
    expect(
      comments.items.some(
        (c) => c.text === 'Ja, für alle Stadtteilbibliotheken.' && c.parentId === item.external_id,
      ),
    ).toBe(true);
    const row = await get()
      .db.selectFrom('inbox_replies')
      .selectAll()
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', failure: null });
    expect(row.external_id).not.toBeNull();
  });
});
