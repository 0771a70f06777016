import { z } from 'zod';

import type { LookupResult, PublishRequest } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { LinkedInClient } from './linkedin.client.ts';
import { LINKEDIN_LOOKUP, unescapeLittleText } from './linkedin.limits.ts';

const postSchema = z.object({
  id: z.string(),
  commentary: z.string().default(''),
  createdAt: z.number(),
  content: z
    .object({
      media: z.object({ id: z.string() }).optional(),
      multiImage: z.object({ images: z.array(z.object({ id: z.string() })) }).optional(),
    })
    .optional(),
});
export type LinkedInPost = z.infer<typeof postSchema>;

const postsPageSchema = z.object({ elements: z.array(postSchema) });

export function linkedInPostUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/** One page of the author finder, newest first. Failures surface as PlatformError. */
export async function listRecentPosts(
  client: LinkedInClient,
  author: string,
  start: number,
  count: number,
): Promise<readonly LinkedInPost[]> {
  const answer = await client.rest({
    method: 'GET',
    path: '/rest/posts',
    query: { q: 'author', author, start, count, sortBy: 'CREATED' },
    schema: postsPageSchema,
    kind: 'read',
  });
  return answer.data?.elements ?? [];
}

function mediaCount(post: LinkedInPost): number {
  if (post.content?.multiImage !== undefined) {
    return post.content.multiImage.images.length;
  }
  return post.content?.media === undefined ? 0 : 1;
}

/**
 * Looks for the post among the organization's posts since `since`. `absent` only when the
 * listing reached posts older than the window; a failed or cut-off listing is `undecidable`.
 * LinkedIn has no idempotency key, so this is the only evidence before a retry.
 */
export async function findLinkedInPost(
  client: LinkedInClient,
  author: string,
  request: PublishRequest,
  since: Date,
): Promise<LookupResult> {
  const wanted = normaliseForMatch(request.text);
  const windowStart = since.getTime() - LINKEDIN_LOOKUP.clockSkewMs;
  const { pageSize, maxPages } = LINKEDIN_LOOKUP;
  for (let page = 0; page < maxPages; page += 1) {
    let posts: readonly LinkedInPost[];
    try {
      posts = await listRecentPosts(client, author, page * pageSize, pageSize);
    } catch (error) {
      if (error instanceof PlatformError) {
        // Whatever went wrong, the listing proves nothing either way.
        return { status: 'undecidable' };
      }
      throw error;
    }
    const hit = posts.find(
      (post) =>
        post.createdAt >= windowStart &&
        normaliseForMatch(unescapeLittleText(post.commentary)) === wanted &&
        mediaCount(post) === request.media.length,
    );
    if (hit !== undefined) {
      return { status: 'found', externalId: hit.id, url: linkedInPostUrl(hit.id) };
    }
    const oldest = posts.at(-1);
    if (posts.length < pageSize || (oldest !== undefined && oldest.createdAt < windowStart)) {
      return { status: 'absent' };
    }
  }
  return { status: 'undecidable' };
}

/** NFC and collapsed whitespace: LinkedIn may trim or normalise what it stores. */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
