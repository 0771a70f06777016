import { crc32 } from 'node:zlib';

/**
 * Tiny files built byte by byte for the media tests: each carries metadata with a GPS position
 * and the marker below, so a test can prove the stripped output no longer contains either.
 * Only the structure is real; the compressed image data is filler the parsers never decode.
 */
export const GPS_MARKER = 'GPS-48.7758N-9.1829E';

const u16 = (value: number): Buffer => {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
};
const u32 = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};
const u32le = (value: number): Buffer => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
};
const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

function jpegSegment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
}

/** An EXIF TIFF block (big-endian): IFD0 with orientation and a GPS IFD with a position. */
export function exifTiff(orientation: number): Buffer {
  // Layout: header 8 | IFD0 at 8 (2 entries) | GPS IFD at 38 (2 entries) | rationals at 68.
  const ifd0 = Buffer.concat([
    u16(2),
    u16(0x0112),
    u16(3),
    u32(1),
    u16(orientation),
    u16(0),
    u16(0x8825),
    u16(4),
    u32(1),
    u32(38),
    u32(0),
  ]);
  const gps = Buffer.concat([
    u16(2),
    u16(0x0001),
    u16(2),
    u32(2),
    latin1('N\0\0\0'),
    u16(0x001b),
    u16(7),
    u32(GPS_MARKER.length),
    u32(68),
    u32(0),
  ]);
  return Buffer.concat([latin1('MM'), u16(42), u32(8), ifd0, gps, latin1(GPS_MARKER)]);
}

export interface JpegOptions {
  readonly width: number;
  readonly height: number;
  readonly orientation?: number;
}

/** The compressed data: stuffed FF00, a restart marker, and bytes that look like markers. */
export const JPEG_SCAN = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0x78]);

export function jpegWithMetadata(options: JpegOptions): Buffer {
  const xmp = `http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>${GPS_MARKER}</exif:GPSLatitude></x:xmpmeta>`;
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe0, Buffer.concat([latin1('JFIF\0'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0])])),
    jpegSegment(0xe1, Buffer.concat([latin1('Exif\0\0'), exifTiff(options.orientation ?? 1)])),
    jpegSegment(0xe1, latin1(xmp)),
    jpegSegment(0xe2, latin1('ICC_PROFILE\0\x01\x01colour-profile')),
    jpegSegment(0xe2, latin1(`MPF\0${GPS_MARKER}`)),
    jpegSegment(0xed, latin1(`Photoshop 3.0\x008BIM${GPS_MARKER}`)),
    jpegSegment(0xfe, latin1(`Aufgenommen bei ${GPS_MARKER}`)),
    jpegSegment(0xdb, Buffer.alloc(65, 1)),
    jpegSegment(
      0xc0,
      Buffer.concat([
        Buffer.from([8]),
        u16(options.height),
        u16(options.width),
        Buffer.from([1, 1, 0x11, 0]),
      ]),
    ),
    jpegSegment(0xc4, Buffer.alloc(20, 2)),
    jpegSegment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    JPEG_SCAN,
    Buffer.from([0xff, 0xd9]),
    // A trailing preview image with its own EXIF, as phones append (MPF).
    Buffer.from([0xff, 0xd8]),
    jpegSegment(0xe1, Buffer.concat([latin1('Exif\0\0'), exifTiff(1)])),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([latin1(type), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

export function pngWithMetadata(width: number, height: number): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.concat([u32(width), u32(height), Buffer.from([8, 6, 0, 0, 0])])),
    pngChunk('eXIf', exifTiff(1)),
    pngChunk('tEXt', latin1(`Location\0${GPS_MARKER}`)),
    pngChunk('zTXt', latin1(`Comment\0\0${GPS_MARKER}`)),
    pngChunk('iTXt', latin1(`XML:com.adobe.xmp\0\0\0\0\0${GPS_MARKER}`)),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 26, 10, 0, 0])),
    pngChunk('iCCP', latin1('sRGB\0\0profile')),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 1, 2, 3])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const pad = data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0);
  return Buffer.concat([latin1(type), u32le(data.length), data, pad]);
}

function riff(chunks: readonly Buffer[]): Buffer {
  const body = Buffer.concat(chunks);
  return Buffer.concat([latin1('RIFF'), u32le(body.length + 4), latin1('WEBP'), body]);
}

const u24le = (value: number): Buffer => u32le(value).subarray(0, 3);

/** Extended WebP (VP8X) with EXIF and XMP flags set and both chunks present. */
export function webpWithMetadata(width: number, height: number): Buffer {
  const vp8x = Buffer.concat([Buffer.from([0x2c, 0, 0, 0]), u24le(width - 1), u24le(height - 1)]);
  const bits = (width - 1) | ((height - 1) << 14);
  return riff([
    riffChunk('VP8X', vp8x),
    riffChunk('ICCP', latin1('profile')),
    riffChunk('VP8L', Buffer.concat([Buffer.from([0x2f]), u32le(bits), Buffer.alloc(5, 7)])),
    riffChunk('EXIF', exifTiff(1)),
    riffChunk('XMP ', latin1(`<x:xmpmeta>${GPS_MARKER}</x:xmpmeta>`)),
  ]);
}

