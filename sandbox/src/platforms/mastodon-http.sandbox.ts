import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { compareIds } from '../sandbox.store.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import { accountJson, statusJson } from './mastodon-entities.sandbox.ts';
import type {
  MastodonAccount,
  MastodonState,
  MastodonStatusMeta,
} from './mastodon-state.sandbox.ts';
import { mastodonState, scopeGranted } from './mastodon-state.sandbox.ts';

/** Shared request handling of the Mastodon routes: faults, throttles, tokens, error bodies. */

const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  // config/locales/en.yml `errors.*`, as Mastodon renders them for API requests.
  429: 'Too many requests',
  500: "We're sorry, but something went wrong on our end.",
  502: 'Bad gateway',
  503: 'The page could not be served due to a temporary server failure.',
  504: 'Gateway timeout',
};

export function mastodonErrorBody(status: number): { error: string } {
  return { error: ERROR_MESSAGES[status] ?? 'Something went wrong' };
}

export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.status(status).send({ error: message });
}

/** The instance's own origin, as the client reached it (links in entities point there). */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) {
    return undefined;
  }
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

export interface RouteOptions {
  /** `required`: 401 without a valid token; `optional`: public endpoints that accept one. */
  readonly auth: 'required' | 'optional' | 'none';
  readonly scope?: string;
  /** An extra Rack::Attack throttle beside the general API one. */
  readonly throttle?: 'media' | 'delete';
}

export interface RouteStart {
  readonly state: MastodonState;
  readonly account: MastodonAccount | null;
}

/**
 * Runs what Mastodon runs before a controller: the injected fault, Rack::Attack's throttles
 * (with X-RateLimit headers), then Doorkeeper's token and scope checks. Returns undefined when the
 * request has been answered already.
 */
export async function beginRequest(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: RouteOptions,
): Promise<RouteStart | undefined> {
  if (!(await ctx.guard('mastodon', request, reply, mastodonErrorBody))) {
    return undefined;
  }
  const state = mastodonState(ctx.store);
  const token = bearerToken(request);
  const record = token === undefined ? undefined : ctx.store.validToken('mastodon', token);

  const throttles: { bucket: string; key: string; limit: number; period: number }[] = [
    {
      bucket: 'api',
      key: token ?? request.ip,
      limit: state.settings.apiRequestsPer5Minutes,
      period: 300,
    },
  ];
  if (options.throttle === 'media' && record !== undefined) {
    throttles.push({
      bucket: 'media',
      key: record.accountId,
      limit: state.settings.mediaUploadsPer30Minutes,
      period: 1800,
    });
  }
  if (options.throttle === 'delete' && record !== undefined) {
    throttles.push({
      bucket: 'delete',
      key: record.accountId,
      limit: state.settings.deletesPer30Minutes,
      period: 1800,
    });
  }
  for (const throttle of throttles) {
    const result = state.throttle(throttle.bucket, throttle.key, throttle.limit, throttle.period);
    reply
      .header('x-ratelimit-limit', String(result.limit))
      .header('x-ratelimit-remaining', String(result.remaining))
      .header('x-ratelimit-reset', new Date(result.resetsAt).toISOString());
    if (!result.allowed) {
      // Real Mastodon sends no Retry-After here: clients read X-RateLimit-Reset.
      await sendError(reply, 429, mastodonErrorBody(429).error);
      return undefined;
    }
  }

  if (options.auth === 'none') {
    return { state, account: null };
  }
  if (token === undefined) {
    if (options.auth === 'required') {
      await sendError(reply, 401, 'This method requires an authenticated user');
      return undefined;
    }
    return { state, account: null };
  }
  if (record === undefined) {
    await sendError(reply, 401, 'The access token is invalid');
    return undefined;
  }
  if (options.scope !== undefined && !scopeGranted(record.scopes, options.scope)) {
    await sendError(reply, 403, 'This action is outside the authorized scopes');
    return undefined;
  }
  return { state, account: state.account(record.accountId) };
}

/** `beginRequest` for endpoints that need a signed-in account (401 without one). */
export async function beginAuthenticated(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: Omit<RouteOptions, 'auth'>,
): Promise<{ state: MastodonState; account: MastodonAccount } | undefined> {
  const start = await beginRequest(ctx, request, reply, { ...options, auth: 'required' });
  return start?.account === undefined || start.account === null
    ? undefined
    : { state: start.state, account: start.account };
}

