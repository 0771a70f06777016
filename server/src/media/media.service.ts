import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';

import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import type { MediaItem } from '../platforms/connector.ts';
import { channelScopeFor } from '../registry/channels.access.ts';
import { displayedDimensions, readImageDimensions } from './media.dimensions.ts';
import { DELIVERY_URL_TTL_MS, MAX_IMAGE_UPLOAD_BYTES } from './media.limits.ts';
import { stripMp4InPlace, VideoTelemetryError } from './media.mp4.ts';
import type { VideoProbe } from './media.mp4.ts';
import {
  findMediaRow,
  findMediaRows,
  insertMediaRow,
  updateMediaAltText,
} from './media.repository.ts';
import { toMedia } from './media.schema.ts';
import type { Media } from './media.schema.ts';
import {
  baseContentType,
  declaredTypeMatches,
  SNIFF_BYTES,
  sniffMediaType,
} from './media.sniff.ts';
import type { ImageType, SniffedType } from './media.sniff.ts';
import {
  mediaPath,
  newStorageKey,
  newTempPath,
  openMediaStream,
  readMediaFile,
  receiveToFile,
  removeQuietly,
  sha256OfFile,
  UploadTooLargeError,
} from './media.storage.ts';
import { signedMediaUrl } from './media.signing.ts';
import { MediaFormatError, stripImageMetadata } from './media.strip.ts';
import type { MediaRow } from './media.table.ts';

export interface MediaReader {
  readonly id: string;
  readonly roles: readonly RoleGrant[];
}

export interface UploadInput {
  /** The request's Content-Type header as sent. */
  readonly contentType: string | undefined;
  readonly contentLength: number | null;
  readonly body: Readable;
}

const SUPPORTED = 'Bilder als JPEG, PNG, GIF oder WebP und Videos als MP4 oder MOV';
const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

const unsupported = (message: string): AppError =>
  new AppError('unsupported_media_type', message, [{ path: 'file', message }]);
const tooLarge = (maxBytes: number): AppError => {
  const message = `Die Datei ist zu groß: Stadtfunk nimmt höchstens ${megabytes(maxBytes)} an. Bitte verkleinern oder kürzen Sie die Datei.`;
  return new AppError('payload_too_large', message, [{ path: 'file', message }]);
};
const broken = (message: string): AppError =>
  new AppError('validation_failed', message, [{ path: 'file', message }]);

interface Prepared {
  readonly sniffed: SniffedType;
  readonly size: number;
  readonly sha256: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly durationSeconds: number | null;
}

/**
 * Takes an upload from the raw request body: streamed to a temp file under a hard cap, typed by
 * its bytes, stripped of metadata, then moved into place together with its row and audit entry.
 * Refused uploads leave neither a file nor a row.
 */
