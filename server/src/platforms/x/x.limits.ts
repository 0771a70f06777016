import twitterText from 'twitter-text';

import type { Capability, PlatformLimits } from '../connector.ts';

/**
 * X's weighted length as its own counter computes it (docs.x.com "counting characters"): Latin-1
 * and most European letters weigh 1, emoji and CJK weigh 2, every URL weighs 23, after NFC.
 * twitter-text is X's reference implementation, so the composer and the API can never disagree.
 */
export function xWeightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/** Only what this connector implements and tests; video and GIF uploads need async processing. */
export const X_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'text',
  'images',
  'alt-text',
  'delete',
  'reply',
  'read-comments',
  'hide-comment',
]);

/** X's standard account limits (Premium's 25 000 are not assumed: a city account may lose it). */
export const X_LIMITS: PlatformLimits = {
  maxTextLength: 280,
  countLength: xWeightedLength,
  maxImages: 4,
  // X allows one video, but video is not a declared capability of this connector.
  maxVideos: 0,
  // POST /2/media/metadata: alt_text.text maxLength 1000 (docs.x.com create-media-metadata).
  maxAltTextLength: 1000,
  maxHashtags: null,
  mediaRequired: false,
  maxTitleLength: null,
};

/**
 * Still images X accepts as tweet_image. GIFs are left out: X processes them asynchronously and
 * never mixes them with photos, which this connector does not implement.
 */
export const X_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type XImageType = (typeof X_IMAGE_TYPES)[number];

export function isXImageType(value: string): value is XImageType {
  return (X_IMAGE_TYPES as readonly string[]).includes(value);
}
