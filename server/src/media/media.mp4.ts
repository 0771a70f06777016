import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

import { MediaFormatError } from './media.strip.ts';

/**
 * MP4/QuickTime metadata removal in place. Every `udta` and `meta` box (where QuickTime keeps
 * `©xyz` GPS and Apple's location keys) and XMP `uuid` boxes are overwritten by a `free` box of
 * the same size, filled with zeros. Keeping the size means no chunk offset (stco/co64) and no
 * fragment offset moves, so the video plays exactly as before: safer than cutting the boxes out.
 */
export interface VideoProbe {
  readonly durationSeconds: number | null;
  readonly width: number | null;
  readonly height: number | null;
  /** How many metadata boxes were blanked. */
  readonly blankedBoxes: number;
}

/** Refused rather than stripped: GPS lives in the media data itself (GoPro, Google camera motion). */
export class VideoTelemetryError extends Error {
  constructor(readonly sampleEntry: string) {
    super(`telemetry track ${sampleEntry}`);
    this.name = 'VideoTelemetryError';
  }
}

/** A moov larger than this is not a phone or camera video; it is read whole into memory. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const BLANKED = new Set(['udta', 'meta']);
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex']);
const TELEMETRY_ENTRIES = new Set(['gpmd', 'camm']);
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

interface Box {
  readonly type: string;
  readonly start: number;
  readonly size: number;
  readonly headerSize: number;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function boxAt(buffer: Buffer, offset: number, limit: number, absolute: number): Box | null {
  if (offset + 8 > limit) {
    return null;
  }
  let size = buffer.readUInt32BE(offset);
  let headerSize = 8;
  const type = buffer.toString('latin1', offset + 4, offset + 8);
  if (size === 1) {
    if (offset + 16 > limit) {
      throw new MediaFormatError('mp4');
    }
    size = Number(buffer.readBigUInt64BE(offset + 8));
    headerSize = 16;
  } else if (size === 0) {
    size = limit - offset;
  }
  if (size < headerSize) {
    throw new MediaFormatError('mp4');
  }
  return { type, start: absolute, size, headerSize };
}

async function topLevelBoxes(file: FileHandle, fileSize: number): Promise<Box[]> {
  const boxes: Box[] = [];
  let position = 0;
  while (position < fileSize) {
    const head = await readAt(file, position, 16);
    const box = boxAt(head, 0, Math.min(head.length, fileSize - position), position);
    if (box === null) {
      throw new MediaFormatError('mp4');
    }
    // A size-0 box runs to the end of the file, not to the end of the 16 bytes read.
    const size = head.readUInt32BE(0) === 0 ? fileSize - position : box.size;
    if (position + size > fileSize) {
      throw new MediaFormatError('mp4');
    }
    boxes.push({ ...box, size });
    position += size;
  }
  return boxes;
}

async function blank(file: FileHandle, box: Box): Promise<void> {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(box.size, 0);
  header.write('free', 4, 'latin1');
  await file.write(header, 0, 8, box.start);
  const zeros = Buffer.alloc(Math.min(box.size - 8, 1024 * 1024));
  for (let written = 8; written < box.size; written += zeros.length) {
    await file.write(zeros, 0, Math.min(zeros.length, box.size - written), box.start + written);
  }
}

interface MoovFindings {
  blank: Box[];
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
}

const fixed16 = (buffer: Buffer, offset: number): number =>
  Math.round(buffer.readUInt32BE(offset) / 65536);

function readMvhd(payload: Buffer, found: MoovFindings): void {
  const v1 = payload[0] === 1;
  const timescale = payload.readUInt32BE(v1 ? 20 : 12);
  const duration = v1 ? Number(payload.readBigUInt64BE(24)) : payload.readUInt32BE(16);
  if (timescale > 0) {
    found.durationSeconds = Math.round((duration / timescale) * 1000) / 1000;
  }
}

function readTkhd(payload: Buffer, found: MoovFindings): void {
  const base = payload[0] === 1 ? 52 : 40;
  if (found.width !== null || payload.length < base + 44) {
    return;
  }
  const width = fixed16(payload, base + 36);
  const height = fixed16(payload, base + 40);
  if (width === 0 || height === 0) {
    return;
  }
  // Matrix a = 0 and b ≠ 0: turned by 90° (portrait phone video), shown as height × width.
  const turned = payload.readInt32BE(base) === 0 && payload.readInt32BE(base + 4) !== 0;
  found.width = turned ? height : width;
  found.height = turned ? width : height;
}

function walk(buffer: Buffer, from: number, to: number, base: number, found: MoovFindings): void {
  let offset = from;
  while (offset < to) {
    const box = boxAt(buffer, offset, to, base + offset);
    if (box === null) {
      return;
    }
    const end = offset + box.size;
    if (end > to) {
      throw new MediaFormatError('mp4');
    }
    const payload = buffer.subarray(offset + box.headerSize, end);
    if (BLANKED.has(box.type)) {
      found.blank.push(box);
    } else if (box.type === 'uuid' && payload.toString('hex', 0, 16) === XMP_UUID) {
      found.blank.push(box);
    } else if (CONTAINERS.has(box.type)) {
      walk(buffer, offset + box.headerSize, end, base, found);
    } else if (box.type === 'mvhd' && payload.length >= 32) {
      readMvhd(payload, found);
    } else if (box.type === 'tkhd') {
      readTkhd(payload, found);
    } else if (box.type === 'stsd' && payload.length >= 16) {
      // Full box (4) and entry count (4), then the first sample entry's size and type.
      const entry = payload.toString('latin1', 12, 16);
      if (TELEMETRY_ENTRIES.has(entry)) {
        throw new VideoTelemetryError(entry);
      }
    }
    offset = end;
  }
}

/** Reads duration and size, then blanks every metadata box; the file keeps its length. */
export async function stripMp4InPlace(path: string): Promise<VideoProbe> {
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const found: MoovFindings = { blank: [], durationSeconds: null, width: null, height: null };
    let sawMoov = false;
    for (const box of await topLevelBoxes(file, size)) {
      if (BLANKED.has(box.type)) {
        found.blank.push(box);
      } else if (box.type === 'uuid') {
        const id = await readAt(file, box.start + box.headerSize, 16);
        if (id.toString('hex') === XMP_UUID) {
          found.blank.push(box);
        }
      } else if (box.type === 'moov') {
        if (box.size > MAX_MOOV_BYTES) {
          throw new MediaFormatError('mp4');
        }
        sawMoov = true;
        const moov = await readAt(file, box.start, box.size);
        walk(moov, box.headerSize, moov.length, box.start, found);
      }
    }
    if (!sawMoov) {
      throw new MediaFormatError('mp4');
    }
    for (const box of found.blank) {
      await blank(file, box);
    }
    return {
      durationSeconds: found.durationSeconds,
      width: found.width,
      height: found.height,
      blankedBoxes: found.blank.length,
    };
  } finally {
    await file.close();
  }
}
