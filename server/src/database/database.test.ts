import { setTimeout as sleep } from 'node:timers/promises';

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { createTestDatabase, describeEachEngine } from '../../test/test-database.ts';
import { migrateToLatest, pendingMigrations } from './migrations.ts';

describeEachEngine('database', (get) => {
  it('has applied every migration and a second run changes nothing', async () => {
    const { db } = get();
    expect(await pendingMigrations(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('stores timestamps in UTC and returns bigints as strings', async () => {
    const { db } = get();
    const row = await sql<{
      tz: string;
      big: string;
    }>`SELECT current_setting('TimeZone') AS tz, 9007199254740993::bigint AS big`.execute(db);
    expect(row.rows[0]).toEqual({ tz: 'UTC', big: '9007199254740993' });
  });

  it('serialises concurrent transactions: no lost update, no interleaving', async () => {
    const { db } = get();
    await sql`CREATE TABLE IF NOT EXISTS test_counter (id int PRIMARY KEY, n int NOT NULL)`.execute(
      db,
    );
    await sql`INSERT INTO test_counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET n = 0`.execute(
      db,
    );
    const increment = (pause: number) =>
      db.transaction().execute(async (trx) => {
        const { rows } = await sql<{
          n: number;
        }>`SELECT n FROM test_counter WHERE id = 1 FOR UPDATE`.execute(trx);
        // Yield to the event loop mid-transaction, where another request could slip in.
        await sleep(pause);
        await sql`UPDATE test_counter SET n = ${(rows[0]?.n ?? 0) + 1} WHERE id = 1`.execute(trx);
      });
    await Promise.all([increment(30), increment(5), increment(15), increment(0)]);
    const { rows } = await sql<{ n: number }>`SELECT n FROM test_counter WHERE id = 1`.execute(db);
    expect(rows[0]?.n).toBe(4);
  });

  it('keeps a rolled-back transaction invisible to statements issued during it', async () => {
    const handle = get();
    await sql`CREATE TABLE IF NOT EXISTS test_items (v text)`.execute(handle.db);
    let seenDuring: unknown;
    const failing = handle.db
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO test_items VALUES ('uncommitted')`.execute(trx);
        // A statement outside the transaction, issued while it is open (as the job queue would).
        const outside = handle.db.executeQuery(
          sql<{ c: string }>`SELECT count(*)::text AS c FROM test_items`.compile(handle.db),
        );
        await sleep(20);
        throw Object.assign(new Error('rollback'), { outside });
      })
      .catch(async (error: unknown) => {
        const { outside } = error as { outside: Promise<{ rows: { c: string }[] }> };
        seenDuring = (await outside).rows[0]?.c;
      });
    await failing;
    expect(seenDuring).toBe('0');
  });
});

describe('database [pglite executor]', () => {
  it('makes job-queue statements wait for an open transaction instead of joining it', async () => {
    const handle = await createTestDatabase('pglite');
    try {
      const executor = handle.executor;
      expect(executor).toBeDefined();
      await sql`CREATE TABLE t (v int)`.execute(handle.db);
      const order: string[] = [];
      const trx = handle.db.transaction().execute(async (t) => {
        await sql`INSERT INTO t VALUES (1)`.execute(t);
        order.push('trx-insert');
        await sleep(30);
        order.push('trx-commit');
      });
      await sleep(5);
      const counted = executor?.executeSql('SELECT count(*)::int AS c FROM t').then((r) => {
        order.push('executor');
        return r.rows[0];
      });
      await trx;
      expect(await counted).toEqual({ c: 1 });
      expect(order).toEqual(['trx-insert', 'trx-commit', 'executor']);
      // Multi-statement SQL without parameters (pg-boss migrations) runs through exec.
      const multi = await executor?.executeSql(
        'CREATE TABLE u (v int); INSERT INTO u VALUES (7); SELECT v FROM u',
      );
      expect(multi?.rows).toEqual([{ v: 7 }]);
    } finally {
      await handle.close();
    }
  });
});
