import { Migrator } from 'kysely';
import type { Kysely, Migration, MigrationResult } from 'kysely';

import type { Database } from './database.types.ts';
import * as createAccess from './migrations/2026-11-25T120000-create-access.ts';
import * as createAuditLog from './migrations/2026-11-25T120100-create-audit-log.ts';
import * as createRegistry from './migrations/2026-11-25T130000-create-registry.ts';
import * as createProcessorsReviews from './migrations/2026-11-25T130100-create-processors-reviews.ts';
import * as createChannelConnections from './migrations/2026-11-26T090000-create-channel-connections.ts';
import * as createManualTasks from './migrations/2026-11-26T090100-create-manual-tasks.ts';
import * as createPublishing from './migrations/2026-11-26T100000-create-publishing.ts';
import * as platformAppScopes from './migrations/2026-11-26T100400-platform-app-scopes.ts';
import * as createConsent from './migrations/2026-11-26T110000-create-consent.ts';
import * as createCrisis from './migrations/2026-11-26T120000-create-crisis.ts';
import * as createInbox from './migrations/2026-11-26T130000-create-inbox.ts';
import * as createCases from './migrations/2026-11-26T140000-create-cases.ts';
import * as inboxListIndexes from './migrations/2026-11-26T150000-inbox-list-indexes.ts';
import * as inboxRetentionIndex from './migrations/2026-11-26T160000-inbox-retention-index.ts';

/** Append-only list: never edit or reorder an entry that has shipped; add a new one. */
const MIGRATIONS: Record<string, Migration> = {
  '2026-11-25T120000-create-access': createAccess,
  '2026-11-25T120100-create-audit-log': createAuditLog,
  '2026-11-25T130000-create-registry': createRegistry,
  '2026-11-25T130100-create-processors-reviews': createProcessorsReviews,
  '2026-11-26T090000-create-channel-connections': createChannelConnections,
  '2026-11-26T090100-create-manual-tasks': createManualTasks,
  '2026-11-26T100000-create-publishing': createPublishing,
  '2026-11-26T100400-platform-app-scopes': platformAppScopes,
  '2026-11-26T110000-create-consent': createConsent,
  '2026-11-26T120000-create-crisis': createCrisis,
  '2026-11-26T130000-create-inbox': createInbox,
  '2026-11-26T140000-create-cases': createCases,
  '2026-11-26T150000-inbox-list-indexes': inboxListIndexes,
  '2026-11-26T160000-inbox-retention-index': inboxRetentionIndex,
};

function migratorFor(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
}

export class MigrationFailedError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`Migration ${migration ?? '(unbekannt)'} fehlgeschlagen`, { cause });
    this.name = 'MigrationFailedError';
  }
}

/** Runs pending migrations; throws when one fails so the server refuses to start. */
export async function migrateToLatest(db: Kysely<Database>): Promise<readonly MigrationResult[]> {
  const { error, results = [] } = await migratorFor(db).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error');
    throw new MigrationFailedError(failed?.migrationName, error);
  }
  return results;
}

/** Names of migrations not yet applied; `/ready` reports not ready while any remain. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const infos = await migratorFor(db).getMigrations();
  return infos.filter((info) => info.executedAt === undefined).map((info) => info.name);
}
