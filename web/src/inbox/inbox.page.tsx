// "Posteingang": filters on top, the list and the selected item side by side, live updates over
// server-sent events, and single-key shortcuts announced in a polite live region.
import { Anchor, Grid, Group, Paper, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { fetchOrgUnits, orgUnitOptions } from '../access/org-units.api.ts';
import { useSession } from '../access/session.context.tsx';
import { fetchColleagues } from '../access/users.api.ts';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { fetchChannels } from '../registry/registry.api.ts';
import { fetchCannedAnswers, fetchInboxItems, fetchRules } from './inbox.api.ts';
import { InboxDetail } from './inbox.detail.tsx';
import type { DetailCommands, DetailContext } from './inbox.detail.tsx';
import { InboxFiltersBar, SEARCH_INPUT_ID } from './inbox.filters.tsx';
import type { FilterChoice } from './inbox.filters.tsx';
import { ShortcutHelp } from './inbox.help.tsx';
import { useInboxKeys } from './inbox.keys.ts';
import type { ShortcutCommand } from './inbox.keys.ts';
import { authorOf } from './inbox.labels.ts';
import { focusOption, InboxList } from './inbox.list.tsx';
import { useInboxLive } from './inbox.live.ts';
import type { InboxFilters, InboxItem } from './inbox.types.ts';
import { EMPTY_FILTERS } from './inbox.types.ts';

const RELOAD_DELAY_MS = 300;

/** Reference data beside the list; each part may be missing when the person lacks its permission. */
interface PageContext extends DetailContext {
  channels: FilterChoice[];
}

function orEmpty<T>(allowed: boolean, load: () => Promise<T[]>): Promise<T[]> {
  return allowed ? load().catch(() => []) : Promise.resolve([]);
}

interface ListState {
  items: InboxItem[];
  nextCursor: string | null;
}

export function InboxPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('eintrag');
  const [filters, setFilters] = useState<InboxFilters>(EMPTY_FILTERS);
  const [list, setList] = useState<ListState | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [versions, setVersions] = useState<Record<string, number>>({});
  const [message, setMessage] = useState('');
  const [help, setHelp] = useState(false);
  const detail = useRef<DetailCommands>(null);
  const reloadTimer = useRef<number | undefined>(undefined);

  const loadContext = useCallback(async (): Promise<PageContext> => {
    const [rules, answers, people, units, channels] = await Promise.all([
      fetchRules().catch(() => []),
      orEmpty(can(PERMISSIONS.inboxReply), fetchCannedAnswers),
      orEmpty(can(PERMISSIONS.inboxModerate), fetchColleagues),
      orEmpty(can(PERMISSIONS.orgUnitsRead), fetchOrgUnits),
      orEmpty(can(PERMISSIONS.registryRead), () => fetchChannels()),
    ]);
    return {
      rules,
      answers,
      people: people.map((person) => ({ value: person.id, label: person.displayName })),
      units: orgUnitOptions(units),
      channels: channels.map((channel) => ({ value: channel.id, label: channel.name })),
    };
  }, [can]);
  const context = useResource(loadContext);

  useEffect(() => {
    let current = true;
    fetchInboxItems(filters, null).then(
      (page) => {
        if (current) {
          setList(page);
          setListError(null);
        }
      },
      (error: unknown) => {
        if (current) {
          setListError(error);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [filters, generation]);

  const announce = useCallback((text: string) => {
    // Clearing first makes screen readers repeat an identical message.
    setMessage('');
    window.setTimeout(() => {
      setMessage(text);
    }, 50);
  }, []);

  const select = useCallback(
    (itemId: string, focus: boolean) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set('eintrag', itemId);
          return next;
        },
        { replace: true },
      );
      if (focus) {
        focusOption(itemId);
      }
    },
    [setParams],
  );

  const live = useInboxLive((event) => {
    if (event.itemId === selectedId) {
      setVersions((previous) => ({
        ...previous,
        [event.itemId]: (previous[event.itemId] ?? 0) + 1,
      }));
    }
    if (event.type === 'item-created') {
      announce(t('inbox.live.new'));
    }
    // Bursts of events (a poll round) become one reload of the list.
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(() => {
      setGeneration((value) => value + 1);
    }, RELOAD_DELAY_MS);
  });
  useEffect(
    () => () => {
      window.clearTimeout(reloadTimer.current);
    },
    [],
  );

  const items = list?.items ?? [];
  const move = (by: number) => {
    if (items.length === 0) {
      announce(t('inbox.list.empty'));
      return;
    }
    const index = items.findIndex((item) => item.id === selectedId);
    const target = index === -1 ? 0 : Math.min(Math.max(index + by, 0), items.length - 1);
    const item = items[target];
    if (item !== undefined) {
      select(item.id, true);
      announce(
        t('inbox.list.position', {
          index: target + 1,
          count: items.length,
          author: authorOf(item),
          channel: item.channelName,
        }),
      );
    }
  };

  useInboxKeys((command: ShortcutCommand) => {
    const commands = detail.current;
    const onItem = (run: (target: DetailCommands) => void) => () => {
      if (commands === null) {
        announce(t('inbox.keys.noItem'));
      } else {
        run(commands);
      }
    };
    const byCommand: Record<ShortcutCommand, () => void> = {
      next: () => {
        move(1);
      },
      previous: () => {
        move(-1);
      },
      search: () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
      help: () => {
        setHelp(true);
      },
      open: onItem((target) => {
        target.open();
      }),
      hide: onItem((target) => {
        target.hide();
      }),
      restore: onItem((target) => {
        target.restore();
      }),
      reply: onItem((target) => {
        target.reply();
      }),
      note: onItem((target) => {
        target.note();
      }),
      done: onItem((target) => {
        target.toggleDone();
      }),
      assign: onItem((target) => {
        target.assignMe();
      }),
      case: onItem((target) => {
        target.createCase();
      }),
    };
    byCommand[command]();
  });

  const onItemChanged = useCallback((next: InboxItem) => {
    setList((previous) =>
      previous === null
        ? previous
        : { ...previous, items: previous.items.map((item) => (item.id === next.id ? next : item)) },
    );
  }, []);

  const loadMore = () => {
    const cursor = list?.nextCursor ?? null;
    if (cursor === null) {
      return;
    }
    setLoadingMore(true);
    fetchInboxItems(filters, cursor).then(
      (page) => {
        setList((previous) => ({
          items: [...(previous?.items ?? []), ...page.items],
          nextCursor: page.nextCursor,
        }));
        setLoadingMore(false);
      },
      (error: unknown) => {
        setListError(error);
        setLoadingMore(false);
      },
    );
  };

  const ready = context.resource.status === 'ready' ? context.resource.data : null;

  return (
    <>
      <PageHeader title={t('inbox.title')} intro={t('inbox.intro')} />
      <div
        role="status"
        aria-live="polite"
        className="sf-visually-hidden"
        data-testid="inbox-announcer"
      >
        {message}
      </div>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c={live ? 'dimmed' : 'red.9'}>
          {live ? t('inbox.live.on') : t('inbox.live.off')}
        </Text>
        {can(PERMISSIONS.netiquetteManage) && (
          <Anchor component={Link} to="/moderation" size="sm">
            {t('inbox.moderationLink')}
          </Anchor>
        )}
      </Group>
      <InboxFiltersBar
        filters={filters}
        channels={ready?.channels ?? []}
        units={ready?.units ?? []}
        onChange={setFilters}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          {listError !== null && (
            <LoadError
              error={listError}
              onRetry={() => {
                setGeneration((value) => value + 1);
              }}
            />
          )}
          {list === null && listError === null ? (
            <Loading />
          ) : (
            <InboxList
              items={items}
              selectedId={selectedId}
              hasMore={(list?.nextCursor ?? null) !== null}
              loadingMore={loadingMore}
              onSelect={select}
              onMore={loadMore}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="inbox-detail-title">
            {selectedId === null ? (
              <Text id="inbox-detail-title">{t('inbox.list.noneSelected')}</Text>
            ) : ready === null ? (
              <Loading />
            ) : (
              <InboxDetail
                key={selectedId}
                ref={detail}
                itemId={selectedId}
                version={versions[selectedId] ?? 0}
                context={ready}
                announce={announce}
                onItemChanged={onItemChanged}
              />
            )}
          </Paper>
        </Grid.Col>
      </Grid>
      {help && (
        <ShortcutHelp
          onClose={() => {
            setHelp(false);
          }}
        />
      )}
    </>
  );
}
