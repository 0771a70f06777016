import { sql } from 'kysely';
import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
