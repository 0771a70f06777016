import type { Capability, MediaItem, PlatformFailure, PlatformLimits } from '../connector.ts';

/**
 * Only what this connector implements and tests. No `text`: YouTube takes no post without a
 * video. No `delete-comment`: comments.delete works only on the channel's own comments.
 */
export const YOUTUBE_CAPABILITIES: ReadonlySet<Capability> = new Set<Capability>([
  'video',
  'delete',
  'reply',
  'read-comments',
  'hide-comment',
  'read-profile',
  'insights',
]);

/** UTF-8 bytes: the description's 5 000 limit is in bytes (videos resource, snippet.description). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Code points, as YouTube Studio counts the title's 100 characters. */
export function codePointLength(text: string): number {
  return Array.from(text).length;
}

/** YouTube limits as data (platforms.md §4.1); the text is the video's description. */
export const YOUTUBE_LIMITS: PlatformLimits = {
  maxTextLength: 5000,
  countLength: utf8Length,
  maxImages: 0,
  maxVideos: 1,
  maxAltTextLength: null,
  maxHashtags: null,
  mediaRequired: true,
  maxTitleLength: 100,
};

/** Characters YouTube refuses in title and description (invalidTitle / invalidDescription). */
const ANGLE_BRACKETS = /[<>]/;

/**
 * What YouTube would refuse anyway, refused before any byte is uploaded (quota is spent per
 * attempt). Reasons are German: they are shown to the editors as they are.
 */
export function refuseYouTubeRequest(
  title: string | null,
  description: string,
  media: readonly MediaItem[],
): PlatformFailure | null {
  const reasons: string[] = [];
  if (title === null || title.trim() === '') {
    reasons.push('YouTube verlangt einen Titel für das Video.');
  } else {
    if (codePointLength(title) > (YOUTUBE_LIMITS.maxTitleLength ?? 0)) {
      reasons.push(`Der Titel darf höchstens ${YOUTUBE_LIMITS.maxTitleLength} Zeichen lang sein.`);
    }
    if (ANGLE_BRACKETS.test(title)) {
      reasons.push('Der Titel darf keine spitzen Klammern (< >) enthalten.');
    }
  }
  if (utf8Length(description) > YOUTUBE_LIMITS.maxTextLength) {
    reasons.push(
      `Die Beschreibung darf höchstens ${YOUTUBE_LIMITS.maxTextLength} Bytes (UTF-8) lang sein.`,
    );
  }
  if (ANGLE_BRACKETS.test(description)) {
    reasons.push('Die Beschreibung darf keine spitzen Klammern (< >) enthalten.');
  }
  const [video] = media;
  if (media.length !== 1 || video?.kind !== 'video') {
    reasons.push('YouTube braucht genau ein Video, ohne weitere Bilder oder Videos.');
  } else if (!video.mimeType.startsWith('video/')) {
    reasons.push(`YouTube nimmt keine Dateien vom Typ ${video.mimeType} an.`);
  } else if (video.data.length === 0) {
    reasons.push('Die Videodatei ist leer.');
  }
  return reasons.length === 0
    ? null
    : { kind: 'rejected', reason: reasons.join(' '), platformCode: null };
}

/** Per-deployment tuning of uploads and the uploads-playlist lookup. */
export const YOUTUBE_TUNING = {
  /** Resumable upload chunk size: a multiple of 256 KiB, as Google requires for all but the last. */
  uploadChunkBytes: 8 * 1024 * 1024,
  /** Items per playlistItems.list page (its maximum is 50). */
  lookupPageSize: 50,
  /** Pages read before giving up: a city channel does not upload 250 videos in the window. */
  lookupMaxPages: 5,
  /** The window opens this much before `since`: `publishedAt` is Google's clock, not ours. */
  clockSkewMs: 2 * 60 * 1000,
  /** Threads per commentThreads.list page (its maximum is 100). */
  commentPageSize: 100,
} as const;
