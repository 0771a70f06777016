// The bell in the header: unread count and a list of notifications in an accessible popover
// (button with aria-expanded, dialog labelled by the button, Escape closes, focus returns).
import { Anchor, Badge, Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/api.client.ts';
import { errorText } from '../api/api.errors.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import type { AppNotification } from './notifications.api.ts';
import { fetchNotifications, markNotificationRead } from './notifications.api.ts';

const REFRESH_MS = 5 * 60 * 1000;

type State =
  | { status: 'loading' }
  | { status: 'unavailable' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; items: AppNotification[] };

function BellIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

function Item({
  item,
  onRead,
  onNavigate,
}: {
  item: AppNotification;
  onRead: (id: string) => void;
  onNavigate: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const unread = item.readAt === null;
  const internal = item.link?.startsWith('/') === true;
  return (
    <li className="sf-notification">
      <Text size="sm" fw={unread ? 700 : 400}>
        {unread && <span className="sf-visually-hidden">{t('notifications.unreadPrefix')} </span>}
        {item.title}
      </Text>
      <Text size="sm">{item.body}</Text>
      <Text size="xs" c="dimmed">
        {formatDateTime(item.createdAt)}
      </Text>
      <Group gap="sm" mt={4}>
        {item.link !== null &&
          (internal ? (
            <Anchor component={Link} to={item.link} size="sm" onClick={onNavigate}>
              {t('notifications.open')}
            </Anchor>
          ) : (
            <Anchor href={item.link} size="sm">
              {t('notifications.open')}
            </Anchor>
          ))}
        {unread && (
          <Button
            size="compact-xs"
            variant="default"
            aria-label={t('notifications.markReadLabel', { title: item.title })}
            onClick={() => {
              onRead(item.id);
            }}
          >
            {t('notifications.markRead')}
          </Button>
        )}
      </Group>
    </li>
  );
}

export function NotificationBell() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [opened, setOpened] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchNotifications().then(
      (items) => {
        setState({ status: 'ready', items });
      },
      (error: unknown) => {
        // Servers without the notification module: no bell rather than a permanent error.
        const missing = error instanceof ApiError && error.code === 'route_not_found';
        setState(missing ? { status: 'unavailable' } : { status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, [load]);

  if (state.status === 'unavailable') {
    return null;
  }
  const items = state.status === 'ready' ? state.items : [];
  const unread = items.filter((item) => item.readAt === null).length;

  const read = (id: string) => {
    setActionError(null);
    markNotificationRead(id).then(
      () => {
        const now = new Date().toISOString();
        setState((previous) =>
          previous.status === 'ready'
            ? {
                status: 'ready',
                items: previous.items.map((item) =>
                  item.id === id ? { ...item, readAt: now } : item,
                ),
              }
            : previous,
        );
      },
      (error: unknown) => {
        setActionError(errorText(error, t));
      },
    );
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      withinPortal={false}
      trapFocus
      returnFocus
      shadow="md"
    >
      <Popover.Target>
        <Button
          variant="subtle"
          color="dark"
          px="xs"
          aria-label={t('notifications.button', { count: unread })}
          onClick={() => {
            if (!opened) {
              load();
            }
            setOpened((value) => !value);
          }}
        >
          <BellIcon />
          {unread > 0 && (
            <Badge size="sm" color="red" variant="filled" ml={4} aria-hidden="true">
              {unread}
            </Badge>
          )}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text fw={700}>{t('notifications.title')}</Text>
          {actionError !== null && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {actionError}
            </Text>
          )}
          {state.status === 'error' && <Text size="sm">{errorText(state.error, t)}</Text>}
          {state.status === 'loading' && <Text size="sm">{t('app.loading')}</Text>}
          {state.status === 'ready' && items.length === 0 && (
            <Text size="sm">{t('notifications.empty')}</Text>
          )}
          {items.length > 0 && (
            <ul className="sf-notifications">
              {items.map((item) => (
                <Item
                  key={item.id}
                  item={item}
                  onRead={read}
                  onNavigate={() => {
                    setOpened(false);
                  }}
                />
              ))}
            </ul>
          )}
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                setOpened(false);
              }}
            >
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
