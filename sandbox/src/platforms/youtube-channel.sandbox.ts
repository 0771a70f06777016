import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import {
  authorizeGoogle,
  chargeQuota,
  partsOf,
  sendGoogleError,
  uploadsPlaylistOf,
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

const CHANNEL_PARTS = new Set(['id', 'snippet', 'contentDetails', 'statistics', 'status']);

const channelsQuery = z.object({
  part: z.string().min(1),
  mine: z.enum(['true', 'false']).optional(),
  id: z.string().optional(),
  maxResults: z.coerce.number().int().min(0).max(50).optional(),
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const reportsQuery = z.object({
  ids: z.string().regex(/^channel==(MINE|UC[\w-]+)$/),
  startDate: z.string().regex(DATE),
  endDate: z.string().regex(DATE),
  metrics: z.string().min(1),
  dimensions: z.string().optional(),
});

/** Metrics the sandbox reports; aggregated numbers only, as the Analytics API gives them. */
const METRICS = new Set([
  'views',
  'estimatedMinutesWatched',
  'averageViewDuration',
  'likes',
  'dislikes',
  'comments',
  'shares',
  'subscribersGained',
  'subscribersLost',
]);

export function registerYouTubeChannel(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
): void {
  const state = youtubeState(ctx.store);
  const videosOf = (channelId: string): number =>
    [...state.videos.values()].filter(
      (video) => video.channelId === channelId && video.uploadStatus !== 'deleted',
    ).length;

  scope.get('/youtube/v3/channels', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, READ_SCOPES);
    if (token === undefined || !(await chargeQuota(ctx, options, reply, 'channels.list'))) {
      return reply;
    }
    const query = channelsQuery.safeParse(request.query);
    if (!query.success) {
      return sendGoogleError(reply, 400, 'invalidParameter', query.error.message);
    }
    const parts = partsOf(query.data.part);
    const unknown = [...parts].find((part) => !CHANNEL_PARTS.has(part));
    if (unknown !== undefined) {
      return sendGoogleError(reply, 400, 'invalidPart', `Unknown part: ${unknown}`);
    }
    if ((query.data.mine === 'true') === (query.data.id !== undefined)) {
      return sendGoogleError(
        reply,
        400,
        'incompatibleParameters',
        'Exactly one filter (mine or id) must be given.',
      );
    }
    const channelId = query.data.mine === 'true' ? token.accountId : query.data.id;
    if (channelId === undefined || !channelId.startsWith('UC')) {
      return reply.send({ kind: 'youtube#channelListResponse', items: [] });
    }
    const item: Record<string, unknown> = { kind: 'youtube#channel', id: channelId };
    if (parts.has('snippet')) {
      item.snippet = {
        title: options.channelTitle,
        description: options.channelDescription,
        customUrl: '@stadtstuttgart-sandbox',
        publishedAt: '2012-04-01T08:00:00Z',
        country: 'DE',
      };
    }
    if (parts.has('contentDetails')) {
      item.contentDetails = {
        relatedPlaylists: { likes: '', uploads: uploadsPlaylistOf(channelId) },
      };
    }
    if (parts.has('statistics')) {
      // The Data API sends counts as strings.
      item.statistics = {
        viewCount: String(1200 * videosOf(channelId)),
        subscriberCount: '4200',
        hiddenSubscriberCount: false,
        videoCount: String(videosOf(channelId)),
      };
    }
    if (parts.has('status')) {
      item.status = { privacyStatus: 'public', isLinked: true, longUploadsStatus: 'allowed' };
    }
    return reply.send({
      kind: 'youtube#channelListResponse',
      pageInfo: { totalResults: 1, resultsPerPage: 5 },
      items: [item],
    });
  });

  // YouTube Analytics API v2 (youtubeanalytics.googleapis.com): its own quota, not the Data API's.
  scope.get('/v2/reports', async (request, reply) => {
    const token = await authorizeGoogle(ctx, request, reply, [
      YOUTUBE_SCOPES.analytics,
      YOUTUBE_SCOPES.readonly,
    ]);
    if (token === undefined) {
      return reply;
    }
    const query = reportsQuery.safeParse(request.query);
    if (!query.success) {
      return sendGoogleError(reply, 400, 'badRequest', query.error.message, 'global');
    }
    const { startDate, endDate } = query.data;
    if (startDate > endDate) {
      return sendGoogleError(
        reply,
        400,
        'badRequest',
        'The query is not supported: startDate after endDate.',
        'global',
      );
    }
    const metrics = query.data.metrics.split(',');
    const unknown = metrics.find((metric) => !METRICS.has(metric));
    if (unknown !== undefined) {
      return sendGoogleError(
        reply,
        400,
        'badRequest',
        `Unknown identifier (${unknown}) given in field parameters.metrics.`,
        'global',
      );
    }
    // Deterministic totals from what the channel holds, so tests can check the numbers.
    const days = Math.round((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000) + 1;
    const videos = videosOf(token.accountId);
    const comments = state.comments.filter(
      (comment) => comment.videoChannelId === token.accountId && !comment.deleted,
    ).length;
    const totals: Readonly<Record<string, number>> = {
      views: 100 * days + 50 * videos,
      estimatedMinutesWatched: 240 * days,
      averageViewDuration: 95,
      likes: 12 * days,
      dislikes: days,
      comments,
      shares: 3 * days,
      subscribersGained: 5 * days,
      subscribersLost: days,
    };
    return reply.send({
      kind: 'youtubeAnalytics#resultTable',
      columnHeaders: metrics.map((name) => ({
        name,
        columnType: 'METRIC',
        dataType: 'INTEGER',
      })),
      rows: [metrics.map((name) => totals[name] ?? 0)],
    });
  });
}
