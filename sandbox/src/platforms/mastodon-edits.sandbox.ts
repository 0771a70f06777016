import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import {
  accountJson,
  contentHtml,
  mastodonLength,
  mediaJson,
} from './mastodon-entities.sandbox.ts';
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
} from './mastodon-http.sandbox.ts';
import type {
  MastodonAccount,
  MastodonState,
  MastodonStatusEdit,
} from './mastodon-state.sandbox.ts';

/**
 * Editing and pinning a published status, as Mastodon 3.5+ does it:
 * `PUT /api/v1/statuses/:id` (UpdateStatusService), `GET /api/v1/statuses/:id/history`,
 * `POST /api/v1/statuses/:id/pin` and `/unpin` (StatusPinValidator, `write:accounts`).
 */

const editBody = z.object({
  status: z.string().nullable().optional(),
  media_ids: z
    .union([z.array(idSchema), idSchema])
    .nullable()
    .optional()
    .transform((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])),
  spoiler_text: z.string().nullable().optional(),
  sensitive: flag.nullable().optional(),
  language: z.string().nullable().optional(),
});

/** What UpdateStatusService compares to decide whether an edit happened at all. */
interface Version {
  readonly text: string;
  readonly spoilerText: string;
  readonly sensitive: boolean;
  readonly language: string | null;
  readonly mediaIds: readonly string[];
}

function currentVersion(state: MastodonState, post: SandboxPost): Version {
  const meta = state.statusMeta.get(post.id);
  return {
    text: post.text,
    spoilerText: meta?.spoilerText ?? '',
    sensitive: meta?.sensitive ?? false,
    language: meta?.language ?? null,
    mediaIds: post.media.map((item) => item.id),
  };
}

function snapshot(version: Version, createdAt: Date): MastodonStatusEdit {
  const { text, spoilerText, sensitive, mediaIds } = version;
  return { text, spoilerText, sensitive, mediaIds, createdAt };
}

/**
 * The controller passes every parameter, given or not, so an omitted `media_ids` removes the
 * attachments and an omitted `spoiler_text` the content warning; only the language cascades.
 */
function requestedVersion(body: z.infer<typeof editBody>, current: Version): Version {
  const spoilerText = body.spoiler_text ?? '';
  const given = body.status ?? '';
  const text = given.trim() === '' ? spoilerText : given;
  return {
    text,
    spoilerText,
    sensitive: (body.sensitive ?? false) || spoilerText !== '',
    language: body.language ?? current.language,
    mediaIds: body.media_ids,
  };
}

function sameVersion(a: Version, b: Version): boolean {
  return (
    a.text === b.text &&
    a.spoilerText === b.spoilerText &&
    a.sensitive === b.sensitive &&
    a.language === b.language &&
    a.mediaIds.join(',') === b.mediaIds.join(',')
  );
}

/** Swaps in the edited record: the shared store keeps posts immutable apart from `deleted`. */
function replacePost(
  ctx: SandboxContext,
  state: MastodonState,
  post: SandboxPost,
  version: Version,
): SandboxPost {
  const edited: SandboxPost = {
    ...post,
    text: version.text,
    media: version.mediaIds.map((id) => ({
      id,
      description: state.media.get(id)?.description ?? null,
    })),
  };
  const index = ctx.store.posts.indexOf(post);
  ctx.store.posts[index] = edited;
  return edited;
}

