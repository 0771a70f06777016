import { randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import {
  authorizeGoogle,
  chargeInsert,
  chargeQuota,
  guardYouTube,
  partsOf,
  sendGoogleError,
  YOUTUBE,
  YOUTUBE_SCOPES,
  youtubeState,
} from './youtube-common.sandbox.ts';
import { registerYouTubePlaylists } from './youtube-playlists.sandbox.ts';
import type {
  YouTubeSandboxOptions,
  YouTubeUploadSession,
  YouTubeVideo,
} from './youtube-common.sandbox.ts';

/** Chunks of a resumable upload must be multiples of 256 KiB, except the last one. */
export const UPLOAD_CHUNK_GRANULARITY = 256 * 1024;

const READ_SCOPES = [
  YOUTUBE_SCOPES.readonly,
  YOUTUBE_SCOPES.youtube,
  YOUTUBE_SCOPES.forceSsl,
  YOUTUBE_SCOPES.upload,
];
const WRITE_SCOPES = [YOUTUBE_SCOPES.youtube, YOUTUBE_SCOPES.forceSsl];

const VIDEO_PARTS = new Set(['id', 'snippet', 'status', 'processingDetails', 'contentDetails']);

const insertQuery = z.object({
  uploadType: z.literal('resumable'),
  part: z.string().min(1),
});

const insertBody = z.object({
  snippet: z.object({
    title: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categoryId: z.string().optional(),
    defaultLanguage: z.string().optional(),
  }),
  status: z
    .object({
      privacyStatus: z.string().optional(),
      selfDeclaredMadeForKids: z.boolean().optional(),
      embeddable: z.boolean().optional(),
    })
    .optional(),
});

const uploadQuery = z.object({ uploadType: z.literal('resumable'), upload_id: z.string().min(1) });
const listQuery = z.object({ part: z.string().min(1), id: z.string().min(1) });
const deleteQuery = z.object({ id: z.string().min(1) });
const CONTENT_RANGE = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+)$/;

