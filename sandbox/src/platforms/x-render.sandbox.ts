import { createHash } from 'node:crypto';

import twitterText from 'twitter-text';

import type { SandboxPost } from '../sandbox.store.ts';
import type { XTweetMeta } from './x-common.sandbox.ts';
import { xUsername } from './x-common.sandbox.ts';

export interface XUrlEntity {
  readonly start: number;
  readonly end: number;
  readonly url: string;
  readonly expanded_url: string;
  readonly display_url: string;
  readonly media_key?: string;
}

/** The tweet fields the sandbox can render; X rejects any name outside its own list. */
export const X_TWEET_FIELDS = [
  'attachments',
  'author_id',
  'conversation_id',
  'created_at',
  'edit_history_tweet_ids',
  'entities',
  'id',
  'in_reply_to_user_id',
  'lang',
  'public_metrics',
  'referenced_tweets',
  'text',
] as const;
export type XTweetField = (typeof X_TWEET_FIELDS)[number];

/**
 * The tweet as X serves it: every URL replaced by a t.co link (23 characters, hence the weight),
 * photos announced by a trailing t.co link, `&<>` HTML-escaped; entity indices in code points.
 */
export function renderText(
  post: SandboxPost,
  meta: XTweetMeta,
): { text: string; urls: XUrlEntity[] } {
  const urls: XUrlEntity[] = [];
  let text = '';
  let cursor = 0;
  twitterText.extractUrlsWithIndices(post.text).forEach(({ url, indices }, index) => {
    text += escapeHtml(post.text.slice(cursor, indices[0]));
    const link = tco(post.id, String(index));
    const start = codePoints(text);
    text += link;
    urls.push({
      start,
      end: start + link.length,
      url: link,
      expanded_url: /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`,
      display_url: display(url),
    });
    cursor = indices[1];
  });
  text += escapeHtml(post.text.slice(cursor));
  const firstMedia = meta.mediaKeys[0];
  if (firstMedia !== undefined) {
    const link = tco(post.id, 'media');
    text += text === '' ? link : ` ${link}`;
    const start = codePoints(text) - link.length;
    urls.push({
      start,
      end: start + link.length,
      url: link,
      expanded_url: `https://x.com/${xUsername(post.accountId)}/status/${post.id}/photo/1`,
      display_url: `pic.x.com/${link.slice('https://t.co/'.length)}`,
      media_key: firstMedia,
    });
  }
  return { text, urls };
}

/** One tweet object with the default fields plus the requested `tweet.fields`. */
export function tweetObject(
  post: SandboxPost,
  meta: XTweetMeta,
  fields: ReadonlySet<string>,
): Record<string, unknown> {
  const rendered = renderText(post, meta);
  const tweet: Record<string, unknown> = {
    id: post.id,
    text: rendered.text,
    edit_history_tweet_ids: [post.id],
  };
  if (fields.has('created_at')) {
    tweet.created_at = post.createdAt.toISOString();
  }
  if (fields.has('author_id')) {
    tweet.author_id = post.accountId;
  }
  if (fields.has('entities') && rendered.urls.length > 0) {
    tweet.entities = { urls: rendered.urls };
  }
  if (fields.has('attachments') && meta.mediaKeys.length > 0) {
    tweet.attachments = { media_keys: meta.mediaKeys };
  }
  if (fields.has('conversation_id')) {
    tweet.conversation_id = meta.conversationId;
  }
  if (fields.has('in_reply_to_user_id') && meta.inReplyToUserId !== null) {
    tweet.in_reply_to_user_id = meta.inReplyToUserId;
  }
  if (fields.has('referenced_tweets') && meta.inReplyToTweetId !== null) {
    tweet.referenced_tweets = [{ type: 'replied_to', id: meta.inReplyToTweetId }];
  }
  return tweet;
}

function tco(postId: string, salt: string): string {
  const code = createHash('sha256').update(`${postId}:${salt}`).digest('base64url').slice(0, 10);
  return `https://t.co/${code}`;
}

function display(url: string): string {
  const bare = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^www\./i, '');
  return bare.length > 25 ? `${bare.slice(0, 24)}…` : bare;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function codePoints(text: string): number {
  // X counts entity indices in code points; Array.from iterates code points, not graphemes.
  return Array.from(text).length;
}
