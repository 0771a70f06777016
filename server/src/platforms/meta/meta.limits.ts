import type { Capability, PlatformLimits } from '../connector.ts';

const codePoints = (text: string): number => Array.from(text).length;

/** Only what the Facebook connector implements and tests. */
export const FACEBOOK_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'text',
  'images',
  'edit',
  'delete',
  'read-comments',
  'hide-comment',
  'delete-comment',
  'reply',
  'insights',
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

/**
 * Instagram cannot delete media via the API (platforms.md §4.2), and updating media changes only
 * `comment_enabled`, never the caption: neither `delete` nor `edit` is declared.
 */
export const INSTAGRAM_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'images',
  'carousel',
  'alt-text',
  'read-comments',
  'hide-comment',
  'delete-comment',
  'reply',
  'insights',
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

/** How a daily series becomes one number for the period: a flow is summed, a stock keeps its last value. */
export type MetricAggregation = 'sum' | 'last';

/**
 * Page metrics read with period=day. Left out on purpose: page_impressions* and page_fan* (invalid
 * since Meta's 2025 deprecations; page_media_view and page_follows replace them) and the `_unique`
 * reach metrics, because daily unique counts cannot be summed into a period's reach.
 */
export const FACEBOOK_INSIGHT_METRICS: Readonly<Record<string, MetricAggregation>> = {
  page_media_view: 'sum',
  page_post_engagements: 'sum',
  page_daily_follows_unique: 'sum',
  page_daily_unfollows_unique: 'sum',
  page_follows: 'last',
};
/** Page Insights answers at most 90 days per call. */
export const FACEBOOK_INSIGHTS_MAX_DAYS = 90;

/**
 * Account metrics read as `metric_type=total_value` (required for all but reach). `impressions`
 * is deprecated for all versions since 21 Apr 2025; `views` replaces it.
 */
export const INSTAGRAM_INSIGHT_METRICS: readonly string[] = [
  'reach',
  'views',
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
];
/** Instagram account insights answer at most 30 days per call. */
export const INSTAGRAM_INSIGHTS_MAX_DAYS = 30;
