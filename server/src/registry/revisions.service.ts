import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { listRevisionRows } from './registry.repository.ts';

export interface Revision {
  readonly id: string;
  readonly changedAt: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly snapshot: unknown;
}

/** The change history of one registry record, newest first. */
export async function listRevisions(
  db: Kysely<Database>,
  objectType: string,
  objectId: string,
): Promise<Revision[]> {
  const rows = await listRevisionRows(db, objectType, objectId);
  return rows.map((row) => ({
    id: row.id,
    changedAt: row.changed_at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    snapshot: row.snapshot,
  }));
}
