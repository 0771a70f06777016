import { z } from 'zod';

import type { LookupResult, PublishRequest } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { YouTubeClient } from './youtube.client.ts';
import { YOUTUBE_TUNING } from './youtube.limits.ts';

const channelSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        contentDetails: z
          .object({ relatedPlaylists: z.object({ uploads: z.string().optional() }) })
          .optional(),
      }),
    )
    .default([]),
});

const playlistPageSchema = z.object({
  nextPageToken: z.string().optional(),
  items: z.array(
    z.object({
      snippet: z.object({
        publishedAt: z.string(),
        title: z.string(),
        description: z.string().default(''),
        resourceId: z.object({ videoId: z.string() }),
      }),
    }),
  ),
});

export function youtubeVideoUrl(videoId: string): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;
}

/** The channel's "uploads" playlist (`UU…`), via channels.list contentDetails. */
async function uploadsPlaylist(client: YouTubeClient): Promise<string | null> {
  const answer = await client.api({
    method: 'GET',
    path: '/youtube/v3/channels',
    query: { part: 'contentDetails', mine: 'true' },
    schema: channelSchema,
    kind: 'read',
  });
  return answer?.items[0]?.contentDetails?.relatedPlaylists.uploads ?? null;
}

/**
 * Looks for the video among the channel's uploads since `since`, matching title and
 * description. YouTube has no idempotency key, so this is the only evidence before a retry:
 * `absent` only when the listing reached older uploads or its end; any failure is `undecidable`.
 */
export async function findYouTubeVideo(
  client: YouTubeClient,
  request: PublishRequest,
  since: Date,
): Promise<LookupResult> {
  const wantedTitle = normaliseForMatch(request.title ?? '');
  const wantedDescription = normaliseForMatch(request.text);
  const windowStart = since.getTime() - YOUTUBE_TUNING.clockSkewMs;
  try {
    const playlistId = await uploadsPlaylist(client);
    if (playlistId === null) {
      return { status: 'undecidable' };
    }
    let pageToken: string | undefined;
    for (let page = 0; page < YOUTUBE_TUNING.lookupMaxPages; page += 1) {
      const answer = await client.api({
        method: 'GET',
        path: '/youtube/v3/playlistItems',
        query: {
          part: 'snippet',
          playlistId,
          maxResults: YOUTUBE_TUNING.lookupPageSize,
          ...(pageToken === undefined ? {} : { pageToken }),
        },
        schema: playlistPageSchema,
        kind: 'read',
      });
      const items = answer?.items ?? [];
      const hit = items.find(
        (item) =>
          Date.parse(item.snippet.publishedAt) >= windowStart &&
          normaliseForMatch(item.snippet.title) === wantedTitle &&
          normaliseForMatch(item.snippet.description) === wantedDescription,
      );
      if (hit !== undefined) {
        const videoId = hit.snippet.resourceId.videoId;
        return { status: 'found', externalId: videoId, url: youtubeVideoUrl(videoId) };
      }
      const oldest = items.at(-1);
      pageToken = answer?.nextPageToken;
      if (
        pageToken === undefined ||
        (oldest !== undefined && Date.parse(oldest.snippet.publishedAt) < windowStart)
      ) {
        return { status: 'absent' };
      }
    }
    return { status: 'undecidable' };
  } catch (error) {
    if (error instanceof PlatformError) {
      // Whatever went wrong, the listing proves nothing either way.
      return { status: 'undecidable' };
    }
    throw error;
  }
}

/** NFC and collapsed whitespace: YouTube may trim or normalise what it stores. */
export function normaliseForMatch(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
