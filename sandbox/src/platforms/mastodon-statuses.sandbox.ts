import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import { mastodonLength } from './mastodon-entities.sandbox.ts';
import {
  baseUrlOf,
  beginAuthenticated,
  beginRequest,
  canSee,
  flag,
  idParams,
  idSchema,
  renderStatus,
  sendError,
  VISIBILITIES,
} from './mastodon-http.sandbox.ts';
import { IDEMPOTENCY_TTL_SECONDS } from './mastodon-state.sandbox.ts';

/**
 * Writing and fetching single statuses: `POST /api/v1/statuses` with Mastodon's validation and its
 * `Idempotency-Key` (kept one hour, per account), `GET` and `DELETE /api/v1/statuses/:id`.
 */

const statusBody = z.object({
  status: z.string().optional(),
  media_ids: z
    .union([z.array(idSchema), idSchema])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  in_reply_to_id: idSchema.nullable().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  sensitive: flag.optional(),
  spoiler_text: z.string().optional(),
  language: z.string().nullable().optional(),
});

export function registerMastodonStatuses(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/api/v1/statuses', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'write:statuses',
    });
    if (start === undefined) {
      return reply;
    }
    const { state, account } = start;
    const baseUrl = baseUrlOf(request);
    const key = request.headers['idempotency-key'];
    const idempotencyKey = typeof key === 'string' && key !== '' ? key : null;
    if (idempotencyKey !== null) {
      const existingId = ctx.store.idempotentPostId('mastodon', account.id, idempotencyKey);
      if (existingId !== undefined) {
        const existing = ctx.store.postById('mastodon', existingId);
        return existing === undefined
          ? sendError(reply, 404, 'Record not found')
          : reply.send(renderStatus(ctx, state, existing, baseUrl));
      }
    }
    const parsed = statusBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      return sendError(
        reply,
        422,
        `Validation failed: ${parsed.error.issues.map((i) => `${i.path.join('.')} is invalid`).join(', ')}`,
      );
    }
    const body = parsed.data;
    const text = body.status ?? '';
    const spoilerText = body.spoiler_text ?? '';
    const { settings } = state;
    if (body.media_ids.length > settings.maxMediaAttachments) {
      return sendError(reply, 422, `Cannot attach more than ${settings.maxMediaAttachments} files`);
    }
    const media = body.media_ids.map((id) => state.media.get(id));
    const missing = body.media_ids.filter((_id, i) => {
      const item = media[i];
      return item === undefined || item.accountId !== account.id || item.statusId !== null;
    });
    if (missing.length > 0) {
      return sendError(
        reply,
        422,
        `Media ${missing.join(', ')} not found or already attached to another post`,
      );
    }
    if (text.trim() === '' && body.media_ids.length === 0) {
      return sendError(reply, 422, "Validation failed: Text can't be blank");
    }
    if (mastodonLength(text, spoilerText, settings) > settings.maxCharacters) {
      return sendError(
        reply,
        422,
        `Validation failed: Text character limit of ${settings.maxCharacters} exceeded`,
      );
    }
    let inReplyToAccountId: string | null = null;
    const inReplyToId = body.in_reply_to_id ?? null;
    if (inReplyToId !== null) {
      const parent = ctx.store.postById('mastodon', inReplyToId);
      if (parent === undefined || !canSee(parent, state.statusMeta.get(parent.id), account)) {
        return sendError(
          reply,
          404,
          'The post you are trying to reply to does not appear to exist.',
        );
      }
      inReplyToAccountId = parent.accountId;
    }
    const attached = media.filter((item) => item !== undefined);
    const post = ctx.store.addPost({
      id: newId(ctx.store.now()),
      platform: 'mastodon',
      accountId: account.id,
      text,
      createdAt: new Date(ctx.store.now()),
      media: attached.map((item) => ({ id: item.id, description: item.description })),
      extra: { author: `@${account.username}`, inReplyToId: body.in_reply_to_id ?? null },
    });
    state.statusMeta.set(post.id, {
      inReplyToId: body.in_reply_to_id ?? null,
      inReplyToAccountId,
      visibility: body.visibility ?? 'public',
      spoilerText,
      language: body.language ?? 'de',
      sensitive: body.sensitive ?? false,
    });
    for (const item of attached) {
      item.statusId = post.id;
    }
    if (
      inReplyToAccountId !== null &&
      inReplyToAccountId !== account.id &&
      state.account(inReplyToAccountId).domain === null
    ) {
      state.notifications.push({
        id: newId(ctx.store.now()),
        type: 'mention',
        accountId: inReplyToAccountId,
        fromAccountId: account.id,
        statusId: post.id,
        createdAt: post.createdAt,
      });
    }
    if (idempotencyKey !== null) {
      ctx.store.rememberIdempotencyKey(
        'mastodon',
        account.id,
        idempotencyKey,
        post.id,
        IDEMPOTENCY_TTL_SECONDS,
      );
    }
    if (ctx.dropAfterWrite('mastodon', reply)) {
      return reply;
    }
    return reply.send(renderStatus(ctx, state, post, baseUrl));
  });

  app.get('/api/v1/statuses/:id', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, {
      auth: 'optional',
      scope: 'read:statuses',
    });
    if (start === undefined) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById('mastodon', id);
    if (post === undefined || !canSee(post, start.state.statusMeta.get(id), start.account)) {
      return sendError(reply, 404, 'Record not found');
    }
    const viewerId = start.account?.id ?? null;
    return reply.send(renderStatus(ctx, start.state, post, baseUrlOf(request), false, viewerId));
  });

  app.delete('/api/v1/statuses/:id', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'write:statuses',
      throttle: 'delete',
    });
    if (start === undefined) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById('mastodon', id);
    // `current_account.statuses.find`: someone else's status is as absent as a missing one.
    if (post === undefined || post.accountId !== start.account.id) {
      return sendError(reply, 404, 'Record not found');
    }
    const rendered = renderStatus(ctx, start.state, post, baseUrlOf(request), true);
    post.deleted = true;
    // A deleted status leaves the profile's pinned ones too (StatusPin is destroyed with it).
    const pins = start.state.pins.get(post.accountId) ?? [];
    start.state.pins.set(
      post.accountId,
      pins.filter((pinned) => pinned !== post.id),
    );
    return reply.send(rendered);
  });
}
