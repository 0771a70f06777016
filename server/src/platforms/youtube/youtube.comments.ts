import { z } from 'zod';

import type { Page, RemoteComment } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { YouTubeClient } from './youtube.client.ts';
import { YOUTUBE_TUNING } from './youtube.limits.ts';

const commentSchema = z.object({
  id: z.string(),
  snippet: z.object({
    videoId: z.string().optional(),
    parentId: z.string().optional(),
    textOriginal: z.string().optional(),
    textDisplay: z.string().default(''),
    authorDisplayName: z.string().optional(),
    authorChannelId: z.object({ value: z.string() }).optional(),
    publishedAt: z.string(),
  }),
});
type CommentResource = z.infer<typeof commentSchema>;

const threadsPageSchema = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      snippet: z.object({ videoId: z.string().optional(), topLevelComment: commentSchema }),
      replies: z.object({ comments: z.array(commentSchema) }).optional(),
    }),
  ),
});

function toRemoteComment(comment: CommentResource, videoId: string | null): RemoteComment {
  const { snippet } = comment;
  return {
    externalId: comment.id,
    parentExternalId: snippet.parentId ?? null,
    postExternalId: snippet.videoId ?? videoId,
    authorHandle: snippet.authorChannelId?.value ?? snippet.authorDisplayName ?? 'unbekannt',
    authorName: snippet.authorDisplayName ?? null,
    text: snippet.textOriginal ?? snippet.textDisplay,
    createdAt: new Date(snippet.publishedAt),
    kind: 'comment',
  };
}

/**
 * One page of the channel's comment threads (all its videos), newest first, with the replies
 * the thread carries. The cursor is YouTube's pageToken; `null` as next cursor means the listing
 * is through, and the next poll starts again at the newest (the inbox deduplicates by id).
 * The channel's own replies are left out: they are ours already.
 */
export async function readYouTubeComments(
  client: YouTubeClient,
  channelId: string,
  cursor: string | null,
): Promise<Page<RemoteComment>> {
  const answer = await client.api({
    method: 'GET',
    path: '/youtube/v3/commentThreads',
    query: {
      part: 'snippet,replies',
      allThreadsRelatedToChannelId: channelId,
      maxResults: YOUTUBE_TUNING.commentPageSize,
      order: 'time',
      textFormat: 'plainText',
      ...(cursor === null ? {} : { pageToken: cursor }),
    },
    schema: threadsPageSchema,
    kind: 'read',
  });
  const items: RemoteComment[] = [];
  for (const thread of answer?.items ?? []) {
    const videoId = thread.snippet.videoId ?? null;
    for (const comment of [thread.snippet.topLevelComment, ...(thread.replies?.comments ?? [])]) {
      if (comment.snippet.authorChannelId?.value !== channelId) {
        items.push(toRemoteComment(comment, videoId));
      }
    }
  }
  return { items, nextCursor: answer?.nextPageToken ?? null };
}

/** comments.insert: YouTube threads are one level deep, so a reply to a reply joins its thread. */
export async function replyOnYouTube(
  client: YouTubeClient,
  toExternalId: string,
  text: string,
): Promise<{ externalId: string }> {
  const [parentId = toExternalId] = toExternalId.split('.');
  const created = await client.api({
    method: 'POST',
    path: '/youtube/v3/comments',
    query: { part: 'snippet' },
    json: { snippet: { parentId, textOriginal: text } },
    schema: commentSchema,
    kind: 'write',
  });
  if (created === undefined) {
    throw new PlatformError({ kind: 'outcome-unknown' });
  }
  return { externalId: created.id };
}

/**
 * Hiding uses `heldForReview`, not `rejected`: a rejected comment can never be published again
 * (and takes its replies with it), while a held one waits in YouTube Studio's review tab and
 * `published` brings it back. Setting the same status twice is harmless, so this is a read-kind
 * request for failure classification.
 */
export async function moderateOnYouTube(
  client: YouTubeClient,
  commentId: string,
  hidden: boolean,
): Promise<void> {
  await client.api({
    method: 'POST',
    path: '/youtube/v3/comments/setModerationStatus',
    query: { id: commentId, moderationStatus: hidden ? 'heldForReview' : 'published' },
    kind: 'read',
  });
}
