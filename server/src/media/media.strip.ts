import { exifOrientation, isStandaloneMarker } from './media.dimensions.ts';
import type { ImageType } from './media.sniff.ts';

/**
 * Removes embedded metadata (EXIF with GPS, XMP, IPTC, comments, text chunks) from images
 * before they are stored, so nothing that leaves the server can reveal where or with what a
 * photo was taken. Pixels are never re-encoded: only metadata segments are dropped.
 */
export class MediaFormatError extends Error {
  constructor(readonly format: string) {
    super(`malformed ${format}`);
    this.name = 'MediaFormatError';
  }
}

export interface StrippedImage {
  readonly bytes: Uint8Array;
  /** EXIF orientation of the original (1 when none); kept in a minimal EXIF block. */
  readonly orientation: number;
}

export function stripImageMetadata(type: ImageType, bytes: Uint8Array): StrippedImage {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return { bytes: stripPng(bytes), orientation: 1 };
    case 'image/webp':
      return { bytes: stripWebp(bytes), orientation: 1 };
    case 'image/gif':
      return { bytes: stripGif(bytes), orientation: 1 };
  }
}

const u16be = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u32be = (b: Uint8Array, o: number): number => u16be(b, o) * 0x10000 + u16be(b, o + 2);
const u32le = (b: Uint8Array, o: number): number =>
  (b[o] ?? 0) + (b[o + 1] ?? 0) * 0x100 + (b[o + 2] ?? 0) * 0x10000 + (b[o + 3] ?? 0) * 0x1000000;
const text = (b: Uint8Array, o: number, n: number): string =>
  String.fromCharCode(...b.subarray(o, o + n));

const ICC_SIGNATURE = 'ICC_PROFILE\0';
const EXIF_SIGNATURE = 'Exif\0\0';

/** Keeps JFIF (APP0), the colour profile (APP2 ICC) and Adobe's colour transform (APP14). */
function keepJpegSegment(marker: number, payload: Uint8Array): boolean {
  if (marker === 0xe0 || marker === 0xee) {
    return true;
  }
  if (marker === 0xe2) {
    return text(payload, 0, ICC_SIGNATURE.length) === ICC_SIGNATURE;
  }
  // APP1 (EXIF, XMP), APP3–APP13 (IPTC in APP13, MPF in APP2), APP15 and COM go.
  return !((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe);
}

/** A minimal big-endian EXIF block carrying only the orientation tag. */
function orientationSegment(orientation: number): Uint8Array {
  const segment = Buffer.alloc(36);
  segment.set([0xff, 0xe1, 0x00, 34], 0);
  segment.write(EXIF_SIGNATURE, 4, 'latin1');
  // TIFF header "MM", 42, IFD at 8; one entry: 0x0112 SHORT ×1 = orientation; no next IFD.
  segment.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1], 10);
  segment.writeUInt16BE(orientation, 28);
  return segment;
}

function stripJpeg(bytes: Uint8Array): StrippedImage {
  const kept: Uint8Array[] = [];
  let orientation = 1;
  let pos = 2;
  let inScan = false;
  let scanStart = 0;
  while (pos < bytes.length) {
    if (inScan) {
      // Entropy-coded data ends at the first marker that is not stuffing (FF00) or a restart.
      const next = bytes[pos + 1];
      if (
        bytes[pos] !== 0xff ||
        next === 0x00 ||
        (next !== undefined && next >= 0xd0 && next <= 0xd7)
      ) {
        pos += bytes[pos] === 0xff ? 2 : 1;
        continue;
      }
      if (next === 0xff) {
        pos += 1;
        continue;
      }
      kept.push(bytes.subarray(scanStart, pos));
      inScan = false;
      continue;
    }
    if (bytes[pos] !== 0xff || pos + 1 >= bytes.length) {
      throw new MediaFormatError('jpeg');
    }
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (marker === 0xd9) {
      // End of image: whatever follows (e.g. preview images with their own EXIF) is dropped.
      kept.push(bytes.subarray(pos, pos + 2));
      pos = bytes.length;
      break;
    }
    if (isStandaloneMarker(marker)) {
      kept.push(bytes.subarray(pos, pos + 2));
      pos += 2;
      continue;
    }
    const length = u16be(bytes, pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) {
      throw new MediaFormatError('jpeg');
    }
    const payload = bytes.subarray(pos + 4, end);
    if (marker === 0xe1 && text(payload, 0, EXIF_SIGNATURE.length) === EXIF_SIGNATURE) {
      orientation = exifOrientation(payload.subarray(EXIF_SIGNATURE.length));
    }
    if (keepJpegSegment(marker, payload)) {
      kept.push(bytes.subarray(pos, end));
    }
    pos = end;
    if (marker === 0xda) {
      inScan = true;
      scanStart = pos;
    }
  }
  if (inScan) {
    // A file cut off before EOI keeps its scan data; decoders show what is there.
    kept.push(bytes.subarray(scanStart, bytes.length));
  }
  const head: Uint8Array[] = [Uint8Array.of(0xff, 0xd8)];
  if (orientation !== 1) {
    const first = kept[0];
    // JFIF wants APP0 right after SOI; the orientation block follows it.
    if (first !== undefined && first[1] === 0xe0) {
      head.push(first);
      kept.shift();
    }
    head.push(orientationSegment(orientation));
  }
  return { bytes: Buffer.concat([...head, ...kept]), orientation };
}

