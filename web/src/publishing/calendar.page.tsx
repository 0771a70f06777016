// Redaktionskalender: month or week, Monday first, posts placed by their Berlin day. Posts move by
// drag and drop or, for keyboards, by the "Verschieben" dialog; both call the same endpoint.
import { Alert, Box, Button, Grid, Group, Paper, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { useI18n } from '../i18n/i18n.context.tsx';
import { berlinToday } from '../i18n/i18n.format.ts';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import {
  addDays,
  addMonths,
  dayKeyOf,
  formatDayKey,
  isDayKey,
  isoWeek,
  monthWeeks,
  onDay,
  rangeOf,
  timeOfDay,
  weekDays,
} from './calendar.dates.ts';
import { groupByDay, useCalendarPosts } from './calendar.data.ts';
import { CalendarGrid } from './calendar.grid.tsx';
import { MoveDialog } from './calendar.move-dialog.tsx';
import { moveButtonId, PostItem } from './calendar.post-item.tsx';
import { PostFilters, usePostFilters } from './list.filters.tsx';
import { isMovable } from './publishing.labels.ts';
import type { Post } from './publishing.types.ts';

type View = 'month' | 'week';
/** Where a post dragged out of "Ohne Zeitpunkt" lands on its day. */
const DEFAULT_TIME = '09:00';
const PERIOD_ID = 'calendar-period';

interface Notice {
  kind: 'success' | 'error';
  text: string;
}

export function CalendarPage() {
  const { t, locale, formatDateTime } = useI18n();
  const { can } = useSession();
  const canDraft = can(PERMISSIONS.postsDraft);
  const [params, setParams] = useSearchParams();
  const filters = usePostFilters();
  const today = berlinToday();
  const view: View = params.get('view') === 'week' ? 'week' : 'month';
  const dateParam = params.get('date');
  const anchor = isDayKey(dateParam) ? dateParam : today;

  const weeks = useMemo(
    () => (view === 'month' ? monthWeeks(anchor) : [weekDays(anchor)]),
    [view, anchor],
  );
  const first = weeks[0]?.[0] ?? anchor;
  const last = weeks.at(-1)?.[6] ?? anchor;
  const range = useMemo(() => rangeOf(first, last), [first, last]);
  const posts = useCalendarPosts(filters.query, range, t);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [moving, setMoving] = useState<Post | null>(null);
  const focusAfterMove = useRef<string | null>(null);
  const periodRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // The moved post is a new element in another cell; focus follows it, or the period heading.
    const postId = focusAfterMove.current;
    if (postId !== null) {
      focusAfterMove.current = null;
      (document.getElementById(moveButtonId(postId)) ?? periodRef.current)?.focus();
    }
  });

  const go = (changes: Record<string, string>) => {
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        next.set(key, value);
      }
      return next;
    });
  };

  const period =
    view === 'month'
      ? formatDayKey(anchor, locale, { month: 'long', year: 'numeric' })
      : t('calendar.weekRange', {
          week: isoWeek(first),
          start: formatDayKey(first, locale, { day: 'numeric', month: 'long' }),
          end: formatDayKey(last, locale, { day: 'numeric', month: 'long', year: 'numeric' }),
        });

  const canMove = (post: Post) => canDraft && isMovable(post);

  const move = async (post: Post, scheduledAt: string, announceError: boolean) => {
    const result = await posts.move(post, scheduledAt);
    if (result.ok) {
      setNotice({
        kind: 'success',
        text: t('calendar.moved', {
          title: result.post.title,
          when: formatDateTime(result.post.scheduledAt ?? scheduledAt),
        }),
      });
      return null;
    }
    setNotice(
      announceError
        ? {
            kind: 'error',
            text: t('calendar.moveFailed', { title: post.title, reason: result.reason }),
          }
        : null,
    );
    return result.reason;
  };

  const onDropPost = (postId: string, day: string) => {
    if (posts.resource.status !== 'ready') {
      return;
    }
    const { scheduled, unscheduled } = posts.resource.data;
    const post = [...scheduled, ...unscheduled].find((item) => item.id === postId);
    if (post === undefined || !canMove(post)) {
      return;
    }
    if (post.scheduledAt !== null && dayKeyOf(post.scheduledAt) === day) {
      return;
    }
    const target = onDay(
      day,
      post.scheduledAt === null ? DEFAULT_TIME : timeOfDay(post.scheduledAt),
    );
    if (target !== null) {
      void move(post, target, true);
    }
  };

  const step = view === 'month' ? 'Month' : 'Week';
  const shift = (direction: -1 | 1) =>
    view === 'month' ? addMonths(anchor, direction) : addDays(anchor, 7 * direction);

  return (
    <>
      <PageHeader title={t('calendar.title')} intro={t('calendar.intro')} />
      <PostFilters filters={filters} idPrefix="calendar" />
      <Group justify="space-between" align="center" my="md" gap="sm">
        <Group gap="xs" role="group" aria-label={t('calendar.view')}>
          {(['month', 'week'] as const).map((option) => (
            <Button
              key={option}
              variant={view === option ? 'filled' : 'default'}
              aria-pressed={view === option}
              onClick={() => {
                go({ view: option });
              }}
            >
              {t(option === 'month' ? 'calendar.viewMonth' : 'calendar.viewWeek')}
            </Button>
          ))}
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            onClick={() => {
              go({ date: shift(-1) });
            }}
          >
            {t(`calendar.previous${step}`)}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              go({ date: today });
            }}
          >
            {t('calendar.today')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              go({ date: shift(1) });
            }}
          >
            {t(`calendar.next${step}`)}
          </Button>
        </Group>
      </Group>
      <Title order={2} id={PERIOD_ID} ref={periodRef} tabIndex={-1} mb="sm">
        {period}
      </Title>
      {/* Present from the start, so each confirmation is announced. */}
      <div role="status">
        {notice?.kind === 'success' && (
          <Alert color="blue" variant="light" mb="md">
            {notice.text}
          </Alert>
        )}
      </div>
      {notice?.kind === 'error' && (
        <Alert color="red" variant="light" role="alert" mb="md">
          {notice.text}
        </Alert>
      )}
      {posts.resource.status === 'loading' && <Loading />}
      {posts.resource.status === 'error' && (
        <LoadError error={posts.resource.error} onRetry={posts.reload} />
      )}
      {posts.resource.status === 'ready' && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, xl: 9 }}>
            <Text size="sm" mb="xs" role="status">
              {t('calendar.countInRange', { count: posts.resource.data.scheduled.length })}
            </Text>
            <TableScroll label={t('calendar.caption', { period })}>
              <CalendarGrid
                weeks={weeks}
                today={today}
                month={view === 'month' ? anchor : null}
                caption={t('calendar.caption', { period })}
                postsByDay={groupByDay(posts.resource.data.scheduled)}
                canMove={canMove}
                onMoveRequest={setMoving}
                onDropPost={onDropPost}
              />
            </TableScroll>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 3 }}>
            <Paper withBorder p="md" component="section" aria-labelledby="calendar-unscheduled">
              <Title order={2} size="h3" id="calendar-unscheduled" mb="xs">
                {t('calendar.unscheduledTitle')}
              </Title>
              {posts.resource.data.unscheduled.length === 0 ? (
                <Text size="sm">{t('calendar.unscheduledEmpty')}</Text>
              ) : (
                <>
                  {canDraft && (
                    <Text size="sm" mb="sm">
                      {t('calendar.unscheduledIntro')}
                    </Text>
                  )}
                  <Box component="ul" p={0} style={{ listStyle: 'none', margin: 0 }}>
                    {posts.resource.data.unscheduled.map((post) => (
                      <PostItem
                        key={post.id}
                        post={post}
                        movable={canMove(post)}
                        onMoveRequest={setMoving}
                      />
                    ))}
                  </Box>
                </>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
      {moving !== null && (
        <MoveDialog
          post={moving}
          onMove={(post, scheduledAt) => move(post, scheduledAt, false)}
          onClose={() => {
            focusAfterMove.current = moving.id;
            setMoving(null);
          }}
        />
      )}
    </>
  );
}
