import { randomBytes } from 'node:crypto';

import pg from 'pg';
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, describe, inject } from 'vitest';

import { readTestEnvironment } from '../src/config/config.ts';
import { openDatabase } from '../src/database/database.ts';
import type { DatabaseEngine, DatabaseHandle } from '../src/database/database.ts';
import { migrateToLatest } from '../src/database/migrations.ts';

const testEnv = readTestEnvironment();

if (testEnv.ci && testEnv.databaseUrl === undefined) {
  // In CI a missing PostgreSQL must fail the run, not silently shrink it to PGlite.
  throw new Error(
    'CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run cannot be skipped.',
  );
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const TEST_ENGINES: readonly DatabaseEngine[] = testEnv.databaseUrl
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase extends DatabaseHandle {
  /** For PostgreSQL: the URL of this test file's own database. */
  readonly url: string | undefined;
}

let snapshotBytes: Promise<Blob | undefined> | undefined;

/** The migrated PGlite snapshot of this run (server/test/global-setup.ts), if there is one. */
async function migratedSnapshot(): Promise<Blob | undefined> {
  snapshotBytes ??= (async () => {
    let path: string;
    try {
      path = inject('pgliteSnapshot');
    } catch {
      // Outside Vitest (benchmarks): no snapshot, the database is migrated in full.
      return undefined;
    }
    return new Blob([await readFile(path)]);
  })();
  return snapshotBytes;
}

/** A fresh, migrated database of its own: PGlite in memory, or a new PostgreSQL database. */
export async function createTestDatabase(
  engine: DatabaseEngine,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const snapshot = options.migrate === false ? undefined : await migratedSnapshot();
    const handle = await openDatabase(
      snapshot === undefined ? { kind: 'pglite-memory' } : { kind: 'pglite-snapshot', snapshot },
    );
    if (options.migrate !== false) {
      // A no-op on the snapshot; migrates fully where there is none (benchmarks outside Vitest).
      await migrateToLatest(handle.db);
    }
    return { ...handle, url: undefined };
  }
  const adminUrl = testEnv.databaseUrl;
  if (adminUrl === undefined) {
    throw new Error('TEST_DATABASE_URL is not set');
  }
  const name = `sf_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.href, maxConnections: 5 });
  if (options.migrate !== false) {
    await migrateToLatest(handle.db);
  }
  return {
    ...handle,
    url: url.href,
    close: async () => {
      await handle.close();
      await waitForDisconnect(adminUrl, name);
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Closed pools hang up asynchronously; dropping earlier would terminate them mid-goodbye. */
async function waitForDisconnect(url: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1',
        [database],
      );
      if (rows[0]?.n === '0') {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Runs a suite once per engine, each with a database of its own that lives for the suite.
 * `get()` returns the database inside tests and hooks.
 */
export function describeEachEngine(
  name: string,
  suite: (get: () => TestDatabase, engine: DatabaseEngine) => void,
): void {
  for (const engine of TEST_ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let database: TestDatabase | undefined;
      beforeAll(async () => {
        database = await createTestDatabase(engine);
      });
      afterAll(async () => {
        await database?.close();
      });
      suite(() => {
        if (database === undefined) {
          throw new Error('test database not ready');
        }
        return database;
      }, engine);
    });
  }
}
