import { randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxStore, SandboxToken } from '../sandbox.store.ts';

export const META = 'meta';

/** The one Facebook user, Page and linked Instagram professional account the sandbox knows. */
export interface MetaSandboxOptions {
  readonly graphVersion: string;
  readonly userId: string;
  readonly pageId: string;
  readonly pageName: string;
  readonly igUserId: string;
  /** How long Meta "processes" an Instagram container before it is FINISHED. */
  readonly containerProcessingMs: number;
  /** `content_publishing_limit`: posts per moving 24 hours (media_publish reference, 2025: 50). */
  readonly igPublishQuota: number;
  /** Graph calls per hour that make `X-App-Usage.call_count` reach 100 %. */
  readonly appCallsPerHour: number;
}

export const DEFAULT_META_SANDBOX_OPTIONS: MetaSandboxOptions = {
  graphVersion: 'v21.0',
  userId: '100000000000001',
  pageId: '200000000000001',
  pageName: 'Stadt Sandbox',
  igUserId: '17841400000000001',
  containerProcessingMs: 0,
  igPublishQuota: 50,
  appCallsPerHour: 4800,
};

export interface MetaContainer {
  readonly id: string;
  readonly igUserId: string;
  readonly createdAt: number;
  readonly caption: string;
  readonly imageUrl: string | null;
  readonly altText: string | null;
  readonly isCarouselItem: boolean;
  readonly children: readonly string[];
  /** Set when the fetched media was unusable: the container ends in ERROR. */
  readonly error: string | null;
  published: boolean;
}

export interface MetaComment {
  readonly id: string;
  readonly objectId: string;
  readonly parentId: string | null;
  readonly network: 'facebook' | 'instagram';
  readonly fromId: string;
  readonly fromName: string;
  readonly text: string;
  readonly createdAt: number;
  hidden: boolean;
}

/** A Graph error injected over `/_sandbox/meta/graph-errors` for the next `count` calls. */
export interface InjectedGraphError {
  readonly code: number;
  readonly subcode: number | null;
  readonly status: number;
  count: number;
}

export class MetaState {
  /** Login codes with the permissions the person granted in the dialog. */
  readonly codes = new Map<
    string,
    { redirectUri: string; expiresAt: number; scopes: readonly string[] }
  >();
  /** Unpublished page photos (`published=false`), attachable to a feed post. */
  readonly photos = new Map<string, { pageId: string }>();
  readonly containers = new Map<string, MetaContainer>();
  readonly comments = new Map<string, MetaComment>();
  readonly injected: InjectedGraphError[] = [];
  readonly calls: number[] = [];
}

const states = new WeakMap<SandboxStore, MetaState>();

export function metaState(store: SandboxStore): MetaState {
  let state = states.get(store);
  if (state === undefined) {
    state = new MetaState();
    states.set(store, state);
  }
  return state;
}

