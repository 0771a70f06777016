import { randomBytes } from 'node:crypto';

import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { startOidcProvider } from '../../test/oidc-provider.ts';
import type { TestAccount, TestOidcProvider } from '../../test/oidc-provider.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { seedOrganisation } from '../seed/stuttgart.seed.ts';
import type { SessionInfo } from './auth.schema.ts';
import { findOrgUnitByCode } from './org-units.repository.ts';
import { createOidcLogin } from './oidc.service.ts';

const PUBLIC_URL = 'http://localhost:3999';
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;

let provider: TestOidcProvider | undefined;

function idp(): TestOidcProvider {
  if (provider === undefined) {
    throw new Error('OpenID provider not started');
  }
  return provider;
}

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: REDIRECT_URI });
});

afterAll(async () => {
  await provider?.close();
});

/** A new subject at the provider with the given role claim values. */
function newAccount(roles: readonly string[]): { subject: string; account: TestAccount } {
  const id = randomBytes(4).toString('hex');
  const subject = `sub-${id}`;
  const account = {
    email: `person-${id}@stuttgart.example`,
    emailVerified: true,
    name: `Person ${id}`,
    roles,
  };
  idp().setAccount(subject, account);
  return { subject, account };
}

/** `name=value` exactly as the server set it, ready for a Cookie header; undefined if not set. */
function setCookie(response: LightMyRequestResponse, name: string): string | undefined {
  const header = response.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const found = all.find((line) => line.startsWith(`${name}=`));
  return found?.split(';', 1)[0];
}

