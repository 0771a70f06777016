import { z } from 'zod';

import type { ChannelAuth, Page, RemoteComment } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { MetaClient } from './meta.client.ts';
import { requireAccountId } from './meta.auth.ts';

const successSchema = z.object({ success: z.boolean() });
const recentSchema = z.object({ data: z.array(z.object({ id: z.string() })) });

/** Recent posts whose comments readComments collects; older threads are the inbox's history. */
const COMMENT_POSTS = 10;

/** Where a network keeps its posts and how its comments look (Facebook and Instagram differ). */
export interface CommentSource<C> {
  /** The account's post edge: `posts` (page) or `media` (Instagram). */
  readonly postsEdge: string;
  readonly commentParams: Readonly<Record<string, string>>;
  readonly schema: z.ZodType<{ data: readonly C[] }>;
  readonly toComment: (comment: C, postId: string) => RemoteComment;
}

/** The comments on the account's most recent posts, one listing per post. */
export async function readMetaComments<C>(
  client: MetaClient,
  auth: ChannelAuth,
  source: CommentSource<C>,
): Promise<Page<RemoteComment>> {
  const accountId = requireAccountId(auth.accountId);
  const posts = await client.call({
    method: 'GET',
    path: `/${accountId}/${source.postsEdge}`,
    token: auth.accessToken,
    params: { fields: 'id', limit: String(COMMENT_POSTS) },
    schema: recentSchema,
    kind: 'read',
  });
  const items: RemoteComment[] = [];
  for (const post of posts.data) {
    const comments = await client.call({
      method: 'GET',
      path: `/${post.id}/comments`,
      token: auth.accessToken,
      params: source.commentParams,
      schema: source.schema,
      kind: 'read',
    });
    items.push(...comments.data.map((comment) => source.toComment(comment, post.id)));
  }
  return { items, nextCursor: null };
}

/** Hides or shows a comment; Facebook names the flag `is_hidden`, Instagram `hide`. */
export async function hideMetaComment(
  client: MetaClient,
  auth: ChannelAuth,
  externalId: string,
  flag: 'is_hidden' | 'hide',
  hidden: boolean,
): Promise<void> {
  // Setting the same flag twice is harmless, so a lost answer is only transient.
  await client.call({
    method: 'POST',
    path: `/${externalId}`,
    token: auth.accessToken,
    params: { [flag]: String(hidden) },
    schema: successSchema,
    kind: 'read',
  });
}

/**
 * Deletes a comment on the account's own post or media. Meta refuses comments elsewhere (code 100
 * or a permission error), which arrives as `rejected`. Hiding stays the preferred moderation.
 */
export async function deleteMetaComment(
  client: MetaClient,
  auth: ChannelAuth,
  externalId: string,
): Promise<void> {
  // A repeated delete changes nothing visible: a lost answer is transient, not outcome-unknown.
  const result = await client.call({
    method: 'DELETE',
    path: `/${externalId}`,
    token: auth.accessToken,
    schema: successSchema,
    kind: 'read',
  });
  if (!result.success) {
    throw new PlatformError({
      kind: 'rejected',
      reason: `Meta hat den Kommentar ${externalId} nicht gelöscht.`,
      platformCode: null,
    });
  }
}

const replySchema = z.object({ id: z.string() });

/** Answers a comment: Facebook's edge is `comments`, Instagram's `replies`; the rest is the same. */
export async function replyToMetaComment(
  client: MetaClient,
  auth: ChannelAuth,
  toExternalId: string,
  edge: 'comments' | 'replies',
  text: string,
): Promise<{ externalId: string }> {
  const created = await client.call({
    method: 'POST',
    path: `/${toExternalId}/${edge}`,
    token: auth.accessToken,
    params: { message: text },
    schema: replySchema,
    kind: 'write',
  });
  return { externalId: created.id };
}
