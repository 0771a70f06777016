import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

/**
 * The inbox list walks (status, received_at DESC, id) and filters; a filter that matches few of a
 * million items (hidden ones, machine verdicts, open appeals) then reads far. Small partial
 * indexes serve exactly those views; PostgreSQL proves `visibility_state = 'hidden'` implies the
 * predicate `<> 'visible'`, so the list query needs no change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX inbox_items_not_visible ON inbox_items (status, received_at DESC, id)
      WHERE visibility_state <> 'visible'`,
    `CREATE INDEX inbox_items_verdict ON inbox_items (status, received_at DESC, id)
      WHERE verdict <> 'ok'`,
    `CREATE INDEX inbox_items_appeal ON inbox_items (received_at DESC) WHERE appeal_open`,
  ]);
}
