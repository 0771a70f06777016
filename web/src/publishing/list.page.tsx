// Liste: every visible post in a table, filtered like the calendar and sorted by time.
import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { PostFilters, usePostFilters } from './list.filters.tsx';
import { fetchPosts } from './publishing.api.ts';
import { PostStatusBadge } from './publishing.status-badge.tsx';
import type { Post } from './publishing.types.ts';

type Direction = 'ascending' | 'descending';

/** Posts without a time come last in either direction: they have no place on the time line. */
export function sortByTime(posts: readonly Post[], direction: Direction): Post[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...posts].sort((a, b) => {
    if (a.scheduledAt === null || b.scheduledAt === null) {
      return (a.scheduledAt === null ? 1 : 0) - (b.scheduledAt === null ? 1 : 0);
    }
    return sign * a.scheduledAt.localeCompare(b.scheduledAt);
  });
}

function PostsTable({
  posts,
  direction,
  onToggle,
}: {
  posts: readonly Post[];
  direction: Direction;
  onToggle: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <TableScroll label={t('list.tableLabel')}>
      <Table striped verticalSpacing="sm" miw={860}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" aria-sort={direction}>
              <UnstyledButton
                onClick={onToggle}
                fw={700}
                fz="sm"
                td="underline"
                aria-describedby="list-sort-state"
              >
                {t('publishing.scheduledAt')}{' '}
                <span aria-hidden="true">{direction === 'ascending' ? '▲' : '▼'}</span>
              </UnstyledButton>
              <span id="list-sort-state" className="sf-visually-hidden">
                {t('list.sortByTime')},{' '}
                {t(direction === 'ascending' ? 'list.sortedAscending' : 'list.sortedDescending')}
              </span>
            </Table.Th>
            <Table.Th scope="col">{t('publishing.title')}</Table.Th>
            <Table.Th scope="col">{t('publishing.channels')}</Table.Th>
            <Table.Th scope="col">{t('publishing.campaign')}</Table.Th>
            <Table.Th scope="col">{t('publishing.status')}</Table.Th>
            <Table.Th scope="col">{t('publishing.createdBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post) => (
            <Table.Tr key={post.id}>
              <Table.Td>
                {post.scheduledAt === null
                  ? t('publishing.noTime')
                  : formatDateTime(post.scheduledAt)}
              </Table.Td>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/publishing/posts/${post.id}`} fw={600}>
                  {post.title}
                </Anchor>
              </Table.Th>
              <Table.Td>
                {post.targets.length === 0
                  ? t('publishing.noChannels')
                  : post.targets.map((target) => target.channelName).join(', ')}
              </Table.Td>
              <Table.Td>{post.campaign ?? '–'}</Table.Td>
              <Table.Td>
                <PostStatusBadge status={post.status} />
              </Table.Td>
              <Table.Td>{post.createdByName ?? t('publishing.unknownPerson')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export function ListPage() {
  const { t } = useI18n();
  const filters = usePostFilters();
  const [params, setParams] = useSearchParams();
  const direction: Direction = params.get('sort') === 'desc' ? 'descending' : 'ascending';
  const { query } = filters;
  const load = useCallback(() => fetchPosts(query), [query]);
  const posts = useResource(load);

  const toggle = () => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('sort', direction === 'ascending' ? 'desc' : 'asc');
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader title={t('list.title')} intro={t('list.intro')} />
      <PostFilters filters={filters} idPrefix="list" />
      {posts.resource.status === 'loading' && <Loading />}
      {posts.resource.status === 'error' && (
        <LoadError error={posts.resource.error} onRetry={posts.reload} />
      )}
      {posts.resource.status === 'ready' && (
        <>
          <Text role="status" size="sm" mb="md">
            {t('list.count', { count: posts.resource.data.length })}
          </Text>
          {posts.resource.data.length === 0 ? (
            <Text>{t('list.empty')}</Text>
          ) : (
            <PostsTable
              posts={sortByTime(posts.resource.data, direction)}
              direction={direction}
              onToggle={toggle}
            />
          )}
        </>
      )}
    </>
  );
}