const PNG_DROPPED = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(bytes: Uint8Array): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= bytes.length) {
    const length = u32be(bytes, pos);
    const type = text(bytes, pos + 4, 4);
    const end = pos + 12 + length;
    if (end > bytes.length) {
      throw new MediaFormatError('png');
    }
    if (!PNG_DROPPED.has(type)) {
      kept.push(bytes.subarray(pos, end));
    }
    pos = end;
    if (type === 'IEND') {
      return Buffer.concat(kept);
    }
  }
  throw new MediaFormatError('png');
}

const WEBP_DROPPED = new Set(['EXIF', 'XMP ']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

function stripWebp(bytes: Uint8Array): Uint8Array {
  const riffEnd = Math.min(bytes.length, 8 + u32le(bytes, 4));
  const kept: Uint8Array[] = [];
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const type = text(bytes, pos, 4);
    const size = u32le(bytes, pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (pos + 8 + size > riffEnd) {
      throw new MediaFormatError('webp');
    }
    if (type === 'VP8X') {
      const chunk = Buffer.from(bytes.subarray(pos, Math.min(end, riffEnd)));
      chunk[8] = (chunk[8] ?? 0) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      kept.push(chunk);
    } else if (!WEBP_DROPPED.has(type)) {
      kept.push(bytes.subarray(pos, Math.min(end, riffEnd)));
    }
    pos = end;
  }
  const body = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

/** Position after a run of GIF data sub-blocks (each length-prefixed, ended by a zero). */
function skipSubBlocks(bytes: Uint8Array, start: number): number {
  let pos = start;
  while (pos < bytes.length) {
    const size = bytes[pos] ?? 0;
    pos += 1 + size;
    if (size === 0) {
      return pos;
    }
  }
  throw new MediaFormatError('gif');
}

const colourTableSize = (packed: number): number =>
  packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0;

function stripGif(bytes: Uint8Array): Uint8Array {
  const headerEnd = 13 + colourTableSize(bytes[10] ?? 0);
  const kept: Uint8Array[] = [bytes.subarray(0, headerEnd)];
  let pos = headerEnd;
  while (pos < bytes.length) {
    const introducer = bytes[pos];
    if (introducer === 0x3b) {
      kept.push(bytes.subarray(pos, pos + 1));
      return Buffer.concat(kept);
    }
    let end: number;
    let keep = true;
    if (introducer === 0x21) {
      const label = bytes[pos + 1];
      end = skipSubBlocks(bytes, pos + 2);
      // Comments (FE) and XMP application blocks go; loop counts, frame control and text stay.
      keep = !(label === 0xfe || (label === 0xff && text(bytes, pos + 3, 11) === 'XMP DataXMP'));
    } else if (introducer === 0x2c) {
      const tableEnd = pos + 10 + colourTableSize(bytes[pos + 9] ?? 0);
      end = skipSubBlocks(bytes, tableEnd + 1);
    } else {
      throw new MediaFormatError('gif');
    }
    if (end > bytes.length) {
      throw new MediaFormatError('gif');
    }
    if (keep) {
      kept.push(bytes.subarray(pos, end));
    }
    pos = end;
  }
  throw new MediaFormatError('gif');
}