/** The checks Google documents for videos.insert metadata (videos resource, errors table). */
function metadataError(body: z.infer<typeof insertBody>): [string, string] | null {
  const title = body.snippet.title ?? '';
  if (title.trim() === '' || Array.from(title).length > 100 || /[<>]/.test(title)) {
    return ['invalidTitle', 'The request metadata specifies an invalid or empty video title.'];
  }
  const description = body.snippet.description ?? '';
  if (Buffer.byteLength(description, 'utf8') > 5000 || /[<>]/.test(description)) {
    return ['invalidDescription', 'The request metadata specifies an invalid video description.'];
  }
  const tags = body.snippet.tags ?? [];
  if (tags.reduce((sum, tag) => sum + tag.length, 0) > 500) {
    return ['invalidTags', 'The request metadata specifies invalid video keywords.'];
  }
  const privacy = body.status?.privacyStatus ?? 'public';
  if (!['public', 'unlisted', 'private'].includes(privacy)) {
    return ['invalidVideoMetadata', 'The request metadata is invalid.'];
  }
  return null;
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

function videoId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

const PROCESSING_STATUS: Readonly<Record<YouTubeVideo['uploadStatus'], string>> = {
  uploaded: 'processing',
  processed: 'succeeded',
  failed: 'failed',
  rejected: 'succeeded',
  deleted: 'terminated',
};

/** A video resource with the requested parts. */
export function videoResource(video: YouTubeVideo, parts: Set<string>): Record<string, unknown> {
  const resource: Record<string, unknown> = { kind: 'youtube#video', id: video.id };
  if (parts.has('snippet')) {
    resource.snippet = {
      publishedAt: new Date(video.publishedAt).toISOString(),
      channelId: video.channelId,
      title: video.title,
      description: video.description,
      tags: video.tags,
      categoryId: '25',
    };
  }
  if (parts.has('status')) {
    resource.status = {
      uploadStatus: video.uploadStatus,
      privacyStatus: video.privacyStatus,
      license: 'youtube',
      embeddable: true,
      publicStatsViewable: true,
      ...(video.failureReason === null ? {} : { failureReason: video.failureReason }),
      ...(video.rejectionReason === null ? {} : { rejectionReason: video.rejectionReason }),
    };
  }
  if (parts.has('processingDetails')) {
    resource.processingDetails = {
      processingStatus: PROCESSING_STATUS[video.uploadStatus],
      ...(video.uploadStatus === 'failed' ? { processingFailureReason: 'transcodeFailed' } : {}),
    };
  }
  if (parts.has('contentDetails')) {
    resource.contentDetails = { duration: 'PT1M', dimension: '2d', definition: 'hd' };
  }
  return resource;
}

/** One status poll of the owner: after `processingPolls` of them the plan takes effect. */
function poll(video: YouTubeVideo, options: YouTubeSandboxOptions): void {
  if (video.uploadStatus !== 'uploaded') {
    return;
  }
  video.polls += 1;
  if (video.polls < options.processingPolls) {
    return;
  }
  video.uploadStatus = video.plan.uploadStatus;
  if (video.plan.uploadStatus === 'failed') {
    video.failureReason = video.plan.failureReason;
  }
  if (video.plan.uploadStatus === 'rejected') {
    video.rejectionReason = video.plan.rejectionReason;
  }
}

export function registerYouTubeVideos(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
): void {
  const state = youtubeState(ctx.store);

  // Step 1 of a resumable upload: metadata in, session URI (Location) out. Nothing is visible.
  scope.post('/upload/youtube/v3/videos', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, [
      YOUTUBE_SCOPES.upload,
      YOUTUBE_SCOPES.youtube,
      YOUTUBE_SCOPES.forceSsl,
    ]);
    if (token === undefined || !(await chargeInsert(ctx, options, reply))) {
      return reply;
    }
    const query = insertQuery.safeParse(request.query);
    if (!query.success || !partsOf(query.data.part).has('snippet')) {
      return sendGoogleError(reply, 400, 'invalidParameter', 'uploadType/part are invalid.');
    }
    const body = insertBody.safeParse(request.body);
    if (!body.success) {
      return sendGoogleError(reply, 400, 'invalidVideoMetadata', body.error.message);
    }
    const invalid = metadataError(body.data);
    if (invalid !== null) {
      return sendGoogleError(reply, 400, invalid[0], invalid[1], 'youtube.video');
    }
    const mediaType = request.headers['x-upload-content-type'];
    if (
      typeof mediaType === 'string' &&
      !mediaType.startsWith('video/') &&
      mediaType !== 'application/octet-stream'
    ) {
      return sendGoogleError(reply, 400, 'badContent', 'Unsupported media content type.');
    }
    const declared = request.headers['x-upload-content-length'];
    const uploadId = randomBytes(18).toString('base64url');
    const session: YouTubeUploadSession = {
      channelId: token.accountId,
      metadata: {
        title: body.data.snippet.title ?? '',
        description: body.data.snippet.description ?? '',
        tags: body.data.snippet.tags ?? [],
        privacyStatus: body.data.status?.privacyStatus ?? 'public',
      },
      declaredLength: typeof declared === 'string' ? Number(declared) : null,
      chunks: [],
      received: 0,
    };
    state.uploads.set(uploadId, session);
    const location = `${originOf(request)}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${uploadId}`;
    return reply.status(200).header('location', location).send();
  });

  // Step 2: the bytes, whole or in chunks (Content-Range); 308 + Range until the last one.
  scope.put('/upload/youtube/v3/videos', async (request, reply) => {
    if (!(await guardYouTube(ctx, request, reply))) {
      return reply;
    }
    const query = uploadQuery.safeParse(request.query);
    const session = query.success ? state.uploads.get(query.data.upload_id) : undefined;
    if (query.data === undefined || session === undefined) {
      return sendGoogleError(reply, 404, 'notFound', 'Upload session not found.', 'global');
    }
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const range = request.headers['content-range'];
    const match = typeof range === 'string' ? CONTENT_RANGE.exec(range) : null;
    if (typeof range === 'string' && match === null) {
      return sendGoogleError(reply, 400, 'badRequest', 'Malformed Content-Range.', 'global');
    }
    const total = match === null ? bytes.length : Number(match[3]);
    if (session.declaredLength !== null && session.declaredLength !== total) {
      return sendGoogleError(
        reply,
        400,
        'badRequest',
        'Length differs from X-Upload-Content-Length.',
      );
    }
    if (match !== null && match[1] !== undefined) {
      const start = Number(match[1]);
      const end = Number(match[2]);
      const last = end + 1 === total;
      if (start !== session.received || end - start + 1 !== bytes.length || end >= total) {
        return sendGoogleError(reply, 400, 'badRequest', 'Content-Range does not fit the upload.');
      }
      if (!last && bytes.length % UPLOAD_CHUNK_GRANULARITY !== 0) {
        return sendGoogleError(reply, 400, 'badRequest', 'Chunks must be multiples of 256 KiB.');
      }
      session.chunks.push(bytes);
      session.received += bytes.length;
    } else if (match === null) {
      session.chunks.push(bytes);
      session.received = bytes.length;
    }
    if (session.received < total || total === 0) {
      const incomplete = reply.status(308);
      if (session.received > 0) {
        incomplete.header('range', `bytes=0-${session.received - 1}`);
      }
      return incomplete.send();
    }
    state.uploads.delete(query.data.upload_id);
    const now = ctx.store.now();
    const video: YouTubeVideo = {
      id: videoId(),
      channelId: session.channelId,
      ...session.metadata,
      publishedAt: now,
      bytes: total,
      uploadStatus: 'uploaded',
      failureReason: null,
      rejectionReason: null,
      polls: 0,
      plan: { uploadStatus: 'processed' },
    };
    state.videos.set(video.id, video);
    ctx.store.addPost({
      id: video.id,
      platform: YOUTUBE,
      accountId: video.channelId,
      text: `${video.title}\n\n${video.description}`,
      createdAt: new Date(now),
      media: [{ id: video.id, description: null }],
      extra: { author: options.channelTitle, title: video.title, description: video.description },
    });
    if (ctx.dropAfterWrite(YOUTUBE, reply)) {
      return reply;
    }
    return reply.status(200).send(videoResource(video, new Set(['snippet', 'status'])));
  });

  scope.get('/youtube/v3/videos', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, READ_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'videos.list'))) {
      return reply;
    }
    const query = listQuery.safeParse(request.query);
    if (!query.success) {
      return sendGoogleError(reply, 400, 'invalidParameter', query.error.message);
    }
    const parts = partsOf(query.data.part);
    const unknown = [...parts].find((part) => !VIDEO_PARTS.has(part));
    if (unknown !== undefined) {
      return sendGoogleError(reply, 400, 'invalidPart', `Unknown part: ${unknown}`);
    }
    const items = [];
    for (const id of query.data.id.split(',')) {
      const video = state.videos.get(id);
      if (video === undefined || video.uploadStatus === 'deleted') {
        continue;
      }
      const owner = video.channelId === token.accountId;
      if (owner && (parts.has('status') || parts.has('processingDetails'))) {
        poll(video, options);
      }
      if (owner || (video.privacyStatus === 'public' && video.uploadStatus === 'processed')) {
        items.push(videoResource(video, parts));
      }
    }
    return reply.send({
      kind: 'youtube#videoListResponse',
      pageInfo: { totalResults: items.length, resultsPerPage: items.length },
      items,
    });
  });

  registerYouTubePlaylists(scope, ctx, options);

  scope.delete('/youtube/v3/videos', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, WRITE_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'videos.delete'))) {
      return reply;
    }
    const query = deleteQuery.safeParse(request.query);
    const video = query.success ? state.videos.get(query.data.id) : undefined;
    if (video === undefined || video.uploadStatus === 'deleted') {
      return sendGoogleError(reply, 404, 'videoNotFound', 'The video could not be found.');
    }
    if (video.channelId !== token.accountId) {
      return sendGoogleError(reply, 403, 'forbidden', 'The video cannot be deleted.');
    }
    video.uploadStatus = 'deleted';
    const post = ctx.store.postById(YOUTUBE, video.id);
    if (post !== undefined) {
      post.deleted = true;
    }
    return reply.status(204).send();
  });
}
