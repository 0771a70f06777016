import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from '../sandbox.comments.ts';
import type { GeneratedComment } from '../sandbox.comments.ts';
import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxCommentEvent } from '../sandbox.webhooks.ts';
import type { MastodonState } from './mastodon-state.sandbox.ts';
import {
  CITY_ACCOUNT_ID,
  mastodonSettingsSchema,
  mastodonState,
} from './mastodon-state.sandbox.ts';

/**
 * Admin routes of the Mastodon sandbox: change the instance's limits, and let citizens reply to a
 * status or mention an account (German comments, including offensive ones and ones with a phone
 * number or an e-mail address), so the inbox has something to read.
 */

const repliesBody = z.strictObject({
  statusId: z.string().min(1),
  count: z.number().int().min(1).max(200).default(3),
  kinds: z.array(z.enum(COMMENT_KINDS)).optional(),
});
const mentionsBody = z.strictObject({
  accountId: z.string().min(1),
  count: z.number().int().min(1).max(200).default(3),
  kinds: z.array(z.enum(COMMENT_KINDS)).optional(),
  /** `direct` makes them private messages (Mastodon's DMs are direct-visibility mentions). */
  visibility: z.enum(['public', 'direct']).default('public'),
});

interface CommentInput {
  readonly state: MastodonState;
  readonly recipientId: string;
  readonly inReplyToId: string | null;
  readonly visibility: 'public' | 'direct';
  readonly comment: GeneratedComment;
}

interface AddedComment {
  readonly view: Record<string, unknown>;
  readonly event: SandboxCommentEvent;
}

/** Stores one citizen's status addressed to `recipientId` and notifies the recipient. */
function addComment(ctx: SandboxContext, input: CommentInput): AddedComment {
  const { state, comment } = input;
  const author = state.remoteAccount(
    comment.author.username,
    comment.author.domain,
    comment.author.displayName,
    newId(ctx.store.now()),
  );
  const recipient = state.account(input.recipientId);
  const now = new Date(ctx.store.now());
  // Replies on Mastodon start with the mention of the person replied to.
  const text = `@${recipient.username} ${comment.text}`;
  const post = ctx.store.addPost({
    id: newId(ctx.store.now()),
    platform: 'mastodon',
    accountId: author.id,
    text,
    createdAt: now,
    media: [],
    extra: { author: `@${author.username}@${author.domain ?? ''}`, inReplyToId: input.inReplyToId },
  });
  state.statusMeta.set(post.id, {
    inReplyToId: input.inReplyToId,
    inReplyToAccountId: input.inReplyToId === null ? null : recipient.id,
    visibility: input.visibility,
    spoilerText: '',
    language: 'de',
    sensitive: false,
  });
  state.notifications.push({
    id: newId(ctx.store.now()),
    type: 'mention',
    accountId: recipient.id,
    fromAccountId: author.id,
    statusId: post.id,
    createdAt: now,
  });
  const account = `${author.username}@${author.domain ?? ''}`;
  return {
    view: { id: post.id, kind: comment.kind, text, account },
    event: {
      platform: 'mastodon',
      network: 'mastodon',
      accountId: recipient.id,
      kind:
        input.visibility === 'direct'
          ? 'direct-message'
          : input.inReplyToId === null
            ? 'mention'
            : 'comment',
      commentId: post.id,
      postId: input.inReplyToId,
      text,
      authorId: author.id,
      authorName: author.displayName,
      createdAt: now,
    },
  };
}

/** Seeding routes: the next comment of the instance's sequence, announced like any other. */
function addSeeded(
  ctx: SandboxContext,
  input: Omit<CommentInput, 'comment'>,
  kinds: z.infer<typeof repliesBody>['kinds'],
): Record<string, unknown> {
  const comment = germanComment(input.state.generatedComments, kinds);
  input.state.generatedComments += 1;
  const added = addComment(ctx, { ...input, comment });
  ctx.notifyComment(added.event);
  return added.view;
}

/**
 * The stream's hook: a citizen replies to the newest status of a local account (the city's), or
 * mentions the city account while it has posted nothing yet; Mastodon's inbox is its mentions.
 */
export function generateMastodonComment(
  ctx: SandboxContext,
  comment: GeneratedComment,
): SandboxCommentEvent {
  const state = mastodonState(ctx.store);
  const newest = ctx.store
    .postsOf('mastodon')
    .filter((post) => state.accounts.get(post.accountId)?.domain === null)
    .at(-1);
  return addComment(ctx, {
    state,
    recipientId: newest?.accountId ?? CITY_ACCOUNT_ID,
    inReplyToId: newest?.id ?? null,
    visibility: 'public',
    comment,
  }).event;
}

export function registerMastodonAdmin(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/_sandbox/mastodon/instance', (_request, reply) =>
    reply.send(mastodonState(ctx.store).settings),
  );
  app.post('/_sandbox/mastodon/instance', (request, reply) => {
    const state = mastodonState(ctx.store);
    const changes = mastodonSettingsSchema.partial().parse(request.body);
    state.settings = { ...state.settings, ...changes };
    return reply.send(state.settings);
  });

  app.post('/_sandbox/mastodon/replies', (request, reply) => {
    const state = mastodonState(ctx.store);
    const body = repliesBody.parse(request.body);
    const status = ctx.store.postById('mastodon', body.statusId);
    if (status === undefined) {
      return reply.status(404).send({ error: 'unknown status' });
    }
    const items = Array.from({ length: body.count }, () =>
      addSeeded(
        ctx,
        { state, recipientId: status.accountId, inReplyToId: status.id, visibility: 'public' },
        body.kinds,
      ),
    );
    return reply.send({ items });
  });

  app.post('/_sandbox/mastodon/mentions', (request, reply) => {
    const state = mastodonState(ctx.store);
    const body = mentionsBody.parse(request.body);
    const items = Array.from({ length: body.count }, () =>
      addSeeded(
        ctx,
        { state, recipientId: body.accountId, inReplyToId: null, visibility: body.visibility },
        body.kinds,
      ),
    );
    return reply.send({ items });
  });
}
