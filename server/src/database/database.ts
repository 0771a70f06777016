import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';

import type { Database } from './database.types.ts';

export type DatabaseEngine = 'pglite' | 'postgres';

/** The minimal SQL executor pg-boss accepts as its `db` option. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: DatabaseEngine;
  /** PostgreSQL: the connection string pg-boss opens its own pool with. */
  readonly connectionString: string | undefined;
  /** PGlite: an executor that waits its turn on the single connection. */
  readonly executor: SqlExecutor | undefined;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string; readonly maxConnections?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string }
  | { readonly kind: 'pglite-memory' }
  /** In memory, starting from a dumped data directory (tests start from a migrated snapshot). */
  | { readonly kind: 'pglite-snapshot'; readonly snapshot: Blob };

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Same value types on both engines: bigints and numerics as strings, dates as 'YYYY-MM-DD'.
const keepText = (value: string): string => value;

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    return openPostgres(target.url, target.maxConnections ?? 10);
  }
  return openPglite(
    target.kind === 'pglite' ? target.dataDir : undefined,
    target.kind === 'pglite-snapshot' ? target.snapshot : undefined,
  );
}

function postgresTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  for (const oid of [INT8, NUMERIC, DATE]) {
    types.setTypeParser(oid, 'text', keepText);
  }
  return types;
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: '-c TimeZone=UTC',
    types: postgresTypes(),
  });
  // An idle connection the server closed (restart, failover) must not crash the process: the
  // pool drops it and the next query opens a new one. Without a listener Node would throw.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    connectionString: url,
    executor: undefined,
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string | undefined, snapshot?: Blob): Promise<DatabaseHandle> {
  const lockPath = dataDir === undefined ? undefined : await acquireDataDirLock(dataDir);
  // The options-object form: PGlite ignores `parsers` when passed as the second argument.
  const pglite = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir: join(dataDir, 'pglite') }),
    ...(snapshot === undefined ? {} : { loadDataDir: snapshot }),
    parsers: { [INT8]: keepText, [NUMERIC]: keepText, [DATE]: keepText },
  });
  await pglite.exec(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  // PGlite has one connection. Raw statements wait for Kysely's connection lock, so a job-queue
  // query can never slip into a transaction that application code holds open.
  const executor: SqlExecutor = {
    executeSql: (text, values) =>
      db.connection().execute(async () => {
        if (values !== undefined && values.length > 0) {
          return pglite.query(text, values);
        }
        const results = await pglite.exec(text);
        return results.at(-1) ?? { rows: [] };
      }),
  };
  return {
    db,
    engine: 'pglite',
    connectionString: undefined,
    executor,
    close: async () => {
      await db.destroy();
      if (lockPath !== undefined) {
        await rm(lockPath, { force: true });
      }
    },
  };
}

/** An executor bound to a transaction, so jobs can be enqueued atomically with the data. */
export function executorFor(db: Kysely<Database>): SqlExecutor {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

export class DataDirLockedError extends Error {
  constructor(readonly pid: number) {
    super(
      `Die eingebettete Datenbank wird bereits von Prozess ${pid} verwendet. ` +
        'Beenden Sie den Server, bevor Sie diesen Befehl ausführen, oder nutzen Sie PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** PGlite must not be opened by two processes at once: that corrupts its files. */
async function acquireDataDirLock(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = resolve(dataDir, 'pglite.lock');
  try {
    await writeFile(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 });
    return lockPath;
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
      throw error;
    }
  }
  const holder = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    throw new DataDirLockedError(holder);
  }
  // A stale lock from a process that died without cleaning up.
  await writeFile(lockPath, String(process.pid), { mode: 0o600 });
  return lockPath;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
