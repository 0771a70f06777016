// One post in the calendar: a link to the post, its channels and state, and "Verschieben" as the
// keyboard alternative to dragging it onto another day.
import { Anchor, Box, Button, Group, Text } from '@mantine/core';
import type { DragEvent } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.context.tsx';
import { timeOfDay } from './calendar.dates.ts';
import { platformMark } from './publishing.labels.ts';
import { PostStatusBadge } from './publishing.status-badge.tsx';
import type { Post, PostTarget } from './publishing.types.ts';

/** The drag payload's type, so days accept only posts and not, say, dragged links or files. */
export const POST_DRAG_TYPE = 'application/x-stadtfunk-post';

export function moveButtonId(postId: string): string {
  return `move-post-${postId}`;
}

export function PlatformMarks({ targets }: { targets: readonly PostTarget[] }) {
  const { t } = useI18n();
  if (targets.length === 0) {
    return (
      <Text component="span" size="xs">
        {t('publishing.noChannels')}
      </Text>
    );
  }
  const names = targets
    .map((target) => `${target.channelName} (${platformMark(target.platformKey).name})`)
    .join(', ');
  return (
    <Text component="span" size="xs" title={names}>
      <span className="sf-visually-hidden">{t('publishing.channelsOf', { names })}</span>
      <span aria-hidden="true">
        {[...new Set(targets.map((target) => platformMark(target.platformKey).short))].join(' · ')}
      </span>
    </Text>
  );
}

export function PostItem({
  post,
  movable,
  onMoveRequest,
}: {
  post: Post;
  /** Whether this viewer may give the post a new time (and drag it). */
  movable: boolean;
  onMoveRequest: (post: Post) => void;
}) {
  const { t } = useI18n();
  const scheduled = post.scheduledAt !== null;
  const onDragStart = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.setData(POST_DRAG_TYPE, post.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <Box
      component="li"
      draggable={movable}
      onDragStart={movable ? onDragStart : undefined}
      p={6}
      mb={6}
      bg="white"
      style={{
        border: '1px solid var(--mantine-color-gray-5)',
        borderRadius: 'var(--mantine-radius-sm)',
        cursor: movable ? 'grab' : undefined,
      }}
    >
      <Anchor
        component={Link}
        to={`/publishing/posts/${post.id}`}
        draggable={false}
        size="sm"
        fw={600}
        display="block"
        style={{ overflowWrap: 'anywhere' }}
      >
        {post.scheduledAt !== null && `${timeOfDay(post.scheduledAt)} `}
        {post.title}
      </Anchor>
      <Group gap={6} mt={4} wrap="wrap">
        <PlatformMarks targets={post.targets} />
        <PostStatusBadge status={post.status} />
      </Group>
      {movable && (
        <Button
          id={moveButtonId(post.id)}
          mt={4}
          size="compact-xs"
          variant="default"
          aria-label={t(scheduled ? 'calendar.moveLabel' : 'calendar.scheduleLabel', {
            title: post.title,
          })}
          onClick={() => {
            onMoveRequest(post);
          }}
        >
          {t(scheduled ? 'calendar.move' : 'calendar.schedule')}
        </Button>
      )}
    </Box>
  );
}
