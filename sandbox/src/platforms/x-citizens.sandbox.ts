import { createHash } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from '../sandbox.comments.ts';
import type { GeneratedComment } from '../sandbox.comments.ts';
import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import type { SandboxCommentEvent } from '../sandbox.webhooks.ts';
import { X, xState, zodMessages } from './x-common.sandbox.ts';
import type { XState, XUser } from './x-common.sandbox.ts';
import { X_SANDBOX_USER_ID } from './x-oauth.sandbox.ts';

/**
 * Citizens on X: tweets by other users that reply to a city tweet or mention the city account,
 * so that `GET /2/users/:id/mentions` has something to serve. Seeded over the admin route
 * `POST /_sandbox/x/mentions` or by the comment stream through `generateXComment`.
 */

const mentionsBody = z.strictObject({
  count: z.number().int().min(1).max(500).default(1),
  kinds: z.array(z.enum(COMMENT_KINDS)).default([]),
  /** Reply to this tweet (a comment); without it the citizens only mention `accountId`. */
  tweetId: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  accountId: z
    .string()
    .regex(/^\d{1,19}$/)
    .default(X_SANDBOX_USER_ID),
});

/** One X user per sandbox commenter, with a stable numeric id derived from the handle. */
function citizen(state: XState, comment: GeneratedComment): XUser {
  const digest = createHash('sha256').update(comment.author.username).digest();
  const id = `17${(digest.readBigUInt64BE() % 10n ** 17n).toString().padStart(17, '0')}`;
  const user: XUser = { id, username: comment.author.username, name: comment.author.displayName };
  state.citizens.set(id, user);
  return user;
}

interface CitizenTweet {
  readonly view: Record<string, unknown>;
  readonly event: SandboxCommentEvent;
}

/** Stores a citizen's tweet to the city account `recipientId`, as a reply to `parent` if given. */
function addCitizenTweet(
  ctx: SandboxContext,
  recipientId: string,
  parent: SandboxPost | undefined,
  comment: GeneratedComment,
): CitizenTweet {
  const state = xState(ctx.store);
  const author = citizen(state, comment);
  // X puts the replied-to handle first, and a mention needs it anyway.
  const text = `@${state.user(recipientId).username} ${comment.text}`;
  const now = ctx.store.now();
  const post = ctx.store.addPost({
    id: newId(now),
    platform: X,
    accountId: author.id,
    text,
    createdAt: new Date(now),
    media: [],
    extra: { inReplyToTweetId: parent?.id ?? null },
  });
  state.tweets.set(post.id, {
    inReplyToTweetId: parent?.id ?? null,
    inReplyToUserId: parent?.accountId ?? null,
    conversationId: parent === undefined ? post.id : state.metaOf(parent).conversationId,
    mediaKeys: [],
    hidden: false,
  });
  return {
    view: { id: post.id, kind: comment.kind, text, author: author.username },
    event: {
      platform: X,
      network: X,
      accountId: recipientId,
      kind: parent === undefined ? 'mention' : 'comment',
      commentId: post.id,
      postId: parent?.id ?? null,
      text,
      authorId: author.id,
      authorName: author.name,
      createdAt: post.createdAt,
    },
  };
}

/**
 * The stream's hook: a citizen replies to the newest tweet of a city account, or mentions the
 * account that signs in on the consent page while the city has tweeted nothing yet.
 */
export function generateXComment(
  ctx: SandboxContext,
  comment: GeneratedComment,
): SandboxCommentEvent {
  const state = xState(ctx.store);
  const newest = ctx.store
    .postsOf(X)
    .filter((post) => !state.citizens.has(post.accountId))
    .at(-1);
  return addCitizenTweet(ctx, newest?.accountId ?? X_SANDBOX_USER_ID, newest, comment).event;
}

export function registerXCitizens(scope: FastifyInstance, ctx: SandboxContext): void {
  scope.post('/_sandbox/x/mentions', async (request, reply) => {
    const parsed = mentionsBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      return reply.status(400).send({ error: zodMessages(parsed.error).join('; ') });
    }
    const body = parsed.data;
    const state = xState(ctx.store);
    const parent = body.tweetId === undefined ? undefined : ctx.store.postById(X, body.tweetId);
    if (body.tweetId !== undefined && parent === undefined) {
      return reply.status(404).send({ error: 'unknown tweet' });
    }
    const recipientId = parent?.accountId ?? body.accountId;
    const items = Array.from({ length: body.count }, () => {
      const comment = germanComment(state.generatedComments, body.kinds);
      state.generatedComments += 1;
      const added = addCitizenTweet(ctx, recipientId, parent, comment);
      ctx.notifyComment(added.event);
      return added.view;
    });
    return reply.send({ items });
  });
}
