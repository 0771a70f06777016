import { randomBytes } from 'node:crypto';

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import { newId } from '../sandbox.store.ts';
import {
  apiError,
  apiOk,
  authorizeApi,
  invalidParam,
  originOf,
  TIKTOK_SANDBOX_USERNAME,
  tiktokState,
  withinRate,
} from './tiktok-common.sandbox.ts';
import type { TikTokPublish, TikTokSandboxOptions } from './tiktok-common.sandbox.ts';

const MIB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRIVACY = z.enum([
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
]);

const videoInitBody = z.object({
  post_info: z.object({
    // TikTok counts UTF-16 units ("runes").
    title: z.string().max(2200).default(''),
    privacy_level: PRIVACY,
    disable_comment: z.boolean().default(false),
    disable_duet: z.boolean().default(false),
    disable_stitch: z.boolean().default(false),
    video_cover_timestamp_ms: z.number().int().min(0).optional(),
    brand_content_toggle: z.boolean().optional(),
    brand_organic_toggle: z.boolean().optional(),
  }),
  source_info: z.object({
    source: z.literal('FILE_UPLOAD'),
    video_size: z.number().int().positive(),
    chunk_size: z.number().int().positive(),
    total_chunk_count: z.number().int().min(1).max(1000),
  }),
});

const photoInitBody = z.object({
  media_type: z.literal('PHOTO'),
  post_mode: z.literal('DIRECT_POST'),
  post_info: z.object({
    title: z.string().max(90).default(''),
    description: z.string().max(4000).default(''),
    privacy_level: PRIVACY,
    disable_comment: z.boolean().default(false),
    auto_add_music: z.boolean().optional(),
    brand_content_toggle: z.boolean().optional(),
    brand_organic_toggle: z.boolean().optional(),
  }),
  source_info: z.object({
    source: z.literal('PULL_FROM_URL'),
    photo_cover_index: z.number().int().min(0),
    photo_images: z.array(z.url()).min(1).max(35),
  }),
});

/** What TikTok offers a public and a private account (Query Creator Info reference). */
function privacyOptions(options: TikTokSandboxOptions): string[] {
  return options.accountPrivate
    ? ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY']
    : ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'];
}

/** FILE_UPLOAD chunk rules of the Media Transfer Guide; null when they hold. */
function chunkProblem(size: number, chunk: number, count: number): string | null {
  if (size < 5 * MIB) {
    return chunk === size && count === 1 ? null : 'Videos under 5 MB go up as one chunk.';
  }
  if (chunk === size && count === 1) {
    return size <= 64 * MIB ? null : 'Videos over 64 MB must be uploaded in chunks.';
  }
  if (chunk < 5 * MIB || chunk > 64 * MIB) {
    return 'chunk_size must be between 5 MB and 64 MB.';
  }
  if (count !== Math.floor(size / chunk)) {
    return 'total_chunk_count must be video_size / chunk_size, rounded down.';
  }
  return size - (count - 1) * chunk > 128 * MIB ? 'The final chunk may not exceed 128 MB.' : null;
}

/** True when the request was refused (and already answered). */
type Refused = Promise<boolean>;

/** The refusals creator_info and both init endpoints share. */
async function refusePosting(
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
  token: SandboxToken,
  reply: FastifyReply,
): Refused {
  if (options.bannedFromPosting) {
    await reply
      .status(403)
      .send(apiError('spam_risk_user_banned_from_posting', 'The user is banned from posting.'));
    return true;
  }
  const since = ctx.store.now() - DAY_MS;
  const today = [...tiktokState(ctx.store).publishes.values()].filter(
    (entry) =>
      entry.accountId === token.accountId && entry.createdAt > since && entry.status !== 'FAILED',
  );
  if (today.length >= options.postsPerDay) {
    await reply
      .status(403)
      .send(apiError('spam_risk_too_many_posts', 'The daily post cap has been reached.'));
    return true;
  }
  return false;
}

async function refusePrivacy(
  options: TikTokSandboxOptions,
  level: string,
  reply: FastifyReply,
): Refused {
  // An unaudited client: SELF_ONLY into a private account, nothing else.
  if (!options.auditedClient && (level !== 'SELF_ONLY' || !options.accountPrivate)) {
    await reply
      .status(403)
      .send(
        apiError(
          'unaudited_client_can_only_post_to_private_accounts',
          'Please review our integration guidelines at https://developers.tiktok.com/doc/content-sharing-guidelines/',
        ),
      );
    return true;
  }
  if (!privacyOptions(options).includes(level)) {
    await reply
      .status(403)
      .send(
        apiError('privacy_level_option_mismatch', 'privacy_level is not an option of the creator.'),
      );
    return true;
  }
  return false;
}

function newPublish(
  token: SandboxToken,
  now: number,
  fields: Pick<TikTokPublish, 'mediaType' | 'caption' | 'title' | 'privacyLevel' | 'mediaCount'> &
    Partial<Pick<TikTokPublish, 'videoSize' | 'chunkSize' | 'totalChunkCount'>>,
): TikTokPublish {
  const prefix = fields.mediaType === 'VIDEO' ? 'v_pub_file' : 'p_pub_url';
  return {
    publishId: `${prefix}~v2-1.${newId(now)}`,
    accountId: token.accountId,
    videoSize: 0,
    chunkSize: 0,
    totalChunkCount: 0,
    ...fields,
    uploadToken: randomBytes(16).toString('hex'),
    createdAt: now,
    uploaded: [],
    uploadedBytes: 0,
    mediaReadyAt: fields.mediaType === 'PHOTO' ? now : null,
    polls: 0,
    status: fields.mediaType === 'PHOTO' ? 'PROCESSING_DOWNLOAD' : 'PROCESSING_UPLOAD',
    failReason: null,
    postId: null,
  };
}

