import { inflateRawSync } from 'node:zlib';

/**
 * The DWD publishes its CAP messages as ZIP files (one XML per message). A minimal reader for
 * what those files use — stored and deflated entries, read through the central directory — so
 * no archive library is needed. Refuses anything odd with a German reason instead of throwing.
 */

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

export type ZipResult =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  | { readonly ok: false; readonly reason: string };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
/** Far above a real warning archive (a few MB); guards against a zip bomb. */
const MAX_TOTAL_BYTES = 50 * 1024 * 1024;
const MAX_ENTRIES = 5_000;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32LE(0) === LOCAL_HEADER
  );
}

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of up to 65,535 bytes at the very end.
  const from = Math.max(0, zip.length - 22 - 0xffff);
  for (let at = zip.length - 22; at >= from; at -= 1) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL) {
      return at;
    }
  }
  return -1;
}

export function readZip(bytes: Uint8Array): ZipResult {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = zip.length >= 22 ? endOfCentralDirectory(zip) : -1;
  if (end < 0) {
    return {
      ok: false,
      reason: 'ZIP-Datei ohne Inhaltsverzeichnis (beschädigt oder abgeschnitten)',
    };
  }
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count > MAX_ENTRIES) {
    return { ok: false, reason: `ZIP-Datei mit zu vielen Einträgen (${String(count)})` };
  }
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER) {
      return { ok: false, reason: 'ZIP-Inhaltsverzeichnis beschädigt' };
    }
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) {
      continue;
    }
    total += size;
    if (total > MAX_TOTAL_BYTES) {
      return { ok: false, reason: 'ZIP-Inhalt größer als 50 MB' };
    }
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== LOCAL_HEADER) {
      return { ok: false, reason: `ZIP-Eintrag „${name}“ beschädigt` };
    }
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const raw = zip.subarray(dataAt, dataAt + compressed);
    if (raw.length !== compressed) {
      return { ok: false, reason: `ZIP-Eintrag „${name}“ abgeschnitten` };
    }
    try {
      if (method === 0) {
        entries.push({ name, data: Buffer.from(raw) });
      } else if (method === 8) {
        entries.push({ name, data: inflateRawSync(raw, { maxOutputLength: Math.max(size, 1) }) });
      } else {
        return {
          ok: false,
          reason: `ZIP-Eintrag „${name}“: Kompression ${String(method)} nicht unterstützt`,
        };
      }
    } catch {
      return { ok: false, reason: `ZIP-Eintrag „${name}“ lässt sich nicht entpacken` };
    }
  }
  return { ok: true, entries };
}
