import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from '../sandbox.comments.ts';
import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { MastodonState } from './mastodon-state.sandbox.ts';
import { mastodonSettingsSchema, mastodonState } from './mastodon-state.sandbox.ts';

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
  readonly kinds: z.infer<typeof repliesBody>['kinds'];
}

/** Stores one citizen's status addressed to `recipientId` and notifies the recipient. */
function addComment(ctx: SandboxContext, input: CommentInput): Record<string, unknown> {
  const { state } = input;
  const comment = germanComment(state.generatedComments, input.kinds);
  state.generatedComments += 1;
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
  return {
    id: post.id,
    kind: comment.kind,
    text,
    account: `${author.username}@${author.domain ?? ''}`,
  };
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
      addComment(ctx, {
        state,
        recipientId: status.accountId,
        inReplyToId: status.id,
        visibility: 'public',
        kinds: body.kinds,
      }),
    );
    return reply.send({ items });
  });

  app.post('/_sandbox/mastodon/mentions', (request, reply) => {
    const state = mastodonState(ctx.store);
    const body = mentionsBody.parse(request.body);
    const items = Array.from({ length: body.count }, () =>
      addComment(ctx, {
        state,
        recipientId: body.accountId,
        inReplyToId: null,
        visibility: body.visibility,
        kinds: body.kinds,
      }),
    );
    return reply.send({ items });
  });
}
