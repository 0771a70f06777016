import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { keyIdOf, open, seal } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import {
  attachmentFileContext,
  attachmentNameContext,
  eventContext,
  fieldContext,
  keyIdOfBuffer,
  openBuffer,
  sealBuffer,
} from './cases.crypto.ts';
import type { SealedField } from './cases.crypto.ts';
import {
  listAttachmentsOf,
  listCasePage,
  listSealedEventsOf,
  updateAttachmentSealing,
  updateCaseRow,
  updateEventBody,
} from './cases.repository.ts';
import { readAttachmentFile, replaceAttachmentFile } from './cases.storage.ts';
import type { CaseUpdate } from './cases.table.ts';

/**
 * `stadtfunk keys rotate`: re-seals every case value, timeline text and attachment (name and
 * file) that is not under the current key. Older keys must still be configured
 * (ENCRYPTION_KEYS_PREVIOUS) to open them. Blind indexes use their own key and stay unchanged.
 * Runs in pages, each in its own transaction; it can be interrupted and run again.
 */

export interface RotationDeps {
  readonly db: Kysely<Database>;
  readonly keys: readonly EncryptionKey[];
  readonly dataDir: string;
}

export interface RotationResult {
  readonly casesScanned: number;
  readonly valuesResealed: number;
  readonly filesResealed: number;
  readonly keyId: string;
}

const SEALED_FIELDS: readonly SealedField[] = [
  'contact_name',
  'contact_handle',
  'contact_email',
  'contact_phone',
  'contact_address',
  'concern',
];

export async function rotateCaseKeys(
  deps: RotationDeps,
  options: { pageSize?: number; now?: Date } = {},
): Promise<RotationResult> {
  const current = deps.keys[0];
  if (current === undefined) {
    throw new Error('no encryption key');
  }
  const reseal = (value: string, context: string): string | null =>
    keyIdOf(value) === current.id ? null : seal(open(value, deps.keys, context), current, context);
  let afterId: string | null = null;
  let casesScanned = 0;
  let valuesResealed = 0;
  let filesResealed = 0;
  for (;;) {
    const page = await deps.db.transaction().execute(async (trx) => {
      const rows = await listCasePage(trx, afterId, options.pageSize ?? 200);
      for (const row of rows) {
        const update: CaseUpdate = {};
        for (const field of SEALED_FIELDS) {
          const value = row[field];
          const next = value === null ? null : reseal(value, fieldContext(row.id, field));
          if (next !== null) {
            update[field] = next;
            valuesResealed += 1;
          }
        }
        if (Object.keys(update).length > 0) {
          await updateCaseRow(trx, row.id, update);
        }
      }
      const ids = rows.map((row) => row.id);
      for (const event of await listSealedEventsOf(trx, ids)) {
        const next = reseal(event.body, eventContext(event.id));
        if (next !== null) {
          await updateEventBody(trx, event.id, next);
          valuesResealed += 1;
        }
      }
      for (const attachment of await listAttachmentsOf(trx, ids)) {
        const file = await readAttachmentFile(
          deps.dataDir,
          attachment.case_id,
          attachment.storage_key,
        );
        // The file carries its own key id, so a crash between file and row still reads.
        if (keyIdOfBuffer(file) !== current.id) {
          const context = attachmentFileContext(attachment.id);
          await replaceAttachmentFile(
            deps.dataDir,
            attachment.case_id,
            attachment.storage_key,
            sealBuffer(openBuffer(file, deps.keys, context), current, context),
          );
          filesResealed += 1;
        }
        const name = reseal(attachment.name, attachmentNameContext(attachment.id));
        if (name !== null || attachment.key_id !== current.id) {
          await updateAttachmentSealing(trx, attachment.id, {
            name: name ?? attachment.name,
            key_id: current.id,
          });
          if (name !== null) {
            valuesResealed += 1;
          }
        }
      }
      return rows;
    });
    casesScanned += page.length;
    const last = page.at(-1);
    if (last === undefined) {
      break;
    }
    afterId = last.id;
  }
  await deps.db.transaction().execute((trx) =>
    recordAudit(
      trx,
      systemActor(),
      {
        action: 'case.keys-rotate',
        objectType: 'case',
        objectId: null,
        summary: `Schlüsselwechsel: ${valuesResealed} Werte und ${filesResealed} Dateien neu verschlüsselt (Schlüssel ${current.id})`,
      },
      options.now ?? new Date(),
    ),
  );
  return { casesScanned, valuesResealed, filesResealed, keyId: current.id };
}
