import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { countUsers } from '../access/users.repository.ts';
import { PERMISSIONS } from '../access/access.policy.ts';
import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { seedOrganisation } from '../seed/stuttgart.seed.ts';

const ALLOWED = new Set<string>(['public', 'authenticated', ...PERMISSIONS]);

describeEachEngine('HTTP edge', (get) => {
  let t: TestApp;
  let admin: Agent;
  const SECRET_EMAIL = 'geheim.person@example.org';

  beforeAll(async () => {
    t = await createTestApp(get(), { env: { BODY_LIMIT_BYTES: '4096' } });
    await seedOrganisation(get().db);
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    admin = await loginAs(t.app, user.email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('declares a known permission on every registered route', () => {
    expect(t.routes.length).toBeGreaterThan(15);
    const undeclared = t.routes.filter((route) => route.permission === undefined);
    expect(undeclared).toEqual([]);
    for (const route of t.routes) {
      expect(ALLOWED.has(route.permission ?? ''), `${route.method} ${route.url}`).toBe(true);
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/gibt-es-nicht' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('sets a correlation id, security headers and a strict CSP', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses protected routes without a session, before looking at the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: '{broken',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a state change without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie },
      payload: { email: SECRET_EMAIL, displayName: 'X', roles: [{ role: 'dpo', orgUnitId: null }] },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_invalid' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin.cookie, 'x-csrf-token': 'falsch' },
      payload: { email: SECRET_EMAIL, displayName: 'X', roles: [{ role: 'dpo', orgUnitId: null }] },
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('rejects bad input with a stable code and a German message, and writes nothing', async () => {
    const before = await countUsers(get().db);
    const auditBefore = await get().db.selectFrom('audit_log').select('id').execute();
    const cases = [
      { payload: '{"email": ', type: 'application/json', status: 400, code: 'invalid_json' },
      {
        payload: 'email=a',
        type: 'application/x-www-form-urlencoded',
        status: 415,
        code: 'unsupported_media_type',
      },
      { payload: 'hallo', type: 'text/plain', status: 415, code: 'unsupported_media_type' },
      {
        payload: JSON.stringify({ email: SECRET_EMAIL, displayName: 'x'.repeat(5000), roles: [] }),
        type: 'application/json',
        status: 413,
        code: 'payload_too_large',
      },
      {
        payload: JSON.stringify({ email: SECRET_EMAIL, displayName: 42, roles: 'dpo' }),
        type: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
      {
        payload: JSON.stringify({
          email: SECRET_EMAIL,
          displayName: 'Person',
          roles: [{ role: 'dpo', orgUnitId: null }],
          isAdmin: true,
        }),
        type: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
      {
        payload: JSON.stringify({
          email: SECRET_EMAIL,
          displayName: 'Person',
          roles: [{ role: 'department-editor', orgUnitId: null }],
        }),
        type: 'application/json',
        status: 400,
        code: 'validation_failed',
      },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin.headers({ 'content-type': c.type }),
        payload: c.payload,
      });
      expect(res.statusCode, c.code).toBe(c.status);
      const body = res.json<{ code: string; message: string; correlationId: string }>();
      expect(body.code).toBe(c.code);
      expect(body.message).toMatch(/[A-Za-zÄÖÜäöüß]/);
      expect(body.correlationId).toBe(res.headers['x-correlation-id']);
      expect(res.body).not.toContain(SECRET_EMAIL);
      expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(await countUsers(get().db)).toBe(before);
    const auditAfter = await get().db.selectFrom('audit_log').select('id').execute();
    expect(auditAfter.length).toBe(auditBefore.length);
    const log = t.logLines.join('\n');
    expect(log).not.toContain(SECRET_EMAIL);
    expect(log).not.toContain('geheim');
    expect(log).toContain('"code":"validation_failed"');
  });

  it('never logs request bodies, cookies or query strings', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login?email=geheim.person@example.org',
      payload: { email: SECRET_EMAIL, password: 'streng-geheimes-wort' },
    });
    const log = t.logLines.join('\n');
    expect(log).not.toContain('streng-geheimes-wort');
    expect(log).not.toContain(SECRET_EMAIL);
    expect(log).not.toContain(admin.cookie.split('=')[1] ?? 'cookie');
  });

  it('serves the admin UI (built by `npm test`) at / and for client-side routes', async () => {
    for (const url of ['/', '/users', '/audit?action=user.created']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url} (run \`npm run build\` first)`).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="de">');
    }
    const asset = await t.app.inject({ method: 'GET', url: '/gibt-es-nicht.js' });
    expect(asset.statusCode).toBe(404);
  });

  it('serves the OpenAPI description at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/audit']));
  });
});

describe('default deny', () => {
  it('makes a route without a declared permission unreachable', async () => {
    const { createTestDatabase } = await import('../../test/test-database.ts');
    const database = await createTestDatabase('pglite');
    const t = await createTestApp(database).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    try {
      // Registered after ready() is not possible; build a fresh instance with an extra route.
      const { buildApp } = await import('../app.ts');
      const { captureLogger } = await import('../../test/test-app.ts');
      const built = await buildApp(t.ctx, captureLogger().log);
      built.app.get('/api/ohne-erlaubnis', () => ({ geheim: true }));
      await built.app.ready();
      const res = await built.app.inject({ method: 'GET', url: '/api/ohne-erlaubnis' });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
      expect(built.routes.find((r) => r.url === '/api/ohne-erlaubnis')?.permission).toBeUndefined();
      await built.app.close();
    } finally {
      await t.app.close();
      await database.close();
    }
  });
});
