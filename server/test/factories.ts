import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { hashPassword } from '../src/access/passwords.ts';
import { findRootOrgUnit, insertOrgUnitRow } from '../src/access/org-units.repository.ts';
import { insertUserRow, replaceUserRoles } from '../src/access/users.repository.ts';
import type { Database } from '../src/database/database.types.ts';
import type { OrgUnitKind, Role } from '../src/shared/enum.ts';
import { seedOrganisation } from '../src/seed/stuttgart.seed.ts';
import type { FastifyZod } from '../src/http/fastify-zod.ts';

export const TEST_PASSWORD = 'ein-langes-testpasswort';
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = 'person'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@example.org`;
}

export async function buildOrgUnit(
  db: Kysely<Database>,
  overrides: { name?: string; code?: string; kind?: OrgUnitKind; parentId?: string } = {},
): Promise<{ id: string; code: string }> {
  await seedOrganisation(db);
  const root = await findRootOrgUnit(db);
  const code = overrides.code ?? `T-${randomBytes(4).toString('hex')}`;
  const row = await insertOrgUnitRow(db, {
    parent_id: overrides.parentId ?? root?.id ?? null,
    name: overrides.name ?? `Testamt ${code}`,
    code,
    kind: overrides.kind ?? 'office',
  });
  return { id: row.id, code: row.code };
}

/** A local user with the test password and the given roles (unit-scoped where needed). */
export async function buildUser(
  db: Kysely<Database>,
  overrides: {
    email?: string;
    displayName?: string;
    roles?: { role: Role; orgUnitId?: string | null }[];
    disabled?: boolean;
    password?: string | null;
  } = {},
): Promise<{ id: string; email: string }> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? uniqueEmail();
  const passwordHash =
    overrides.password === null
      ? null
      : overrides.password === undefined
        ? await cachedHash
        : await hashPassword(overrides.password);
  const row = await insertUserRow(db, {
    email,
    display_name: overrides.displayName ?? 'Test Person',
    locale: 'de',
    password_hash: passwordHash,
    auth_provider: 'local',
    oidc_subject: null,
    locked_until: null,
    last_login_at: null,
    disabled: overrides.disabled ?? false,
  });
  await replaceUserRoles(
    db,
    row.id,
    (overrides.roles ?? [{ role: 'communications' }]).map((r) => ({
      role: r.role,
      orgUnitId: r.orgUnitId ?? null,
    })),
  );
  return { id: row.id, email };
}

export interface Agent {
  readonly cookie: string;
  readonly csrfToken: string;
  headers(extra?: Record<string, string>): Record<string, string>;
}

/** Logs in through the API and returns what a browser would hold: cookie and CSRF token. */
export async function loginAs(
  app: FastifyZod,
  email: string,
  password = TEST_PASSWORD,
): Promise<Agent> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  }
  const setCookie = response.cookies.find((c) => c.name === 'sf_session');
  if (setCookie === undefined) {
    throw new Error('no session cookie');
  }
  const cookie = `sf_session=${setCookie.value}`;
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrfToken,
    headers: (extra = {}) => ({ cookie, 'x-csrf-token': csrfToken, ...extra }),
  };
}
