// Loads the calendar's posts and moves them: optimistically in the view, then on the server;
// a refusal puts the post back where it was.
import { useCallback } from 'react';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import type { ResourceHandle } from '../api/api.resource.ts';
import { useResource } from '../api/api.resource.ts';
import type { Translate } from '../i18n/i18n.context.tsx';
import { dayKeyOf } from './calendar.dates.ts';
import { fetchPosts, schedulePost } from './publishing.api.ts';
import { isMovable } from './publishing.labels.ts';
import type { Post, PostListQuery } from './publishing.types.ts';

export interface CalendarData {
  /** Posts whose time falls into the days shown. */
  scheduled: Post[];
  /** Posts still without a time that can get one. */
  unscheduled: Post[];
}

/** Puts a post where its (new) time says, replacing its old copy. */
export function placePost(data: CalendarData, post: Post): CalendarData {
  const scheduled = data.scheduled.filter((item) => item.id !== post.id);
  const unscheduled = data.unscheduled.filter((item) => item.id !== post.id);
  if (post.scheduledAt !== null) {
    scheduled.push(post);
  } else if (isMovable(post)) {
    unscheduled.push(post);
  }
  return { scheduled, unscheduled };
}

export function groupByDay(posts: readonly Post[]): Map<string, Post[]> {
  const days = new Map<string, Post[]>();
  const sorted = [...posts].sort((a, b) =>
    (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''),
  );
  for (const post of sorted) {
    if (post.scheduledAt === null) {
      continue;
    }
    const key = dayKeyOf(post.scheduledAt);
    days.set(key, [...(days.get(key) ?? []), post]);
  }
  return days;
}

/** The server's own German wording: field complaints (e.g. a time in the past) before the summary. */
export function scheduleErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.details.length > 0) {
    return error.details.map((detail) => detail.message).join(' ');
  }
  return errorText(error, t);
}

export type MoveResult = { ok: true; post: Post } | { ok: false; reason: string };

export interface CalendarPosts extends ResourceHandle<CalendarData> {
  move: (post: Post, scheduledAt: string) => Promise<MoveResult>;
}

export function useCalendarPosts(
  query: PostListQuery,
  range: { from: string; to: string },
  t: Translate,
): CalendarPosts {
  const { from, to } = range;
  const load = useCallback(async (): Promise<CalendarData> => {
    // Without a range the server lists unscheduled posts too (after the scheduled ones).
    const [inRange, all] = await Promise.all([
      fetchPosts({ ...query, from, to }),
      fetchPosts(query),
    ]);
    return {
      scheduled: inRange,
      unscheduled: all.filter((post) => post.scheduledAt === null && isMovable(post)),
    };
  }, [query, from, to]);
  const handle = useResource(load);
  const { update } = handle;

  const move = useCallback(
    async (post: Post, scheduledAt: string): Promise<MoveResult> => {
      update((data) => placePost(data, { ...post, scheduledAt }));
      try {
        const saved = await schedulePost(post.id, scheduledAt);
        update((data) => placePost(data, saved));
        return { ok: true, post: saved };
      } catch (error: unknown) {
        update((data) => placePost(data, post));
        return { ok: false, reason: scheduleErrorText(error, t) };
      }
    },
    [update, t],
  );
  return { ...handle, move };
}
