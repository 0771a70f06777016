// Month and week grid: a table with weekday columns (Monday first) and ISO week rows. Each day
// accepts dropped posts; today is marked by border, background and the word "heute".
import { Box, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DragEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { formatDayKey, isoWeek } from './calendar.dates.ts';
import { POST_DRAG_TYPE, PostItem } from './calendar.post-item.tsx';
import type { Post } from './publishing.types.ts';

export interface GridProps {
  weeks: readonly (readonly string[])[];
  today: string;
  /** The month shown, to set other months' days apart; null in the week view. */
  month: string | null;
  caption: string;
  postsByDay: ReadonlyMap<string, readonly Post[]>;
  canMove: (post: Post) => boolean;
  onMoveRequest: (post: Post) => void;
  onDropPost: (postId: string, day: string) => void;
}

function carriesPost(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(POST_DRAG_TYPE);
}

function DayCell({
  day,
  isToday,
  outside,
  tall,
  posts,
  dropTarget,
  setDropTarget,
  grid,
}: {
  day: string;
  isToday: boolean;
  outside: boolean;
  tall: boolean;
  posts: readonly Post[];
  dropTarget: boolean;
  setDropTarget: (day: string | null) => void;
  grid: GridProps;
}) {
  const { t, locale } = useI18n();
  const longDate = formatDayKey(day, locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  const border = isToday
    ? '3px solid var(--mantine-color-blue-8)'
    : dropTarget
      ? '3px dashed var(--mantine-color-blue-8)'
      : undefined;
  return (
    <Table.Td
      aria-current={isToday ? 'date' : undefined}
      bg={isToday ? 'blue.0' : outside ? 'gray.0' : undefined}
      style={{
        outline: border,
        outlineOffset: -3,
        verticalAlign: 'top',
        height: tall ? 320 : 120,
      }}
      onDragOver={(event) => {
        if (carriesPost(event)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
          setDropTarget(day);
        }
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
          setDropTarget(null);
        }
      }}
      onDrop={(event) => {
        setDropTarget(null);
        const postId = event.dataTransfer.getData(POST_DRAG_TYPE);
        if (postId !== '') {
          event.preventDefault();
          grid.onDropPost(postId, day);
        }
      }}
    >
      <Text component="div" size="sm" fw={isToday ? 700 : 500} c={outside ? 'gray.7' : undefined}>
        <span aria-hidden="true">
          {tall
            ? formatDayKey(day, locale, { day: 'numeric', month: 'short' })
            : Number(day.slice(8))}
          {isToday && ` · ${t('calendar.todayMark')}`}
        </span>
        <span className="sf-visually-hidden">
          {longDate}
          {isToday && `, ${t('calendar.todayMark')}`}
        </span>
      </Text>
      {posts.length > 0 && (
        <Box
          component="ul"
          aria-label={t('calendar.postsOfDay', { day: longDate })}
          mt={4}
          p={0}
          style={{ listStyle: 'none', margin: 0 }}
        >
          {posts.map((post) => (
            <PostItem
              key={post.id}
              post={post}
              movable={grid.canMove(post)}
              onMoveRequest={grid.onMoveRequest}
            />
          ))}
        </Box>
      )}
    </Table.Td>
  );
}

export function CalendarGrid(grid: GridProps) {
  const { t, locale } = useI18n();
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const firstWeek = grid.weeks[0] ?? [];
  const tall = grid.month === null;
  return (
    <Table withTableBorder withColumnBorders layout="fixed" miw={880}>
      <caption className="sf-visually-hidden">{grid.caption}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={64}>
            {t('calendar.weekHeader')}
          </Table.Th>
          {firstWeek.map((day) => (
            <Table.Th scope="col" key={day}>
              <span aria-hidden="true">{formatDayKey(day, locale, { weekday: 'short' })}</span>
              <span className="sf-visually-hidden">
                {formatDayKey(day, locale, { weekday: 'long' })}
              </span>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {grid.weeks.map((week) => {
          const number = isoWeek(week[0] ?? grid.today);
          return (
            <Table.Tr key={week[0]}>
              <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                <span aria-hidden="true">{t('calendar.weekShort', { week: number })}</span>
                <span className="sf-visually-hidden">
                  {t('calendar.weekLong', { week: number })}
                </span>
              </Table.Th>
              {week.map((day) => (
                <DayCell
                  key={day}
                  day={day}
                  isToday={day === grid.today}
                  outside={grid.month !== null && day.slice(0, 7) !== grid.month.slice(0, 7)}
                  tall={tall}
                  posts={grid.postsByDay.get(day) ?? []}
                  dropTarget={dropTarget === day}
                  setDropTarget={setDropTarget}
                  grid={grid}
                />
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
