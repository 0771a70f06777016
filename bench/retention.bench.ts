/**
 * `npm run bench:retention`: the case retention sweep on PostgreSQL. Generates cases with SQL
 * `generate_series` (each with two blind-index rows and one timeline entry), then measures:
 *   1. a sweep with nothing due on 10,000 cases, and again on 1,000,000 (should be near-constant:
 *      the sweep reads an index range on `delete_after`, not the table);
 *   2. the sweep of 100,000 expired cases among 1,000,000, next to a bare
 *      `DELETE FROM cases WHERE delete_after <= now()` of another 100,000 in the same run (the
 *      floor: no inbox handling, no deletion log, no audit, no files).
 *
 * Needs PostgreSQL: --database=postgres://… or TEST_DATABASE_URL (a scratch database is created
 * and dropped). Options: --cases=N (1,000,000), --expired=N (100,000).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import pg from 'pg';

import { runRetentionSweep } from '../server/src/cases/cases.deletion.ts';
import { readTestEnvironment } from '../server/src/config/config.ts';
import { openDatabase } from '../server/src/database/database.ts';
import type { Database } from '../server/src/database/database.types.ts';
import { migrateToLatest } from '../server/src/database/migrations.ts';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const adminUrl =
  option('database') ??
  readTestEnvironment().databaseUrl ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL = Number(option('cases') ?? 1_000_000);
const EXPIRED = Number(option('expired') ?? 100_000);
const SMALL = 10_000;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Cases numbered from..to: the first `expired` of the whole set were due a few days ago, a third
 * of the rest are closed and due in the future, the others open (no deadline).
 */
async function generate(db: Kysely<Database>, from: number, to: number): Promise<void> {
  await sql`
    INSERT INTO cases (id, source, legal_basis, category, status, contact_name, contact_email,
                       concern, closed_at, delete_after, created_at, updated_at)
    SELECT md5('case' || g)::uuid, 'email', 'art6-1-e', 'general',
           CASE WHEN g <= ${EXPIRED} OR g % 3 = 0 THEN 'closed' ELSE 'open' END,
           'v1.bench.aaaa.bbbb.' || md5('n' || g), 'v1.bench.aaaa.bbbb.' || md5('e' || g),
           'v1.bench.aaaa.bbbb.' || md5('c' || g),
           CASE WHEN g <= ${EXPIRED} THEN now() - interval '6 months' - (g % 20 + 1) * interval '1 day'
                WHEN g % 3 = 0 THEN now() - (g % 150) * interval '1 day' END,
           CASE WHEN g <= ${EXPIRED} THEN now() - (g % 20 + 1) * interval '1 day'
                WHEN g % 3 = 0 THEN now() + interval '6 months' - (g % 150) * interval '1 day' END,
           now() - interval '1 year', now()
      FROM generate_series(${from}::int, ${to}::int) AS g`.execute(db);
  await sql`
    INSERT INTO case_blind_indexes (case_id, kind, digest)
    SELECT md5('case' || g)::uuid, k.kind, md5(k.kind || g) || md5(g || k.kind)
      FROM generate_series(${from}::int, ${to}::int) AS g, (VALUES ('name'), ('email')) AS k(kind)`.execute(
    db,
  );
  await sql`
    INSERT INTO case_events (case_id, kind, detail, created_at)
    SELECT md5('case' || g)::uuid, 'created', '{"source":"email"}', now() - interval '1 year'
      FROM generate_series(${from}::int, ${to}::int) AS g`.execute(db);
  await sql`ANALYZE`.execute(db);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

const name = `sf_bench_${randomBytes(5).toString('hex')}`;
await admin(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ kind: 'postgres', url: url.href, maxConnections: 4 });
const dataDir = await mkdtemp(join(tmpdir(), 'stadtfunk-bench-'));
const deps = { db: database.db, dataDir, blindIndexKey: randomBytes(32).toString('hex') };
const out = (line: string) => process.stdout.write(`${line}\n`);
try {
  await migrateToLatest(database.db);
  const beforeDue = new Date(Date.now() - 60 * 24 * 60 * 60 * 1000);
  // Warm-up on an empty table: plan caches and connections.
  await runRetentionSweep(deps, { now: beforeDue });

  const gen1 = await timed(() => generate(database.db, EXPIRED + 1, EXPIRED + SMALL));
  const emptySmall = await timed(() => runRetentionSweep(deps, { now: new Date() }));
  out(`generated ${SMALL.toLocaleString('en')} cases in ${(gen1.ms / 1000).toFixed(1)} s`);

  const gen2 = await timed(async () => {
    await generate(database.db, 1, EXPIRED);
    await generate(database.db, EXPIRED + SMALL + 1, TOTAL);
  });
  out(`generated ${(TOTAL - SMALL).toLocaleString('en')} more in ${(gen2.ms / 1000).toFixed(1)} s`);
  const emptyLarge = await timed(() => runRetentionSweep(deps, { now: beforeDue }));
  const dryRun = await timed(() => runRetentionSweep(deps, { now: new Date(), dryRun: true }));
  const sweep = await timed(() => runRetentionSweep(deps, { now: new Date() }));
  const emptyAfter = await timed(() => runRetentionSweep(deps, { now: new Date() }));

  // The floor: make another batch of the same size due and delete it with one bare statement.
  await sql`UPDATE cases SET delete_after = now() - interval '1 day'
             WHERE id IN (SELECT id FROM cases WHERE status = 'closed' AND delete_after > now()
                          ORDER BY delete_after LIMIT ${EXPIRED})`.execute(database.db);
  await sql`ANALYZE cases`.execute(database.db);
  const bare = await timed(() =>
    sql`DELETE FROM cases WHERE delete_after <= now()`.execute(database.db),
  );
  const remaining = await database.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const logRows = await database.db
    .selectFrom('case_deletion_log')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();

  const ms = (value: number) => `${value.toFixed(0)} ms`;
  out('');
  out(`sweep, nothing due, ${SMALL.toLocaleString('en')} cases:   ${ms(emptySmall.ms)}`);
  out(
    `sweep, nothing due, ${TOTAL.toLocaleString('en')} cases: ${ms(emptyLarge.ms)}  (ratio ${(emptyLarge.ms / emptySmall.ms).toFixed(2)} for ${(TOTAL / SMALL).toFixed(0)}× the cases)`,
  );
  out(`dry run, ${dryRun.result.due.toLocaleString('en')} due:          ${ms(dryRun.ms)}`);
  out(
    `sweep, ${sweep.result.deleted.toLocaleString('en')} of ${TOTAL.toLocaleString('en')} expired: ${(sweep.ms / 1000).toFixed(1)} s  (${Math.round(sweep.result.deleted / (sweep.ms / 1000)).toLocaleString('en')} cases/s, failed ${sweep.result.failed})`,
  );
  out(
    `bare DELETE of ${EXPIRED.toLocaleString('en')} (floor):     ${(bare.ms / 1000).toFixed(1)} s  → sweep/floor ${(sweep.ms / bare.ms).toFixed(2)}`,
  );
  out(`sweep, nothing due, after:            ${ms(emptyAfter.ms)}`);
  out(`deletion-log rows: ${logRows.n}, cases left: ${remaining.n}`);
  if (sweep.result.deleted !== EXPIRED || Number(logRows.n) !== EXPIRED) {
    throw new Error('the sweep did not delete exactly the expired cases');
  }
} finally {
  await database.close();
  await rm(dataDir, { recursive: true, force: true });
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
