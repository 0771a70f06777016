import { sql } from 'kysely';
import { expect, it } from 'vitest';

import { systemActor } from '../access/actor.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { chainHash } from './audit.chain.ts';
import { listAudit, recordAudit, verifyAuditChain } from './audit.service.ts';

const event = (n: number) => ({
  action: 'test.event',
  objectType: 'thing',
  objectId: String(n),
  summary: `Ereignis ${n}`,
});

describeEachEngine('audit log', (get) => {
  it('chains every entry to its predecessor and verifies clean', async () => {
    const { db } = get();
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        db.transaction().execute((trx) => recordAudit(trx, systemActor('c-1'), event(n))),
      ),
    );
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true, brokenAt: null });
    expect(result.checked).toBeGreaterThanOrEqual(12);
  });

  it('refuses UPDATE, DELETE and TRUNCATE from the application', async () => {
    const { db } = get();
    await expect(sql`UPDATE audit_log SET summary = 'x'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('pages newest first with a cursor and filters', async () => {
    const { db } = get();
    const first = await listAudit(db, { action: 'test.event', limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAudit(db, {
      action: 'test.event',
      limit: 5,
      before: first.nextCursor ?? undefined,
    });
    const ids = [...first.items, ...second.items].map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(10);
    const one = await listAudit(db, { objectType: 'thing', objectId: '3', limit: 50 });
    expect(one.items.map((entry) => entry.summary)).toEqual(['Ereignis 3']);
  });

  // Tampering needs the triggers off, as someone with the table owner's rights could do.
  async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
    const { db } = get();
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(db);
    try {
      await statement.execute(db);
    } finally {
      await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(db);
    }
  }

  it('detects a changed entry', async () => {
    const { db } = get();
    const target = (await listAudit(db, { objectId: '5', limit: 1 })).items[0];
    expect(target).toBeDefined();
    await tamper(sql`UPDATE audit_log SET summary = 'harmlos' WHERE id = ${target?.id}`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenAt: target?.id, reason: 'content' });
    await tamper(sql`UPDATE audit_log SET summary = 'Ereignis 5' WHERE id = ${target?.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects a deleted entry', async () => {
    const { db } = get();
    const page = await listAudit(db, { action: 'test.event', limit: 3 });
    const [newest, middle] = page.items;
    await tamper(sql`DELETE FROM audit_log WHERE id = ${middle?.id}`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenAt: newest?.id, reason: 'link' });
  });
});

describeEachEngine('audit log insertion', (get) => {
  it('detects an inserted entry', async () => {
    const { db } = get();
    for (let n = 0; n < 3; n += 1) {
      await db.transaction().execute((trx) => recordAudit(trx, systemActor(), event(n)));
    }
    const rows = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id').execute();
    // A forged entry that claims the first one as predecessor, with a self-consistent hash.
    const forged = {
      at: new Date(),
      actorId: null,
      actorRole: 'system',
      action: 'test.event',
      objectType: 'thing',
      objectId: '99',
      summary: 'eingeschoben',
      correlationId: null,
      prevHash: rows[0]?.hash ?? '',
    };
    const inserted = await db
      .insertInto('audit_log')
      .values({
        at: forged.at,
        actor_id: null,
        actor_role: forged.actorRole,
        action: forged.action,
        object_type: forged.objectType,
        object_id: forged.objectId,
        summary: forged.summary,
        correlation_id: null,
        prev_hash: forged.prevHash,
        hash: chainHash(forged),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenAt: inserted.id, reason: 'link' });
  });
});