/**
 * A stored status as the API renders it (account, media, reply counts, edit time). `viewerId`:
 * the signed-in account, which alone sees whether its own status is pinned.
 */
export function renderStatus(
  ctx: SandboxContext,
  state: MastodonState,
  post: SandboxPost,
  baseUrl: string,
  withSource = false,
  viewerId: string | null = null,
): Record<string, unknown> {
  const meta = state.statusMeta.get(post.id) ?? {
    inReplyToId: null,
    inReplyToAccountId: null,
    visibility: 'public',
    spoilerText: '',
    language: null,
    sensitive: false,
  };
  const posts = ctx.store.postsOf('mastodon');
  // In the status's own order, which an edit may change.
  const media = post.media.flatMap((item) => {
    const stored = state.media.get(item.id);
    return stored?.statusId === post.id ? [stored] : [];
  });
  const repliesCount = posts.filter(
    (other) => state.statusMeta.get(other.id)?.inReplyToId === post.id,
  ).length;
  const author = state.account(post.accountId);
  const authorJson = accountJson(
    author,
    baseUrl,
    posts.filter((other) => other.accountId === author.id).length,
  );
  const editedAt = state.edits.get(post.id)?.at(-1)?.createdAt ?? null;
  const pinnable = viewerId === post.accountId && meta.visibility !== 'direct';
  const pinned = pinnable ? (state.pins.get(viewerId)?.includes(post.id) ?? false) : undefined;
  return statusJson(
    { post, meta, account: authorJson, media, repliesCount, editedAt, pinned },
    baseUrl,
    withSource,
  );
}

/** Mastodon's cursor paging over id-ordered items: newest first, `min_id` pages forward. */
export interface PageQuery {
  readonly limit: number;
  readonly maxId?: string | undefined;
  readonly sinceId?: string | undefined;
  readonly minId?: string | undefined;
}

export function pageOf<T extends { readonly id: string }>(
  items: readonly T[],
  query: PageQuery,
): T[] {
  const newestFirst = [...items].sort((a, b) => compareIds(b.id, a.id));
  const filtered = newestFirst.filter(
    (item) =>
      (query.maxId === undefined || compareIds(item.id, query.maxId) < 0) &&
      (query.sinceId === undefined || compareIds(item.id, query.sinceId) > 0) &&
      (query.minId === undefined || compareIds(item.id, query.minId) > 0),
  );
  // min_id returns the page immediately newer than the cursor, still sorted newest first.
  return query.minId === undefined ? filtered.slice(0, query.limit) : filtered.slice(-query.limit);
}

/** The Link header Mastodon sends with paged lists (next = older, prev = newer). */
export function linkHeader(
  request: FastifyRequest,
  page: readonly { readonly id: string }[],
): string | undefined {
  const newest = page[0];
  const oldest = page.at(-1);
  if (newest === undefined || oldest === undefined) {
    return undefined;
  }
  const base = `${baseUrlOf(request)}${request.url.split('?')[0] ?? ''}`;
  return `<${base}?max_id=${oldest.id}>; rel="next", <${base}?min_id=${newest.id}>; rel="prev"`;
}

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export const idSchema = z.union([z.string(), z.number()]).transform(String);
export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const numericId = z.string().regex(/^\d{1,30}$/);
export const idParams = z.object({ id: z.string().min(1).max(100) });
export const pageQuery = (defaultLimit: number, maxLimit: number) =>
  z.object({
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .transform((v) => Math.min(v ?? defaultLimit, maxLimit)),
    max_id: numericId.optional(),
    since_id: numericId.optional(),
    min_id: numericId.optional(),
  });

/** Mastodon shows a private or direct status only to its author and the people it addresses. */
export function canSee(
  post: SandboxPost,
  meta: MastodonStatusMeta | undefined,
  viewer: MastodonAccount | null,
): boolean {
  if (meta === undefined || meta.visibility === 'public' || meta.visibility === 'unlisted') {
    return true;
  }
  return (
    viewer !== null &&
    (viewer.id === post.accountId ||
      viewer.id === meta.inReplyToAccountId ||
      post.text.includes(`@${viewer.username}`))
  );
}

/** Query lists come as `types[]=a&types[]=b` (Rails style) or plain repeated keys. */
export function queryList(request: FastifyRequest, name: string): string[] {
  const query = request.query as Record<string, string | string[] | undefined>;
  return [query[`${name}[]`], query[name]].flatMap((value) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value],
  );
}
