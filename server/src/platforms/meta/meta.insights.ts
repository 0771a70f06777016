import { z } from 'zod';

import type { ChannelAuth, Insights } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { MetaClient } from './meta.client.ts';
import { requireAccountId } from './meta.auth.ts';
import {
  FACEBOOK_INSIGHT_METRICS,
  FACEBOOK_INSIGHTS_MAX_DAYS,
  INSTAGRAM_INSIGHT_METRICS,
  INSTAGRAM_INSIGHTS_MAX_DAYS,
} from './meta.limits.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Meta's insights shape: a daily series (`values`) or one total for the window (`total_value`). */
const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      period: z.string().optional(),
      values: z.array(z.object({ value: z.number(), end_time: z.string().optional() })).optional(),
      total_value: z.object({ value: z.number() }).optional(),
    }),
  ),
});

/**
 * Splits [from, to) into windows Meta accepts in one call. Inner boundaries fall on midnight
 * (UTC), because Meta counts whole days: a boundary inside a day would count that day twice.
 */
function windows(from: Date, to: Date, maxDays: number): { since: number; until: number }[] {
  const result: { since: number; until: number }[] = [];
  let start = from.getTime();
  while (start < to.getTime()) {
    const boundary = Math.floor((start + maxDays * DAY_MS) / DAY_MS) * DAY_MS;
    const end = Math.min(boundary, to.getTime());
    result.push({ since: Math.floor(start / 1000), until: Math.floor(end / 1000) });
    start = end;
  }
  return result;
}

function refuseEmptyPeriod(from: Date, to: Date): void {
  if (!(from.getTime() < to.getTime())) {
    throw new PlatformError({
      kind: 'rejected',
      reason: 'Der Zeitraum für die Statistik ist leer: Das Ende muss nach dem Beginn liegen.',
      platformCode: null,
    });
  }
}

/**
 * Page Insights per day, window by window: flows (views, engagements, follows) are summed, the
 * follower count keeps its last value. A metric Meta returns no data for (pages under 100
 * followers) is left out rather than reported as 0.
 */
export async function readPageInsights(
  client: MetaClient,
  auth: ChannelAuth,
  from: Date,
  to: Date,
): Promise<Insights> {
  const pageId = requireAccountId(auth.accountId);
  refuseEmptyPeriod(from, to);
  const metrics: Record<string, number> = {};
  for (const window of windows(from, to, FACEBOOK_INSIGHTS_MAX_DAYS)) {
    const answer = await client.call({
      method: 'GET',
      path: `/${pageId}/insights`,
      token: auth.accessToken,
      params: {
        metric: Object.keys(FACEBOOK_INSIGHT_METRICS).join(','),
        period: 'day',
        since: String(window.since),
        until: String(window.until),
      },
      schema: insightsSchema,
      kind: 'read',
    });
    for (const series of answer.data) {
      const values = (series.values ?? []).map((entry) => entry.value);
      const aggregation = FACEBOOK_INSIGHT_METRICS[series.name];
      if (values.length === 0 || aggregation === undefined) {
        continue;
      }
      metrics[series.name] =
        aggregation === 'last'
          ? (values.at(-1) ?? 0)
          : (metrics[series.name] ?? 0) + values.reduce((sum, value) => sum + value, 0);
    }
  }
  return { periodStart: from, periodEnd: to, metrics };
}

/**
 * Instagram account totals (`metric_type=total_value`), at most 30 days per call. Longer periods
 * add up the windows' totals, so `reach` and `accounts_engaged` count a person once per window.
 */
export async function readInstagramInsights(
  client: MetaClient,
  auth: ChannelAuth,
  from: Date,
  to: Date,
): Promise<Insights> {
  const userId = requireAccountId(auth.accountId);
  refuseEmptyPeriod(from, to);
  const metrics: Record<string, number> = {};
  for (const window of windows(from, to, INSTAGRAM_INSIGHTS_MAX_DAYS)) {
    const answer = await client.call({
      method: 'GET',
      path: `/${userId}/insights`,
      token: auth.accessToken,
      params: {
        metric: INSTAGRAM_INSIGHT_METRICS.join(','),
        metric_type: 'total_value',
        period: 'day',
        since: String(window.since),
        until: String(window.until),
      },
      schema: insightsSchema,
      kind: 'read',
    });
    for (const series of answer.data) {
      const value =
        series.total_value?.value ??
        (series.values ?? []).reduce((sum, entry) => sum + entry.value, 0);
      metrics[series.name] = (metrics[series.name] ?? 0) + value;
    }
  }
  return { periodStart: from, periodEnd: to, metrics };
}
