import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import {
  authenticate,
  decodePageToken,
  encodePageToken,
  guardX,
  hasScopes,
  invalidRequest,
  problem,
  withinRateLimit,
  X,
  xState,
  zodMessages,
} from './x-common.sandbox.ts';
import type { XSandboxOptions, XState } from './x-common.sandbox.ts';
import { tweetObject, X_TWEET_FIELDS } from './x-render.sandbox.ts';

/**
 * The inbox side of X: `GET /2/users/:id/mentions` (tweets of others that mention the user,
 * replies included, newest first, with `since_id` and pagination tokens) and
 * `PUT /2/tweets/:id/hidden` (hide replies in a conversation the user started).
 */

const snowflake = z.string().regex(/^\d{1,19}$/);
const X_EXPANSIONS = ['author_id', 'in_reply_to_user_id', 'referenced_tweets.id'] as const;
const X_USER_FIELDS = ['id', 'name', 'username', 'created_at', 'description'] as const;

function csvOf<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((value) => value.split(',').filter((part) => part !== ''))
    .pipe(z.array(z.enum(values)))
    .optional();
}

const mentionsQuery = z.strictObject({
  max_results: z.coerce.number().int().min(5).max(100).default(10),
  pagination_token: z.string().min(1).optional(),
  since_id: snowflake.optional(),
  until_id: snowflake.optional(),
  start_time: z.iso.datetime().optional(),
  end_time: z.iso.datetime().optional(),
  expansions: csvOf(X_EXPANSIONS),
  'tweet.fields': csvOf(X_TWEET_FIELDS),
  'user.fields': csvOf(X_USER_FIELDS),
});

const hiddenBody = z.strictObject({ hidden: z.boolean() });

/** X lists a tweet among a user's mentions when it names them or replies to one of theirs. */
export function mentions(state: XState, post: SandboxPost, userId: string): boolean {
  if (post.accountId === userId) {
    return false;
  }
  const handle = new RegExp(`(^|[^\\w@])@${state.user(userId).username}(?!\\w)`, 'iu');
  return state.metaOf(post).inReplyToUserId === userId || handle.test(post.text);
}

function userJson(state: XState, id: string, fields: ReadonlySet<string>): Record<string, unknown> {
  const user = state.user(id);
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    ...(fields.has('description') ? { description: '' } : {}),
  };
}

export function registerXMentions(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: XSandboxOptions,
): void {
  const state = xState(ctx.store);

  scope.get('/2/users/:id/mentions', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'users-mentions', token.accountId, reply)) ||
      !(await hasScopes(token, ['tweet.read', 'users.read'], reply))
    ) {
      return reply;
    }
    const params = z.object({ id: snowflake }).safeParse(request.params);
    const query = mentionsQuery.safeParse(request.query);
    if (!params.success || !query.success) {
      const messages = [
        ...(params.success ? [] : zodMessages(params.error)),
        ...(query.success ? [] : zodMessages(query.error)),
      ];
      return reply.status(400).send(invalidRequest(messages));
    }
    const q = query.data;
    const olderThan = q.pagination_token === undefined ? null : decodePageToken(q.pagination_token);
    if (q.pagination_token !== undefined && olderThan === null) {
      return reply.status(400).send(invalidRequest(['pagination_token: invalid token']));
    }
    const startMs = q.start_time === undefined ? null : Date.parse(q.start_time);
    const endMs = q.end_time === undefined ? null : Date.parse(q.end_time);
    const userId = params.data.id;
    const matching = ctx.store
      .postsOf(X)
      .filter(
        (post) =>
          mentions(state, post, userId) &&
          (q.since_id === undefined || BigInt(post.id) > BigInt(q.since_id)) &&
          (q.until_id === undefined || BigInt(post.id) < BigInt(q.until_id)) &&
          (olderThan === null || BigInt(post.id) < olderThan) &&
          (startMs === null || post.createdAt.getTime() >= startMs) &&
          (endMs === null || post.createdAt.getTime() <= endMs),
      )
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = matching.slice(0, q.max_results);
    const first = page[0];
    const last = page.at(-1);
    if (first === undefined || last === undefined) {
      return reply.send({ meta: { result_count: 0 } });
    }
    const expansions = new Set<string>(q.expansions ?? []);
    // An expansion brings its id field along, as on X.
    const fields = new Set<string>([
      ...(q['tweet.fields'] ?? []),
      ...(expansions.has('author_id') ? ['author_id'] : []),
      ...(expansions.has('in_reply_to_user_id') ? ['in_reply_to_user_id'] : []),
      ...(expansions.has('referenced_tweets.id') ? ['referenced_tweets'] : []),
    ]);
    const userFields = new Set<string>(q['user.fields'] ?? []);
    const userIds = new Set<string>();
    for (const post of page) {
      if (expansions.has('author_id')) {
        userIds.add(post.accountId);
      }
      const replyTo = state.metaOf(post).inReplyToUserId;
      if (expansions.has('in_reply_to_user_id') && replyTo !== null) {
        userIds.add(replyTo);
      }
    }
    const referenced = expansions.has('referenced_tweets.id')
      ? page.flatMap((post) => {
          const parentId = state.metaOf(post).inReplyToTweetId;
          const parent = parentId === null ? undefined : ctx.store.postById(X, parentId);
          return parent === undefined ? [] : [tweetObject(parent, state.metaOf(parent), fields)];
        })
      : [];
    const includes = {
      ...(userIds.size === 0
        ? {}
        : { users: [...userIds].map((id) => userJson(state, id, userFields)) }),
      ...(referenced.length === 0 ? {} : { tweets: referenced }),
    };
    return reply.send({
      data: page.map((post) => tweetObject(post, state.metaOf(post), fields)),
      ...(Object.keys(includes).length === 0 ? {} : { includes }),
      meta: {
        result_count: page.length,
        newest_id: first.id,
        oldest_id: last.id,
        ...(matching.length > page.length ? { next_token: encodePageToken(last.id) } : {}),
      },
    });
  });

  scope.put('/2/tweets/:id/hidden', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'tweets-hidden', token.accountId, reply)) ||
      !(await hasScopes(token, ['tweet.read', 'users.read', 'tweet.moderate.write'], reply))
    ) {
      return reply;
    }
    const params = z.object({ id: snowflake }).safeParse(request.params);
    const body = hiddenBody.safeParse(request.body);
    if (!params.success || !body.success) {
      const messages = [
        ...(params.success ? [] : zodMessages(params.error)),
        ...(body.success ? [] : zodMessages(body.error)),
      ];
      return reply.status(400).send(invalidRequest(messages));
    }
    const post = ctx.store.postById(X, params.data.id);
    if (post === undefined) {
      return reply
        .status(404)
        .send(problem(404, `Could not find tweet with id: [${params.data.id}].`));
    }
    const meta = state.metaOf(post);
    const root = ctx.store.postById(X, meta.conversationId);
    // Only replies, and only in a conversation the user started (docs.x.com hide replies).
    const own = root !== undefined && root.accountId === token.accountId;
    if (meta.inReplyToTweetId === null || post.accountId === token.accountId || !own) {
      return reply.status(403).send(problem(403));
    }
    // Hiding what is hidden (or unhiding what is not) succeeds all the same.
    meta.hidden = body.data.hidden;
    if (ctx.dropAfterWrite(X, reply)) {
      return reply;
    }
    return reply.send({ data: { hidden: meta.hidden } });
  });
}
