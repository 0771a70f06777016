import type { PlatformKey } from '../platforms/connector.ts';
import { LINKEDIN_IMAGE_TYPES } from '../platforms/linkedin/linkedin.limits.ts';
import { META_IMAGE_TYPES } from '../platforms/meta/meta.limits.ts';
import { TIKTOK_IMAGE_TYPES, TIKTOK_VIDEO_TYPES } from '../platforms/tiktok/tiktok.limits.ts';
import { X_IMAGE_TYPES } from '../platforms/x/x.limits.ts';
import { IMAGE_TYPES, VIDEO_TYPES } from './media.sniff.ts';

/**
 * File limits per platform as data: byte sizes, accepted formats and image geometry. Counts and
 * alt-text lengths come from the connectors (`PlatformLimits`); these are what the connectors do
 * not carry. Null means no limit is known, so none is enforced. Platforms change the numbers:
 * edit them here, never in code.
 */
export interface MediaFileLimits {
  /** The platform's name in messages. */
  readonly label: string;
  /** Accepted formats; empty means not restricted here (the connector's counts decide). */
  readonly imageTypes: readonly string[];
  readonly videoTypes: readonly string[];
  readonly maxImageBytes: number | null;
  /** GIFs have their own, larger cap on X. */
  readonly maxGifBytes: number | null;
  readonly maxVideoBytes: number | null;
  readonly minImageWidth: number | null;
  /** Width ÷ height of the image as shown. */
  readonly minAspectRatio: number | null;
  readonly maxAspectRatio: number | null;
  readonly maxImagePixels: number | null;
  readonly minVideoSeconds: number | null;
  readonly maxVideoSeconds: number | null;
  /** Whether one post may carry images and a video together. */
  readonly mixImagesAndVideo: boolean;
  /** X: an animated GIF is posted alone, never with photos. */
  readonly gifAlone: boolean;
}

const MB = 1024 * 1024;

/** The largest upload Stadtfunk accepts at all; anything bigger fits no platform. */
export const MAX_UPLOAD_BYTES = 512 * MB;
/** Images are stripped in memory; no platform takes images anywhere near this size. */
export const MAX_IMAGE_UPLOAD_BYTES = 64 * MB;
/** How long a signed URL handed to a fetching platform stays valid. */
export const DELIVERY_URL_TTL_MS = 24 * 60 * 60 * 1000;

const none = {
  maxGifBytes: null,
  minImageWidth: null,
  minAspectRatio: null,
  maxAspectRatio: null,
  maxImagePixels: null,
  minVideoSeconds: null,
  maxVideoSeconds: null,
  gifAlone: false,
} as const;

export const MEDIA_FILE_LIMITS: Readonly<Record<PlatformKey, MediaFileLimits>> = {
  // Defaults of Mastodon 4.x (16 MB images, 99 MB video); instances may configure others.
  mastodon: {
    ...none,
    label: 'Mastodon',
    imageTypes: IMAGE_TYPES,
    videoTypes: VIDEO_TYPES,
    maxImageBytes: 16 * MB,
    maxVideoBytes: 99 * MB,
    mixImagesAndVideo: false,
  },
  // X media upload: image 5 MB, GIF 15 MB, video 512 MB; 4 photos or 1 video or 1 GIF.
  x: {
    ...none,
    label: 'X',
    // The connector's types: GIFs are not sent (X processes them asynchronously).
    imageTypes: X_IMAGE_TYPES,
    videoTypes: ['video/mp4', 'video/quicktime'],
    maxImageBytes: 5 * MB,
    maxGifBytes: 15 * MB,
    maxVideoBytes: 512 * MB,
    mixImagesAndVideo: false,
    gifAlone: true,
  },
  // Page photos: JPEG and PNG as the connector sends them; 4 MB per photo (unverified).
  facebook: {
    ...none,
    label: 'Facebook',
    imageTypes: META_IMAGE_TYPES,
    videoTypes: [],
    maxImageBytes: 4 * MB,
    maxVideoBytes: null,
    mixImagesAndVideo: false,
  },
  // Content publishing: 8 MB, aspect ratio 4:5 to 1.91:1, at least 320 px wide (wider is scaled).
  instagram: {
    ...none,
    label: 'Instagram',
    imageTypes: META_IMAGE_TYPES,
    videoTypes: ['video/mp4', 'video/quicktime'],
    maxImageBytes: 8 * MB,
    maxVideoBytes: 300 * MB,
    minImageWidth: 320,
    minAspectRatio: 4 / 5,
    maxAspectRatio: 1.91,
    minVideoSeconds: 3,
    maxVideoSeconds: 15 * 60,
    mixImagesAndVideo: true,
  },
  // Images API: JPG, PNG, GIF up to 36 152 320 pixels; no byte limit documented.
  linkedin: {
    ...none,
    label: 'LinkedIn',
    imageTypes: LINKEDIN_IMAGE_TYPES,
    videoTypes: [],
    maxImageBytes: null,
    maxVideoBytes: null,
    maxImagePixels: 36_152_320,
    mixImagesAndVideo: false,
  },
  // Exactly one video; YouTube's own cap (256 GB) lies far above MAX_UPLOAD_BYTES.
  youtube: {
    ...none,
    label: 'YouTube',
    imageTypes: [],
    videoTypes: VIDEO_TYPES,
    maxImageBytes: null,
    maxVideoBytes: null,
    mixImagesAndVideo: false,
  },
  // Photo posts: JPEG or WebP up to 20 MB; videos 3 s to 10 min (creator_info may allow less).
  tiktok: {
    ...none,
    label: 'TikTok',
    imageTypes: TIKTOK_IMAGE_TYPES,
    videoTypes: TIKTOK_VIDEO_TYPES,
    maxImageBytes: 20 * MB,
    maxVideoBytes: 4096 * MB,
    minVideoSeconds: 3,
    maxVideoSeconds: 600,
    mixImagesAndVideo: false,
  },
  // Manual channel: a person attaches the files; no limits are known.
  xing: {
    ...none,
    label: 'Xing',
    imageTypes: IMAGE_TYPES,
    videoTypes: VIDEO_TYPES,
    maxImageBytes: null,
    maxVideoBytes: null,
    mixImagesAndVideo: false,
  },
};
