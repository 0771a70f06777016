import { randomBytes } from 'node:crypto';

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from '../sandbox.comments.ts';
import type { GeneratedComment } from '../sandbox.comments.ts';
import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxStore } from '../sandbox.store.ts';
import {
  authorizeGoogle,
  chargeQuota,
  offsetOf,
  pageToken,
  partsOf,
  sendGoogleError,
  YOUTUBE_SCOPES,
  youtubeState,
} from './youtube-common.sandbox.ts';
import type { YouTubeComment, YouTubeSandboxOptions } from './youtube-common.sandbox.ts';

const READ_SCOPES = [YOUTUBE_SCOPES.forceSsl, YOUTUBE_SCOPES.youtube, YOUTUBE_SCOPES.readonly];
const WRITE_SCOPES = [YOUTUBE_SCOPES.forceSsl];

const threadsQuery = z.object({
  part: z.string().min(1),
  allThreadsRelatedToChannelId: z.string().optional(),
  videoId: z.string().optional(),
  maxResults: z.coerce.number().int().min(1).max(100).default(20),
  pageToken: z.string().optional(),
  order: z.enum(['time', 'relevance']).default('time'),
  textFormat: z.enum(['html', 'plainText']).default('html'),
  moderationStatus: z.enum(['heldForReview', 'likelySpam', 'published']).default('published'),
});

const insertBody = z.object({
  snippet: z.object({ parentId: z.string().min(1), textOriginal: z.string().min(1).max(10_000) }),
});

const idsQuery = z.object({ id: z.string().min(1) });
const moderationQuery = z.object({
  id: z.string().min(1),
  moderationStatus: z.enum(['heldForReview', 'published', 'rejected']),
  banAuthor: z.enum(['true', 'false']).default('false'),
});

const seedBody = z.strictObject({
  videoId: z.string().min(1).optional(),
  count: z.number().int().min(1).max(200).default(1),
  kinds: z.array(z.enum(COMMENT_KINDS)).default([]),
});

/** Top-level comment ids look like `Ugx…AaABAg`; replies are `<parentId>.<id>`. */
function topLevelId(): string {
  return `Ugx${randomBytes(17).toString('base64url')}AaABAg`;
}

function commentResource(comment: YouTubeComment, textFormat: string): Record<string, unknown> {
  return {
    kind: 'youtube#comment',
    id: comment.id,
    snippet: {
      channelId: comment.videoChannelId,
      videoId: comment.videoId,
      textDisplay: textFormat === 'html' ? comment.text.replace(/[<>&]/g, '') : comment.text,
      textOriginal: comment.text,
      authorDisplayName: comment.authorDisplayName,
      authorChannelId: { value: comment.authorChannelId },
      canRate: true,
      viewerRating: 'none',
      likeCount: 0,
      moderationStatus: comment.moderationStatus,
      publishedAt: new Date(comment.publishedAt).toISOString(),
      updatedAt: new Date(comment.publishedAt).toISOString(),
      ...(comment.parentId === null ? {} : { parentId: comment.parentId }),
    },
  };
}

/**
 * A citizen's comment on a video of the sandbox (the newest one when `videoId` is absent).
 * Returns the new comment's id, or undefined when there is no such video. Used by the admin
 * endpoint and by rate-based comment generators.
 */
export function addYouTubeComment(
  store: SandboxStore,
  generated: GeneratedComment,
  videoId?: string,
): string | undefined {
  const state = youtubeState(store);
  const video =
    videoId === undefined
      ? [...state.videos.values()]
          .filter((entry) => entry.uploadStatus !== 'deleted')
          .sort((a, b) => b.publishedAt - a.publishedAt)[0]
      : state.videos.get(videoId);
  if (video === undefined || video.uploadStatus === 'deleted') {
    return undefined;
  }
  const comment: YouTubeComment = {
    id: topLevelId(),
    videoId: video.id,
    videoChannelId: video.channelId,
    parentId: null,
    authorChannelId: `UC${Buffer.from(generated.author.username).toString('base64url').padEnd(22, 'x').slice(0, 22)}`,
    authorDisplayName: generated.author.displayName,
    text: generated.text,
    publishedAt: store.now(),
    moderationStatus: 'published',
    deleted: false,
  };
  state.comments.push(comment);
  return comment.id;
}

