import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import {
  authorizeGoogle,
  chargeQuota,
  offsetOf,
  pageToken,
  sendGoogleError,
  YOUTUBE_SCOPES,
  youtubeState,
} from './youtube-common.sandbox.ts';
import type { YouTubeSandboxOptions } from './youtube-common.sandbox.ts';

const READ_SCOPES = [
  YOUTUBE_SCOPES.readonly,
  YOUTUBE_SCOPES.youtube,
  YOUTUBE_SCOPES.forceSsl,
  YOUTUBE_SCOPES.upload,
];

const playlistQuery = z.object({
  part: z.string().min(1),
  playlistId: z.string().min(1),
  maxResults: z.coerce.number().int().min(0).max(50).default(5),
  pageToken: z.string().optional(),
});
const planBody = z.discriminatedUnion('uploadStatus', [
  z.strictObject({ videoId: z.string(), uploadStatus: z.literal('processed') }),
  z.strictObject({
    videoId: z.string(),
    uploadStatus: z.literal('failed'),
    failureReason: z.enum(['codec', 'conversion', 'emptyFile', 'invalidFile', 'tooSmall']),
  }),
  z.strictObject({
    videoId: z.string(),
    uploadStatus: z.literal('rejected'),
    rejectionReason: z.enum(['claim', 'copyright', 'duplicate', 'inappropriate', 'length']),
  }),
]);

/** The uploads playlist, and the admin switch deciding how a video's processing ends. */
export function registerYouTubePlaylists(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
): void {
  const state = youtubeState(ctx.store);

  // The channel's uploads playlist ("UU…"), newest first: the lookup after an unknown outcome.
  scope.get('/youtube/v3/playlistItems', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, READ_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'playlistItems.list'))) {
      return reply;
    }
    const query = playlistQuery.safeParse(request.query);
    const offset = query.success ? offsetOf(query.data.pageToken) : null;
    if (!query.success || offset === null) {
      return sendGoogleError(reply, 400, 'invalidParameter', 'Invalid playlistItems query.');
    }
    const { playlistId, maxResults } = query.data;
    if (!playlistId.startsWith('UU')) {
      return sendGoogleError(reply, 404, 'playlistNotFound', 'The playlist could not be found.');
    }
    const channelId = `UC${playlistId.slice(2)}`;
    const videos = [...state.videos.values()]
      .filter(
        (video) =>
          video.channelId === channelId &&
          video.uploadStatus !== 'deleted' &&
          (channelId === token.accountId || video.privacyStatus === 'public'),
      )
      .sort((a, b) => b.publishedAt - a.publishedAt);
    const page = videos.slice(offset, offset + maxResults);
    const items = page.map((video, index) => ({
      kind: 'youtube#playlistItem',
      id: Buffer.from(`${playlistId}.${video.id}`).toString('base64url'),
      snippet: {
        publishedAt: new Date(video.publishedAt).toISOString(),
        channelId,
        title: video.title,
        description: video.description,
        playlistId,
        position: offset + index,
        resourceId: { kind: 'youtube#video', videoId: video.id },
        videoOwnerChannelId: channelId,
      },
      contentDetails: {
        videoId: video.id,
        videoPublishedAt: new Date(video.publishedAt).toISOString(),
      },
      status: { privacyStatus: video.privacyStatus },
    }));
    const more = offset + maxResults < videos.length;
    return reply.send({
      kind: 'youtube#playlistItemListResponse',
      ...(more ? { nextPageToken: pageToken(offset + maxResults) } : {}),
      pageInfo: { totalResults: videos.length, resultsPerPage: maxResults },
      items,
    });
  });

  // Admin: how processing of a video will end (default: processed).
  scope.post('/_sandbox/youtube/processing', async (request, reply: FastifyReply) => {
    const body = planBody.parse(request.body);
    const video = state.videos.get(body.videoId);
    if (video === undefined) {
      return reply.status(404).send({ error: 'unknown video' });
    }
    video.plan =
      body.uploadStatus === 'failed'
        ? { uploadStatus: 'failed', failureReason: body.failureReason }
        : body.uploadStatus === 'rejected'
          ? { uploadStatus: 'rejected', rejectionReason: body.rejectionReason }
          : { uploadStatus: 'processed' };
    return reply.status(204).send();
  });
}
