import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { ConsentProof, ConsentStats } from './consent.schema.ts';

/** Every proof of one pseudonymous id, for a rights request (Art. 15) or to prove consent. */
export async function findProofs(
  db: Kysely<Database>,
  actor: Actor,
  visitorId: string,
): Promise<ConsentProof[]> {
  const rows = await db
    .selectFrom('consent_proofs')
    .select(['config_version', 'choices', 'decided_at', 'received_at'])
    .where('visitor_id', '=', visitorId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  // The id itself stays out of the audit log: it is the key to a person's choices.
  await recordAudit(db, actor, {
    action: 'consent.proofs-looked-up',
    objectType: 'consent-proof',
    objectId: null,
    summary: `Einwilligungsnachweise zu einer Kennung abgefragt (${rows.length} gefunden)`,
  });
  return rows.map((row) => ({
    configVersion: row.config_version,
    choices: row.choices,
    decidedAt: row.decided_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
  }));
}

/**
 * Erasure on request (Art. 17): every proof of one id. Afterwards the city can no longer prove
 * that person's consent, so the widget will ask them again on their next visit.
 */
export async function deleteProofsOf(
  db: Kysely<Database>,
  actor: Actor,
  visitorId: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('consent_proofs')
      .where('visitor_id', '=', visitorId)
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    // As for the lookup: the id is the key to a person's choices and stays out of the log.
    await recordAudit(trx, actor, {
      action: 'consent.proofs-erased',
      objectType: 'consent-proof',
      objectId: null,
      summary: `Einwilligungsnachweise zu einer Kennung gelöscht (${deleted})`,
    });
    return deleted;
  });
}

/** Counts only: per service accepted/refused over all proofs, and proofs per config version. */
export async function proofStats(db: Kysely<Database>): Promise<ConsentStats> {
  const perChoice = await sql<{ id: string; accepted: string; refused: string }>`
    SELECT c.key AS id,
      count(*) FILTER (WHERE c.value = 'true'::jsonb)::text AS accepted,
      count(*) FILTER (WHERE c.value = 'false'::jsonb)::text AS refused
    FROM consent_proofs p CROSS JOIN LATERAL jsonb_each(p.choices) AS c
    GROUP BY c.key ORDER BY c.key`.execute(db);
  const versions = await db
    .selectFrom('consent_proofs')
    .select(['config_version', sql<string>`count(*)::text`.as('count')])
    .groupBy('config_version')
    .orderBy('config_version')
    .execute();
  return {
    total: versions.reduce((sum, row) => sum + Number(row.count), 0),
    services: perChoice.rows.map((row) => ({
      id: row.id,
      accepted: Number(row.accepted),
      refused: Number(row.refused),
    })),
    versions: versions.map((row) => ({
      configVersion: row.config_version,
      count: Number(row.count),
    })),
  };
}

const DELETE_CHUNK = 5000;

/**
 * Deletes proofs received before the cutoff in chunks found through the received_at index, so the
 * work grows with the expired rows, not the table, and no transaction holds many locks.
 */
export async function deleteExpiredProofs(
  db: Kysely<Database>,
  retentionDays: number,
  now: Date,
): Promise<{ deleted: number; cutoff: string }> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  let deleted = 0;
  for (;;) {
    const result = await db
      .deleteFrom('consent_proofs')
      .where(
        'id',
        'in',
        db
          .selectFrom('consent_proofs')
          .select('id')
          .where('received_at', '<', cutoff)
          .orderBy('received_at')
          .limit(DELETE_CHUNK),
      )
      .executeTakeFirst();
    const count = Number(result.numDeletedRows);
    deleted += count;
    if (count < DELETE_CHUNK) {
      return { deleted, cutoff: cutoff.toISOString() };
    }
  }
}
