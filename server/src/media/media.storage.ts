import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Files under DATA_DIR/media: uploads land in media/tmp first and move into place only with
 * their database row, so a refused or failed upload leaves nothing behind. Paths are built from
 * generated hex keys only; nothing a client sends ever becomes part of a path.
 */
const STORAGE_KEY = /^[0-9a-f]{32}$/;

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super('upload too large');
    this.name = 'UploadTooLargeError';
  }
}

export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

export function mediaPath(dataDir: string, storageKey: string): string {
  if (!STORAGE_KEY.test(storageKey)) {
    throw new Error('invalid storage key');
  }
  return join(dataDir, 'media', storageKey);
}

export async function newTempPath(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'media', 'tmp');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return join(dir, newStorageKey());
}

export interface ReceivedFile {
  readonly size: number;
  /** The first bytes, for sniffing. */
  readonly head: Buffer;
}

/**
 * Streams `source` into a new file at `path`, refusing more than `maxBytes`. On refusal the rest
 * of the body is drained unread, so the client still gets the answer instead of a reset.
 */
export async function receiveToFile(
  source: Readable,
  path: string,
  maxBytes: number,
  headBytes: number,
): Promise<ReceivedFile> {
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  const headParts: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  try {
    for await (const chunk of source.iterator({ destroyOnReturn: false })) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      if (size > maxBytes) {
        throw new UploadTooLargeError(maxBytes);
      }
      if (headLength < headBytes) {
        headParts.push(buffer.subarray(0, headBytes - headLength));
        headLength += Math.min(buffer.length, headBytes - headLength);
      }
      if (!out.write(buffer)) {
        await new Promise<void>((resolve) => out.once('drain', resolve));
      }
    }
  } catch (error) {
    if (error instanceof UploadTooLargeError) {
      // The iterator let go of the stream without destroying it: discard what is still coming.
      source.resume();
    }
    throw error;
  } finally {
    out.end();
    await finished(out);
  }
  return { size, head: Buffer.concat(headParts) };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

export async function readMediaFile(dataDir: string, storageKey: string): Promise<Uint8Array> {
  return readFile(mediaPath(dataDir, storageKey));
}

export function openMediaStream(dataDir: string, storageKey: string): Readable {
  return createReadStream(mediaPath(dataDir, storageKey));
}

/** Removes a file if it exists; cleanup must never mask the error that caused it. */
export async function removeQuietly(path: string): Promise<void> {
  await rm(path, { force: true }).catch(() => undefined);
}
