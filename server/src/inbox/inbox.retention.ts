import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { blankItems, deleteItems, findExpiredItems } from './inbox-retention.repository.ts';

/**
 * Concept §13: data of an inquiry is kept while it is processed and six months after. An inbox
 * item that never became a case is processed once it is marked done; six months after its last
 * change its personal data goes. Items that became cases follow the case's clock instead.
 */
export const INBOX_RETENTION_MONTHS = 6;
const BATCH = 1000;

export interface InboxRetentionResult {
  readonly deleted: number;
  readonly blanked: number;
}

export function inboxRetentionCutoff(now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - INBOX_RETENTION_MONTHS);
  return cutoff;
}

/** Deletes direct messages and blanks public comments whose time has come, batch by batch. */
export async function runInboxRetention(
  db: Kysely<Database>,
  now: Date,
): Promise<InboxRetentionResult> {
  const cutoff = inboxRetentionCutoff(now);
  let deleted = 0;
  let blanked = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const due = await findExpiredItems(trx, cutoff, BATCH);
      const privateIds = due.filter((item) => item.visibility === 'private').map((i) => i.id);
      const publicIds = due.filter((item) => item.visibility === 'public').map((i) => i.id);
      const result = {
        found: due.length,
        deleted: await deleteItems(trx, privateIds),
        blanked: await blankItems(trx, publicIds),
      };
      if (due.length > 0) {
        await recordAudit(
          trx,
          systemActor(),
          {
            action: 'inbox.retention',
            objectType: 'inbox_item',
            objectId: null,
            summary: `Aufbewahrungsfrist (${String(INBOX_RETENTION_MONTHS)} Monate nach Erledigung): ${String(result.deleted)} Direktnachrichten gelöscht, ${String(result.blanked)} Kommentare ohne personenbezogene Daten behalten`,
          },
          now,
        );
      }
      return result;
    });
    deleted += batch.deleted;
    blanked += batch.blanked;
    if (batch.found < BATCH) {
      return { deleted, blanked };
    }
  }
}
