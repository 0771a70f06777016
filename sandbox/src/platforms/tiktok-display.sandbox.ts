import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxToken } from '../sandbox.store.ts';
import {
  apiError,
  apiOk,
  authorizeApi,
  hasScope,
  invalidParam,
  TIKTOK_SANDBOX_USERNAME,
  tiktokState,
} from './tiktok-common.sandbox.ts';
import type { TikTokPublish, TikTokSandboxOptions } from './tiktok-common.sandbox.ts';
import { settleAll } from './tiktok-status.sandbox.ts';

/** Which scope each user field needs (Display API reference). */
const USER_FIELD_SCOPES: Readonly<Record<string, string>> = {
  open_id: 'user.info.basic',
  union_id: 'user.info.basic',
  avatar_url: 'user.info.basic',
  display_name: 'user.info.basic',
  bio_description: 'user.info.profile',
  profile_deep_link: 'user.info.profile',
  is_verified: 'user.info.profile',
  username: 'user.info.profile',
  follower_count: 'user.info.stats',
  following_count: 'user.info.stats',
  likes_count: 'user.info.stats',
  video_count: 'user.info.stats',
};

const fieldsQuery = z.object({ fields: z.string().min(1) });
const listBody = z.object({
  max_count: z.number().int().min(1).max(20).default(10),
  cursor: z.number().int().min(0).optional(),
});
const queryBody = z.object({
  filters: z.object({ video_ids: z.array(z.string()).min(1).max(20) }),
});

/** The video object cuts title and description at 150 characters. */
const cut = (text: string): string => text.slice(0, 150);

/** Only public, published posts are visible to the Display API (scope video.list). */
function publicVideos(ctx: SandboxContext, token: SandboxToken): TikTokPublish[] {
  return [...tiktokState(ctx.store).publishes.values()]
    .filter(
      (publish) =>
        publish.accountId === token.accountId &&
        publish.status === 'PUBLISH_COMPLETE' &&
        publish.privacyLevel === 'PUBLIC_TO_EVERYONE' &&
        publish.postId !== null,
    )
    .sort((a, b) => (b.mediaReadyAt ?? 0) - (a.mediaReadyAt ?? 0));
}

function videoObject(publish: TikTokPublish, fields: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    id: publish.postId,
    create_time: Math.floor((publish.mediaReadyAt ?? publish.createdAt) / 1000),
    title: cut(publish.mediaType === 'PHOTO' ? publish.title : publish.caption),
    video_description: cut(publish.caption),
    share_url: `https://www.tiktok.com/@${TIKTOK_SANDBOX_USERNAME}/video/${publish.postId ?? ''}`,
    duration: publish.mediaType === 'VIDEO' ? 15 : 0,
  };
  return Object.fromEntries(fields.filter((field) => field in all).map((f) => [f, all[f]]));
}

export function registerTikTokDisplay(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: TikTokSandboxOptions,
): void {
  scope.get('/v2/user/info/', async (request, reply) => {
    const query = fieldsQuery.safeParse(request.query);
    const fields = query.success ? query.data.fields.split(',') : [];
    const scopes = [...new Set(fields.map((field) => USER_FIELD_SCOPES[field] ?? ''))];
    const token = await authorizeApi(ctx, request, reply, []);
    if (token === undefined) {
      return reply;
    }
    if (fields.length === 0 || scopes.includes('')) {
      return invalidParam(reply, 'fields must name known user fields.');
    }
    const missing = scopes.find((needed) => !hasScope(token, needed));
    if (missing !== undefined) {
      return reply
        .status(401)
        .send(apiError('scope_not_authorized', `The user did not authorize ${missing}.`));
    }
    settleAll(ctx, options);
    const all: Record<string, unknown> = {
      open_id: token.accountId,
      union_id: `union-${token.accountId}`,
      avatar_url: 'https://p16.tiktokcdn.example/avatar.jpeg',
      display_name: 'Stadt (Sandbox)',
      bio_description: options.bio,
      profile_deep_link: `https://vm.tiktok.com/${TIKTOK_SANDBOX_USERNAME}`,
      is_verified: false,
      username: TIKTOK_SANDBOX_USERNAME,
      follower_count: options.followerCount,
      following_count: options.followingCount,
      likes_count: options.likesCount,
      video_count: publicVideos(ctx, token).length,
    };
    return reply.send(apiOk({ user: Object.fromEntries(fields.map((f) => [f, all[f]])) }));
  });

  scope.post('/v2/video/list/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, ['video.list']);
    if (token === undefined) {
      return reply;
    }
    const query = fieldsQuery.safeParse(request.query);
    const body = listBody.safeParse(request.body);
    if (!query.success || !body.success) {
      return invalidParam(reply, 'fields and a max_count of 1–20 are required.');
    }
    settleAll(ctx, options);
    const { cursor, max_count: count } = body.data;
    const older = publicVideos(ctx, token).filter(
      (publish) => cursor === undefined || (publish.mediaReadyAt ?? 0) < cursor,
    );
    const page = older.slice(0, count);
    const fields = query.data.fields.split(',');
    return reply.send(
      apiOk({
        videos: page.map((publish) => videoObject(publish, fields)),
        // The cursor is a UTC timestamp in milliseconds: list what was created before it.
        cursor: page.at(-1)?.mediaReadyAt ?? cursor ?? 0,
        has_more: older.length > page.length,
      }),
    );
  });

  scope.post('/v2/video/query/', async (request, reply) => {
    const token = await authorizeApi(ctx, request, reply, ['video.list']);
    if (token === undefined) {
      return reply;
    }
    const query = fieldsQuery.safeParse(request.query);
    const body = queryBody.safeParse(request.body);
    if (!query.success || !body.success) {
      return invalidParam(reply, 'fields and 1–20 video_ids are required.');
    }
    settleAll(ctx, options);
    const wanted = new Set(body.data.filters.video_ids);
    const fields = query.data.fields.split(',');
    const videos = publicVideos(ctx, token)
      .filter((publish) => publish.postId !== null && wanted.has(publish.postId))
      .map((publish) => videoObject(publish, fields));
    return reply.send(apiOk({ videos, cursor: 0, has_more: false }));
  });
}
