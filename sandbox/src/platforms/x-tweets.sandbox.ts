import type { FastifyInstance } from 'fastify';
import twitterText from 'twitter-text';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import {
  authenticate,
  dailyTweets,
  decodePageToken,
  encodePageToken,
  guardX,
  invalidRequest,
  problem,
  withinRateLimit,
  X,
  xState,
  zodMessages,
} from './x-common.sandbox.ts';
import type { XSandboxOptions, XTweetMeta } from './x-common.sandbox.ts';
import { tweetObject, X_TWEET_FIELDS } from './x-render.sandbox.ts';

const MAX_WEIGHTED_LENGTH = 280;
const DAY_MS = 24 * 60 * 60 * 1000;
const snowflake = z.string().regex(/^\d{1,19}$/);
const xTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'must be YYYY-MM-DDTHH:mm:ssZ');

const createBody = z.strictObject({
  text: z.string().optional(),
  media: z
    .strictObject({
      media_ids: z.array(snowflake).min(1).max(4),
      tagged_user_ids: z.array(snowflake).optional(),
    })
    .optional(),
  reply: z
    .strictObject({
      in_reply_to_tweet_id: snowflake,
      exclude_reply_user_ids: z.array(snowflake).optional(),
    })
    .optional(),
  reply_settings: z.enum(['following', 'mentionedUsers', 'subscribers', 'verified']).optional(),
  nullcast: z.boolean().optional(),
});

const csv = z
  .string()
  .transform((value) => value.split(',').filter((part) => part !== ''))
  .optional();

const timelineQuery = z.strictObject({
  max_results: z.coerce.number().int().min(5).max(100).default(10),
  pagination_token: z.string().min(1).optional(),
  since_id: snowflake.optional(),
  until_id: snowflake.optional(),
  start_time: xTime.optional(),
  end_time: xTime.optional(),
  exclude: csv.pipe(z.array(z.enum(['replies', 'retweets'])).optional()),
  'tweet.fields': csv.pipe(z.array(z.enum(X_TWEET_FIELDS)).optional()),
  expansions: z.string().optional(),
});

