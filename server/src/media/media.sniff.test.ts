import { describe, expect, it } from 'vitest';

import {
  gifWithMetadata,
  jpegWithMetadata,
  mp4WithMetadata,
  pngWithMetadata,
  webpWithMetadata,
} from './media.fixtures.ts';
import { baseContentType, declaredTypeMatches, sniffMediaType } from './media.sniff.ts';

describe('sniffing by content', () => {
  it.each([
    ['image/jpeg', jpegWithMetadata({ width: 1, height: 1 })],
    ['image/png', pngWithMetadata(1, 1)],
    ['image/gif', gifWithMetadata(1, 1)],
    ['image/webp', webpWithMetadata(1, 1)],
    ['video/mp4', mp4WithMetadata()],
    ['video/quicktime', mp4WithMetadata({ brand: 'qt  ' })],
  ])('recognises %s', (type, bytes) => {
    expect(sniffMediaType(bytes.subarray(0, 16))?.mimeType).toBe(type);
  });

  it('knows nothing else, whatever the name or declared type', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7 ...'))).toBeNull();
    expect(sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffMediaType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('compares the declared type, with the aliases browsers send', () => {
    expect(declaredTypeMatches('image/jpeg', 'image/jpeg')).toBe(true);
    expect(declaredTypeMatches('image/jpg', 'image/jpeg')).toBe(true);
    expect(declaredTypeMatches('image/png', 'image/jpeg')).toBe(false);
    expect(declaredTypeMatches('video/quicktime', 'video/mp4')).toBe(true);
    expect(declaredTypeMatches('video/mp4', 'image/gif')).toBe(false);
    expect(baseContentType('Image/JPEG; charset=binary')).toBe('image/jpeg');
    expect(baseContentType(undefined)).toBe('');
  });
});
