import { z } from 'zod';

import type { MediaItem, PlatformFailure, PublishRequest } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import type { TikTokClient } from './tiktok.client.ts';
import {
  chunkRanges,
  isTikTokImageType,
  isTikTokVideoType,
  planChunks,
  TIKTOK_LIMITS,
  tiktokLength,
} from './tiktok.limits.ts';

export const PRIVACY_LEVELS = [
  'PUBLIC_TO_EVERYONE',
  'MUTUAL_FOLLOW_FRIENDS',
  'FOLLOWER_OF_CREATOR',
  'SELF_ONLY',
] as const;
export type TikTokPrivacyLevel = (typeof PRIVACY_LEVELS)[number];

const PRIVACY_LABELS: Readonly<Record<TikTokPrivacyLevel, string>> = {
  PUBLIC_TO_EVERYONE: 'Alle',
  MUTUAL_FOLLOW_FRIENDS: 'Freunde',
  FOLLOWER_OF_CREATOR: 'Follower',
  SELF_ONLY: 'Nur ich',
};

export const creatorInfoSchema = z.object({
  creator_username: z.string().optional(),
  creator_nickname: z.string().optional(),
  privacy_level_options: z.array(z.string()),
  comment_disabled: z.boolean().default(false),
  duet_disabled: z.boolean().default(false),
  stitch_disabled: z.boolean().default(false),
  max_video_post_duration_sec: z.number().int().positive().optional(),
});
export type CreatorInfo = z.infer<typeof creatorInfoSchema>;

const initSchema = z.object({ publish_id: z.string().min(1), upload_url: z.url().optional() });

export interface PublishPolicy {
  /** Only an audited app may post anything other than SELF_ONLY. */
  readonly auditedApp: boolean;
  readonly privacyLevel: TikTokPrivacyLevel;
  readonly chunkSizeBytes: number;
}

/** TikTok requires this call before every post; its answer decides what the post may be. */
export async function queryCreatorInfo(api: TikTokClient): Promise<CreatorInfo> {
  const answer = await api.api({
    method: 'POST',
    path: '/v2/post/publish/creator_info/query/',
    schema: creatorInfoSchema,
    kind: 'read',
  });
  return answer.data;
}

function rejected(reason: string): PlatformFailure {
  return { kind: 'rejected', reason, platformCode: null };
}

/**
 * The privacy level to post with. An unaudited app may only post SELF_ONLY (TikTok refuses
 * everything else), so it never tries another level; an audited app uses the configured level
 * when the creator offers it and otherwise refuses rather than silently widening or narrowing.
 */
export function choosePrivacy(
  info: CreatorInfo,
  policy: Pick<PublishPolicy, 'auditedApp' | 'privacyLevel'>,
): TikTokPrivacyLevel | PlatformFailure {
  const wanted: TikTokPrivacyLevel = policy.auditedApp ? policy.privacyLevel : 'SELF_ONLY';
  if (info.privacy_level_options.includes(wanted)) {
    return wanted;
  }
  return policy.auditedApp
    ? rejected(
        `Das TikTok-Konto bietet die Sichtbarkeit „${PRIVACY_LABELS[wanted]}“ derzeit nicht an.`,
      )
    : rejected(
        'Das TikTok-Konto bietet die Sichtbarkeit „Nur ich“ nicht an; eine ungeprüfte App darf nur privat posten.',
      );
}

