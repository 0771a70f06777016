// One post (/publishing/posts/:postId): state and history, the decision for communications, the
// editor's actions, the content per channel, deliveries while and after publishing, comments.
import { Alert, Group, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import { PERMISSIONS } from '../access/access.permissions.ts';
import { useSession, useSignedInSession } from '../access/session.context.tsx';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { DetailList, Maybe, Section } from '../registry/registry.fields.tsx';
import { GOAL_LABELS } from '../registry/registry.labels.ts';
import { loadMedia } from './composer.media.tsx';
import type { Media } from './media.api.ts';
import { EditorActions } from './post.actions.tsx';
import { PostComments } from './post.comments.tsx';
import { PostDeliveries } from './post.deliveries.tsx';
import { ReviewActions } from './post.review.tsx';
import { PostTimeline } from './post.timeline.tsx';
import { PostPreview } from './preview.post.tsx';
import { fetchComposerChannels, fetchPost } from './publishing.api.ts';
import { platformMark } from './publishing.labels.ts';
import { PostStatusBadge } from './publishing.status-badge.tsx';
import type { ComposerChannel, Post } from './publishing.types.ts';

interface PostData {
  post: Post;
  media: Media[];
  /** For handles and platform names in the previews; empty for people who cannot draft. */
  channels: ComposerChannel[];
}

export function PostPage() {
  const { postId = '' } = useParams();
  const { can } = useSession();
  const mayDraft = can(PERMISSIONS.postsDraft);
  const load = useCallback(async (): Promise<PostData> => {
    const [post, channels] = await Promise.all([
      fetchPost(postId),
      mayDraft ? fetchComposerChannels().catch(() => []) : Promise.resolve([]),
    ]);
    return { post, channels, media: await loadMedia(post.mediaIds) };
  }, [postId, mayDraft]);
  const data = useResource(load);
  const { t } = useI18n();

  if (data.resource.status === 'loading') {
    return (
      <>
        <PageHeader title={t('post.title')} />
        <Loading />
      </>
    );
  }
  if (data.resource.status === 'error') {
    return (
      <>
        <PageHeader title={t('post.title')} />
        <LoadError error={data.resource.error} onRetry={data.reload} />
      </>
    );
  }
  return <PostView data={data.resource.data} update={data.update} />;
}

function PostView({
  data,
  update,
}: {
  data: PostData;
  update: (change: (data: PostData) => PostData) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { can } = useSession();
  const session = useSignedInSession();
  const [notice, setNotice] = useState<string | null>(null);
  const { post, media, channels } = data;

  const replace = useCallback(
    (next: Post) => {
      update((previous) => ({ ...previous, post: next }));
    },
    [update],
  );
  // Quiet refresh: the page stays on screen while the post's status catches up.
  const refresh = useCallback(() => {
    fetchPost(post.id).then(replace, () => {
      // The next change or poll tries again.
    });
  }, [post.id, replace]);
  const changed = (next: Post, message: string) => {
    replace(next);
    setNotice(message);
  };

  // The server refuses author and submitter alike (four-eyes principle); so does the page.
  const isAuthor = post.createdBy === session.user.id || post.submittedBy === session.user.id;
  const mayApprove = can(PERMISSIONS.postsApprove);
  const channelOf = (id: string) => channels.find((channel) => channel.id === id);

  return (
    <>
      <PageHeader title={post.title} />
      <Group mb="md" gap="sm">
        <PostStatusBadge status={post.status} />
      </Group>
      <div role="status">
        {notice !== null && (
          <Alert color="blue" variant="light" mb="md" role="note">
            {notice}
          </Alert>
        )}
      </div>
      <Stack gap="lg">
        <Section id="post-overview" title={t('post.overview')}>
          <DetailList
            items={[
              [t('post.status'), <PostStatusBadge key="s" status={post.status} />],
              [
                t('post.when'),
                post.scheduledAt === null
                  ? t('composer.whenEmpty')
                  : formatDateTime(post.scheduledAt),
              ],
              [
                t('post.approval'),
                post.needsApproval ? t('composer.needsApproval') : t('post.noApprovalNeeded'),
              ],
              [t('post.campaign'), <Maybe key="c" value={post.campaign} />],
              [
                t('post.goal'),
                post.goal === null ? t('registry.notGiven') : t(GOAL_LABELS[post.goal]),
              ],
              [t('post.link'), <Maybe key="l" value={post.linkUrl} />],
              [
                t('post.hashtags'),
                post.hashtags.length === 0 ? t('composer.noHashtags') : post.hashtags.join(' '),
              ],
              [t('post.author'), post.createdByName ?? t('post.unknownPerson')],
            ]}
          />
        </Section>
        <Section id="post-history" title={t('post.history')}>
          <PostTimeline post={post} />
        </Section>
        {mayApprove && post.status === 'in-review' && (
          <Section id="post-review" title={t('post.review')}>
            {isAuthor ? (
              <Text size="sm">{t('post.ownPost')}</Text>
            ) : (
              <ReviewActions post={post} onChanged={changed} />
            )}
          </Section>
        )}
        {can(PERMISSIONS.postsDraft) && (
          <Section id="post-actions" title={t('post.actions')}>
            <EditorActions post={post} onChanged={changed} />
          </Section>
        )}
        <Section id="post-content" title={t('post.content')}>
          {post.targets.length === 0 ? (
            <Text size="sm">{t('post.noTargets')}</Text>
          ) : (
            <Stack gap="lg">
              {post.targets.map((target) => {
                const channel = channelOf(target.channelId);
                return (
                  <PostPreview
                    key={target.channelId}
                    platformKey={target.platformKey}
                    platformName={channel?.platformName ?? platformMark(target.platformKey).name}
                    channelName={target.channelName}
                    handle={channel?.handle ?? target.channelHandle}
                    text={target.effectiveText}
                    title={target.variantTitle ?? post.title}
                    media={media}
                  />
                );
              })}
            </Stack>
          )}
        </Section>
        <Section id="post-deliveries" title={t('post.deliveries')}>
          <PostDeliveries post={post} onPostChanged={refresh} onNotice={setNotice} />
        </Section>
        <Section id="post-comments" title={t('post.comments')}>
          <PostComments postId={post.id} />
        </Section>
      </Stack>
    </>
  );
}