export async function uploadMedia(
  db: Kysely<Database>,
  dataDir: string,
  actor: Actor,
  uploader: MediaReader,
  input: UploadInput,
  maxBytes: number,
): Promise<Media> {
  const declared = baseContentType(input.contentType);
  if (!declared.startsWith('image/') && !declared.startsWith('video/')) {
    input.body.resume();
    throw unsupported(
      `Senden Sie die Datei selbst als Inhalt der Anfrage, mit ihrem Dateityp (z. B. image/jpeg). Stadtfunk nimmt ${SUPPORTED} an.`,
    );
  }
  if (input.contentLength !== null && input.contentLength > maxBytes) {
    input.body.resume();
    throw tooLarge(maxBytes);
  }
  const tempPath = await newTempPath(dataDir);
  let finalPath: string | null = null;
  try {
    const prepared = await receiveAndPrepare(input.body, tempPath, declared, maxBytes);
    const storageKey = newStorageKey();
    finalPath = mediaPath(dataDir, storageKey);
    const target = finalPath;
    const row = await db.transaction().execute(async (trx) => {
      const inserted = await insertMediaRow(trx, {
        kind: prepared.sniffed.kind,
        mime_type: prepared.sniffed.mimeType,
        byte_size: prepared.size,
        width: prepared.width,
        height: prepared.height,
        duration_seconds: prepared.durationSeconds,
        sha256: prepared.sha256,
        storage_key: storageKey,
        alt_text: null,
        uploaded_by: uploader.id,
        org_unit_id: uploaderUnit(uploader),
      });
      await recordAudit(trx, actor, {
        action: 'media.uploaded',
        objectType: 'media',
        objectId: inserted.id,
        summary: `${prepared.sniffed.kind === 'image' ? 'Bild' : 'Video'} hochgeladen (${prepared.sniffed.mimeType}, ${prepared.size} Byte), Metadaten entfernt`,
      });
      // Last step inside the transaction: a failed move rolls the row back.
      await rename(tempPath, target);
      return inserted;
    });
    finalPath = null;
    return toMedia(row);
  } catch (error) {
    throw translateUploadError(error, maxBytes);
  } finally {
    await removeQuietly(tempPath);
    if (finalPath !== null) {
      await removeQuietly(finalPath);
    }
  }
}

function translateUploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof UploadTooLargeError) {
    return tooLarge(maxBytes);
  }
  if (error instanceof VideoTelemetryError) {
    return unsupported(
      'Das Video enthält eine Spur mit Orts- oder Bewegungsdaten (z. B. GPS einer Action-Kamera), die sich nicht entfernen lässt. Bitte exportieren Sie das Video ohne Telemetrie und laden Sie es erneut hoch.',
    );
  }
  if (error instanceof MediaFormatError) {
    return broken(
      'Die Datei ist beschädigt oder unvollständig. Bitte exportieren Sie sie erneut und laden Sie sie noch einmal hoch.',
    );
  }
  return error;
}

async function receiveAndPrepare(
  body: Readable,
  tempPath: string,
  declared: string,
  maxBytes: number,
): Promise<Prepared> {
  const received = await receiveToFile(body, tempPath, maxBytes, SNIFF_BYTES);
  if (received.size === 0) {
    throw broken('Die Datei ist leer. Bitte wählen Sie eine andere Datei.');
  }
  const sniffed = sniffMediaType(received.head);
  if (sniffed === null) {
    throw unsupported(
      `Der Inhalt der Datei ist kein unterstütztes Format. Stadtfunk nimmt ${SUPPORTED} an.`,
    );
  }
  if (!declaredTypeMatches(declared, sniffed.mimeType)) {
    throw unsupported(
      `Die Datei wurde als ${declared} angekündigt, ihr Inhalt ist aber ${sniffed.mimeType}. Bitte prüfen Sie die Dateiendung oder exportieren Sie die Datei erneut.`,
    );
  }
  if (sniffed.kind === 'video') {
    const probe: VideoProbe = await stripMp4InPlace(tempPath);
    return {
      sniffed,
      size: received.size,
      sha256: await sha256OfFile(tempPath),
      width: probe.width,
      height: probe.height,
      durationSeconds: probe.durationSeconds,
    };
  }
  if (received.size > MAX_IMAGE_UPLOAD_BYTES) {
    throw tooLarge(MAX_IMAGE_UPLOAD_BYTES);
  }
  const type = sniffed.mimeType as ImageType;
  const stripped = stripImageMetadata(type, await readFile(tempPath));
  const stored = readImageDimensions(type, stripped.bytes);
  if (stored === null) {
    throw new MediaFormatError(type);
  }
  const shown = displayedDimensions(stored, stripped.orientation);
  await writeFile(tempPath, stripped.bytes);
  return {
    sniffed,
    size: stripped.bytes.length,
    sha256: createHash('sha256').update(stripped.bytes).digest('hex'),
    width: shown.width,
    height: shown.height,
    durationSeconds: null,
  };
}

