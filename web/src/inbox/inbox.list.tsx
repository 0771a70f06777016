// The list of items as an ARIA listbox with a roving tab stop: one Tab reaches it, j/k or the arrow
// keys move through it, and the selected item shows in the detail next to it. Comment text is
// rendered as plain text (React escapes it); it is never interpreted as HTML.
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.context.tsx';
import { platformMark } from '../publishing/publishing.labels.ts';
import { StatusBadge } from '../registry/registry.badges.tsx';
import {
  authorOf,
  KIND_LABELS,
  labelOf,
  STATUS_LABELS,
  VERDICT_LABELS,
  VERDICT_TONES,
  VISIBILITY_LABELS,
} from './inbox.labels.ts';
import type { InboxItem } from './inbox.types.ts';

export const LIST_ID = 'inbox-list';

export function optionId(itemId: string): string {
  return `inbox-item-${itemId}`;
}

/** Moves keyboard focus to an item's row once it is rendered. */
export function focusOption(itemId: string): void {
  window.requestAnimationFrame(() => {
    document.getElementById(optionId(itemId))?.focus();
  });
}

function ItemRow({
  item,
  selected,
  tabbable,
  onSelect,
}: {
  item: InboxItem;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <Paper
      id={optionId(item.id)}
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      withBorder
      p="sm"
      bg={selected ? 'blue.0' : undefined}
      style={{
        cursor: 'pointer',
        borderColor: selected ? 'var(--mantine-color-blue-8)' : undefined,
        borderWidth: selected ? 2 : undefined,
      }}
      onClick={onSelect}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {authorOf(item)}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(item.remoteCreatedAt)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {item.channelName} · {platformMark(item.platform).name} ·{' '}
          {labelOf(t, KIND_LABELS, item.kind)}
          {item.visibility === 'private' ? ` · ${t('inbox.private')}` : ''}
        </Text>
        <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
          {item.text}
        </Text>
        <Group gap={6}>
          {item.verdict.outcome !== 'ok' && (
            <StatusBadge tone={VERDICT_TONES[item.verdict.outcome]}>
              {labelOf(t, VERDICT_LABELS, item.verdict.outcome)}
            </StatusBadge>
          )}
          {item.visibilityState !== 'visible' && (
            <StatusBadge tone={item.visibilityState === 'hidden' ? 'neutral' : 'bad'}>
              {labelOf(t, VISIBILITY_LABELS, item.visibilityState)}
            </StatusBadge>
          )}
          {item.status === 'done' && (
            <StatusBadge tone="good">{labelOf(t, STATUS_LABELS, item.status)}</StatusBadge>
          )}
          {item.appealOpen && <StatusBadge tone="warn">{t('inbox.appealOpen')}</StatusBadge>}
          {item.assignee !== null && (
            <Badge variant="outline" color="gray.8" tt="none">
              {item.assignee.name}
            </Badge>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

export function InboxList({
  items,
  selectedId,
  hasMore,
  loadingMore,
  onSelect,
  onMore,
}: {
  items: readonly InboxItem[];
  selectedId: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  onSelect: (itemId: string, focus: boolean) => void;
  onMore: () => void;
}) {
  const { t } = useI18n();
  if (items.length === 0) {
    return <Text role="status">{t('inbox.list.empty')}</Text>;
  }
  const selectedIndex = items.findIndex((item) => item.id === selectedId);
  const tabbableIndex = selectedIndex === -1 ? 0 : selectedIndex;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number | undefined> = {
      ArrowDown: tabbableIndex + 1,
      ArrowUp: tabbableIndex - 1,
      Home: 0,
      End: items.length - 1,
    };
    const target = moves[event.key];
    const item = target === undefined ? undefined : items[target];
    if (target !== undefined) {
      event.preventDefault();
    }
    if (item !== undefined) {
      onSelect(item.id, true);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('inbox.list.count', { count: items.length })}
      </Text>
      <Stack
        id={LIST_ID}
        role="listbox"
        aria-label={t('inbox.list.label')}
        gap={6}
        onKeyDown={onKeyDown}
      >
        {items.map((item, index) => (
          <ItemRow
            key={item.id}
            item={item}
            selected={item.id === selectedId}
            tabbable={index === tabbableIndex}
            onSelect={() => {
              onSelect(item.id, true);
            }}
          />
        ))}
      </Stack>
      {hasMore && (
        <Button variant="default" loading={loadingMore} onClick={onMore}>
          {t('inbox.list.more')}
        </Button>
      )}
    </Stack>
  );
}