/** Meta's one error shape; `fbtrace_id` is what Meta support asks for. */
export function graphError(
  code: number,
  message: string,
  subcode: number | null = null,
  type = 'OAuthException',
): { error: Record<string, unknown> } {
  return {
    error: {
      message,
      type,
      code,
      ...(subcode === null ? {} : { error_subcode: subcode }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

/** Messages as Meta words them for the codes the sandbox can produce. */
const MESSAGES: Readonly<Record<number, string>> = {
  1: 'An unknown error occurred',
  2: 'An unexpected error has occurred. Please retry your request later.',
  4: 'Application request limit reached',
  10: '(#10) Application does not have permission for this action',
  17: 'User request limit reached',
  32: 'Page request limit reached',
  100: 'Invalid parameter',
  190: 'Error validating access token: Session has expired.',
  200: '(#200) Permissions error',
  613: 'Calls to this api have exceeded the rate limit.',
};

export function messageFor(code: number): string {
  return MESSAGES[code] ?? (code >= 80001 ? 'There have been too many calls.' : 'Error');
}

/** The fault guard's error body: 429 as Meta's app throttle, 5xx as unknown/temporary errors. */
export function guardErrorBody(status: number): unknown {
  if (status === 429) {
    return graphError(4, messageFor(4));
  }
  return status === 500 ? graphError(1, messageFor(1)) : graphError(2, messageFor(2));
}

function isThrottle(code: number): boolean {
  return [4, 17, 32, 613].includes(code) || (code >= 80001 && code <= 80014);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ') === true) {
    return header.slice('Bearer '.length);
  }
  // The Graph API also takes the token as a query or form parameter.
  const query = request.query as Record<string, unknown> | undefined;
  const body = request.body as Record<string, unknown> | FormData | undefined;
  const fromQuery = query?.access_token;
  if (typeof fromQuery === 'string') {
    return fromQuery;
  }
  const fromBody = body instanceof FormData ? body.get('access_token') : body?.access_token;
  return typeof fromBody === 'string' ? fromBody : undefined;
}

/**
 * Everything a Graph call goes through before it acts: counted against `X-App-Usage`, the fault
 * guard, an injected Graph error, and the access token (190 when missing, unknown or expired).
 * Returns the token record, or null when the request has been answered.
 */
export async function enterGraph(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SandboxToken | null> {
  const state = metaState(ctx.store);
  const now = ctx.store.now();
  state.calls.push(now);
  while (state.calls.length > 0 && (state.calls[0] ?? now) <= now - 3_600_000) {
    state.calls.shift();
  }
  const usage = Math.min(100, Math.floor((state.calls.length * 100) / options.appCallsPerHour));
  void reply.header(
    'x-app-usage',
    JSON.stringify({ call_count: usage, total_cputime: usage, total_time: usage }),
  );
  if (!(await ctx.guard(META, request, reply, guardErrorBody))) {
    return null;
  }
  if (usage >= 100) {
    await reply.status(400).send(graphError(4, messageFor(4)));
    return null;
  }
  const injected = state.injected[0];
  if (injected !== undefined) {
    injected.count -= 1;
    if (injected.count <= 0) {
      state.injected.shift();
    }
    if (isThrottle(injected.code)) {
      void reply.header(
        'x-business-use-case-usage',
        JSON.stringify({
          [options.pageId]: [
            {
              type: 'pages',
              call_count: 100,
              total_cputime: 100,
              total_time: 100,
              estimated_time_to_regain_access: 5,
            },
          ],
        }),
      );
    }
    await reply
      .status(injected.status)
      .send(graphError(injected.code, messageFor(injected.code), injected.subcode));
    return null;
  }
  const token = ctx.store.validToken(META, bearer(request));
  if (token === undefined) {
    await reply.status(400).send(graphError(190, messageFor(190), 463));
    return null;
  }
  return token;
}

/** Page tokens act for the page and its linked Instagram account; user tokens for neither. */
export function mayActFor(
  token: SandboxToken,
  options: MetaSandboxOptions,
  ownerId: string,
): boolean {
  return (
    token.accountId === options.pageId &&
    (ownerId === options.pageId || ownerId === options.igUserId)
  );
}

/** A token from the admin API has no scopes, which means "everything" (a developer's own test token). */
export function hasScope(token: SandboxToken, scope: string): boolean {
  return token.scopes.length === 0 || token.scopes.includes(scope);
}

/** Meta's answer to a call the login did not grant a permission for (code 10 or 200). */
export function missingPermission(
  reply: FastifyReply,
  code: 10 | 200,
  scope: string,
): FastifyReply {
  return reply
    .status(403)
    .send(graphError(code, `${messageFor(code)}: requires the ${scope} permission`));
}

export function unsupported(
  reply: FastifyReply,
  method: string,
  id: string,
): Promise<FastifyReply> | FastifyReply {
  return reply
    .status(400)
    .send(
      graphError(
        100,
        `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        33,
        'GraphMethodException',
      ),
    );
}

export function invalidParameter(reply: FastifyReply, message: string): FastifyReply {
  return reply.status(400).send(graphError(100, `(#100) ${message}`));
}

/** Reads a field from a form object, a multipart FormData or a JSON body. */
export function field(body: unknown, name: string): string | undefined {
  if (body instanceof FormData) {
    const value = body.get(name);
    return typeof value === 'string' ? value : undefined;
  }
  if (typeof body === 'object' && body !== null) {
    const value: unknown = (body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
