import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import {
  apiError,
  apiOk,
  authorizeApi,
  guardTikTok,
  invalidParam,
  TIKTOK,
  TIKTOK_SANDBOX_USERNAME,
  tiktokState,
  withinRate,
} from './tiktok-common.sandbox.ts';
import type { TikTokPublish, TikTokSandboxOptions } from './tiktok-common.sandbox.ts';

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;
const uploadQuery = z.object({ upload_id: z.string().min(1), upload_token: z.string().min(1) });
const statusBody = z.object({ publish_id: z.string().min(1) });

/** An MP4/MOV file carries an `ftyp` box at byte 4; anything else fails TikTok's format check. */
function looksLikeVideo(bytes: Buffer): boolean {
  return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
}

/**
 * Moves a publish on: TikTok processes on its own clock, so a publish completes after enough
 * status polls or enough time after its media arrived. A completed post lands in the store.
 */
export function settle(
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
  publish: TikTokPublish,
  polled: boolean,
): void {
  if (publish.status === 'PUBLISH_COMPLETE' || publish.status === 'FAILED') {
    return;
  }
  if (publish.mediaReadyAt === null) {
    return;
  }
  if (polled) {
    publish.polls += 1;
  }
  const now = ctx.store.now();
  if (
    publish.polls < options.processingPolls &&
    now - publish.mediaReadyAt < options.processingMs
  ) {
    return;
  }
  if (publish.mediaType === 'VIDEO' && !looksLikeVideo(Buffer.concat(publish.uploaded))) {
    publish.status = 'FAILED';
    publish.failReason = 'file_format_check_failed';
    return;
  }
  publish.status = 'PUBLISH_COMPLETE';
  publish.postId = newId(now);
  publish.uploaded = [];
  ctx.store.addPost({
    id: publish.postId,
    platform: TIKTOK,
    accountId: publish.accountId,
    text: publish.caption,
    createdAt: new Date(now),
    media: Array.from({ length: publish.mediaCount }, (_, index) => ({
      id: `${publish.postId ?? ''}-${index}`,
      description: null,
    })),
    extra: {
      author: `@${TIKTOK_SANDBOX_USERNAME}`,
      publishId: publish.publishId,
      privacyLevel: publish.privacyLevel,
      mediaType: publish.mediaType,
      title: publish.title,
    },
  });
}

export function settleAll(ctx: SandboxContext, options: TikTokSandboxOptions): void {
  for (const publish of tiktokState(ctx.store).publishes.values()) {
    settle(ctx, options, publish, false);
  }
}

/** The status answer with post ids as raw JSON int64 numbers, exactly as TikTok sends them. */
function statusJson(publish: TikTokPublish): string {
  const publicIds =
    publish.postId !== null && publish.privacyLevel === 'PUBLIC_TO_EVERYONE'
      ? [publish.postId]
      : [];
  const body = apiOk({
    status: publish.status,
    ...(publish.failReason === null ? {} : { fail_reason: publish.failReason }),
    publicaly_available_post_id: '__IDS__',
    ...(publish.mediaType === 'VIDEO'
      ? { uploaded_bytes: publish.uploadedBytes }
      : { downloaded_bytes: publish.uploadedBytes }),
  });
  return JSON.stringify(body).replace('"__IDS__"', `[${publicIds.join(',')}]`);
}

export function registerTikTokStatus(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
): void {
  const state = tiktokState(ctx.store);

  // The upload URL lives on open-upload.tiktokapis.com; it carries its own credentials.
  scope.put('/tiktok-upload/video/', async (request, reply) => {
    if (!(await guardTikTok(ctx, request, reply))) {
      return reply;
    }
    const query = uploadQuery.safeParse(request.query);
    const publish = query.success ? state.publishes.get(query.data.upload_id) : undefined;
    if (publish === undefined || publish.uploadToken !== query.data?.upload_token) {
      return reply.status(404).send(apiError('invalid_param', 'Unknown upload.'));
    }
    if (publish.mediaReadyAt !== null) {
      return reply.status(400).send(apiError('invalid_file_upload', 'Upload already complete.'));
    }
    const range = CONTENT_RANGE.exec(request.headers['content-range'] ?? '');
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    if (range === null || body === undefined) {
      return reply
        .status(400)
        .send(apiError('invalid_file_upload', 'Content-Range and a video body are required.'));
    }
    const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const index = publish.uploaded.length;
    const final = index === publish.totalChunkCount - 1;
    const expectedEnd = final ? publish.videoSize - 1 : first + publish.chunkSize - 1;
    // Chunks go strictly in order, each exactly chunk_size, the last taking the remainder.
    if (
      total !== publish.videoSize ||
      first !== publish.uploadedBytes ||
      first !== index * publish.chunkSize ||
      last !== expectedEnd ||
      body.length !== last - first + 1
    ) {
      return reply
        .status(416)
        .send(
          apiError(
            'invalid_file_upload',
            `Expected bytes ${index * publish.chunkSize}-${expectedEnd}/${publish.videoSize}.`,
          ),
        );
    }
    publish.uploaded.push(body);
    publish.uploadedBytes += body.length;
    if (!final) {
      return reply.status(206).send();
    }
    publish.mediaReadyAt = ctx.store.now();
    // With the last byte TikTok starts publishing: the write that may become visible.
    if (ctx.dropAfterWrite(TIKTOK, reply)) {
      return reply;
    }
    return reply.status(201).send();
  });

  scope.post('/v2/post/publish/status/fetch/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, []);
    if (token === undefined || !(await withinRate(ctx, token, 'status', reply))) {
      return reply;
    }
    const body = statusBody.safeParse(request.body);
    if (!body.success) {
      return invalidParam(reply, body.error.message);
    }
    const publish = state.publishes.get(body.data.publish_id);
    if (publish === undefined || publish.accountId !== token.accountId) {
      return invalidParam(reply, 'The publish_id is invalid.');
    }
    settle(ctx, options, publish, true);
    return reply.type('application/json; charset=utf-8').send(statusJson(publish));
  });

  // Sandbox admin: every publish with its state, so tests see processing ones too.
  scope.get('/_sandbox/tiktok/publishes', (_request, reply) => {
    settleAll(ctx, options);
    return reply.send({
      items: [...state.publishes.values()].map((publish) => ({
        publishId: publish.publishId,
        mediaType: publish.mediaType,
        caption: publish.caption,
        title: publish.title,
        privacyLevel: publish.privacyLevel,
        status: publish.status,
        failReason: publish.failReason,
        postId: publish.postId,
        uploadedBytes: publish.uploadedBytes,
      })),
    });
  });
}
