import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { TestProject } from 'vitest/node';

import type { Database } from '../src/database/database.types.ts';
import { migrateToLatest } from '../src/database/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, dumped once per run. */
    pgliteSnapshot: string;
  }
}

/**
 * Starting PGlite and running all migrations costs seconds per test file; loading a migrated
 * snapshot under one. The snapshot is made fresh for every run, so it never lags the migrations.
 */
let snapshotPath: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  await db.destroy();
  snapshotPath = join(tmpdir(), `stadtfunk-pglite-${String(process.pid)}.tar`);
  await writeFile(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteSnapshot', snapshotPath);
}

export async function teardown(): Promise<void> {
  if (snapshotPath !== undefined) {
    await rm(snapshotPath, { force: true });
  }
}