export function registerXTweets(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: XSandboxOptions,
): void {
  const state = xState(ctx.store);
  const metaOf = (post: SandboxPost): XTweetMeta => state.metaOf(post);

  scope.get('/2/users/me', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'users-me', token.accountId, reply))
    ) {
      return reply;
    }
    const { id, name, username } = state.user(token.accountId);
    return reply.send({ data: { id, name, username } });
  });

  scope.post('/2/tweets', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'tweets-create', token.accountId, reply))
    ) {
      return reply;
    }
    const daily = dailyTweets(ctx.store, options, token.accountId);
    const setDailyHeaders = (remaining: number): void => {
      void reply.headers({
        'x-user-limit-24hour-limit': String(options.tweetsPer24h),
        'x-user-limit-24hour-remaining': String(remaining),
        'x-user-limit-24hour-reset': String(daily.reset),
      });
    };
    setDailyHeaders(daily.remaining);
    const parsed = createBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).send(invalidRequest(zodMessages(parsed.error)));
    }
    const body = parsed.data;
    const text = body.text ?? '';
    const mediaIds = body.media?.media_ids ?? [];
    if (text.trim() === '' && mediaIds.length === 0) {
      return reply.status(400).send(invalidRequest(['Tweet text is empty.']));
    }
    // Same counter as X's own (twitter-text), so emoji weigh 2 and every URL 23.
    if (twitterText.parseTweet(text).weightedLength > MAX_WEIGHTED_LENGTH) {
      return reply
        .status(400)
        .send(
          invalidRequest([
            'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.',
          ]),
        );
    }
    const media = mediaIds.map((id) => state.media.get(id));
    const usable = media.every(
      (item) =>
        item !== undefined &&
        item.finalized &&
        item.expiresAt > ctx.store.now() &&
        item.ownerIds.includes(token.accountId),
    );
    const animated = media.some((item) => item !== undefined && item.category !== 'tweet_image');
    if (!usable || (animated && media.length > 1)) {
      return reply.status(400).send(invalidRequest(['Your media IDs are invalid.']));
    }
    const inReplyTo = body.reply?.in_reply_to_tweet_id ?? null;
    const parent = inReplyTo === null ? undefined : ctx.store.postById(X, inReplyTo);
    if (inReplyTo !== null && parent === undefined) {
      return reply
        .status(403)
        .send(
          problem(403, 'You attempted to reply to a Tweet that is deleted or not visible to you.'),
        );
    }
    if (daily.remaining === 0) {
      return reply.status(429).send(problem(429));
    }
    const since = ctx.store.now() - DAY_MS;
    const duplicate = ctx.store
      .postsOf(X, token.accountId)
      .some((post) => post.text === text && post.createdAt.getTime() > since);
    if (duplicate) {
      return reply
        .status(403)
        .send(problem(403, 'You are not allowed to create a Tweet with duplicate content.'));
    }

    const post = ctx.store.addPost({
      id: newId(ctx.store.now()),
      platform: X,
      accountId: token.accountId,
      text,
      createdAt: new Date(ctx.store.now()),
      media: media.flatMap((item) =>
        item === undefined ? [] : [{ id: item.id, description: item.altText }],
      ),
      extra: { inReplyToTweetId: inReplyTo },
    });
    const meta: XTweetMeta = {
      inReplyToTweetId: inReplyTo,
      inReplyToUserId: parent?.accountId ?? null,
      conversationId: parent === undefined ? post.id : metaOf(parent).conversationId,
      mediaKeys: media.flatMap((item) => (item === undefined ? [] : [item.mediaKey])),
      hidden: false,
    };
    state.tweets.set(post.id, meta);
    setDailyHeaders(daily.remaining - 1);
    // Fault injection: the tweet exists, but the client never learns its id.
    if (ctx.dropAfterWrite(X, reply)) {
      return reply;
    }
    const created = tweetObject(post, meta, new Set());
    return reply.status(201).send({ data: created });
  });

  scope.delete('/2/tweets/:id', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'tweets-delete', token.accountId, reply))
    ) {
      return reply;
    }
    const params = z.object({ id: snowflake }).safeParse(request.params);
    if (!params.success) {
      return reply.status(400).send(invalidRequest(zodMessages(params.error)));
    }
    const post = ctx.store.postById(X, params.data.id);
    if (post === undefined) {
      return reply
        .status(404)
        .send(problem(404, `Could not find tweet with id: [${params.data.id}].`));
    }
    if (post.accountId !== token.accountId) {
      return reply.status(403).send(problem(403, 'You are not allowed to delete this Tweet.'));
    }
    post.deleted = true;
    return reply.send({ data: { deleted: true } });
  });

  // Newest first, as X lists a user's timeline; pagination tokens are opaque to the client.
  scope.get('/2/users/:id/tweets', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'users-tweets', token.accountId, reply))
    ) {
      return reply;
    }
    const params = z.object({ id: snowflake }).safeParse(request.params);
    const query = timelineQuery.safeParse(request.query);
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
    const matching = ctx.store
      .postsOf(X, params.data.id)
      .filter(
        (post) =>
          (q.since_id === undefined || BigInt(post.id) > BigInt(q.since_id)) &&
          (q.until_id === undefined || BigInt(post.id) < BigInt(q.until_id)) &&
          (olderThan === null || BigInt(post.id) < olderThan) &&
          (startMs === null || post.createdAt.getTime() >= startMs) &&
          (endMs === null || post.createdAt.getTime() <= endMs) &&
          !(q.exclude?.includes('replies') === true && metaOf(post).inReplyToTweetId !== null),
      )
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = matching.slice(0, q.max_results);
    const fields = new Set<string>(q['tweet.fields'] ?? []);
    const first = page[0];
    const last = page.at(-1);
    if (first === undefined || last === undefined) {
      return reply.send({ meta: { result_count: 0 } });
    }
    return reply.send({
      data: page.map((post) => tweetObject(post, metaOf(post), fields)),
      meta: {
        result_count: page.length,
        newest_id: first.id,
        oldest_id: last.id,
        ...(matching.length > page.length ? { next_token: encodePageToken(last.id) } : {}),
      },
    });
  });
}
