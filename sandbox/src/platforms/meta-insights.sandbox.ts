import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import {
  graphError,
  hasScope,
  invalidParameter,
  isoSeconds,
  mayActFor,
  META,
  metaState,
  missingPermission,
  unsupported,
  enterGraph,
} from './meta-state.sandbox.ts';
import type { MetaSandboxOptions } from './meta-state.sandbox.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Page Insights takes at most 90 days per call, Instagram account insights 30. */
const PAGE_MAX_DAYS = 90;
const IG_MAX_DAYS = 30;
/** Followers the sandbox page had before its first post. */
const BASE_FOLLOWERS = 1000;

const idParams = z.object({ id: z.string().min(1).max(100) });
const insightsQuery = z.object({
  metric: z.string().optional(),
  period: z.string().optional(),
  metric_type: z.string().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
});

/** Page metrics the sandbox computes; deprecated ones (page_impressions*, page_fan*) are refused. */
const PAGE_METRICS = new Set([
  'page_media_view',
  'page_post_engagements',
  'page_daily_follows_unique',
  'page_daily_unfollows_unique',
  'page_follows',
]);
/** Instagram account metrics; only `reach` also exists as a daily time series. */
const IG_METRICS = [
  'reach',
  'views',
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
] as const;
type IgMetric = (typeof IG_METRICS)[number];
const IG_TIME_SERIES = new Set<string>(['reach']);

/** What happened on an account in a window: the stored posts and the public's comments on them. */
interface Activity {
  readonly posts: number;
  readonly comments: number;
  readonly commenters: number;
}

function activity(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  accountId: string,
  from: number,
  to: number,
): Activity {
  const network = accountId === options.igUserId ? 'instagram' : 'facebook';
  const owned = ctx.store.postsOf(META, accountId).filter((post) => post.extra.network === network);
  const ids = new Set(owned.map((post) => post.id));
  const inWindow = (at: number): boolean => at >= from && at < to;
  const comments = [...metaState(ctx.store).comments.values()].filter(
    (comment) =>
      ids.has(comment.objectId) &&
      inWindow(comment.createdAt) &&
      comment.fromId !== options.pageId &&
      comment.fromId !== options.igUserId,
  );
  return {
    posts: owned.filter((post) => inWindow(post.createdAt.getTime())).length,
    comments: comments.length,
    commenters: new Set(comments.map((comment) => comment.fromId)).size,
  };
}

/** Deterministic page numbers: each post brings views and followers, each comment engagement. */
function pageValue(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  metric: string,
  day: number,
): number {
  const today = activity(ctx, options, options.pageId, day, day + DAY_MS);
  switch (metric) {
    case 'page_media_view':
      return 100 * today.posts + 10 * today.comments;
    case 'page_post_engagements':
      return today.comments;
    case 'page_daily_follows_unique':
      return 2 * today.posts;
    case 'page_daily_unfollows_unique':
      return Math.floor(today.posts / 2);
    default: {
      // page_follows is a stock: the followers at the end of the day, never a daily increment.
      const perDay = new Map<number, number>();
      for (const post of ctx.store.postsOf(META, options.pageId)) {
        const at = post.createdAt.getTime();
        if (post.extra.network === 'facebook' && at < day + DAY_MS) {
          const key = Math.floor(at / DAY_MS);
          perDay.set(key, (perDay.get(key) ?? 0) + 1);
        }
      }
      let followers = BASE_FOLLOWERS;
      for (const posts of perDay.values()) {
        followers += 2 * posts - Math.floor(posts / 2);
      }
      return followers;
    }
  }
}

function igValue(window: Activity, metric: IgMetric): number {
  const values: Record<IgMetric, number> = {
    reach: 50 * window.posts + window.commenters,
    views: 80 * window.posts + 5 * window.comments,
    accounts_engaged: window.commenters,
    total_interactions: window.comments,
    likes: 0,
    comments: window.comments,
    shares: 0,
    saves: 0,
  };
  return values[metric];
}

/** `since`/`until` as Meta takes them: Unix seconds or a date string. */
function instant(value: string | undefined, fallback: number): number | null {
  if (value === undefined) {
    return fallback;
  }
  const parsed = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function dayStarts(since: number, until: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(since / DAY_MS) * DAY_MS; day < until; day += DAY_MS) {
    days.push(day);
  }
  return days;
}

