import type { FastifyInstance } from 'fastify';

import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import { generateMastodonComment, registerMastodonAdmin } from './mastodon-admin.sandbox.ts';
import { registerMastodonEdits } from './mastodon-edits.sandbox.ts';
import { codePointLength, mediaJson } from './mastodon-entities.sandbox.ts';
import {
  baseUrlOf,
  beginAuthenticated,
  beginRequest,
  idParams,
  sendError,
} from './mastodon-http.sandbox.ts';
import { mastodonInstanceJson } from './mastodon-instance.sandbox.ts';
import { registerMastodonOAuth } from './mastodon-oauth.sandbox.ts';
import { SUPPORTED_IMAGE_TYPES } from './mastodon-state.sandbox.ts';
import { registerMastodonStatuses } from './mastodon-statuses.sandbox.ts';
import { registerMastodonTimelines } from './mastodon-timelines.sandbox.ts';

/**
 * The Mastodon API subset the connector uses, at Mastodon's own paths. They sit at the root because
 * masto resolves absolute paths against the instance origin, so a path prefix would be lost; other
 * platforms' plugins must stay clear of `/api/*` and `/oauth/*`.
 */

function registerMedia(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/api/v2/media', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'write:media',
      throttle: 'media',
    });
    if (start === undefined) {
      return reply;
    }
    const { state, account } = start;
    const form = request.body instanceof FormData ? request.body : new FormData();
    const file = form.get('file');
    if (!(file instanceof File)) {
      return sendError(reply, 422, "Validation failed: File can't be blank");
    }
    if (!SUPPORTED_IMAGE_TYPES.includes(file.type)) {
      return sendError(
        reply,
        422,
        'Validation failed: File content type is invalid, File is invalid',
      );
    }
    if (file.size > state.settings.imageSizeLimit) {
      const megabytes = Math.floor(state.settings.imageSizeLimit / (1024 * 1024));
      return sendError(
        reply,
        422,
        `Validation failed: File file size must be less than ${megabytes} MB`,
      );
    }
    const description = form.get('description');
    const text = typeof description === 'string' && description !== '' ? description : null;
    if (text !== null && codePointLength(text) > state.settings.descriptionLimit) {
      return sendError(
        reply,
        422,
        `Validation failed: Description is too long (maximum is ${state.settings.descriptionLimit} characters)`,
      );
    }
    const media = {
      id: newId(ctx.store.now()),
      accountId: account.id,
      mimeType: file.type,
      size: file.size,
      description: text,
      statusId: null,
    };
    state.media.set(media.id, media);
    // Images are processed synchronously, so Mastodon answers 200 with the URL (video would be 202).
    return reply.send(mediaJson(media, baseUrlOf(request)));
  });

  app.get('/api/v1/media/:id', async (request, reply) => {
    const start = await beginAuthenticated(ctx, request, reply, {
      scope: 'write:media',
    });
    if (start === undefined) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    const media = start.state.media.get(id);
    if (media === undefined || media.accountId !== start.account.id) {
      return sendError(reply, 404, 'Record not found');
    }
    return reply.send(mediaJson(media, baseUrlOf(request)));
  });
}

function registerInstance(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/api/v2/instance', async (request, reply) => {
    const start = await beginRequest(ctx, request, reply, { auth: 'none' });
    if (start === undefined) {
      return reply;
    }
    return reply.send(mastodonInstanceJson(start.state, baseUrlOf(request)));
  });
}

export const mastodonSandbox: SandboxPlugin = {
  platform: 'mastodon',
  register(app, ctx) {
    registerInstance(app, ctx);
    registerMastodonOAuth(app, ctx);
    registerMastodonStatuses(app, ctx);
    registerMastodonEdits(app, ctx);
    registerMastodonTimelines(app, ctx);
    registerMedia(app, ctx);
    registerMastodonAdmin(app, ctx);
  },
  generateComment: generateMastodonComment,
};
