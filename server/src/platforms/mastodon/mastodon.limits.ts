import { z } from 'zod';

import type { PlatformLimits } from '../connector.ts';

/**
 * Mastodon's limits are per instance: read from `GET /api/v2/instance`, never hard-coded (an
 * instance may allow 5 000 characters). Counting follows StatusLengthValidator.
 */

/** Alt-text limit of instances older than 4.4, which do not report `description_limit`. */
export const DEFAULT_DESCRIPTION_LIMIT = 1500;

/** The part of the (camel-cased by masto) instance entity the connector relies on. */
export const instanceLimitsSchema = z.object({
  configuration: z.object({
    statuses: z.object({
      maxCharacters: z.number().int().positive(),
      maxMediaAttachments: z.number().int().positive(),
      charactersReservedPerUrl: z.number().int().positive(),
    }),
    mediaAttachments: z
      .object({
        descriptionLimit: z.number().int().positive().optional(),
        supportedMimeTypes: z.array(z.string()).optional(),
        imageSizeLimit: z.number().int().positive().optional(),
      })
      .optional(),
  }),
});

export interface MastodonInstanceLimits {
  readonly maxCharacters: number;
  readonly maxMediaAttachments: number;
  readonly charactersReservedPerUrl: number;
  readonly descriptionLimit: number;
  readonly supportedMimeTypes: readonly string[] | null;
  readonly imageSizeLimit: number | null;
}

export function instanceLimitsFrom(instance: unknown): MastodonInstanceLimits {
  const { configuration } = instanceLimitsSchema.parse(instance);
  return {
    maxCharacters: configuration.statuses.maxCharacters,
    maxMediaAttachments: configuration.statuses.maxMediaAttachments,
    charactersReservedPerUrl: configuration.statuses.charactersReservedPerUrl,
    descriptionLimit: configuration.mediaAttachments?.descriptionLimit ?? DEFAULT_DESCRIPTION_LIMIT,
    supportedMimeTypes: configuration.mediaAttachments?.supportedMimeTypes ?? null,
    imageSizeLimit: configuration.mediaAttachments?.imageSizeLimit ?? null,
  };
}

const URL_PATTERN = /https?:\/\/[^\s<>"]+/gu;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]]+$/u;
/** `@user@other.instance` counts as `@user`: the domain is not part of the local length. */
const REMOTE_MENTION = /(^|[^\p{L}\p{N}_/])@([a-z0-9_]+)@[a-z0-9.-]+[a-z0-9]/giu;
const graphemes = new Intl.Segmenter('de', { granularity: 'grapheme' });

/**
 * A status's length as the instance counts it: grapheme clusters, every http(s) URL as
 * `reservedPerUrl` characters, remote mentions without their domain.
 */
export function countMastodonLength(text: string, reservedPerUrl: number): number {
  const withUrlsReplaced = text.replace(URL_PATTERN, (url) => {
    const trailing = TRAILING_PUNCTUATION.exec(url)?.[0] ?? '';
    return 'x'.repeat(reservedPerUrl) + trailing;
  });
  const countable = withUrlsReplaced.replace(REMOTE_MENTION, '$1@$2');
  return Array.from(graphemes.segment(countable)).length;
}

export function toPlatformLimits(limits: MastodonInstanceLimits): PlatformLimits {
  return {
    maxTextLength: limits.maxCharacters,
    countLength: (text) => countMastodonLength(text, limits.charactersReservedPerUrl),
    maxImages: limits.maxMediaAttachments,
    // Video is not a declared capability of this connector (uploads would need async polling).
    maxVideos: 0,
    maxAltTextLength: limits.descriptionLimit,
    maxHashtags: null,
    mediaRequired: false,
    maxTitleLength: null,
  };
}

/** Keeps one instance's limits for `ttlMs`, so composing a post does not hit the API per keystroke. */
export class InstanceLimitsCache {
  private entry: { limits: MastodonInstanceLimits; fetchedAt: number } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async get(load: () => Promise<MastodonInstanceLimits>): Promise<MastodonInstanceLimits> {
    const now = this.now();
    if (this.entry !== null && now - this.entry.fetchedAt < this.ttlMs) {
      return this.entry.limits;
    }
    const limits = await load();
    this.entry = { limits, fetchedAt: now };
    return limits;
  }
}
