import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { NewOutboxItemRow, OutboxItemRow, OutboxItemUpdate } from './outbox.table.ts';

/** Statuses after which nothing happens to an item unless a person acts. */
export const TERMINAL_STATUSES = ['published', 'failed', 'cancelled'] as const;

export async function insertOutboxItemRows(
  db: Kysely<Database>,
  rows: readonly NewOutboxItemRow[],
): Promise<OutboxItemRow[]> {
  if (rows.length === 0) {
    return [];
  }
  return db
    .insertInto('outbox_items')
    .values([...rows])
    .onConflict((oc) => oc.columns(['post_id', 'channel_id']).doNothing())
    .returningAll()
    .execute();
}

export async function findOutboxItemRow(
  db: Kysely<Database>,
  id: string,
): Promise<OutboxItemRow | undefined> {
  return db.selectFrom('outbox_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOutboxItemRowsOfPost(
  db: Kysely<Database>,
  postId: string,
): Promise<OutboxItemRow[]> {
  return db
    .selectFrom('outbox_items')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Takes a queued item that is due for one attempt: only one worker wins, so a duplicate job
 * never sends twice. `first_sent_at` is set before the first write leaves, for the lookup.
 */
export async function claimOutboxItemRow(
  db: Kysely<Database>,
  id: string,
  now: Date,
  toleranceMs: number,
): Promise<OutboxItemRow | undefined> {
  const dueBy = new Date(now.getTime() + toleranceMs);
  return db
    .updateTable('outbox_items')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      first_sent_at: eb.fn.coalesce('first_sent_at', eb.val(now)),
      next_attempt_at: null,
      updated_at: now,
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', dueBy)]))
    .returningAll()
    .executeTakeFirst();
}

/** `claimOutboxItemRow` for many items in one statement; returns those this caller won. */
export async function claimOutboxItemRows(
  db: Kysely<Database>,
  ids: readonly string[],
  now: Date,
  toleranceMs: number,
): Promise<OutboxItemRow[]> {
  if (ids.length === 0) {
    return [];
  }
  const dueBy = new Date(now.getTime() + toleranceMs);
  return db
    .updateTable('outbox_items')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      first_sent_at: eb.fn.coalesce('first_sent_at', eb.val(now)),
      next_attempt_at: null,
      updated_at: now,
    }))
    .where('id', 'in', [...ids])
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', dueBy)]))
    .returningAll()
    .execute();
}

/** Updates an item only while it still has the expected status (lost races change nothing). */
export async function updateOutboxItemRow(
  db: Kysely<Database>,
  id: string,
  expected: OutboxItemRow['status'] | readonly OutboxItemRow['status'][],
  update: OutboxItemUpdate,
): Promise<OutboxItemRow | undefined> {
  const statuses = typeof expected === 'string' ? [expected] : [...expected];
  return db
    .updateTable('outbox_items')
    .set(update)
    .where('id', '=', id)
    .where('status', 'in', statuses)
    .returningAll()
    .executeTakeFirst();
}

/** Queued items whose job was lost (crash between commit and enqueue, expired job). */
export async function listOverdueQueuedRows(
  db: Kysely<Database>,
  before: Date,
  limit: number,
): Promise<Pick<OutboxItemRow, 'id' | 'priority'>[]> {
  return db
    .selectFrom('outbox_items')
    .select(['id', 'priority'])
    .where('status', '=', 'queued')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<', before)]))
    .orderBy('priority', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Items left in `sending` by a worker that died mid-request: whether the write reached the
 * platform is unknown, so they go back to the queue marked for a lookup before any resend.
 */
export async function requeueStuckSendingRows(
  db: Kysely<Database>,
  before: Date,
  now: Date,
): Promise<Pick<OutboxItemRow, 'id' | 'priority'>[]> {
  return db
    .updateTable('outbox_items')
    .set({
      status: 'queued',
      failure_kind: 'outcome-unknown',
      failure_code: null,
      failure_reason: null,
      next_attempt_at: now,
      updated_at: now,
    })
    .where('status', '=', 'sending')
    .where('updated_at', '<', before)
    .returning(['id', 'priority'])
    .execute();
}

/** Locks the post row, so two items finishing at once settle the post exactly once. */
export async function lockPostRow(
  db: Kysely<Database>,
  postId: string,
): Promise<
  { id: string; status: string; created_by: string | null; priority: number } | undefined
> {
  return db
    .selectFrom('posts')
    .select(['id', 'status', 'created_by', 'priority'])
    .where('id', '=', postId)
    .forUpdate()
    .executeTakeFirst();
}

export async function countOutboxItemsByStatus(
  db: Kysely<Database>,
  postId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('outbox_items')
    .select(['status', sql<string>`count(*)::text`.as('n')])
    .where('post_id', '=', postId)
    .groupBy('status')
    .execute();
  return new Map(rows.map((row) => [row.status, Number(row.n)]));
}
