// Audit-Log: filter, page through with a cursor, and verify the hash chain.
import { Button, Group, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession } from '../access/session.context.tsx';
import { fetchUsers } from '../access/users.api.ts';
import { errorText } from '../api/api.errors.ts';
import { useResource } from '../api/api.resource.ts';
import type { AuditEntry, User } from '../api/api.types.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import type { AuditFilters } from './audit.api.ts';
import { EMPTY_FILTERS, fetchAuditPage } from './audit.api.ts';
import { AuditFilterForm } from './audit.filters.tsx';
import { AuditTable } from './audit.table.tsx';
import { AuditVerify } from './audit.verify.tsx';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; entries: AuditEntry[]; nextCursor: string | null };

export function AuditPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const canReadUsers = can(PERMISSIONS.usersRead);
  const loadUsers = useCallback(
    (): Promise<User[] | null> => (canReadUsers ? fetchUsers() : Promise.resolve(null)),
    [canReadUsers],
  );
  const users = useResource(loadUsers);

  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const [generation, setGeneration] = useState(0);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    fetchAuditPage(filters, null).then(
      (page) => {
        if (current) {
          setList({ status: 'ready', entries: page.items, nextCursor: page.nextCursor });
        }
      },
      (error: unknown) => {
        if (current) {
          setList({ status: 'error', error });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [filters, generation]);

  const apply = (next: AuditFilters) => {
    setList({ status: 'loading' });
    setMoreError(null);
    setFilters(next);
    // Applying the same filters again still reloads, to pick up new entries.
    setGeneration((value) => value + 1);
  };

  const loadMore = () => {
    if (list.status !== 'ready' || list.nextCursor === null) {
      return;
    }
    setMoreBusy(true);
    setMoreError(null);
    fetchAuditPage(filters, list.nextCursor).then(
      (page) => {
        setMoreBusy(false);
        setList((previous) =>
          previous.status === 'ready'
            ? {
                status: 'ready',
                entries: [...previous.entries, ...page.items],
                nextCursor: page.nextCursor,
              }
            : previous,
        );
      },
      (failure: unknown) => {
        setMoreBusy(false);
        setMoreError(errorText(failure, t));
      },
    );
  };

  // A select needs the list; without it (no right, or it failed) the actor is typed as an id.
  const userOptions =
    users.resource.status === 'ready'
      ? users.resource.data
      : users.resource.status === 'loading' && canReadUsers
        ? []
        : null;

  return (
    <>
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      <AuditVerify />
      <AuditFilterForm users={userOptions} onApply={apply} />
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && (
        <LoadError
          error={list.error}
          onRetry={() => {
            apply(filters);
          }}
        />
      )}
      {list.status === 'ready' &&
        (list.entries.length === 0 ? (
          <Text>{t('audit.empty')}</Text>
        ) : (
          <>
            <AuditTable entries={list.entries} />
            <Group mt="md" justify="space-between">
              <Text size="sm" role="status">
                {t('audit.count', { count: list.entries.length })}
              </Text>
              {list.nextCursor !== null && (
                <Button variant="default" onClick={loadMore} loading={moreBusy}>
                  {t('audit.loadMore')}
                </Button>
              )}
            </Group>
            {moreError !== null && (
              <Text c="red.9" role="alert" mt="sm">
                {moreError}
              </Text>
            )}
          </>
        ))}
    </>
  );
}
