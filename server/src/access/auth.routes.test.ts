import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs, TEST_PASSWORD, uniqueEmail } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { seedOrganisation } from '../seed/stuttgart.seed.ts';
import { issueSetupLink, MAX_FAILED_LOGINS } from './auth.service.ts';
import { hashPassword } from './passwords.ts';

describeEachEngine('authentication', (get) => {
  let t: TestApp;

  beforeAll(async () => {
    await seedOrganisation(get().db);
    t = await createTestApp(get(), { env: { PUBLIC_URL: 'https://stadtfunk.example.org' } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

  it('creates the first communications user from the one-time setup link', async () => {
    const session = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(session.json()).toMatchObject({ user: null, setupRequired: true });
    const link = await issueSetupLink(get().db, t.ctx.config.publicUrl);
    expect(link).toMatch(/^https:\/\/stadtfunk\.example\.org\/setup\?token=[\w-]{43}$/);
    const body = {
      token: tokenOf(link),
      email: 'Leitung@Stuttgart.example',
      displayName: 'Leitung Kommunikation',
      password: 'ein-sehr-langes-passwort',
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { email: 'leitung@stuttgart.example', roles: [{ role: 'communications' }] },
      permissions: expect.arrayContaining(['users.manage', 'audit.read']) as unknown,
    });
    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'setup_done' });
  });

  it('sets an HttpOnly, SameSite=Lax, Secure session cookie on https', async () => {
    const user = await buildUser(get().db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'sf_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
  });

  it('gives the same answer for an unknown e-mail and a wrong password', async () => {
    const user = await buildUser(get().db);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: uniqueEmail(), password: 'irgendwas' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'irgendwas' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json<{ message: string }>().message).toBe(
      wrong.json<{ message: string }>().message,
    );
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const user = await buildUser(get().db);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: user.email, password: `falsch-${i}` },
        remoteAddress: `10.0.0.${i}`,
      });
      expect(res.json()).toMatchObject({ code: 'invalid_credentials' });
    }
    const last = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: 'falsch-letzter' },
      remoteAddress: '10.0.1.1',
    });
    expect(last.statusCode).toBe(429);
    expect(last.json()).toMatchObject({ code: 'login_locked' });
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: TEST_PASSWORD },
      remoteAddress: '10.0.1.2',
    });
    expect(right.json()).toMatchObject({ code: 'login_locked' });
    const actions = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', user.id)
      .execute();
    expect(actions.map((a) => a.action)).toContain('auth.locked');
  });

  it('rate-limits login attempts per address', async () => {
    let limited = false;
    for (let i = 0; i < 12 && !limited; i += 1) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: uniqueEmail(), password: 'x' },
        remoteAddress: '10.9.9.9',
      });
      limited = res.statusCode === 429;
      if (limited) {
        expect(res.json()).toMatchObject({ code: 'rate_limited' });
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(limited).toBe(true);
  });

  it('ends one session on logout and all of them on logout everywhere', async () => {
    const user = await buildUser(get().db);
    const a = await loginAs(t.app, user.email);
    const b = await loginAs(t.app, user.email);
    const c = await loginAs(t.app, user.email);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: a.headers(),
    });
    expect(out.statusCode).toBe(204);
    const who = async (cookie: string) =>
      (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json<{
        user: unknown;
      }>().user;
    expect(await who(a.cookie)).toBeNull();
    expect(await who(b.cookie)).not.toBeNull();
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: b.headers(),
    });
    expect(all.statusCode).toBe(204);
    expect(await who(b.cookie)).toBeNull();
    expect(await who(c.cookie)).toBeNull();
  });

  it('expires sessions after the idle time and at the absolute limit', async () => {
    const user = await buildUser(get().db);
    const idle = await loginAs(t.app, user.email);
    const absolute = await loginAs(t.app, user.email);
    const sessions = await get()
      .db.selectFrom('sessions')
      .select(['id_hash', 'created_at'])
      .where('user_id', '=', user.id)
      .orderBy('created_at')
      .execute();
    expect(sessions).toHaveLength(2);
    const [first, second] = sessions;
    await get()
      .db.updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 61 * 60_000) })
      .where('id_hash', '=', first?.id_hash ?? '')
      .execute();
    await get()
      .db.updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id_hash', '=', second?.id_hash ?? '')
      .execute();
    for (const agent of [idle, absolute]) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/users',
        headers: agent.headers(),
      });
      expect(res.statusCode).toBe(401);
    }
  });

  it('ignores a forged or unsigned session cookie', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: 'sf_session=abc.def' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets an invited user set a password once', async () => {
    const admin = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    const agent = await loginAs(t.app, admin.email);
    const email = uniqueEmail('eingeladen');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: agent.headers(),
      payload: {
        email,
        displayName: 'Neue Person',
        roles: [{ role: 'online-team', orgUnitId: null }],
      },
    });
    expect(created.statusCode).toBe(201);
    const { inviteUrl } = created.json<{ inviteUrl: string }>();
    const payload = { token: tokenOf(inviteUrl), password: 'mein-neues-passwort' };
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/auth/accept-invite',
      payload,
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ user: { email, roles: [{ role: 'online-team' }] } });
    const reused = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invite', payload });
    expect(reused.json()).toMatchObject({ code: 'token_invalid' });
    await loginAs(t.app, email, 'mein-neues-passwort');
  });

  it('hashes passwords with argon2id', async () => {
    expect(await hashPassword('irgendein-passwort')).toMatch(/^\$argon2id\$/);
  });
});