/** Media of a department editor belong to their unit, so colleagues there can reuse them. */
function uploaderUnit(uploader: MediaReader): string | null {
  const unitGrant = uploader.roles.find(
    (grant) => grant.role === 'department-editor' && grant.orgUnitId !== null,
  );
  return unitGrant?.orgUnitId ?? null;
}

/**
 * Central roles see every medium; department editors those of their unit's subtree; everyone
 * their own uploads. Unknown and invisible media answer alike (404).
 */
async function visibleRow(
  db: Kysely<Database>,
  reader: MediaReader,
  id: string,
): Promise<MediaRow> {
  const row = await findMediaRow(db, id);
  if (row !== undefined) {
    if (row.uploaded_by === reader.id) {
      return row;
    }
    const scope = await channelScopeFor(db, reader);
    if (
      scope === 'all' ||
      (row.org_unit_id !== null && scope.orgUnitIds.includes(row.org_unit_id))
    ) {
      return row;
    }
  }
  throw new AppError('not_found', 'Dieses Medium gibt es nicht oder Sie dürfen es nicht sehen.');
}

export async function getMedia(
  db: Kysely<Database>,
  reader: MediaReader,
  id: string,
): Promise<Media> {
  return toMedia(await visibleRow(db, reader, id));
}

export async function openMediaContent(
  db: Kysely<Database>,
  dataDir: string,
  reader: MediaReader,
  id: string,
): Promise<{ row: MediaRow; stream: Readable }> {
  const row = await visibleRow(db, reader, id);
  return { row, stream: openMediaStream(dataDir, row.storage_key) };
}

export async function setMediaAltText(
  db: Kysely<Database>,
  actor: Actor,
  reader: MediaReader,
  id: string,
  altText: string | null,
): Promise<Media> {
  await visibleRow(db, reader, id);
  const text = altText === null || altText.trim() === '' ? null : altText.trim();
  return db.transaction().execute(async (trx) => {
    const row = await updateMediaAltText(trx, id, text);
    if (row === undefined) {
      throw new AppError('not_found');
    }
    // The text itself may describe people: the audit names only its length.
    await recordAudit(trx, actor, {
      action: 'media.alt-text-changed',
      objectType: 'media',
      objectId: id,
      summary:
        text === null
          ? 'Alternativtext entfernt'
          : `Alternativtext gesetzt (${Array.from(text).length} Zeichen)`,
    });
    return toMedia(row);
  });
}

/** The part of the configuration media delivery needs. */
export type MediaConfig = Pick<RuntimeConfig, 'dataDir' | 'publicUrl' | 'sessionSecret'>;

/** A post's media refer to a medium that no longer exists: the outbox marks the delivery failed. */
export class MediaMissingError extends Error {
  constructor(readonly mediaId: string) {
    super(`media ${mediaId} missing`);
    this.name = 'MediaMissingError';
  }
}

/**
 * The stripped bytes and alt text of a post's media, in the given order, for a connector; with a
 * signed URL valid for 24 hours when the platform fetches media itself (Instagram, TikTok).
 */
export async function loadDeliveryMedia(
  db: Kysely<Database>,
  config: MediaConfig,
  mediaIds: readonly string[],
  needsPublicUrl: boolean,
  now: Date = new Date(),
): Promise<MediaItem[]> {
  const rows = await findMediaRows(db, mediaIds);
  const missing = mediaIds.find((id) => !rows.some((row) => row.id === id));
  if (missing !== undefined) {
    throw new MediaMissingError(missing);
  }
  const expiresAt = new Date(now.getTime() + DELIVERY_URL_TTL_MS);
  return Promise.all(
    rows.map(async (row) => ({
      kind: row.kind,
      mimeType: row.mime_type,
      data: await readMediaFile(config.dataDir, row.storage_key),
      publicUrl: needsPublicUrl ? signedMediaUrl(config, row.id, expiresAt) : null,
      altText: row.alt_text,
    })),
  );
}
