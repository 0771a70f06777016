// Shortcuts through the HTTP API for files that do not test the setup or invite pages: the first
// account from the setup link, further accounts from invite links. The same requests the UI sends.
import type { ServerProcess } from './server-process.ts';
import type { Person } from './suite.ts';

/** A signed-in API client: the session cookie and the CSRF token that goes with it. */
export interface ApiSession {
  readonly base: string;
  readonly cookie: string;
  readonly csrfToken: string;
}

/** The server listens on 127.0.0.1; Node's fetch may try ::1 first for "localhost". */
function apiBase(server: ServerProcess): string {
  return `http://127.0.0.1:${new URL(server.url).port}`;
}

function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (token === null) {
    throw new Error(`no token in ${link}`);
  }
  return token;
}

async function send(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  }
  return response;
}

async function sessionFrom(base: string, response: Response): Promise<ApiSession> {
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('sf_session='));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  if (cookie === undefined) {
    throw new Error('no session cookie in the answer');
  }
  return { base, cookie, csrfToken };
}

/** `POST /api/setup` with the token of the printed setup link; the person is then signed in. */
export async function setUpFirstAccount(
  server: ServerProcess,
  person: Person,
): Promise<ApiSession> {
  const link = server.setupLink();
  if (link === undefined) {
    throw new Error(`no setup link printed\n${server.output()}`);
  }
  const base = apiBase(server);
  const response = await send(`${base}/api/setup`, {
    token: tokenOf(link),
    email: person.email,
    displayName: person.name,
    password: person.password,
  });
  return sessionFrom(base, response);
}

export interface RoleGrant {
  readonly role: string;
  readonly orgUnitId: string | null;
}

/**
 * Creates an account (`POST /api/users`, CSRF header as the UI sends it) and accepts its invite
 * with the person's password (`POST /api/auth/accept-invite`).
 */
export async function addAccount(
  admin: ApiSession,
  person: Person,
  roles: readonly RoleGrant[],
): Promise<void> {
  const created = await send(
    `${admin.base}/api/users`,
    { email: person.email, displayName: person.name, roles },
    { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
  );
  const { inviteUrl } = (await created.json()) as { inviteUrl: string };
  const accepted = await send(`${admin.base}/api/auth/accept-invite`, {
    token: tokenOf(inviteUrl),
    password: person.password,
  });
  await accepted.body?.cancel();
}

export interface Json {
  readonly [key: string]: unknown;
}

/** One JSON request with the session's cookie and CSRF token; throws on any non-2xx answer. */
export async function callApi(
  session: ApiSession | undefined,
  method: string,
  url: string,
  body?: unknown,
): Promise<Json> {
  if (session === undefined) {
    throw new Error('no admin session');
  }
  const response = await fetch(url, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url}: ${String(response.status)} ${text}`);
  }
  return text === '' ? {} : (JSON.parse(text) as Json);
}