export function registerYouTubeComments(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
): void {
  const state = youtubeState(ctx.store);
  const visible = (comment: YouTubeComment, status: string): boolean =>
    !comment.deleted && comment.moderationStatus === status;

  scope.get('/youtube/v3/commentThreads', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, READ_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'commentThreads.list'))) {
      return reply;
    }
    const query = threadsQuery.safeParse(request.query);
    const offset = query.success ? offsetOf(query.data.pageToken) : null;
    if (!query.success || offset === null) {
      return sendGoogleError(reply, 400, 'invalidParameter', 'Invalid commentThreads query.');
    }
    const { allThreadsRelatedToChannelId: channel, videoId } = query.data;
    if ((channel === undefined) === (videoId === undefined)) {
      return sendGoogleError(
        reply,
        400,
        'missingRequiredParameter',
        'Exactly one filter must be given.',
      );
    }
    // Only the channel owner may list comments that are not published.
    if (query.data.moderationStatus !== 'published' && channel !== token.accountId) {
      return sendGoogleError(reply, 403, 'forbidden', 'Insufficient permissions.');
    }
    const parts = partsOf(query.data.part);
    const threads = state.comments
      .filter(
        (comment) =>
          comment.parentId === null &&
          visible(comment, query.data.moderationStatus) &&
          (channel === undefined
            ? comment.videoId === videoId
            : comment.videoChannelId === channel),
      )
      .sort((a, b) => b.publishedAt - a.publishedAt);
    const { maxResults, textFormat } = query.data;
    const items = threads.slice(offset, offset + maxResults).map((top) => {
      const replies = state.comments
        .filter((comment) => comment.parentId === top.id && visible(comment, 'published'))
        .sort((a, b) => a.publishedAt - b.publishedAt);
      return {
        kind: 'youtube#commentThread',
        id: top.id,
        snippet: {
          channelId: top.videoChannelId,
          videoId: top.videoId,
          topLevelComment: commentResource(top, textFormat),
          canReply: true,
          totalReplyCount: replies.length,
          isPublic: true,
        },
        ...(parts.has('replies') && replies.length > 0
          ? { replies: { comments: replies.map((entry) => commentResource(entry, textFormat)) } }
          : {}),
      };
    });
    const more = offset + maxResults < threads.length;
    return reply.send({
      kind: 'youtube#commentThreadListResponse',
      ...(more ? { nextPageToken: pageToken(offset + maxResults) } : {}),
      pageInfo: { totalResults: items.length, resultsPerPage: maxResults },
      items,
    });
  });

  // A reply: comments.insert takes only a top-level comment as parent.
  scope.post('/youtube/v3/comments', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, WRITE_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'comments.insert'))) {
      return reply;
    }
    const body = insertBody.safeParse(request.body);
    if (!body.success) {
      return sendGoogleError(reply, 400, 'commentTextRequired', body.error.message);
    }
    const parent = state.comments.find(
      (comment) => comment.id === body.data.snippet.parentId && !comment.deleted,
    );
    if (parent === undefined) {
      return sendGoogleError(reply, 404, 'parentCommentNotFound', 'Parent comment not found.');
    }
    if (parent.parentId !== null) {
      return sendGoogleError(reply, 400, 'operationNotSupported', 'Replies need a top comment.');
    }
    const comment: YouTubeComment = {
      id: `${parent.id}.${randomBytes(16).toString('base64url')}`,
      videoId: parent.videoId,
      videoChannelId: parent.videoChannelId,
      parentId: parent.id,
      authorChannelId: token.accountId,
      authorDisplayName: options.channelTitle,
      text: body.data.snippet.textOriginal,
      publishedAt: ctx.store.now(),
      moderationStatus: 'published',
      deleted: false,
    };
    state.comments.push(comment);
    if (ctx.dropAfterWrite('youtube', reply)) {
      return reply;
    }
    return reply.send(commentResource(comment, 'html'));
  });

  scope.post('/youtube/v3/comments/setModerationStatus', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, WRITE_SCOPES);
    if (
      token === undefined ||
      !(await chargeQuota(ctx, options, reply, 'comments.setModerationStatus'))
    ) {
      return reply;
    }
    const query = moderationQuery.safeParse(request.query);
    if (!query.success) {
      return sendGoogleError(reply, 400, 'invalidParameter', query.error.message);
    }
    const { moderationStatus, banAuthor } = query.data;
    if (banAuthor === 'true' && moderationStatus !== 'rejected') {
      return sendGoogleError(reply, 400, 'banWithoutReject', 'banAuthor needs rejected.');
    }
    const targets = [];
    for (const id of query.data.id.split(',')) {
      const comment = state.comments.find((entry) => entry.id === id && !entry.deleted);
      if (comment === undefined) {
        return sendGoogleError(reply, 404, 'commentNotFound', 'Comment not found.');
      }
      if (comment.videoChannelId !== token.accountId) {
        return sendGoogleError(reply, 403, 'forbidden', 'Insufficient permissions.');
      }
      // Google: a rejected comment cannot be made public again.
      if (comment.moderationStatus === 'rejected' && moderationStatus === 'published') {
        return sendGoogleError(reply, 400, 'operationNotSupported', 'Comment was rejected.');
      }
      targets.push(comment);
    }
    for (const comment of targets) {
      comment.moderationStatus = moderationStatus;
    }
    return reply.status(204).send();
  });

  // Only the comment's author may delete it; others' comments are moderated instead.
  scope.delete('/youtube/v3/comments', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, WRITE_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'comments.delete'))) {
      return reply;
    }
    const query = idsQuery.safeParse(request.query);
    const comment = query.success
      ? state.comments.find((entry) => entry.id === query.data.id && !entry.deleted)
      : undefined;
    if (comment === undefined) {
      return sendGoogleError(reply, 404, 'commentNotFound', 'Comment not found.');
    }
    if (comment.authorChannelId !== token.accountId) {
      return sendGoogleError(reply, 403, 'forbidden', 'Insufficient permissions.');
    }
    comment.deleted = true;
    return reply.status(204).send();
  });

  // Admin: citizens comment on a video (German texts from sandbox.comments.ts).
  scope.post('/_sandbox/youtube/comments', async (request, reply) => {
    const body = seedBody.parse(request.body);
    const ids: string[] = [];
    for (let index = 0; index < body.count; index += 1) {
      const id = addYouTubeComment(
        ctx.store,
        germanComment(state.generatedComments, body.kinds),
        body.videoId,
      );
      if (id === undefined) {
        return reply.status(404).send({ error: 'no such video' });
      }
      state.generatedComments += 1;
      ids.push(id);
    }
    return reply.send({ items: ids });
  });
}