export function registerTikTokPublish(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
): void {
  const state = tiktokState(ctx.store);
  let dropNextVideoInit = false;

  scope.post('/v2/post/publish/creator_info/query/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, ['video.publish']);
    if (token === undefined || !(await withinRate(ctx, token, 'creatorInfo', reply))) {
      return reply;
    }
    if (await refusePosting(ctx, options, token, reply)) {
      return reply;
    }
    return reply.send(
      apiOk({
        creator_avatar_url: 'https://p16.tiktokcdn.example/avatar.jpeg',
        creator_username: TIKTOK_SANDBOX_USERNAME,
        creator_nickname: 'Stadt (Sandbox)',
        privacy_level_options: privacyOptions(options),
        comment_disabled: options.commentDisabled,
        duet_disabled: options.duetDisabled,
        stitch_disabled: options.stitchDisabled,
        max_video_post_duration_sec: options.maxVideoPostDurationSec,
      }),
    );
  });

  scope.post('/v2/post/publish/video/init/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, ['video.publish']);
    if (token === undefined || !(await withinRate(ctx, token, 'init', reply))) {
      return reply;
    }
    const parsed = videoInitBody.safeParse(request.body);
    if (!parsed.success) {
      return invalidParam(reply, parsed.error.message);
    }
    const { post_info: post, source_info: source } = parsed.data;
    if (
      (await refusePosting(ctx, options, token, reply)) ||
      (await refusePrivacy(options, post.privacy_level, reply))
    ) {
      return reply;
    }
    if (
      (options.commentDisabled && !post.disable_comment) ||
      (options.duetDisabled && !post.disable_duet) ||
      (options.stitchDisabled && !post.disable_stitch)
    ) {
      return invalidParam(reply, 'An interaction the creator disabled cannot be enabled.');
    }
    const problem = chunkProblem(source.video_size, source.chunk_size, source.total_chunk_count);
    if (problem !== null) {
      return invalidParam(reply, problem);
    }
    const publish = newPublish(token, ctx.store.now(), {
      mediaType: 'VIDEO',
      caption: post.title,
      title: '',
      privacyLevel: post.privacy_level,
      mediaCount: 1,
      videoSize: source.video_size,
      chunkSize: source.chunk_size,
      totalChunkCount: source.total_chunk_count,
    });
    state.publishes.set(publish.publishId, publish);
    if (dropNextVideoInit) {
      // Proves a lost init answer harmless: nothing is posted until the bytes arrive.
      dropNextVideoInit = false;
      reply.hijack();
      reply.raw.socket?.destroy();
      return reply;
    }
    const uploadUrl = new URL('/tiktok-upload/video/', originOf(request));
    uploadUrl.searchParams.set('upload_id', publish.publishId);
    uploadUrl.searchParams.set('upload_token', publish.uploadToken);
    return reply.send(apiOk({ publish_id: publish.publishId, upload_url: uploadUrl.toString() }));
  });

  scope.post('/v2/post/publish/content/init/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, ['video.publish']);
    if (token === undefined || !(await withinRate(ctx, token, 'init', reply))) {
      return reply;
    }
    const parsed = photoInitBody.safeParse(request.body);
    if (!parsed.success) {
      return invalidParam(reply, parsed.error.message);
    }
    const { post_info: post, source_info: source } = parsed.data;
    if (
      (await refusePosting(ctx, options, token, reply)) ||
      (await refusePrivacy(options, post.privacy_level, reply))
    ) {
      return reply;
    }
    if (options.commentDisabled && !post.disable_comment) {
      return invalidParam(reply, 'Comments are disabled by the creator.');
    }
    if (source.photo_cover_index >= source.photo_images.length) {
      return invalidParam(reply, 'photo_cover_index is out of range.');
    }
    const unverified = source.photo_images.find(
      (url) => !options.verifiedUrlPrefixes.some((prefix) => url.startsWith(prefix)),
    );
    if (unverified !== undefined) {
      return reply
        .status(403)
        .send(apiError('url_ownership_unverified', `The domain of ${unverified} is not verified.`));
    }
    const publish = newPublish(token, ctx.store.now(), {
      mediaType: 'PHOTO',
      caption: post.description,
      title: post.title,
      privacyLevel: post.privacy_level,
      mediaCount: source.photo_images.length,
    });
    state.publishes.set(publish.publishId, publish);
    // TikTok starts pulling and posting from here on: a write that may become visible.
    if (ctx.dropAfterWrite('tiktok', reply)) {
      return reply;
    }
    return reply.send(apiOk({ publish_id: publish.publishId }));
  });

  // Sandbox admin: lose the answer to the next video init (a plugin-specific fault).
  scope.post('/_sandbox/tiktok/drop-next-video-init', (_request, reply) => {
    dropNextVideoInit = true;
    return reply.status(204).send();
  });
}