/** What TikTok would refuse anyway is refused before any request, so nothing is half-sent. */
export function refuseRequest(request: PublishRequest): PlatformFailure | null {
  const reasons: string[] = [];
  const videos = request.media.filter((item) => item.kind === 'video');
  const images = request.media.filter((item) => item.kind === 'image');
  if (request.media.length === 0) {
    reasons.push('TikTok verlangt ein Video oder Fotos; reine Textbeiträge sind nicht möglich.');
  }
  if (videos.length > 0 && images.length > 0) {
    reasons.push('TikTok mischt Video und Fotos nicht in einem Beitrag.');
  }
  if (videos.length > TIKTOK_LIMITS.maxVideos) {
    reasons.push('TikTok nimmt nur ein Video pro Beitrag.');
  }
  if (images.length > TIKTOK_LIMITS.maxImages) {
    reasons.push(`TikTok nimmt höchstens ${TIKTOK_LIMITS.maxImages} Fotos pro Beitrag.`);
  }
  if (tiktokLength(request.text) > TIKTOK_LIMITS.maxTextLength) {
    reasons.push(`Der Text ist länger als ${TIKTOK_LIMITS.maxTextLength} Zeichen.`);
  }
  const maxTitle = TIKTOK_LIMITS.maxTitleLength ?? 0;
  if (images.length > 0 && request.title !== null && tiktokLength(request.title) > maxTitle) {
    reasons.push(`Der Titel eines Fotobeitrags ist länger als ${maxTitle} Zeichen.`);
  }
  for (const item of images) {
    if (!isTikTokImageType(item.mimeType)) {
      reasons.push(`TikTok nimmt für Fotos nur JPEG und WebP, nicht ${item.mimeType}.`);
    }
    if (item.publicUrl === null) {
      reasons.push('TikTok holt Fotos selbst ab: Jedes Foto braucht eine öffentliche URL.');
    }
  }
  for (const item of videos) {
    if (!isTikTokVideoType(item.mimeType)) {
      reasons.push(`TikTok nimmt Videos als MP4, MOV oder WebM, nicht ${item.mimeType}.`);
    }
    if (item.data.length === 0) {
      reasons.push('Die Videodatei ist leer.');
    }
  }
  const unique = [...new Set(reasons)];
  return unique.length === 0 ? null : rejected(unique.join(' '));
}

/** The post's interaction settings: never enable what the creator switched off. */
function interactions(info: CreatorInfo): Record<string, boolean> {
  return {
    disable_comment: info.comment_disabled,
    disable_duet: info.duet_disabled,
    disable_stitch: info.stitch_disabled,
  };
}

/**
 * Direct Post of a video by FILE_UPLOAD: init, then the chunks in order. TikTok publishes only
 * once the last byte has arrived, so a lost answer to init or to an earlier chunk leaves nothing
 * visible (transient); a lost answer to the last chunk may hide a post (outcome unknown).
 */
export async function publishVideo(
  api: TikTokClient,
  request: PublishRequest,
  video: MediaItem,
  info: CreatorInfo,
  privacyLevel: TikTokPrivacyLevel,
  chunkSizeBytes: number,
): Promise<string> {
  const size = video.data.length;
  const plan = planChunks(size, chunkSizeBytes);
  if (plan === null) {
    throw new PlatformError(rejected('Das Video ist zu groß für den Upload zu TikTok.'));
  }
  const init = await api.api({
    method: 'POST',
    path: '/v2/post/publish/video/init/',
    json: {
      post_info: {
        title: request.text,
        privacy_level: privacyLevel,
        ...interactions(info),
        // A city's own content: neither paid partnership nor promotion of a business.
        brand_content_toggle: false,
        brand_organic_toggle: false,
      },
      source_info: {
        source: 'FILE_UPLOAD',
        video_size: size,
        chunk_size: plan.chunkSize,
        total_chunk_count: plan.totalChunkCount,
      },
    },
    schema: initSchema,
    kind: 'read',
  });
  const uploadUrl = init.data.upload_url;
  if (uploadUrl === undefined) {
    throw new PlatformError({ kind: 'transient', platformCode: 'unexpected-response' });
  }
  const ranges = chunkRanges(size, plan);
  for (const [index, range] of ranges.entries()) {
    await api.uploadChunk({
      uploadUrl,
      bytes: video.data,
      ...range,
      total: size,
      mimeType: video.mimeType,
      kind: index === ranges.length - 1 ? 'write' : 'read',
    });
  }
  return init.data.publish_id;
}

/**
 * Direct Post of photos by PULL_FROM_URL: TikTok fetches them from our public URLs (whose domain
 * must be verified in the TikTok app). The post may appear from this call on, so it is a write.
 */
export async function publishPhotos(
  api: TikTokClient,
  request: PublishRequest,
  info: CreatorInfo,
  privacyLevel: TikTokPrivacyLevel,
): Promise<string> {
  const init = await api.api({
    method: 'POST',
    path: '/v2/post/publish/content/init/',
    json: {
      media_type: 'PHOTO',
      post_mode: 'DIRECT_POST',
      post_info: {
        title: request.title ?? '',
        description: request.text,
        privacy_level: privacyLevel,
        disable_comment: info.comment_disabled,
        auto_add_music: true,
        brand_content_toggle: false,
        brand_organic_toggle: false,
      },
      source_info: {
        source: 'PULL_FROM_URL',
        photo_cover_index: 0,
        photo_images: request.media.map((item) => item.publicUrl ?? ''),
      },
    },
    schema: initSchema,
    kind: 'write',
  });
  return init.data.publish_id;
}
