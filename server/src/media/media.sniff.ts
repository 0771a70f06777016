import type { MediaKind } from './media.table.ts';

/**
 * Content-based type detection: the bytes decide what a file is, never its name or the type the
 * browser declared. Only formats every supported platform (or at least one) accepts are known.
 */

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
export const VIDEO_TYPES = ['video/mp4', 'video/quicktime'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
export type VideoType = (typeof VIDEO_TYPES)[number];
export type SupportedType = ImageType | VideoType;

export interface SniffedType {
  readonly mimeType: SupportedType;
  readonly kind: MediaKind;
}

/** How many leading bytes `sniffMediaType` needs. */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Uint8Array, offset: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, index) => bytes[offset + index] === value);
}

/** Detects the type from the first bytes; null for anything not supported. */
export function sniffMediaType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    return { mimeType: 'image/jpeg', kind: 'image' };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { mimeType: 'image/png', kind: 'image' };
  }
  const gifHeader = ascii(head, 0, 6);
  if (gifHeader === 'GIF87a' || gifHeader === 'GIF89a') {
    return { mimeType: 'image/gif', kind: 'image' };
  }
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') {
    return { mimeType: 'image/webp', kind: 'image' };
  }
  // ISO base media (MP4) and QuickTime both open with an `ftyp` box; the major brand tells which.
  if (head.length >= 12 && ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    return { mimeType: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4', kind: 'video' };
  }
  return null;
}

/** Types browsers send for the same format; the bytes decide which of the family it is. */
const DECLARED_ALIASES: Readonly<Record<string, SupportedType>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'video/x-m4v': 'video/mp4',
  'video/quicktime': 'video/quicktime',
};

/**
 * Whether the declared content type matches the sniffed one. MP4 and QuickTime share one
 * container, and browsers label either way depending on the file extension, so they count as one.
 */
export function declaredTypeMatches(declared: string, sniffed: SupportedType): boolean {
  const normalised = DECLARED_ALIASES[declared] ?? declared;
  if (normalised === sniffed) {
    return true;
  }
  const family = (type: string) =>
    type === 'video/mp4' || type === 'video/quicktime' ? 'bmff' : type;
  return family(normalised) === family(sniffed);
}

/** The media type of a Content-Type header without parameters, lower-cased. */
export function baseContentType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