describeEachEngine('oidc login', (get) => {
  let testApp: TestApp | undefined;

  function app(): TestApp['app'] {
    if (testApp === undefined) {
      throw new Error('test app not ready');
    }
    return testApp.app;
  }

  beforeAll(async () => {
    await seedOrganisation(get().db);
    const oidc = createOidcLogin(
      {
        issuer: idp().issuer,
        clientId: idp().clientId,
        clientSecret: idp().clientSecret,
        roleClaim: 'roles',
      },
      REDIRECT_URI,
    );
    testApp = await createTestApp(get(), { env: { PUBLIC_URL }, oidc });
  });

  afterAll(async () => {
    await testApp?.app.close();
  });

  /** GET /api/auth/oidc/login: where the browser is sent and the flow cookie it now holds. */
  async function startLogin(): Promise<{ authorizationUrl: string; flowCookie: string }> {
    const response = await app().inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(response.statusCode).toBe(302);
    const flowCookie = setCookie(response, 'sf_oidc');
    expect(flowCookie).toBeDefined();
    return { authorizationUrl: String(response.headers.location), flowCookie: flowCookie ?? '' };
  }

  async function callback(url: URL, cookie: string | undefined): Promise<LightMyRequestResponse> {
    return app().inject({
      method: 'GET',
      url: `${url.pathname}${url.search}`,
      headers: cookie === undefined ? {} : { cookie },
    });
  }

  /** The whole round trip: Stadtfunk → provider (subject signs in) → Stadtfunk callback. */
  async function loginAs(subject: string): Promise<LightMyRequestResponse> {
    const { authorizationUrl, flowCookie } = await startLogin();
    const returned = await idp().authorize(authorizationUrl, subject);
    return callback(returned, flowCookie);
  }

  async function sessionOf(response: LightMyRequestResponse): Promise<SessionInfo> {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const sessionCookie = setCookie(response, 'sf_session');
    expect(sessionCookie).toBeDefined();
    const session = await app().inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: sessionCookie ?? '' },
    });
    expect(session.statusCode).toBe(200);
    return session.json<SessionInfo>();
  }

  function expectRejected(response: LightMyRequestResponse, code = 'sso_failed'): void {
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe(`/login?error=${code}`);
    expect(setCookie(response, 'sf_session')).toBeUndefined();
  }

  async function usersWithSubject(subject: string): Promise<{ id: string; email: string }[]> {
    return get()
      .db.selectFrom('users')
      .select(['id', 'email'])
      .where('oidc_subject', '=', subject)
      .execute();
  }

  async function auditActionsFor(userId: string): Promise<string[]> {
    const rows = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', userId)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      expect(row.actor_id).toBe(userId);
    }
    return rows.map((row) => row.action);
  }

  it('signs a new user in through the provider and maps the role claim', async () => {
    const { subject, account } = newAccount(['communications']);

    const login = await app().inject({ method: 'GET', url: '/api/auth/oidc/login' });
    expect(login.statusCode).toBe(302);
    const authorizationUrl = new URL(String(login.headers.location));
    expect(authorizationUrl.origin).toBe(idp().issuer);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
      client_id: idp().clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const parameter of ['state', 'nonce', 'code_challenge']) {
      expect(authorizationUrl.searchParams.get(parameter)).toMatch(/^[\w-]{20,}$/);
    }
    const flowHeader = [login.headers['set-cookie']].flat().find((c) => c?.startsWith('sf_oidc='));
    expect(flowHeader).toMatch(/; Path=\/api\/auth\/oidc(;|$)/);
    expect(flowHeader).toMatch(/; HttpOnly(;|$)/);
    expect(flowHeader).toMatch(/; SameSite=Lax(;|$)/i);

    const returned = await idp().authorize(authorizationUrl.href, subject);
    expect(returned.searchParams.get('code')).toBeTruthy();
    const done = await callback(returned, setCookie(login, 'sf_oidc'));
    const session = await sessionOf(done);

    expect(session.user).toMatchObject({
      email: account.email,
      displayName: account.name,
      authProvider: 'oidc',
      roles: [{ role: 'communications', orgUnitId: null }],
    });
    expect(session.csrfToken).toEqual(expect.any(String));
    const users = await usersWithSubject(subject);
    expect(users).toHaveLength(1);
    expect(users[0]?.id).toBe(session.user?.id);
    const actions = await auditActionsFor(users[0]?.id ?? '');
    expect(actions).toEqual(['user.created', 'auth.login']);
  });

  it('grants unit-scoped roles by org-unit code and ignores unknown role values', async () => {
    const amt61 = await findOrgUnitByCode(get().db, 'AMT61');
    expect(amt61).toBeDefined();
    const { subject } = newAccount(['department-editor@AMT61', 'unknown-role']);

    const session = await sessionOf(await loginAs(subject));

    expect(session.user?.authProvider).toBe('oidc');
    expect(session.user?.roles).toEqual([{ role: 'department-editor', orgUnitId: amt61?.id }]);
  });

  it('replaces the roles at the next login of the same subject, without a second account', async () => {
    const { subject, account } = newAccount(['communications']);
    const first = await sessionOf(await loginAs(subject));
    expect(first.user?.roles).toEqual([{ role: 'communications', orgUnitId: null }]);

    idp().setAccount(subject, { ...account, roles: ['department-editor@AMT61', 'dpo'] });
    const second = await sessionOf(await loginAs(subject));

    const amt61 = await findOrgUnitByCode(get().db, 'AMT61');
    expect(second.user?.id).toBe(first.user?.id);
    expect(second.user?.roles).toEqual(
      expect.arrayContaining([
        { role: 'department-editor', orgUnitId: amt61?.id },
        { role: 'dpo', orgUnitId: null },
      ]),
    );
    expect(second.user?.roles).toHaveLength(2);
    expect(await usersWithSubject(subject)).toHaveLength(1);
    const actions = await auditActionsFor(first.user?.id ?? '');
    expect(actions).toEqual(['user.created', 'auth.login', 'auth.login']);
  });

  it('refuses a subject whose role claim maps to no role and creates no account', async () => {
    const { subject, account } = newAccount([
      'unknown-role',
      'department-editor',
      'department-editor@NOPE',
    ]);

    expectRejected(await loginAs(subject));

    expect(await usersWithSubject(subject)).toEqual([]);
    const byEmail = await get()
      .db.selectFrom('users')
      .select('id')
      .where('email', '=', account.email)
      .execute();
    expect(byEmail).toEqual([]);
  });

  it('refuses a callback with a tampered state or without the flow cookie', async () => {
    const { subject } = newAccount(['communications']);
    const { authorizationUrl, flowCookie } = await startLogin();
    const returned = await idp().authorize(authorizationUrl, subject);

    const withoutCookie = await callback(returned, undefined);
    expectRejected(withoutCookie);

    const wrongState = new URL(returned);
    wrongState.searchParams.set('state', 'x'.repeat(43));
    expectRejected(await callback(wrongState, flowCookie));

    // The flow cookie of another login attempt: its state, nonce and verifier do not match.
    const other = await startLogin();
    expectRejected(await callback(returned, other.flowCookie));

    // The genuine flow data (state, nonce, verifier), but without the server's signature.
    const signed = decodeURIComponent(flowCookie.slice('sf_oidc='.length));
    const unsigned = signed.slice(0, signed.lastIndexOf('.'));
    expect(JSON.parse(unsigned)).toMatchObject({ state: returned.searchParams.get('state') });
    expectRejected(await callback(returned, `sf_oidc=${encodeURIComponent(unsigned)}`));

    expect(await usersWithSubject(subject)).toEqual([]);

    // The very same authorization response is accepted with its own flow cookie: only the
    // tampering above made the difference.
    const session = await sessionOf(await callback(returned, flowCookie));
    expect(session.user?.roles).toEqual([{ role: 'communications', orgUnitId: null }]);
  });

  it('answers 404 sso_not_configured when no OpenID provider is configured', async () => {
    const plain = await createTestApp(get(), { env: { PUBLIC_URL } });
    try {
      const response = await plain.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ code: 'sso_not_configured' });
      expect(setCookie(response, 'sf_oidc')).toBeUndefined();

      const session = await plain.app.inject({ method: 'GET', url: '/api/session' });
      expect(session.json<SessionInfo>().oidcEnabled).toBe(false);
    } finally {
      await plain.app.close();
    }
  });
});
