import { afterAll, beforeAll, expect, it } from 'vitest';

import { linkedInSandbox } from '../../../sandbox/src/platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from '../../../sandbox/src/platforms/mastodon.sandbox.ts';
import { xSandbox } from '../../../sandbox/src/platforms/x.sandbox.ts';
import { createSandbox } from '../../../sandbox/src/sandbox.server.ts';
import type { Sandbox } from '../../../sandbox/src/sandbox.server.ts';
import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import {
  buildChannel,
  buildOrganisationProfile,
  buildPlatform,
} from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Channel } from '../registry/registry.schema.ts';

describeEachEngine('connecting a channel (OAuth through the sandbox)', (get) => {
  let t: TestApp;
  let comms: Agent;
  let editor: Agent;
  let sandbox: Sandbox;
  let sandboxUrl: string;
  const channels: Record<string, Channel> = {};

  beforeAll(async () => {
    sandbox = createSandbox([mastodonSandbox, xSandbox, linkedInSandbox]);
    sandboxUrl = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
    t = await createTestApp(get());
    const db = get().db;
    await buildOrganisationProfile(db);
    comms = await loginAs(t.app, (await buildUser(db)).email);
    editor = await loginAs(
      t.app,
      (await buildUser(db, { roles: [{ role: 'online-team' }] })).email,
    );
    for (const key of ['mastodon', 'x', 'linkedin', 'xing']) {
      const platform = await buildPlatform(db, { key });
      channels[key] = await buildChannel(db, {
        platformId: platform.id,
        // Mastodon: the API is the sandbox although the profile lives elsewhere.
        apiBaseUrl: key === 'mastodon' ? sandboxUrl : null,
      });
    }
  });
  afterAll(async () => {
    await t.app.close();
    await sandbox.app.close();
  });

  const channel = (key: string): Channel => {
    const found = channels[key];
    if (found === undefined) {
      throw new Error(`no ${key} channel`);
    }
    return found;
  };
  const connect = (key: string, agent: Agent = comms) =>
    t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel(key).id}/connect`,
      headers: agent.headers(),
    });
  /** Follows the platform's consent page like a browser and returns the callback's redirect. */
  const runFlow = async (key: string, extra: Record<string, string> = {}) => {
    const start = await connect(key);
    expect(start.statusCode).toBe(200);
    const { authorizationUrl } = start.json<{ authorizationUrl: string }>();
    expect(authorizationUrl.startsWith(sandboxUrl)).toBe(true);
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const back = new URL(consent.headers.get('location') ?? '');
    expect(back.pathname).toBe('/api/connections/callback');
    for (const [name, value] of Object.entries(extra)) {
      back.searchParams.set(name, value);
    }
    const callback = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    return { callback, back };
  };
  const readChannel = async (key: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/registry/channels/${channel(key).id}`,
        headers: comms.headers(),
      })
    ).json<Channel>();

  it('registers the app on the Mastodon instance and connects the channel', async () => {
    const { callback } = await runFlow('mastodon');
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe(
      `/registry/channels/${channel('mastodon').id}?verbindung=verbunden`,
    );
    const connected = await readChannel('mastodon');
    expect(connected.connection.status).toBe('connected');
    expect(connected.connection.accountId).not.toBeNull();
    expect(connected.connection.expiresAt).toBeNull();
    expect(connected.hasCredentials).toBe(true);
    const apps = await t.app.inject({
      method: 'GET',
      url: '/api/connections/apps',
      headers: comms.headers(),
    });
    const mastodonApp = apps
      .json<{ items: { platformKey: string; source: string; baseUrl: string }[] }>()
      .items.find((app) => app.platformKey === 'mastodon');
    expect(mastodonApp).toMatchObject({ source: 'registered', baseUrl: sandboxUrl });
    expect(apps.body).not.toContain('clientSecret');
  });

  it('registers the Mastodon app again when it lacks scopes Stadtfunk now needs', async () => {
    const db = get().db;
    const before = await db
      .selectFrom('platform_apps')
      .select(['client_id', 'scopes'])
      .where('platform_key', '=', 'mastodon')
      .executeTakeFirstOrThrow();
    expect(before.scopes).toContain('write:accounts');
    await db
      .updateTable('platform_apps')
      .set({ scopes: 'read:accounts write:statuses' })
      .where('platform_key', '=', 'mastodon')
      .execute();
    expect((await connect('mastodon')).statusCode).toBe(200);
    const after = await db
      .selectFrom('platform_apps')
      .select(['client_id', 'scopes'])
      .where('platform_key', '=', 'mastodon')
      .executeTakeFirstOrThrow();
    expect(after.client_id).not.toBe(before.client_id);
    expect(after.scopes).toBe(before.scopes);
  });

  it('keeps tokens sealed and never returns them', async () => {
    const row = await get()
      .db.selectFrom('channels')
      .select('credentials_encrypted')
      .where('id', '=', channel('mastodon').id)
      .executeTakeFirstOrThrow();
    const token = [...sandbox.store.tokens.keys()].find((key) => key.startsWith('mastodon-'));
    expect(token).toBeDefined();
    expect(row.credentials_encrypted).not.toContain(token ?? '');
    expect(JSON.stringify(await readChannel('mastodon'))).not.toContain(token ?? '');
  });

  it('uses the connection for the profile check through the connector', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel('mastodon').id}/profile-notice/check`,
      headers: comms.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Channel>().profileNotice?.method).toBe('api');
  });

  it('accepts a state once only', async () => {
    const { back } = await runFlow('mastodon');
    const again = await t.app.inject({ method: 'GET', url: `${back.pathname}${back.search}` });
    expect(again.headers.location).toBe('/registry/channels?verbindung=ungueltig');
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/connections/callback?state=erfunden&code=abc',
    });
    expect(forged.headers.location).toBe('/registry/channels?verbindung=ungueltig');
  });

  it('says when the person refused consent', async () => {
    const start = await connect('mastodon');
    const consent = await fetch(start.json<{ authorizationUrl: string }>().authorizationUrl, {
      redirect: 'manual',
    });
    const back = new URL(consent.headers.get('location') ?? '');
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/connections/callback?state=${back.searchParams.get('state') ?? ''}&error=access_denied`,
    });
    expect(refused.headers.location).toBe(
      `/registry/channels/${channel('mastodon').id}?verbindung=abgelehnt`,
    );
  });

  it('needs an app for one-app platforms, then connects X with PKCE and a refresh token', async () => {
    const missing = await connect('x');
    expect(missing.statusCode).toBe(409);
    expect(missing.json<{ message: string }>().message).toContain('App-Zugang');
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/connections/apps/x',
      headers: comms.headers(),
      payload: { baseUrl: sandboxUrl, clientId: 'stadtfunk-x' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ platformKey: 'x', hasSecret: false, source: 'manual' });
    const { callback } = await runFlow('x');
    expect(callback.headers.location).toContain('verbindung=verbunden');
    const connected = await readChannel('x');
    expect(connected.connection).toMatchObject({ status: 'connected', refreshable: true });
    expect(Date.parse(connected.connection.expiresAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('renews a refreshable token on request', async () => {
    const before = await readChannel('x');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel('x').id}/connection/refresh`,
      headers: comms.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Channel>().connection.status).toBe('connected');
    expect(before.connection.connectedAt).not.toBeNull();
  });

  it('connects LinkedIn with a 60-day token that cannot be renewed', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/connections/apps/linkedin',
      headers: comms.headers(),
      payload: { baseUrl: sandboxUrl, clientId: 'stadtfunk-li', clientSecret: 'geheim' },
    });
    const { callback } = await runFlow('linkedin');
    expect(callback.headers.location).toContain('verbindung=verbunden');
    const connected = await readChannel('linkedin');
    expect(connected.connection.refreshable).toBe(false);
    const days = (Date.parse(connected.connection.expiresAt ?? '') - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59);
    expect(days).toBeLessThanOrEqual(60);
    const refresh = await t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel('linkedin').id}/connection/refresh`,
      headers: comms.headers(),
    });
    expect(refresh.statusCode).toBe(409);
  });

  it('refuses manual channels and people without registry.manage', async () => {
    const xing = await connect('xing');
    expect(xing.statusCode).toBe(409);
    expect(xing.json<{ message: string }>().message).toContain('von Hand');
    expect((await connect('mastodon', editor)).statusCode).toBe(403);
    const app = await t.app.inject({
      method: 'PUT',
      url: '/api/connections/apps/x',
      headers: editor.headers(),
      payload: { clientId: 'fremd' },
    });
    expect(app.statusCode).toBe(403);
  });

  it('validates the app form with German messages', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/connections/apps/linkedin',
      headers: comms.headers(),
      payload: { baseUrl: 'ftp://example.org', clientId: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('validation_failed');
  });

  it('disconnects and forgets the tokens', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/registry/channels/${channel('mastodon').id}/connection`,
      headers: comms.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Channel>().connection.status).toBe('not-connected');
    expect(res.json<Channel>().hasCredentials).toBe(false);
    const actions = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', channel('mastodon').id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['channel.connected', 'channel.disconnected']),
    );
  });
});