/** Simple lossy WebP: a VP8 key frame header. */
export function webpLossy(width: number, height: number): Buffer {
  const frame = Buffer.concat([
    Buffer.from([0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a]),
    Buffer.from([width & 0xff, width >> 8, height & 0xff, height >> 8]),
    Buffer.alloc(8, 3),
  ]);
  return riff([riffChunk('VP8 ', frame)]);
}

export function gifWithMetadata(width: number, height: number): Buffer {
  const subBlocks = (data: Buffer): Buffer =>
    Buffer.concat([Buffer.from([data.length]), data, Buffer.from([0])]);
  return Buffer.concat([
    latin1('GIF89a'),
    Buffer.from([width & 0xff, width >> 8, height & 0xff, height >> 8, 0x80, 0, 0]),
    Buffer.alloc(6, 0xaa),
    // NETSCAPE loop extension (kept).
    Buffer.from([0x21, 0xff, 11]),
    latin1('NETSCAPE2.0'),
    Buffer.from([3, 1, 0, 0, 0]),
    // XMP application extension and a comment (both dropped).
    Buffer.from([0x21, 0xff, 11]),
    latin1('XMP DataXMP'),
    subBlocks(latin1(GPS_MARKER)),
    Buffer.from([0x21, 0xfe]),
    subBlocks(latin1(GPS_MARKER)),
    Buffer.from([0x21, 0xf9, 4, 0, 10, 0, 0, 0]),
    Buffer.from([0x2c, 0, 0, 0, 0, width & 0xff, width >> 8, height & 0xff, height >> 8, 0]),
    Buffer.from([2]),
    subBlocks(Buffer.from([0x44, 0x01])),
    Buffer.from([0x3b]),
  ]);
}

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([u32(body.length + 8), latin1(type), body]);
}

export const VIDEO_PAYLOAD = latin1('VIDEO-SAMPLE-DATA');

export interface Mp4Options {
  readonly brand?: 'isom' | 'qt  ';
  readonly mdatFirst?: boolean;
  /** A GoPro-style telemetry track whose samples would carry GPS. */
  readonly telemetry?: boolean;
}

/** An MP4/MOV with `©xyz` in moov/udta, a moov/meta location key and a top-level XMP uuid. */
export function mp4WithMetadata(options: Mp4Options = {}): Buffer {
  const ftyp = box('ftyp', latin1(options.brand ?? 'isom'), u32(0), latin1('isommp42'));
  const mvhd = box('mvhd', u32(0), u32(0), u32(0), u32(1000), u32(12_345), Buffer.alloc(80));
  // Matrix turned by 90°: a = 0, b = 1.0, c = -1.0, d = 0 (16.16), w = 1.0 (2.30).
  const matrix = Buffer.concat([
    u32(0),
    u32(0x10000),
    u32(0),
    u32(0xffff0000),
    u32(0),
    u32(0),
    u32(0),
    u32(0),
    u32(0x40000000),
  ]);
  const tkhd = box(
    'tkhd',
    u32(0),
    u32(0),
    u32(0),
    u32(1),
    u32(0),
    u32(12_345),
    Buffer.alloc(16),
    matrix,
    u32(1920 << 16),
    u32(1080 << 16),
  );
  const udta = box('udta', box('\u00a9xyz', u16(GPS_MARKER.length), u16(0), latin1(GPS_MARKER)));
  const meta = box(
    'meta',
    u32(0),
    box('hdlr', Buffer.alloc(8), latin1('mdta'), Buffer.alloc(13)),
    box('keys', latin1(`com.apple.quicktime.location.ISO6709 ${GPS_MARKER}`)),
  );
  const sampleEntry = options.telemetry === true ? 'gpmd' : 'avc1';
  const stsd = box('stsd', u32(0), u32(1), box(sampleEntry, Buffer.alloc(8)));
  const buildMoov = (chunkOffset: number) =>
    box(
      'moov',
      mvhd,
      box(
        'trak',
        tkhd,
        box('mdia', box('minf', box('stbl', stsd, box('stco', u32(0), u32(1), u32(chunkOffset))))),
      ),
      udta,
      meta,
    );
  const xmpUuid = box(
    'uuid',
    Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'),
    latin1(GPS_MARKER),
  );
  const mdat = box('mdat', VIDEO_PAYLOAD);
  if (options.mdatFirst === true) {
    const offset = ftyp.length + 8;
    return Buffer.concat([ftyp, mdat, buildMoov(offset), xmpUuid]);
  }
  const moovLength = buildMoov(0).length;
  const offset = ftyp.length + moovLength + xmpUuid.length + 8;
  return Buffer.concat([ftyp, buildMoov(offset), xmpUuid, mdat]);
}

/** The chunk offset stored in the (single) stco box of a file built above. */
export function firstChunkOffset(file: Buffer): number {
  const at = file.indexOf(latin1('stco'));
  return file.readUInt32BE(at + 12);
}
