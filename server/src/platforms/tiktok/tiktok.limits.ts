import type { Capability, PlatformLimits } from '../connector.ts';

/**
 * Only what this connector implements and tests. TikTok has no API for text-only posts, deleting
 * posts, comments on organic posts or alt text, so none of those are declared.
 */
export const TIKTOK_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'video',
  'images',
  'carousel',
  'read-profile',
  'insights',
]);

/** TikTok measures captions and titles in UTF-16 code units ("runes" in its docs). */
export function tiktokLength(text: string): number {
  return text.length;
}

/** What `limits()` answers: the common limits plus the creator's current video duration cap. */
export interface TikTokLimits extends PlatformLimits {
  /** From creator_info (`max_video_post_duration_sec`); null when it could not be read. */
  readonly maxVideoDurationSeconds: number | null;
}

/** TikTok limits as data (platforms.md §4.1 and the Content Posting API reference). */
export const TIKTOK_LIMITS: TikTokLimits = {
  // Video caption (`post_info.title`); a photo post's description may take 4 000, we keep 2 200.
  maxTextLength: 2200,
  countLength: tiktokLength,
  // A photo post takes up to 35 images, a video post exactly one video; never both.
  maxImages: 35,
  maxVideos: 1,
  maxAltTextLength: null,
  maxHashtags: null,
  mediaRequired: true,
  // Photo posts only: `post_info.title`.
  maxTitleLength: 90,
  maxVideoDurationSeconds: null,
};

/** Photo posts take JPEG and WebP only; TikTok refuses PNG. */
export const TIKTOK_IMAGE_TYPES = ['image/jpeg', 'image/webp'] as const;
export const TIKTOK_VIDEO_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'] as const;

export function isTikTokImageType(value: string): boolean {
  return (TIKTOK_IMAGE_TYPES as readonly string[]).includes(value);
}

export function isTikTokVideoType(value: string): boolean {
  return (TIKTOK_VIDEO_TYPES as readonly string[]).includes(value);
}

const MIB = 1024 * 1024;

/** FILE_UPLOAD chunk rules (Media Transfer Guide). */
export const TIKTOK_CHUNKS = {
  minBytes: 5 * MIB,
  maxBytes: 64 * MIB,
  /** The final chunk absorbs the trailing bytes and may grow up to this size. */
  maxFinalBytes: 128 * MIB,
  maxCount: 1000,
  /** Our default chunk size: small enough to retry cheaply, large enough for few requests. */
  defaultBytes: 10 * MIB,
} as const;

export interface ChunkPlan {
  readonly chunkSize: number;
  readonly totalChunkCount: number;
}

/**
 * How a video of `videoSize` bytes is cut: up to one chunk size it goes whole; otherwise
 * `floor(size / chunk)` chunks, the last one taking the remainder (TikTok's rule). Null when the
 * video would need more than 1 000 chunks.
 */
export function planChunks(videoSize: number, preferred: number): ChunkPlan | null {
  const chunk = Math.min(Math.max(preferred, TIKTOK_CHUNKS.minBytes), TIKTOK_CHUNKS.maxBytes);
  if (videoSize <= chunk) {
    return { chunkSize: videoSize, totalChunkCount: 1 };
  }
  const totalChunkCount = Math.floor(videoSize / chunk);
  return totalChunkCount > TIKTOK_CHUNKS.maxCount ? null : { chunkSize: chunk, totalChunkCount };
}

/** Byte ranges [start, end) of each chunk in upload order. */
export function chunkRanges(videoSize: number, plan: ChunkPlan): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let index = 0; index < plan.totalChunkCount; index += 1) {
    const start = index * plan.chunkSize;
    const last = index === plan.totalChunkCount - 1;
    ranges.push({ start, end: last ? videoSize : start + plan.chunkSize });
  }
  return ranges;
}

/** Per-deployment tuning for the lookup after an unknown outcome. */
export const TIKTOK_LOOKUP = {
  /** `/v2/video/list/` returns at most 20 videos per page. */
  pageSize: 20,
  maxPages: 5,
  clockSkewMs: 2 * 60 * 1000,
  /**
   * TikTok processes and moderates a post before it is listed (usually within a minute, at times
   * longer); before this much time has passed, not seeing it proves nothing.
   */
  settleMs: 10 * 60 * 1000,
  /** The video object's `title` and `video_description` are cut at 150 characters. */
  listedTextLength: 150,
} as const;
