// Freigaben: posts waiting for approval, newest first. Approving happens on the post page, where
// the whole post and its channel variants can be read.
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader, TableScroll } from '../layout/layout.page.tsx';
import { fetchPosts } from './publishing.api.ts';
import type { Post } from './publishing.types.ts';

const loadInReview = () => fetchPosts({ status: 'in-review' });

const submitted = (post: Post) => post.submittedAt ?? post.updatedAt;

export function ReviewPage() {
  const { t, formatDateTime } = useI18n();
  const posts = useResource(loadInReview);
  return (
    <>
      <PageHeader title={t('approvals.title')} intro={t('approvals.intro')} />
      {posts.resource.status === 'loading' && <Loading />}
      {posts.resource.status === 'error' && (
        <LoadError error={posts.resource.error} onRetry={posts.reload} />
      )}
      {posts.resource.status === 'ready' &&
        (posts.resource.data.length === 0 ? (
          <Text>{t('approvals.empty')}</Text>
        ) : (
          <TableScroll label={t('approvals.tableLabel')}>
            <Table striped verticalSpacing="sm" miw={820}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('approvals.submittedAt')}</Table.Th>
                  <Table.Th scope="col">{t('publishing.title')}</Table.Th>
                  <Table.Th scope="col">{t('publishing.channels')}</Table.Th>
                  <Table.Th scope="col">{t('approvals.plannedFor')}</Table.Th>
                  <Table.Th scope="col">{t('publishing.createdBy')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...posts.resource.data]
                  .sort((a, b) => submitted(b).localeCompare(submitted(a)))
                  .map((post) => (
                    <Table.Tr key={post.id}>
                      <Table.Td>{formatDateTime(submitted(post))}</Table.Td>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/publishing/posts/${post.id}`} fw={600}>
                          {post.title}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        {post.targets.map((target) => target.channelName).join(', ') ||
                          t('publishing.noChannels')}
                      </Table.Td>
                      <Table.Td>
                        {post.scheduledAt === null
                          ? t('publishing.noTime')
                          : formatDateTime(post.scheduledAt)}
                      </Table.Td>
                      <Table.Td>{post.createdByName ?? t('publishing.unknownPerson')}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
    </>
  );
}