function registerEdit(app: FastifyInstance, ctx: SandboxContext): void {
  app.put('/api/v1/statuses/:id', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, { scope: 'write:statuses' });
    if (start === undefined) {
      return reply;
    }
    const { state, account } = start;
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById('mastodon', id);
    // `Status.where(account: current_account).find`: someone else's status is simply not found.
    if (post === undefined || post.accountId !== account.id) {
      return sendError(reply, 404, 'Record not found');
    }
    const parsed = editBody.safeParse(request.body ?? {});
    if (!parsed.success) {
      return sendError(reply, 422, 'Validation failed: invalid parameters');
    }
    const current = currentVersion(state, post);
    const wanted = requestedVersion(parsed.data, current);
    const { settings } = state;
    if (wanted.mediaIds.length > settings.maxMediaAttachments) {
      return sendError(reply, 422, `Cannot attach more than ${settings.maxMediaAttachments} files`);
    }
    // Unknown or foreign media ids are dropped silently, as UpdateStatusService does.
    const mediaIds = wanted.mediaIds.filter((mediaId) => {
      const media = state.media.get(mediaId);
      return (
        media !== undefined &&
        media.accountId === account.id &&
        (media.statusId === null || media.statusId === post.id)
      );
    });
    const next: Version = { ...wanted, mediaIds };
    if (next.text.trim() === '' && mediaIds.length === 0) {
      return sendError(reply, 422, "Validation failed: Text can't be blank");
    }
    if (mastodonLength(next.text, next.spoilerText, settings) > settings.maxCharacters) {
      return sendError(
        reply,
        422,
        `Validation failed: Text character limit of ${settings.maxCharacters} exceeded`,
      );
    }
    let rendered = post;
    // No significant change: Mastodon swallows NoChangesSubmittedError and records no edit.
    if (!sameVersion(current, next)) {
      const now = new Date(ctx.store.now());
      const history = state.edits.get(post.id) ?? [snapshot(current, post.createdAt)];
      state.edits.set(post.id, [...history, snapshot(next, now)]);
      for (const media of state.media.values()) {
        if (media.statusId === post.id && !mediaIds.includes(media.id)) {
          media.statusId = null;
        }
        if (mediaIds.includes(media.id)) {
          media.statusId = post.id;
        }
      }
      const meta = state.statusMeta.get(post.id);
      if (meta !== undefined) {
        state.statusMeta.set(post.id, {
          ...meta,
          spoilerText: next.spoilerText,
          sensitive: next.sensitive,
          language: next.language,
        });
      }
      rendered = replacePost(ctx, state, post, next);
    }
    if (ctx.dropAfterWrite('mastodon', reply)) {
      return reply;
    }
    return reply.send(renderStatus(ctx, state, rendered, baseUrlOf(request), false, account.id));
  });

  app.get('/api/v1/statuses/:id/history', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, {
      auth: 'optional',
      scope: 'read:statuses',
    });
    if (start === undefined) {
      return reply;
    }
    const { state } = start;
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById('mastodon', id);
    if (post === undefined || !canSee(post, state.statusMeta.get(id), start.account)) {
      return sendError(reply, 404, 'Record not found');
    }
    const baseUrl = baseUrlOf(request);
    const versions = state.edits.get(id) ?? [snapshot(currentVersion(state, post), post.createdAt)];
    const author = accountJson(state.account(post.accountId), baseUrl, 0);
    return reply.send(
      versions.map((version) => ({
        content: contentHtml(version.text, baseUrl),
        spoiler_text: version.spoilerText,
        sensitive: version.sensitive,
        created_at: version.createdAt.toISOString(),
        account: author,
        poll: null,
        media_attachments: version.mediaIds.flatMap((mediaId) => {
          const media = state.media.get(mediaId);
          return media === undefined ? [] : [mediaJson(media, baseUrl)];
        }),
        emojis: [],
      })),
    );
  });
}

/** StatusPinValidator's checks, in its order; null when the pin is allowed. */
function pinError(
  state: MastodonState,
  post: SandboxPost,
  account: MastodonAccount,
  pins: readonly string[],
): string | null {
  if (post.accountId !== account.id) {
    return "Validation failed: Someone else's post cannot be pinned";
  }
  if (state.statusMeta.get(post.id)?.visibility === 'direct') {
    return 'Validation failed: Posts that are only visible to mentioned users cannot be pinned';
  }
  if (pins.length >= state.settings.maxPinnedStatuses && account.domain === null) {
    return 'Validation failed: You have already pinned the maximum number of posts';
  }
  // The unique index on (account_id, status_id); Api::BaseController maps RecordNotUnique.
  return pins.includes(post.id) ? 'Duplicate record' : null;
}

function registerPins(app: FastifyInstance, ctx: SandboxContext): void {
  for (const action of ['pin', 'unpin'] as const) {
    app.post(`/api/v1/statuses/:id/${action}`, async (request, reply) => {
      const start = await beginAuthenticated(ctx, request, reply, { scope: 'write:accounts' });
      if (start === undefined) {
        return reply;
      }
      const { state, account } = start;
      const { id } = idParams.parse(request.params);
      // `Status.find` without a visibility check, as the pins controller does.
      const post = ctx.store.postById('mastodon', id);
      if (post === undefined) {
        return sendError(reply, 404, 'Record not found');
      }
      const pins = state.pins.get(account.id) ?? [];
      if (action === 'pin') {
        const error = pinError(state, post, account, pins);
        if (error !== null) {
          return sendError(reply, 422, error);
        }
        state.pins.set(account.id, [...pins, post.id]);
      } else {
        // Unpinning what is not pinned answers 200 all the same.
        state.pins.set(
          account.id,
          pins.filter((pinned) => pinned !== post.id),
        );
      }
      if (ctx.dropAfterWrite('mastodon', reply)) {
        return reply;
      }
      return reply.send(renderStatus(ctx, state, post, baseUrlOf(request), false, account.id));
    });
  }
}

export function registerMastodonEdits(app: FastifyInstance, ctx: SandboxContext): void {
  registerEdit(app, ctx);
  registerPins(app, ctx);
}
