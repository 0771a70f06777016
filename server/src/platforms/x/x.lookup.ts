import type { TwitterApi } from 'twitter-api-v2';
import twitterText from 'twitter-text';
import { z } from 'zod';

import type { LookupResult, PublishRequest } from '../connector.ts';

/** Pages of 100 tweets read before giving up; a city account rarely posts 500 times an hour. */
const LOOKUP_MAX_PAGES = 5;
/**
 * The window opens this much before `since`: `start_time` is compared with X's clock, not ours.
 * Widening is safe, because X refuses an identical text from the same account anyway.
 */
const CLOCK_SKEW_MS = 2 * 60 * 1000;

const timelineSchema = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        text: z.string(),
        entities: z
          .object({
            urls: z
              .array(
                z.object({
                  url: z.string(),
                  expanded_url: z.string().optional(),
                  media_key: z.string().optional(),
                }),
              )
              .optional(),
          })
          .optional(),
        attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
      }),
    )
    .optional(),
  meta: z.object({ result_count: z.number(), next_token: z.string().optional() }),
});
export type TimelineTweet = NonNullable<z.infer<typeof timelineSchema>['data']>[number];

export function xTweetUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

/**
 * Looks for the tweet among the account's tweets since `since`. `absent` only when every page was
 * read; a failed or cut-off listing is `undecidable`, so a person decides instead of a blind retry.
 */
export async function findTweet(
  client: TwitterApi,
  userId: string,
  request: PublishRequest,
  since: Date,
): Promise<LookupResult> {
  const wanted = normaliseForMatch(request.text);
  const startTime = new Date(since.getTime() - CLOCK_SKEW_MS)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  let paginationToken: string | undefined;
  for (let page = 0; page < LOOKUP_MAX_PAGES; page += 1) {
    let listing: z.infer<typeof timelineSchema>;
    try {
      const body: unknown = await client.v2.get(
        'users/:id/tweets',
        {
          max_results: 100,
          start_time: startTime,
          'tweet.fields': 'created_at,entities,attachments',
          pagination_token: paginationToken,
        },
        { params: { id: userId } },
      );
      listing = timelineSchema.parse(body);
    } catch {
      // Whatever went wrong (status, network, unexpected body), the listing proves nothing.
      return { status: 'undecidable' };
    }
    const hit = listing.data?.find(
      (tweet) =>
        normaliseForMatch(textAsWritten(tweet)) === wanted &&
        (tweet.attachments?.media_keys?.length ?? 0) === request.media.length,
    );
    if (hit !== undefined) {
      return { status: 'found', externalId: hit.id, url: xTweetUrl(hit.id) };
    }
    if (listing.meta.next_token === undefined) {
      return { status: 'absent' };
    }
    paginationToken = listing.meta.next_token;
  }
  return { status: 'undecidable' };
}

/**
 * X returns text rendered: every URL as a t.co link, the media link appended, `&<>` escaped.
 * The entities give back what was written; the media link is dropped (attachments count instead).
 */
export function textAsWritten(tweet: TimelineTweet): string {
  let text = tweet.text;
  for (const entity of tweet.entities?.urls ?? []) {
    const replacement = entity.media_key === undefined ? (entity.expanded_url ?? entity.url) : '';
    text = text.replace(entity.url, () => replacement);
  }
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Compares texts the way X's rendering allows: NFC, URLs without scheme (X expands `stuttgart.de`
 * to `http://stuttgart.de`) and with a lower-case host, whitespace runs collapsed.
 */
export function normaliseForMatch(text: string): string {
  const nfc = text.normalize('NFC');
  let result = '';
  let cursor = 0;
  for (const { url, indices } of twitterText.extractUrlsWithIndices(nfc)) {
    result += nfc.slice(cursor, indices[0]) + canonicalUrl(url);
    cursor = indices[1];
  }
  result += nfc.slice(cursor);
  return result.replace(/\s+/g, ' ').trim();
}

function canonicalUrl(url: string): string {
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hostEnd = withoutScheme.search(/[/?#]/);
  const host = hostEnd === -1 ? withoutScheme : withoutScheme.slice(0, hostEnd);
  const rest = hostEnd === -1 ? '' : withoutScheme.slice(hostEnd);
  return host.toLowerCase() + (rest === '/' ? '' : rest);
}
