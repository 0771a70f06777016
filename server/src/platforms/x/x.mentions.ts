import type { TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';

import { PlatformError } from '../connector.ts';
import type { Page, RemoteComment } from '../connector.ts';

/**
 * The X inbox: `GET /2/users/:id/mentions`, which lists replies to the city's tweets (X puts the
 * replied-to handle into every reply) and plain mentions, newest first.
 *
 * The cursor is opaque to callers. `since=<id>` asks for everything newer than the newest mention
 * seen. When more than a page is newer, X pages backwards with `pagination_token` while
 * `since_id` stays fixed; the cursor then carries the page token and the newest id of the run
 * (`since=…&newest=…&page=…`), so nothing between two polls is skipped.
 */

const PAGE_SIZE = 100;

const mentionsSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        author_id: z.string(),
        created_at: z.string(),
        conversation_id: z.string().optional(),
        in_reply_to_user_id: z.string().optional(),
        referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
      }),
    )
    .optional(),
  includes: z
    .object({
      users: z
        .array(z.object({ id: z.string(), name: z.string(), username: z.string() }))
        .optional(),
    })
    .optional(),
  meta: z.object({
    result_count: z.number(),
    newest_id: z.string().optional(),
    next_token: z.string().optional(),
  }),
});
type MentionsBody = z.infer<typeof mentionsSchema>;
type MentionTweet = NonNullable<MentionsBody['data']>[number];

interface Cursor {
  readonly sinceId: string | null;
  readonly newestId: string | null;
  readonly page: string | null;
}

function parseCursor(cursor: string | null): Cursor {
  const params = new URLSearchParams(cursor ?? '');
  return { sinceId: params.get('since'), newestId: params.get('newest'), page: params.get('page') };
}

function formatCursor(cursor: Cursor): string | null {
  if (cursor.sinceId === null) {
    return null;
  }
  const params = new URLSearchParams({ since: cursor.sinceId });
  if (cursor.page !== null && cursor.newestId !== null) {
    params.set('newest', cursor.newestId);
    params.set('page', cursor.page);
  }
  return params.toString();
}

/** X escapes `&<>` in tweet text; the inbox shows what the person wrote. */
function unescapeText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function toComment(
  tweet: MentionTweet,
  users: ReadonlyMap<string, { name: string; username: string }>,
  cityId: string,
): RemoteComment {
  const parentId = tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id ?? null;
  // A reply to one of the city's tweets is a comment on the thread the city started or joined.
  const repliesToCity = parentId !== null && tweet.in_reply_to_user_id === cityId;
  const author = users.get(tweet.author_id);
  return {
    externalId: tweet.id,
    parentExternalId: parentId,
    postExternalId: repliesToCity ? (tweet.conversation_id ?? parentId) : null,
    authorHandle: author?.username ?? tweet.author_id,
    authorName: author === undefined || author.name === '' ? null : author.name,
    text: unescapeText(tweet.text),
    createdAt: new Date(tweet.created_at),
    kind: repliesToCity ? 'comment' : 'mention',
  };
}

/** One page of mentions of `cityId` after `cursor`, oldest first within the page. */
export async function readXMentions(
  client: TwitterApi,
  cityId: string,
  cursor: string | null,
): Promise<Page<RemoteComment>> {
  const position = parseCursor(cursor);
  const raw: unknown = await client.v2.get(
    'users/:id/mentions',
    {
      max_results: PAGE_SIZE,
      expansions: 'author_id',
      'tweet.fields': 'author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets',
      'user.fields': 'name,username',
      since_id: position.sinceId ?? undefined,
      pagination_token: position.page ?? undefined,
    },
    { params: { id: cityId } },
  );
  const parsed = mentionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new PlatformError({
      kind: 'rejected',
      reason: 'X answered the mentions request with an unreadable body.',
      platformCode: null,
    });
  }
  const body = parsed.data;
  const users = new Map((body.includes?.users ?? []).map((user) => [user.id, user]));
  const items = (body.data ?? [])
    .filter((tweet) => tweet.author_id !== cityId)
    .map((tweet) => toComment(tweet, users, cityId))
    .reverse();
  const newest = position.newestId ?? body.meta.newest_id ?? position.sinceId;
  const more = body.meta.next_token;
  // Without a cursor only the latest page counts: the inbox starts now, not with X's 800 mentions.
  const next: Cursor =
    more !== undefined && position.sinceId !== null
      ? { sinceId: position.sinceId, newestId: newest, page: more }
      : { sinceId: newest, newestId: null, page: null };
  return { items, nextCursor: formatCursor(next) ?? cursor };
}
