import type { ImageType } from './media.sniff.ts';

/**
 * Image dimensions read from the format headers alone: no decoder, so a crafted file cannot make
 * the server decompress gigapixels. Null when the header is missing or truncated.
 */
export interface Dimensions {
  readonly width: number;
  readonly height: number;
}

const u16be = (b: Uint8Array, o: number): number => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number): number => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number): number => u16be(b, o) * 0x10000 + u16be(b, o + 2);
const u32le = (b: Uint8Array, o: number): number => u16le(b, o) + u16le(b, o + 2) * 0x10000;
const fourcc = (b: Uint8Array, o: number): string => String.fromCharCode(...b.subarray(o, o + 4));

export function readImageDimensions(type: ImageType, bytes: Uint8Array): Dimensions | null {
  const found = readRaw(type, bytes);
  return found !== null && found.width > 0 && found.height > 0 ? found : null;
}

function readRaw(type: ImageType, bytes: Uint8Array): Dimensions | null {
  switch (type) {
    case 'image/jpeg':
      return jpegDimensions(bytes);
    case 'image/png':
      // IHDR is always the first chunk: width and height right after its type.
      return bytes.length >= 24 && fourcc(bytes, 12) === 'IHDR'
        ? { width: u32be(bytes, 16), height: u32be(bytes, 20) }
        : null;
    case 'image/gif':
      return bytes.length >= 10 ? { width: u16le(bytes, 6), height: u16le(bytes, 8) } : null;
    case 'image/webp':
      return webpDimensions(bytes);
  }
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers without a length field. */
export function isStandaloneMarker(marker: number): boolean {
  return marker === 0x01 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7);
}

function jpegDimensions(bytes: Uint8Array): Dimensions | null {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) {
      return null;
    }
    const marker = bytes[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos += 1;
      continue;
    }
    if (isStandaloneMarker(marker)) {
      pos += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      return null;
    }
    if (isStartOfFrame(marker) && pos + 9 <= bytes.length) {
      return { width: u16be(bytes, pos + 7), height: u16be(bytes, pos + 5) };
    }
    pos += 2 + u16be(bytes, pos + 2);
  }
  return null;
}

function webpDimensions(bytes: Uint8Array): Dimensions | null {
  if (bytes.length < 30) {
    return null;
  }
  switch (fourcc(bytes, 12)) {
    case 'VP8X':
      return { width: 1 + u24le(bytes, 24), height: 1 + u24le(bytes, 27) };
    case 'VP8 ':
      // Key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
      if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) {
        return null;
      }
      return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
    case 'VP8L': {
      if (bytes[20] !== 0x2f) {
        return null;
      }
      const bits = u32le(bytes, 21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    default:
      return null;
  }
}

/**
 * The EXIF orientation (1–8) of an APP1 Exif payload (after `Exif\0\0`), or 1 when absent. Kept
 * through stripping: without it, portrait phone photos would be published lying on their side.
 */
export function exifOrientation(tiff: Uint8Array): number {
  if (tiff.length < 8) {
    return 1;
  }
  const order = fourcc(tiff, 0).slice(0, 2);
  const little = order === 'II';
  if (!little && order !== 'MM') {
    return 1;
  }
  const read16 = (o: number) => (little ? u16le(tiff, o) : u16be(tiff, o));
  const read32 = (o: number) => (little ? u32le(tiff, o) : u32be(tiff, o));
  const ifd = read32(4);
  if (ifd + 2 > tiff.length) {
    return 1;
  }
  const count = read16(ifd);
  for (let index = 0; index < count; index += 1) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) {
      return 1;
    }
    if (read16(entry) === 0x0112) {
      const value = read16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Orientations 5–8 rotate by 90°: the picture as shown is height × width of the stored one. */
export function displayedDimensions(stored: Dimensions, orientation: number): Dimensions {
  return orientation >= 5 ? { width: stored.height, height: stored.width } : stored;
}
