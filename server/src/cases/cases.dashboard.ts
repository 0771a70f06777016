import type { Kysely } from 'kysely';
import type { z } from 'zod';

import type { Database } from '../database/database.types.ts';
import { findCaseSettingsRow } from './cases.repository.ts';
import { holdReviewDue } from './cases.retention.ts';
import type { deletionLogSchema, retentionDashboardSchema } from './cases.schema.ts';
import {
  countCasesByStatus,
  countDueCases,
  listDeletionLogRows,
  listHolds,
  listUpcomingDeletions,
} from './retention.repository.ts';

type RetentionDashboard = z.infer<typeof retentionDashboardSchema>;
type DeletionLog = z.infer<typeof deletionLogSchema>;

const UPCOMING_DAYS = 30;
const LIST_LIMIT = 200;

/** Upcoming deletions (next 30 days), holds with their review dates, the last sweep. */
export async function retentionDashboard(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<RetentionDashboard> {
  const until = new Date(now.getTime() + UPCOMING_DAYS * 24 * 60 * 60 * 1000);
  const counts = { open: 0, waiting: 0, closed: 0, due: await countDueCases(db, now) };
  for (const row of await countCasesByStatus(db)) {
    counts[row.status] = Number(row.n);
  }
  const settings = await findCaseSettingsRow(db);
  const last = settings.last_sweep;
  return {
    counts,
    upcoming: (await listUpcomingDeletions(db, until, LIST_LIMIT)).map((row) => ({
      id: row.id,
      number: Number(row.number),
      category: row.category,
      closedAt: row.closed_at?.toISOString() ?? null,
      deleteAt: row.delete_after?.toISOString() ?? '',
      deletionAttempts: row.deletion_attempts,
    })),
    holds: (await listHolds(db, LIST_LIMIT)).map((row) => ({
      id: row.id,
      number: Number(row.number),
      category: row.category,
      status: row.status,
      kind: row.hold_kind ?? 'legal-hold',
      reason: row.hold_reason ?? '',
      reviewOn: row.hold_review_on,
      reviewDue: holdReviewDue(row.hold_review_on, now),
    })),
    lastSweep:
      settings.last_sweep_at === null || last === null
        ? null
        : {
            at: settings.last_sweep_at.toISOString(),
            due: last.due,
            deleted: last.deleted,
            failed: last.failed,
            retried: last.retried,
            milliseconds: last.milliseconds,
          },
  };
}

export async function deletionLog(
  db: Kysely<Database>,
  query: { limit: number; offset: number },
): Promise<DeletionLog> {
  const rows = await listDeletionLogRows(db, query.limit, query.offset);
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      caseHash: row.case_hash,
      category: row.category,
      legalBasis: row.legal_basis,
      createdOn: row.created_on,
      closedOn: row.closed_on,
      deletedAt: row.deleted_at.toISOString(),
      rule: row.rule,
      trigger: row.trigger,
      attempts: row.attempts,
      linkedItemsDeleted: row.linked_items_deleted,
      linkedItemsBlanked: row.linked_items_blanked,
      attachmentsDeleted: row.attachments_deleted,
    })),
  };
}
