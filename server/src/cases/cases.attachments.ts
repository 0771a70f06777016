import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { AppError, invalid, notFound } from '../errors/errors.ts';
import { sniffMediaType } from '../media/media.sniff.ts';
import type { Reader } from '../registry/channels.service.ts';
import { open, seal } from '../shared/crypto.ts';
import {
  attachmentFileContext,
  attachmentNameContext,
  openBuffer,
  sealBuffer,
} from './cases.crypto.ts';
import {
  findCaseAttachmentRow,
  insertCaseAttachmentRow,
  insertCaseEventRow,
  updateCaseRow,
} from './cases.repository.ts';
import type { CaseDetail } from './cases.schema.ts';
import { currentKey, detailOf, visibleCase } from './cases.service.ts';
import type { CaseDeps } from './cases.service.ts';
import {
  newAttachmentKey,
  readAttachmentFile,
  removeAttachmentFile,
  writeAttachmentFile,
} from './cases.storage.ts';

/** Letters, scans and photos citizens send: PDF and the common image formats, by content. */
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const TYPE_REFUSED =
  'Dieser Dateityp ist nicht erlaubt. Erlaubt sind PDF, JPEG, PNG, GIF und WebP (geprüft wird der Inhalt, nicht der Dateiname).';

/** The bytes decide; the name or declared type never do. Images reuse the media module's sniffer. */
export function sniffAttachmentType(head: Uint8Array): AttachmentType | null {
  if (String.fromCharCode(...head.subarray(0, 5)) === '%PDF-') {
    return 'application/pdf';
  }
  const media = sniffMediaType(head);
  return ATTACHMENT_TYPES.find((type) => type === media?.mimeType) ?? null;
}

/** Reads the upload into memory (it is sealed as a whole), refusing more than the limit. */
async function readCapped(source: Readable, maxBytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.iterator({ destroyOnReturn: false })) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBytes) {
      source.resume();
      throw new AppError(
        'payload_too_large',
        `Die Datei ist zu groß. Erlaubt sind höchstens ${Math.round(maxBytes / 1024 / 1024)} MB.`,
      );
    }
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}

export interface AttachmentUpload {
  readonly body: Readable;
  readonly fileName: string | undefined;
}

export async function addAttachment(
  deps: CaseDeps,
  actor: Actor,
  reader: Reader,
  caseId: string,
  upload: AttachmentUpload,
  now: Date = new Date(),
): Promise<CaseDetail> {
  await visibleCase(deps.db, reader, caseId);
  const content = await readCapped(upload.body, MAX_ATTACHMENT_BYTES);
  if (content.length === 0) {
    throw invalid([{ path: 'body', message: 'Die Datei ist leer.' }]);
  }
  const mimeType = sniffAttachmentType(content.subarray(0, 16));
  if (mimeType === null) {
    throw new AppError('unsupported_media_type', TYPE_REFUSED);
  }
  const key = currentKey(deps);
  const id = randomUUID();
  const storageKey = newAttachmentKey();
  const name = (upload.fileName ?? '').trim().slice(0, 200) || 'Anhang';
  // An object, not a `let`: the flag is set inside the transaction callback.
  const file = { written: false };
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      const current = await visibleCase(trx, reader, caseId, { forUpdate: true });
      await insertCaseAttachmentRow(trx, {
        id,
        case_id: caseId,
        storage_key: storageKey,
        name: seal(name, key, attachmentNameContext(id)),
        mime_type: mimeType,
        byte_size: content.length,
        key_id: key.id,
        created_by: actor.userId,
        created_at: now,
      });
      await insertCaseEventRow(trx, {
        case_id: caseId,
        kind: 'attachment',
        detail: { attachmentId: id, mimeType, byteSize: content.length },
        author_id: actor.userId,
        created_at: now,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'case.attachment',
          objectType: 'case',
          objectId: caseId,
          summary: `Fall Nr. ${current.number}: Anhang hinzugefügt (${mimeType})`,
        },
        now,
      );
      // The file is written last inside the transaction: a failed commit removes it again.
      await writeAttachmentFile(
        deps.dataDir,
        caseId,
        storageKey,
        sealBuffer(content, key, attachmentFileContext(id)),
      );
      file.written = true;
      return updateCaseRow(trx, caseId, { updated_at: now });
    });
    return await detailOf(deps, row, now);
  } catch (error) {
    if (file.written) {
      await removeAttachmentFile(deps.dataDir, caseId, storageKey).catch(() => undefined);
    }
    throw error;
  }
}

export async function openAttachment(
  deps: CaseDeps,
  reader: Reader,
  caseId: string,
  attachmentId: string,
): Promise<{ mimeType: string; name: string; content: Buffer }> {
  await visibleCase(deps.db, reader, caseId);
  const row = await findCaseAttachmentRow(deps.db, caseId, attachmentId);
  if (row === undefined) {
    throw notFound('Diesen Anhang gibt es nicht.');
  }
  const sealed = await readAttachmentFile(deps.dataDir, caseId, row.storage_key);
  return {
    mimeType: row.mime_type,
    name: open(row.name, deps.keys, attachmentNameContext(row.id)),
    content: openBuffer(sealed, deps.keys, attachmentFileContext(row.id)),
  };
}
