import { z } from 'zod';

import type { LookupResult, PublishRequest, PublishResult } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { TikTokClient } from './tiktok.client.ts';
import { classifyFailReason } from './tiktok.errors.ts';
import { TIKTOK_LOOKUP } from './tiktok.limits.ts';

const statusSchema = z.object({
  status: z.string(),
  fail_reason: z.string().optional(),
  // int64 ids: read from the raw text (publicIds), never from the parsed numbers.
  publicaly_available_post_id: z.array(z.union([z.number(), z.string()])).optional(),
});

const videoSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  video_description: z.string().optional(),
  create_time: z.number(),
  share_url: z.string().optional(),
});
type ListedVideo = z.infer<typeof videoSchema>;

const videoListSchema = z.object({
  videos: z.array(videoSchema).default([]),
  cursor: z.number().optional(),
  has_more: z.boolean().default(false),
});

const VIDEO_FIELDS = 'id,title,video_description,create_time,share_url';

/**
 * The post ids of a status answer as strings. TikTok sends them as JSON int64 numbers, which
 * JSON.parse rounds beyond 2^53, so the digits are taken from the raw body.
 */
export function publicIds(rawBody: string): string[] {
  const match = /"publicaly_available_post_id"\s*:\s*\[([^\]]*)\]/.exec(rawBody);
  if (match?.[1] === undefined) {
    return [];
  }
  return match[1]
    .split(',')
    .map((part) => part.trim().replace(/^"|"$/g, ''))
    .filter((part) => /^\d+$/.test(part));
}

/** The share URL TikTok itself reports for a public post; null when it cannot be read. */
async function shareUrlOf(api: TikTokClient, postId: string): Promise<string | null> {
  try {
    const answer = await api.api({
      method: 'POST',
      path: '/v2/video/query/',
      query: { fields: VIDEO_FIELDS },
      json: { filters: { video_ids: [postId] } },
      schema: z.object({ videos: z.array(videoSchema).default([]) }),
      kind: 'read',
    });
    return answer.data.videos.find((video) => video.id === postId)?.share_url ?? null;
  } catch (error) {
    if (error instanceof PlatformError) {
      // The post is out; a missing link is no reason to report it as failed.
      return null;
    }
    throw error;
  }
}

/**
 * One look at a publish. Public posts get their post id only after moderation, so a complete
 * publish without one stays pending while a public id is expected. SELF_ONLY (and other
 * non-public) posts never get one: they are reported published with the publish_id as their
 * external id and no URL, as only the account owner can see them in the app.
 */
export async function fetchPublishStatus(
  api: TikTokClient,
  publishId: string,
  expectsPublicId: boolean,
): Promise<PublishResult> {
  const answer = await api.api({
    method: 'POST',
    path: '/v2/post/publish/status/fetch/',
    json: { publish_id: publishId },
    schema: statusSchema,
    kind: 'read',
  });
  switch (answer.data.status) {
    case 'PROCESSING_UPLOAD':
    case 'PROCESSING_DOWNLOAD':
      return { status: 'pending', pendingRef: publishId };
    case 'FAILED':
      return { status: 'failed', failure: classifyFailReason(answer.data.fail_reason ?? null) };
    case 'PUBLISH_COMPLETE': {
      const [postId] = publicIds(answer.text);
      if (postId !== undefined) {
        return { status: 'published', externalId: postId, url: await shareUrlOf(api, postId) };
      }
      return expectsPublicId
        ? { status: 'pending', pendingRef: publishId }
        : { status: 'published', externalId: publishId, url: null };
    }
    default:
      // SEND_TO_USER_INBOX belongs to the upload (draft) flow, which this connector never uses.
      return {
        status: 'failed',
        failure: {
          kind: 'rejected',
          reason: `TikTok meldet einen unerwarteten Status (${answer.data.status}).`,
          platformCode: answer.data.status,
        },
      };
  }
}

/** NFC and collapsed whitespace: TikTok may trim or normalise what it stores. */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The listed text matches the caption, also when TikTok cut it at 150 characters. */
function matches(video: ListedVideo, wanted: string): boolean {
  const candidates = [video.video_description, video.title]
    .map((text) => normaliseForMatch(text ?? ''))
    .filter((text) => text !== '');
  return candidates.some(
    (text) =>
      text === wanted ||
      (Array.from(text).length >= TIKTOK_LOOKUP.listedTextLength && wanted.startsWith(text)),
  );
}

/**
 * Looks for the post among the account's public videos since `since` (`/v2/video/list/`, scope
 * video.list). `absent` only when the listing reached older videos and TikTok has had time to
 * process and moderate; a failed listing, a missing scope or a too-early look is `undecidable`.
 */
export async function findTikTokPost(
  api: TikTokClient,
  request: PublishRequest,
  since: Date,
  now: Date,
): Promise<LookupResult> {
  const wanted = normaliseForMatch(request.text);
  const windowStart = since.getTime() - TIKTOK_LOOKUP.clockSkewMs;
  const settled = now.getTime() - since.getTime() >= TIKTOK_LOOKUP.settleMs;
  let cursor: number | undefined;
  for (let page = 0; page < TIKTOK_LOOKUP.maxPages; page += 1) {
    let listing: z.infer<typeof videoListSchema>;
    try {
      const answer = await api.api({
        method: 'POST',
        path: '/v2/video/list/',
        query: { fields: VIDEO_FIELDS },
        json: { max_count: TIKTOK_LOOKUP.pageSize, ...(cursor === undefined ? {} : { cursor }) },
        schema: videoListSchema,
        kind: 'read',
      });
      listing = answer.data;
    } catch (error) {
      if (error instanceof PlatformError) {
        // Whatever went wrong (scope not granted, outage), the listing proves nothing.
        return { status: 'undecidable' };
      }
      throw error;
    }
    const hit = listing.videos.find(
      (video) => video.create_time * 1000 >= windowStart && matches(video, wanted),
    );
    if (hit !== undefined) {
      return { status: 'found', externalId: hit.id, url: hit.share_url ?? null };
    }
    const oldest = listing.videos.at(-1);
    const reachedOlder = oldest !== undefined && oldest.create_time * 1000 < windowStart;
    if (!listing.has_more || reachedOlder) {
      return settled ? { status: 'absent' } : { status: 'undecidable' };
    }
    cursor = listing.cursor;
  }
  return { status: 'undecidable' };
}
