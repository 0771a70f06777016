import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { firstChunkOffset, GPS_MARKER, mp4WithMetadata, VIDEO_PAYLOAD } from './media.fixtures.ts';
import { stripMp4InPlace, VideoTelemetryError } from './media.mp4.ts';
import { MediaFormatError } from './media.strip.ts';

async function fileWith(bytes: Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'media-mp4-')), 'video');
  await writeFile(path, bytes);
  return path;
}

const has = (bytes: Buffer, text: string): boolean => bytes.includes(Buffer.from(text, 'latin1'));

describe('MP4/MOV metadata removal', () => {
  it.each([
    ['moov before mdat', {}],
    ['mdat before moov (QuickTime)', { brand: 'qt  ' as const, mdatFirst: true }],
  ])('blanks udta, meta and XMP with GPS, %s; offsets stay valid', async (_name, options) => {
    const original = mp4WithMetadata(options);
    expect(has(original, GPS_MARKER)).toBe(true);
    const path = await fileWith(original);

    const probe = await stripMp4InPlace(path);

    const stripped = await readFile(path);
    expect(has(stripped, GPS_MARKER)).toBe(false);
    expect(has(stripped, '\u00a9xyz')).toBe(false);
    expect(has(stripped, 'udta')).toBe(false);
    expect(has(stripped, 'com.apple.quicktime.location')).toBe(false);
    expect(probe.blankedBoxes).toBe(3);
    // Same length, so the chunk offset still points at the samples.
    expect(stripped.length).toBe(original.length);
    const offset = firstChunkOffset(stripped);
    expect(stripped.subarray(offset, offset + VIDEO_PAYLOAD.length)).toEqual(VIDEO_PAYLOAD);
    expect(probe.durationSeconds).toBe(12.345);
    // The track matrix turns the 1920 × 1080 frame into a portrait video.
    expect({ width: probe.width, height: probe.height }).toEqual({ width: 1080, height: 1920 });
  });

  it('refuses a telemetry track whose samples carry GPS', async () => {
    const path = await fileWith(mp4WithMetadata({ telemetry: true }));
    await expect(stripMp4InPlace(path)).rejects.toBeInstanceOf(VideoTelemetryError);
  });

  it('refuses a file without moov or with a broken box', async () => {
    const original = mp4WithMetadata();
    await expect(stripMp4InPlace(await fileWith(original.subarray(0, 24)))).rejects.toBeInstanceOf(
      MediaFormatError,
    );
    const broken = Buffer.from(original);
    broken.writeUInt32BE(0xffff, 24);
    await expect(stripMp4InPlace(await fileWith(broken))).rejects.toBeInstanceOf(MediaFormatError);
  });
});
