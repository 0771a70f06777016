import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { Actor } from '../access/actor.ts';
import { chainHash, GENESIS_HASH } from './audit.chain.ts';
import {
  auditRowsAfter,
  findLastAuditHash,
  insertAuditRow,
  listAuditActions,
  listAuditRows,
  lockAuditChain,
} from './audit.repository.ts';
import type { AuditQuery } from './audit.repository.ts';
import type { AuditEntry, AuditPage, AuditVerification } from './audit.schema.ts';

export interface AuditEvent {
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  /** Free of personal data: name the object by id and kind, never by a person's name or e-mail. */
  readonly summary: string;
}

/**
 * Appends one entry to the hash chain. Call it inside the transaction that makes the change, so a
 * change without its audit entry cannot be committed.
 */
export async function recordAudit(
  trx: Kysely<Database>,
  actor: Actor,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<void> {
  await lockAuditChain(trx);
  const prevHash = (await findLastAuditHash(trx)) ?? GENESIS_HASH;
  const fields = {
    at: now,
    actorId: actor.userId,
    actorRole: actor.role,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    summary: event.summary,
    correlationId: actor.correlationId,
    prevHash,
  };
  await insertAuditRow(trx, {
    at: fields.at,
    actor_id: fields.actorId,
    actor_role: fields.actorRole,
    action: fields.action,
    object_type: fields.objectType,
    object_id: fields.objectId,
    summary: fields.summary,
    correlation_id: fields.correlationId,
    prev_hash: prevHash,
    hash: chainHash(fields),
  });
}

export async function listAudit(db: Kysely<Database>, query: AuditQuery): Promise<AuditPage> {
  const rows = await listAuditRows(db, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const items: AuditEntry[] = page.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorRole: row.actor_role,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    summary: row.summary,
    correlationId: row.correlation_id,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? last.id : null };
}

export async function auditActions(db: Kysely<Database>): Promise<string[]> {
  return listAuditActions(db);
}

const VERIFY_BATCH = 1000;

/**
 * Walks the whole chain: a changed entry breaks its own hash, an inserted or deleted one breaks the
 * link to its neighbour. Deleting only the newest entries needs an external anchor to detect.
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let afterId: string | undefined;
  let checked = 0;
  for (;;) {
    const rows = await auditRowsAfter(db, afterId, VERIFY_BATCH);
    for (const row of rows) {
      const expected = chainHash({
        at: row.at,
        actorId: row.actor_id,
        actorRole: row.actor_role,
        action: row.action,
        objectType: row.object_type,
        objectId: row.object_id,
        summary: row.summary,
        correlationId: row.correlation_id,
        prevHash: row.prev_hash,
      });
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, brokenAt: row.id, reason: 'link' };
      }
      if (row.hash !== expected) {
        return { ok: false, checked, brokenAt: row.id, reason: 'content' };
      }
      prevHash = row.hash;
      checked += 1;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < VERIFY_BATCH) {
      return { ok: true, checked, brokenAt: null, reason: null };
    }
    afterId = last.id;
  }
}
