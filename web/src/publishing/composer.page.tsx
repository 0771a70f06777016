// "Neuer Beitrag" and "Beitrag bearbeiten" (/publishing/posts/new, /publishing/posts/:postId/edit):
// loads the channels this person may write for and, when editing, the post with its media.
import { Alert, Anchor, Stack } from '@mantine/core';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { useResource } from '../api/api.resource.ts';
import { useI18n } from '../i18n/i18n.context.tsx';
import { LoadError, Loading, PageHeader } from '../layout/layout.page.tsx';
import { draftFromPost, EMPTY_DRAFT } from './composer.draft.ts';
import { ComposerForm } from './composer.form.tsx';
import { loadMedia } from './composer.media.tsx';
import type { Media } from './media.api.ts';
import { EDITABLE_STATUSES } from './post.rules.ts';
import { fetchComposerChannels, fetchPost } from './publishing.api.ts';
import type { ComposerChannel, Post } from './publishing.types.ts';

interface ComposerData {
  channels: ComposerChannel[];
  post: Post | null;
  media: Media[];
}

export function ComposerPage() {
  const { t } = useI18n();
  const { postId } = useParams();
  const load = useCallback(async (): Promise<ComposerData> => {
    const [channels, post] = await Promise.all([
      fetchComposerChannels(),
      postId === undefined ? Promise.resolve(null) : fetchPost(postId),
    ]);
    return { channels, post, media: post === null ? [] : await loadMedia(post.mediaIds) };
  }, [postId]);
  const data = useResource(load);
  const loaded = data.resource.status === 'ready' ? data.resource.data : null;
  const title =
    postId === undefined
      ? t('composer.newTitle')
      : loaded === null || loaded.post === null
        ? t('composer.editTitle')
        : t('composer.editTitleOf', { title: loaded.post.title });

  return (
    <>
      <PageHeader title={title} intro={t('composer.intro')} />
      {data.resource.status === 'loading' && <Loading />}
      {data.resource.status === 'error' && (
        <LoadError error={data.resource.error} onRetry={data.reload} />
      )}
      {loaded !== null &&
        (loaded.post !== null && !EDITABLE_STATUSES.has(loaded.post.status) ? (
          <Stack gap="sm" align="flex-start">
            <Alert color="blue" variant="light">
              {t('composer.notEditable')}
            </Alert>
            <Anchor component={Link} to={`/publishing/posts/${loaded.post.id}`}>
              {t('composer.toPost')}
            </Anchor>
          </Stack>
        ) : (
          <ComposerForm
            key={loaded.post === null ? 'new' : `${loaded.post.id}:${String(loaded.post.version)}`}
            channels={loaded.channels}
            post={loaded.post}
            initialDraft={loaded.post === null ? EMPTY_DRAFT : draftFromPost(loaded.post)}
            initialMedia={loaded.media}
            onReload={data.reload}
          />
        ))}
    </>
  );
}