/** `GET /{page-id}/insights` and `GET /{ig-user-id}/insights`: aggregated numbers, never people. */
export function registerMetaInsights(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: MetaSandboxOptions,
): void {
  scope.get('/:id/insights', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if ((id !== options.pageId && id !== options.igUserId) || !mayActFor(token, options, id)) {
      return unsupported(reply, 'get', id);
    }
    const instagram = id === options.igUserId;
    const needed = instagram ? 'instagram_manage_insights' : 'read_insights';
    if (!hasScope(token, needed)) {
      return missingPermission(reply, instagram ? 10 : 200, needed);
    }
    const query = insightsQuery.parse(request.query);
    const metrics = (query.metric ?? '').split(',').filter((name) => name !== '');
    if (metrics.length === 0) {
      const text = 'No metric was specified to be fetched. Please specify one or more metrics.';
      return reply.status(400).send(graphError(3001, text, 1504028));
    }
    if ((query.period ?? 'day') !== 'day') {
      return invalidParameter(reply, 'The sandbox only offers period=day');
    }
    const now = ctx.store.now();
    const until = instant(query.until, now);
    const since = instant(query.since, (until ?? now) - 2 * DAY_MS);
    const maxDays = instagram ? IG_MAX_DAYS : PAGE_MAX_DAYS;
    if (since === null || until === null || since >= until) {
      return invalidParameter(reply, 'since and until must be times with since before until');
    }
    if (until - since > maxDays * DAY_MS) {
      return invalidParameter(reply, `since and until must be at most ${maxDays} days apart`);
    }
    return instagram
      ? igInsights(ctx, options, reply, { metrics, since, until, type: query.metric_type })
      : pageInsights(ctx, options, reply, { metrics, since, until });
  });
}

function pageInsights(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  reply: FastifyReply,
  query: { metrics: readonly string[]; since: number; until: number },
): FastifyReply {
  const unknown = query.metrics.find((name) => !PAGE_METRICS.has(name));
  if (unknown !== undefined) {
    // What Page Insights answers for a deprecated or misspelled metric.
    return invalidParameter(reply, 'The value must be a valid insights metric');
  }
  const days = dayStarts(query.since, query.until);
  return reply.send({
    data: query.metrics.map((name) => ({
      name,
      period: 'day',
      // Meta's end_time is the end of the reported day (there in Pacific time, here in UTC).
      values: days.map((day) => ({
        value: pageValue(ctx, options, name, day),
        end_time: isoSeconds(day + DAY_MS),
      })),
      title: name,
      description: `Sandbox: ${name} per day`,
      id: `${options.pageId}/insights/${name}/day`,
    })),
  });
}

function igInsights(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  reply: FastifyReply,
  query: { metrics: readonly string[]; since: number; until: number; type: string | undefined },
): FastifyReply {
  const known = new Set<string>(IG_METRICS);
  const index = query.metrics.findIndex((name) => !known.has(name));
  if (index >= 0) {
    // `impressions` lands here: deprecated for all versions since 21 April 2025.
    return invalidParameter(
      reply,
      `metric[${index}] must be one of the following values: ${IG_METRICS.join(', ')}`,
    );
  }
  const metrics = query.metrics as readonly IgMetric[];
  const totals = query.type === 'total_value';
  const seriesless = metrics.filter((name) => !IG_TIME_SERIES.has(name));
  if (!totals && seriesless.length > 0) {
    return invalidParameter(
      reply,
      `The following metrics (${seriesless.join(', ')}) should be specified with parameter metric_type=total_value`,
    );
  }
  const id = (name: string): string => `${options.igUserId}/insights/${name}/day`;
  const window = activity(ctx, options, options.igUserId, query.since, query.until);
  const data = metrics.map((name) =>
    totals
      ? {
          name,
          period: 'day',
          title: name,
          total_value: { value: igValue(window, name) },
          id: id(name),
        }
      : {
          name,
          period: 'day',
          title: name,
          values: dayStarts(query.since, query.until).map((day) => ({
            value: igValue(activity(ctx, options, options.igUserId, day, day + DAY_MS), name),
            end_time: isoSeconds(day + DAY_MS),
          })),
          id: id(name),
        },
  );
  return reply.send({ data });
}
