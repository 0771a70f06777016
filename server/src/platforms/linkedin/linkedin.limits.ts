import type { Capability, PlatformLimits } from '../connector.ts';

/** Only what this connector implements and tests; video, documents and carousels are not. */
export const LINKEDIN_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'text',
  'images',
  'alt-text',
  'delete',
  'reply',
  'read-comments',
]);

/**
 * Characters LinkedIn's "little text" commentary format reserves (Posts API docs): unescaped,
 * they start mentions or templates, or cut the post off. `#` stays unescaped so hashtags remain
 * clickable.
 */
const LITTLE_TEXT_RESERVED = /[\\|{}@[\]()<>*_~]/g;

/** The commentary as sent: every reserved character behind a backslash. */
export function escapeLittleText(text: string): string {
  return text.replace(LITTLE_TEXT_RESERVED, (character) => `\\${character}`);
}

/** The inverse of `escapeLittleText`, for comparing stored commentary with what was written. */
export function unescapeLittleText(text: string): string {
  return text.replace(/\\([\\|{}@[\]()<>*_~#])/g, '$1');
}

/**
 * Counts code points of the escaped commentary: the 3 000 limit applies to the field as sent,
 * so counting the escapes keeps the composer on the safe side.
 */
export function linkedInLength(text: string): number {
  return codePointLength(escapeLittleText(text));
}

/** Code points, not UTF-16 units: an emoji counts once, as in LinkedIn's composer. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** LinkedIn Page limits as data (platforms.md §4.1); numbers change, so none live in code. */
export const LINKEDIN_LIMITS: PlatformLimits = {
  maxTextLength: 3000,
  countLength: linkedInLength,
  // multiImage takes 2–20 images (Posts API MultiImage docs); single image via content.media.
  maxImages: 20,
  maxVideos: 0,
  // Posts API `altText`: at most 4 086 characters.
  maxAltTextLength: 4086,
  maxHashtags: null,
  mediaRequired: false,
  maxTitleLength: null,
};

/** Still images the Images API accepts (JPG, PNG, GIF; GIFs up to 250 frames). */
export const LINKEDIN_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;

export function isLinkedInImageType(value: string): boolean {
  return (LINKEDIN_IMAGE_TYPES as readonly string[]).includes(value);
}

/** Per-deployment tuning for the recent-posts lookup after an unknown outcome. */
export const LINKEDIN_LOOKUP = {
  /** Posts per page of the author finder (its maximum is 100). */
  pageSize: 50,
  /** Pages read before giving up: a city Page rarely posts 250 times in the lookup window. */
  maxPages: 5,
  /** The window opens this much before `since`, as `createdAt` is LinkedIn's clock, not ours. */
  clockSkewMs: 2 * 60 * 1000,
} as const;
