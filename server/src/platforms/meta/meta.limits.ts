import type { Capability, PlatformLimits } from '../connector.ts';

const codePoints = (text: string): number => Array.from(text).length;

/** Only what the Facebook connector implements and tests. */
export const FACEBOOK_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'text',
  'images',
  'delete',
  'read-comments',
  'hide-comment',
  'reply',
]);

/**
 * Facebook Page limits (platforms.md §4.1): 63 206 characters (Postiz), up to 10 photos
 * (Mixpost). No alt text: `alt_text_custom` on /{page-id}/photos could not be verified in
 * Meta's documentation, so none is sent.
 */
export const FACEBOOK_LIMITS: PlatformLimits = {
  maxTextLength: 63_206,
  countLength: codePoints,
  maxImages: 10,
  maxVideos: 0,
  maxAltTextLength: null,
  maxHashtags: null,
  mediaRequired: false,
  maxTitleLength: null,
};

/** Instagram cannot delete via the API (platforms.md §4.2), so `delete` is not declared. */
export const INSTAGRAM_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'images',
  'carousel',
  'alt-text',
  'read-comments',
  'hide-comment',
  'reply',
]);

/**
 * Instagram limits: caption 2 200, carousel ≤ 10, 30 hashtags (the 5-hashtag reports are not
 * confirmed). `alt_text` on image containers exists since 24 Mar 2025 (content-publishing
 * guide); Meta documents no maximum length, so none is enforced.
 */
export const INSTAGRAM_LIMITS: PlatformLimits = {
  maxTextLength: 2200,
  countLength: codePoints,
  maxImages: 10,
  maxVideos: 0,
  maxAltTextLength: null,
  maxHashtags: 30,
  mediaRequired: true,
  maxTitleLength: null,
};

export const META_IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];
