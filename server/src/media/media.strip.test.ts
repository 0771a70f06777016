import { describe, expect, it } from 'vitest';

import { displayedDimensions, exifOrientation, readImageDimensions } from './media.dimensions.ts';
import {
  GPS_MARKER,
  gifWithMetadata,
  JPEG_SCAN,
  jpegWithMetadata,
  pngWithMetadata,
  webpLossy,
  webpWithMetadata,
} from './media.fixtures.ts';
import { MediaFormatError, stripImageMetadata } from './media.strip.ts';

const contains = (bytes: Uint8Array, text: string): boolean =>
  Buffer.from(bytes).includes(Buffer.from(text, 'latin1'));

/** Marker bytes of every segment before the scan, e.g. [0xe0, 0xe2, 0xdb, …]. */
function jpegMarkers(bytes: Uint8Array): number[] {
  const markers: number[] = [];
  let pos = 2;
  while (pos < bytes.length) {
    const marker = bytes[pos + 1] ?? 0;
    markers.push(marker);
    if (marker === 0xda) {
      break;
    }
    pos += 2 + (((bytes[pos + 2] ?? 0) << 8) | (bytes[pos + 3] ?? 0));
  }
  return markers;
}

describe('JPEG', () => {
  const original = jpegWithMetadata({ width: 1200, height: 800 });

  it('drops EXIF (with GPS), XMP, IPTC, MPF, comments and trailing previews', () => {
    expect(contains(original, GPS_MARKER)).toBe(true);
    const { bytes, orientation } = stripImageMetadata('image/jpeg', original);
    expect(orientation).toBe(1);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, 'Exif')).toBe(false);
    expect(contains(bytes, 'http://ns.adobe.com/xap')).toBe(false);
    expect(contains(bytes, 'Photoshop')).toBe(false);
    // JFIF and the ICC profile stay, the frame and the scan are untouched.
    expect(jpegMarkers(bytes)).toEqual([0xe0, 0xe2, 0xdb, 0xc0, 0xc4, 0xda]);
    expect(contains(bytes, 'ICC_PROFILE')).toBe(true);
    expect(Buffer.from(bytes).includes(JPEG_SCAN)).toBe(true);
    expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect(readImageDimensions('image/jpeg', bytes)).toEqual({ width: 1200, height: 800 });
  });

  it('keeps the orientation in a minimal EXIF block without GPS', () => {
    const turned = jpegWithMetadata({ width: 1200, height: 800, orientation: 6 });
    const { bytes, orientation } = stripImageMetadata('image/jpeg', turned);
    expect(orientation).toBe(6);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(jpegMarkers(bytes).slice(0, 3)).toEqual([0xe0, 0xe1, 0xe2]);
    const app1 = Buffer.from(bytes).indexOf(Buffer.from('Exif\0\0', 'latin1'));
    const tiff = bytes.subarray(app1 + 6, app1 + 6 + 26);
    expect(exifOrientation(tiff)).toBe(6);
    // No GPS IFD pointer (tag 0x8825) survives.
    expect(Buffer.from(bytes).includes(Buffer.from([0x88, 0x25]))).toBe(false);
    const stored = readImageDimensions('image/jpeg', bytes);
    expect(stored).toEqual({ width: 1200, height: 800 });
    expect(displayedDimensions(stored ?? { width: 0, height: 0 }, orientation)).toEqual({
      width: 800,
      height: 1200,
    });
  });

  it('refuses a truncated segment', () => {
    expect(() => stripImageMetadata('image/jpeg', original.subarray(0, 30))).toThrow(
      MediaFormatError,
    );
  });
});

describe('PNG', () => {
  it('drops eXIf, tEXt, zTXt, iTXt and tIME and keeps the image chunks', () => {
    const original = pngWithMetadata(640, 480);
    const { bytes } = stripImageMetadata('image/png', original);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    for (const chunk of ['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']) {
      expect(contains(original, chunk)).toBe(true);
      expect(contains(bytes, chunk)).toBe(false);
    }
    for (const chunk of ['IHDR', 'iCCP', 'IDAT', 'IEND']) {
      expect(contains(bytes, chunk)).toBe(true);
    }
    expect(readImageDimensions('image/png', bytes)).toEqual({ width: 640, height: 480 });
  });

  it('refuses a PNG without IEND', () => {
    const original = pngWithMetadata(10, 10);
    expect(() => stripImageMetadata('image/png', original.subarray(0, 60))).toThrow(
      MediaFormatError,
    );
  });
});

describe('WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const original = webpWithMetadata(300, 200);
    expect(original[20]).toBe(0x2c);
    const { bytes } = stripImageMetadata('image/webp', original);
    const buffer = Buffer.from(bytes);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, 'EXIF')).toBe(false);
    expect(contains(bytes, 'XMP ')).toBe(false);
    // ICC flag (0x20) stays, EXIF (0x08) and XMP (0x04) are cleared.
    expect(buffer[20]).toBe(0x20);
    expect(buffer.readUInt32LE(4)).toBe(buffer.length - 8);
    expect(readImageDimensions('image/webp', bytes)).toEqual({ width: 300, height: 200 });
  });

  it('reads lossy (VP8) and lossless (VP8L) dimensions', () => {
    expect(readImageDimensions('image/webp', webpLossy(321, 123))).toEqual({
      width: 321,
      height: 123,
    });
    const lossless = Buffer.from(webpWithMetadata(1000, 700));
    // Point the first chunk at VP8L to read its own header rather than the VP8X canvas.
    const vp8l = lossless.indexOf(Buffer.from('VP8L', 'latin1'));
    const simple = Buffer.concat([lossless.subarray(0, 12), lossless.subarray(vp8l, vp8l + 18)]);
    expect(readImageDimensions('image/webp', simple)).toEqual({ width: 1000, height: 700 });
  });
});

describe('GIF', () => {
  it('drops comments and XMP and keeps the loop extension, frame and trailer', () => {
    const original = gifWithMetadata(64, 48);
    const { bytes } = stripImageMetadata('image/gif', original);
    expect(contains(bytes, GPS_MARKER)).toBe(false);
    expect(contains(bytes, 'XMP DataXMP')).toBe(false);
    expect(contains(bytes, 'NETSCAPE2.0')).toBe(true);
    expect(bytes.at(-1)).toBe(0x3b);
    expect(readImageDimensions('image/gif', bytes)).toEqual({ width: 64, height: 48 });
  });

  it('refuses a GIF cut off inside a block', () => {
    const original = gifWithMetadata(64, 48);
    expect(() =>
      stripImageMetadata('image/gif', original.subarray(0, original.length - 6)),
    ).toThrow(MediaFormatError);
  });
});
