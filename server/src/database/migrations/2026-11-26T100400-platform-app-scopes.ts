import type { Kysely } from 'kysely';

import { runStatements } from '../migration-helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    // The scopes an app was registered with: Mastodon refuses a token with scopes its app lacks,
    // so an app registered before Stadtfunk asked for more must be registered again.
    `ALTER TABLE platform_apps ADD COLUMN scopes text`,
  ]);
}
