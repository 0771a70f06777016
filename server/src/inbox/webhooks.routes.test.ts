import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { channelConnector } from '../connections/connections.target.ts';
import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { SANDBOX_ACCOUNTS, startInboxTestbed } from './inbox.testbed.ts';
import type { InboxTestbed } from './inbox.testbed.ts';
import { pollInboxChannels } from './poll.service.ts';
import { metaVerifyToken, signatureFor } from './webhooks.verify.ts';

const SECRET = 'geheim';

function feedChange(value: Record<string, unknown>, pageId: string = SANDBOX_ACCOUNTS.facebook) {
  return {
    object: 'page',
    entry: [{ id: pageId, time: 1_764_000_000, changes: [{ field: 'feed', value }] }],
  };
}

function commentValue(commentId: string, message: string | undefined, verb = 'add') {
  return {
    from: { id: '100000000000555', name: 'Aylin Demir' },
    item: 'comment',
    verb,
    comment_id: commentId,
    post_id: '200000000000001_1',
    parent_id: '200000000000001_1',
    created_time: 1_764_000_000,
    ...(message === undefined ? {} : { message }),
  };
}

async function until<T>(probe: () => Promise<T | undefined>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error('timed out waiting');
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachEngine('inbox webhooks', (get) => {
  let app: TestApp;
  let t: InboxTestbed;
  let serverUrl: string;
  let communications: Agent;

  beforeAll(async () => {
    app = await createTestApp(get());
    t = await startInboxTestbed(get().db, app.ctx.config);
    serverUrl = await app.app.listen({ port: 0, host: '127.0.0.1' });
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    communications = await loginAs(app.app, user.email);
  });
  afterAll(async () => {
    await t.close();
    await app.app.close();
  });

  const post = (url: string, body: string, headers: Record<string, string>) =>
    app.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const signedMeta = (payload: unknown) => {
    const body = JSON.stringify(payload);
    return post('/webhooks/meta', body, {
      'x-hub-signature-256': signatureFor(SECRET, Buffer.from(body)),
    });
  };
  const item = (platform: string, externalId: string) =>
    get()
      .db.selectFrom('inbox_items')
      .selectAll()
      .where('platform', '=', platform)
      .where('external_id', '=', externalId)
      .executeTakeFirst();
  const quarantine = () =>
    get().db.selectFrom('inbox_quarantine').selectAll().orderBy('received_at').execute();

  it('answers Meta’s handshake only with the right verify token', async () => {
    const handshake = (token: string) =>
      app.app.inject({
        method: 'GET',
        url: `/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${token}`,
      });
    const ok = await handshake(metaVerifyToken(SECRET));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expect((await handshake('falsch')).statusCode).toBe(403);
  });

  it('receives a sandbox comment by webhook within seconds, and a later poll adds no second row', async () => {
    await fetch(`${t.bed.sandboxUrl}/_sandbox/meta/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        callbackUrl: `${serverUrl}/webhooks/meta`,
        verifyToken: metaVerifyToken(SECRET),
        appSecret: SECRET,
      }),
    }).then((response) => {
      expect(response.status).toBe(201);
    });
    const postId = await t.publishFacebook();
    const text = 'Wird die Stadtbahn während der Bauarbeiten umgeleitet?';
    const id = await t.commentOnMeta(postId, text);
    const pushed = await until(() => item('facebook', id));
    expect(pushed).toMatchObject({
      text,
      post_external_id: postId,
      channel_id: t.bed.channels.facebook,
    });

    const polled = await pollInboxChannels(get().db, {
      keys: app.ctx.encryptionKeys,
      now: () => new Date(),
      log: captureLogger().log,
      timeoutMs: 2000,
    });
    expect(polled.find((entry) => entry.channelId === t.bed.channels.facebook)).toMatchObject({
      status: 'ok',
    });
    const rows = await get()
      .db.selectFrom('inbox_items')
      .select('id')
      .where('external_id', '=', id)
      .execute();
    expect(rows).toHaveLength(1);
    const actions = await get()
      .db.selectFrom('inbox_actions')
      .select('action')
      .where('item_id', '=', pushed.id)
      .execute();
    expect(actions).toEqual([]);

    // The writer edits, then deletes the comment: both arrive by webhook.
    await fetch(`${t.bed.sandboxUrl}/_sandbox/meta/comments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'Wird die Stadtbahn umgeleitet? Ihr Deppen sagt ja nie etwas!',
      }),
    });
    const edited = await until(async () => {
      const row = await item('facebook', id);
      return row?.edited_at === null ? undefined : row;
    });
    expect(edited.text).toContain('Ihr Deppen');
    await fetch(`${t.bed.sandboxUrl}/_sandbox/meta/comments/${id}`, { method: 'DELETE' });
    const deleted = await until(async () => {
      const row = await item('facebook', id);
      return row?.deleted_upstream_at === null ? undefined : row;
    });
    expect(deleted.id).toBe(pushed.id);
  });

  it('refuses a wrong or missing signature with 401 and logs no body', async () => {
    const body = JSON.stringify(
      feedChange(commentValue('999_1', 'Geheimer Kommentartext Hirschgasse')),
    );
    const wrong = await post('/webhooks/meta', body, {
      'x-hub-signature-256': signatureFor('nicht-das-geheimnis', Buffer.from(body)),
    });
    const missing = await post('/webhooks/meta', body, {});
    const garbled = await post('/webhooks/meta', body, { 'x-hub-signature-256': 'sha256=xyz' });
    for (const response of [wrong, missing, garbled]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'webhook_signature_invalid' });
    }
    // A body signed correctly but altered on the way is refused too.
    const tampered = await post('/webhooks/meta', body.replace('Hirschgasse', 'Marktplatz'), {
      'x-hub-signature-256': signatureFor(SECRET, Buffer.from(body)),
    });
    expect(tampered.statusCode).toBe(401);
    expect(await item('facebook', '999_1')).toBeUndefined();
    const log = app.logLines.join('\n');
    expect(log).toContain('webhook_signature_invalid');
    expect(log).not.toContain('Hirschgasse');
  });

  it('quarantines a signed but unreadable payload, answers 200, and lists it without content', async () => {
    const response = await signedMeta(feedChange(commentValue('777_1', undefined)));
    expect(response.statusCode).toBe(200);
    const notJson = 'das ist kein JSON';
    const raw = await post('/webhooks/meta', notJson, {
      'x-hub-signature-256': signatureFor(SECRET, Buffer.from(notJson)),
    });
    expect(raw.statusCode).toBe(200);
    const reasons = (await quarantine()).map((row) => row.reason);
    expect(reasons).toContain('Facebook-Kommentar ohne message');
    expect(reasons).toContain('Kein gültiges JSON');

    const listed = await app.app.inject({
      method: 'GET',
      url: '/api/inbox/quarantine',
      headers: communications.headers(),
    });
    expect(listed.statusCode).toBe(200);
    const entries = listed.json<{ items: Record<string, unknown>[] }>().items;
    expect(entries.map((entry) => entry['reason'])).toContain('Facebook-Kommentar ohne message');
    expect(JSON.stringify(entries)).not.toContain('Aylin');

    const retried = await app.app.inject({
      method: 'POST',
      url: '/api/inbox/quarantine/retry',
      headers: communications.headers(),
      payload: {},
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ resolved: 0 });
    const still = (await quarantine()).find(
      (row) => row.reason === 'Facebook-Kommentar ohne message',
    );
    expect(still).toMatchObject({ attempts: 2, resolved_at: null });
  });

  it('resolves a quarantined payload on retry once the cause is fixed', async () => {
    // A page no channel is connected as yet: the notification cannot be assigned.
    const page = '200000000000099';
    const response = await signedMeta(
      feedChange(
        commentValue('200000000000099_5_1', 'Bitte die Laterne in der Gartenstraße reparieren.'),
        page,
      ),
    );
    expect(response.statusCode).toBe(200);
    const open = (await quarantine()).find((row) => row.reason.includes('Kein verbundener Kanal'));
    expect(open).toBeDefined();

    await t.bed.addChannel('facebook', true, page);
    const retried = await app.app.inject({
      method: 'POST',
      url: '/api/inbox/quarantine/retry',
      headers: communications.headers(),
      payload: { ids: [open?.id] },
    });
    expect(retried.json()).toEqual({ attempted: 1, resolved: 1, failed: 0 });
    const resolved = (await quarantine()).find((row) => row.id === open?.id);
    expect(resolved?.resolved_at).not.toBeNull();
    expect(resolved?.attempts).toBe(2);
    expect(await item('facebook', '200000000000099_5_1')).toMatchObject({
      text: 'Bitte die Laterne in der Gartenstraße reparieren.',
    });
  });

  it('keeps the quarantine to those who manage the Netiquette', async () => {
    const editor = await buildUser(get().db, { roles: [{ role: 'dpo' }] });
    const agent = await loginAs(app.app, editor.email);
    const listed = await app.app.inject({
      method: 'GET',
      url: '/api/inbox/quarantine',
      headers: agent.headers(),
    });
    expect(listed.statusCode).toBe(403);
  });

  it('takes a Mastodon reply pushed by the sandbox and its later poll as the same, unedited item', async () => {
    const subscribed = await fetch(`${t.bed.sandboxUrl}/_sandbox/mastodon/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        callbackUrl: `${serverUrl}/webhooks/sandbox/mastodon`,
        secret: SECRET,
      }),
    });
    expect(subscribed.status).toBe(201);
    const { connector, auth } = await channelConnector(get().db, t.bed.channels.mastodon, [
      t.bed.key,
    ]);
    const status = await connector.publish(auth, {
      text: 'Heute Abend Gemeinderatssitzung im Livestream.',
      title: null,
      media: [],
      idempotencyKey: 'inbox-webhook-mastodon',
    });
    expect(status.status).toBe('published');
    const statusId = status.status === 'published' ? status.externalId : '';
    const seeded = (await (
      await fetch(`${t.bed.sandboxUrl}/_sandbox/mastodon/replies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ statusId, count: 2 }),
      })
    ).json()) as { items: { id: string }[] };
    const ids = seeded.items.map((entry) => entry.id);
    const pushed = await until(async () => {
      const rows = await get()
        .db.selectFrom('inbox_items')
        .selectAll()
        .where('platform', '=', 'mastodon')
        .where('external_id', 'in', ids)
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    await pollInboxChannels(get().db, {
      keys: app.ctx.encryptionKeys,
      now: () => new Date(),
      log: captureLogger().log,
      timeoutMs: 2000,
    });
    const actions = await get()
      .db.selectFrom('inbox_actions')
      .select('action')
      .where(
        'item_id',
        'in',
        pushed.map((row) => row.id),
      )
      .execute();
    expect(actions).toEqual([]);
    // The poll's reading of the author (the account's handle) replaces the webhook's id.
    const handles = await get()
      .db.selectFrom('inbox_items')
      .select('author_handle')
      .where('platform', '=', 'mastodon')
      .where('external_id', 'in', ids)
      .execute();
    expect(handles.every((row) => row.author_handle.includes('@'))).toBe(true);
    await fetch(`${t.bed.sandboxUrl}/_sandbox/mastodon/webhooks`, { method: 'DELETE' });
  });

  describe('sandbox events', () => {
    const event = (type: string, commentId: string, text: string) => ({
      id: `evt_${commentId}`,
      type,
      platform: 'mastodon',
      createdAt: new Date().toISOString(),
      data: {
        network: 'mastodon',
        accountId: SANDBOX_ACCOUNTS.mastodon,
        kind: 'mention',
        commentId,
        postId: null,
        text,
        authorId: '113000000000000777',
        authorName: 'Bernd',
        createdAt: new Date().toISOString(),
      },
    });
    const send = (payload: unknown, secret = SECRET) => {
      const body = JSON.stringify(payload);
      return post('/webhooks/sandbox/mastodon', body, {
        'x-sandbox-signature': signatureFor(secret, Buffer.from(body)),
      });
    };

    it('ingests created and deleted events signed with the platform app’s secret', async () => {
      const commentId = `1139${Date.now()}`;
      const created = await send(
        event('comment.created', commentId, '@stadt Wann öffnet das Hallenbad wieder?'),
      );
      expect(created.statusCode).toBe(200);
      expect(await item('mastodon', commentId)).toMatchObject({
        kind: 'mention',
        parent_external_id: null,
      });
      expect((await send(event('comment.deleted', commentId, ''))).statusCode).toBe(200);
      expect((await item('mastodon', commentId))?.deleted_upstream_at).not.toBeNull();
      expect(
        (await send(event('comment.created', `${commentId}9`, 'x'), 'falsch')).statusCode,
      ).toBe(401);
    });
  });
});
