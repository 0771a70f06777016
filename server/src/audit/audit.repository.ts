import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { AuditRow, NewAuditRow } from './audit.table.ts';

// Serialises appends so two writers never chain onto the same predecessor.
const AUDIT_LOCK_KEY = 7_310_001;

export async function lockAuditChain(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(db);
}

export async function findLastAuditHash(db: Kysely<Database>): Promise<string | undefined> {
  const row = await db
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash;
}

export async function insertAuditRow(db: Kysely<Database>, row: NewAuditRow): Promise<AuditRow> {
  return db.insertInto('audit_log').values(row).returningAll().executeTakeFirstOrThrow();
}

export interface AuditQuery {
  readonly action?: string | undefined;
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  readonly actorId?: string | undefined;
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /** Entries with an id below this one (newest first paging). */
  readonly before?: string | undefined;
  readonly limit: number;
}

export type AuditListRow = AuditRow & { actor_name: string | null };

export async function listAuditRows(
  db: Kysely<Database>,
  query: AuditQuery,
): Promise<AuditListRow[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select('users.display_name as actor_name');
  if (query.action !== undefined) {
    q = q.where('audit_log.action', '=', query.action);
  }
  if (query.objectType !== undefined) {
    q = q.where('audit_log.object_type', '=', query.objectType);
  }
  if (query.objectId !== undefined) {
    q = q.where('audit_log.object_id', '=', query.objectId);
  }
  if (query.actorId !== undefined) {
    q = q.where('audit_log.actor_id', '=', query.actorId);
  }
  if (query.from !== undefined) {
    q = q.where('audit_log.at', '>=', query.from);
  }
  if (query.to !== undefined) {
    q = q.where('audit_log.at', '<', query.to);
  }
  if (query.before !== undefined) {
    q = q.where('audit_log.id', '<', query.before);
  }
  return q.orderBy('audit_log.id', 'desc').limit(query.limit).execute();
}

/** One page of the chain in append order, for verification. */
export async function auditRowsAfter(
  db: Kysely<Database>,
  afterId: string | undefined,
  limit: number,
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (afterId !== undefined) {
    q = q.where('id', '>', afterId);
  }
  return q.orderBy('id', 'asc').limit(limit).execute();
}

export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .orderBy('action')
    .execute();
  return rows.map((row) => row.action);
}
