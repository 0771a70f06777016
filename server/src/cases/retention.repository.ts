import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { blankItems } from '../inbox/inbox-retention.repository.ts';
import type { CaseDeletionLogRow, CaseDeletionLogTable } from './cases.table.ts';
import type { Insertable } from 'kysely';

/** What the deletion needs to know about a case; nothing personal. */
export interface DueCase {
  readonly id: string;
  readonly category: string;
  readonly legal_basis: string;
  readonly created_at: Date;
  readonly closed_at: Date | null;
  readonly delete_after: Date | null;
  readonly deletion_attempts: number;
}

const DUE_COLUMNS = [
  'id',
  'category',
  'legal_basis',
  'created_at',
  'closed_at',
  'delete_after',
  'deletion_attempts',
] as const;

/** An index range on `delete_after`: the cost follows the number of due cases only. */
export async function listDueCases(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<DueCase[]> {
  return db
    .selectFrom('cases')
    .select(DUE_COLUMNS)
    .where('delete_after', 'is not', null)
    .where('delete_after', '<=', now)
    .orderBy('delete_after')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countDueCases(db: Kysely<Database>, now: Date): Promise<number> {
  const row = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('delete_after', 'is not', null)
    .where('delete_after', '<=', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Locks the cases and re-checks that they are still due (a hold may have come in meanwhile). */
export async function lockCases(db: Kysely<Database>, ids: readonly string[]): Promise<DueCase[]> {
  if (ids.length === 0) {
    return [];
  }
  return db
    .selectFrom('cases')
    .select(DUE_COLUMNS)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function countAttachmentsByCase(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('case_attachments')
    .select(['case_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('case_id', 'in', [...ids])
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((row) => [row.case_id, Number(row.n)]));
}

/** Direct messages are private correspondence: deleted with the case, with their actions. */
export async function deletePrivateLinkedItems(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .deleteFrom('inbox_items')
    .where('case_id', 'in', [...ids])
    .where((eb) => eb.or([eb('visibility', '=', 'private'), eb('kind', '=', 'direct-message')]))
    .returning('case_id')
    .execute();
  return rows.map((row) => row.case_id ?? '');
}

/**
 * Public comments stay on the platform (not ours to delete); our copy loses author, text,
 * notes, reply texts and free-text reasons, and keeps only the moderation skeleton.
 */
export async function blankPublicLinkedItems(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const items = await db
    .selectFrom('inbox_items')
    .select(['id', 'case_id'])
    .where('case_id', 'in', [...ids])
    .execute();
  if (items.length === 0) {
    return [];
  }
  const itemIds = items.map((item) => item.id);
  await blankItems(db, itemIds);
  await db.updateTable('inbox_items').set({ case_id: null }).where('id', 'in', itemIds).execute();
  return items.map((item) => item.case_id ?? '');
}

export const caseLink = (caseId: string): string => `/cases/${caseId}`;

/** Notifications point at a case by link; they go with it. */
export async function deleteCaseNotifications(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db
    .deleteFrom('notifications')
    .where((eb) =>
      eb.or([
        eb('link', 'in', ids.map(caseLink)),
        ...ids.map((id) => eb('link', 'like', `${caseLink(id)}/%`)),
      ]),
    )
    .execute();
}

export async function insertDeletionLogRows(
  db: Kysely<Database>,
  rows: readonly Insertable<CaseDeletionLogTable>[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db
    .insertInto('case_deletion_log')
    .values([...rows])
    .onConflict((oc) => oc.column('case_hash').doNothing())
    .execute();
}

/** Cascades to blind indexes, events and attachment rows; inbox links were handled before. */
export async function deleteCaseRows(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<number> {
  if (ids.length === 0) {
    return 0;
  }
  const result = await db
    .deleteFrom('cases')
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordDeletionFailure(
  db: Kysely<Database>,
  id: string,
  errorCode: string,
): Promise<void> {
  await db
    .updateTable('cases')
    .set({
      deletion_attempts: sql<number>`deletion_attempts + 1`,
      last_deletion_error: errorCode.slice(0, 100),
    })
    .where('id', '=', id)
    .execute();
}

export async function existingCaseIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

// ---- dashboard -----------------------------------------------------------------------------

export async function listUpcomingDeletions(db: Kysely<Database>, until: Date, limit: number) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'category', 'closed_at', 'delete_after', 'deletion_attempts'])
    .where('delete_after', 'is not', null)
    .where('delete_after', '<=', until)
    .orderBy('delete_after')
    .limit(limit)
    .execute();
}

export async function listHolds(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('cases')
    .select([
      'id',
      'number',
      'category',
      'status',
      'hold_kind',
      'hold_reason',
      'hold_review_on',
      'hold_set_at',
    ])
    .where('hold_kind', 'is not', null)
    .orderBy('hold_review_on')
    .limit(limit)
    .execute();
}

export async function countCasesByStatus(db: Kysely<Database>) {
  return db
    .selectFrom('cases')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('status')
    .execute();
}

export async function listDeletionLogRows(
  db: Kysely<Database>,
  limit: number,
  offset: number,
): Promise<CaseDeletionLogRow[]> {
  return db
    .selectFrom('case_deletion_log')
    .selectAll()
    .orderBy('deleted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Held cases whose review date has come (a Berlin day, YYYY-MM-DD). */
export async function listHoldsDueForReview(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'assignee_id', 'hold_review_on'])
    .where('hold_kind', 'is not', null)
    .where('hold_review_on', 'is not', null)
    .where('hold_review_on', '<=', today)
    .orderBy('hold_review_on')
    .execute();
}
