import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { TestProject } from 'vitest/node';

import type { Database } from '../server/src/database/database.types.ts';
import { migrateToLatest } from '../server/src/database/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PGlite data directory with every migration applied, copied into each e2e DATA_DIR. */
    pgliteTemplate: string;
  }
}

/**
 * Each e2e file starts its own server; migrating a fresh PGlite costs seconds each time. The
 * template is made fresh for every run, so it never lags the migrations; the lifecycle test still
 * starts on an empty DATA_DIR, as `npm start` does the first time.
 */
let root: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  root = await mkdtemp(join(tmpdir(), 'stadtfunk-e2e-template-'));
  const dataDir = join(root, 'pglite');
  const pglite = await PGlite.create({ dataDir });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrateToLatest(db);
  await db.destroy();
  await pglite.close().catch(() => undefined);
  project.provide('pgliteTemplate', dataDir);
}

export async function teardown(): Promise<void> {
  if (root !== undefined) {
    await rm(root, { recursive: true, force: true });
  }
}
