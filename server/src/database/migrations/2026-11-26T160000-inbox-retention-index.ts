import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

/** The inbox retention sweep reads only done items that still hold personal data. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE INDEX inbox_items_retention ON inbox_items (updated_at)
      WHERE status = 'done' AND case_id IS NULL AND author_handle <> ''`,
  ]);
}
