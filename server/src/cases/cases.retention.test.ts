import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Database } from '../database/database.types.ts';
import { retentionSweepJob } from '../jobs/retention-sweep.job.ts';
import { blindIndex, normaliseEmail, normaliseName } from './cases.crypto.ts';
import { runRetentionSweep } from './cases.deletion.ts';
import type { DeletionDeps } from './cases.deletion.ts';
import { addMonths, computeDeleteAfter } from './cases.retention.ts';
import type { CaseDetail } from './cases.schema.ts';

const DAY = 24 * 60 * 60 * 1000;
const NAME = 'Henriette Quastenberg';
const EMAIL = 'h.quastenberg@example.org';
const PHONE = '0711 2160 4711';
const HANDLE = '@hquastenberg';
const PDF = Buffer.from(`%PDF-1.4\n% Schreiben von ${NAME}, ${EMAIL}\n%%EOF\n`);

/** Every text, json, bytea and array column of every table, searched for a needle. */
async function tablesContaining(db: Kysely<Database>, needle: string): Promise<string[]> {
  const { rows: columns } = await sql<{
    table_schema: string;
    table_name: string;
    column_name: string;
    data_type: string;
  }>`SELECT c.table_schema, c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`.execute(
    db,
  );
  expect(columns.length).toBeGreaterThan(50);
  const hits: string[] = [];
  for (const column of columns) {
    const target = sql`${sql.id(column.table_schema, column.table_name)}`;
    const col = sql.id(column.column_name);
    const condition =
      column.data_type === 'bytea'
        ? sql`position(convert_to(${needle}, 'UTF8') in ${col}) > 0`
        : sql`lower(${col}::text) LIKE ${`%${needle.toLowerCase()}%`}`;
    const { rows } = await sql<{
      n: string;
    }>`SELECT count(*)::text AS n FROM ${target} WHERE ${condition}`.execute(db);
    if (rows[0]?.n !== '0') {
      hits.push(`${column.table_name}.${column.column_name}`);
    }
  }
  return hits;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    if ((await readFile(file)).includes(Buffer.from(needle))) {
      hits.push(file);
    }
  }
  return hits;
}

describe('retention clock', () => {
  const settings = { defaultRetentionMonths: 6, categories: [] };
  it('starts at close, is suspended by a hold and stopped by reopening', () => {
    const closedAt = new Date('2026-08-31T10:00:00Z');
    const state = { status: 'closed' as const, closedAt, holdKind: null, category: 'general' };
    expect(computeDeleteAfter(state, settings)?.toISOString()).toBe('2027-02-28T10:00:00.000Z');
    expect(computeDeleteAfter({ ...state, holdKind: 'legal-hold' }, settings)).toBeNull();
    expect(computeDeleteAfter({ ...state, status: 'open', closedAt: null }, settings)).toBeNull();
    const custom = {
      defaultRetentionMonths: 6,
      categories: [{ key: 'general', label: 'A', labelEn: 'A', retentionMonths: 2 }],
    };
    expect(computeDeleteAfter(state, custom)?.toISOString()).toBe('2026-10-31T10:00:00.000Z');
  });
});

describeEachEngine('case retention and deletion', (get) => {
  let t: TestApp;
  let comms: Agent;
  let deps: DeletionDeps;
  let channelId: string;

  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: comms.headers(), ...(payload ? { payload } : {}) });
  const detail = async (id: string): Promise<CaseDetail> => {
    const res = await api('GET', `/api/cases/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDetail>();
  };
  const close = async (id: string): Promise<CaseDetail> => {
    const res = await api('PATCH', `/api/cases/${id}`, { status: 'closed' });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CaseDetail>();
  };
  const fromInbox = async (
    visibility: 'public' | 'private',
  ): Promise<{ caseId: string; itemId: string }> => {
    const item = await insertInboxItem(get().db, {
      channel_id: channelId,
      kind: visibility === 'private' ? 'direct-message' : 'comment',
      visibility,
      author_handle: HANDLE,
      author_name: NAME,
      text: `Guten Tag, hier schreibt ${NAME} (${EMAIL}). Die Laterne vor meinem Haus ist defekt.`,
      personal_data: ['email'],
    });
    await get()
      .db.insertInto('inbox_notes')
      .values({ item_id: item.id, author_id: null, text: `Rückruf bei ${NAME}` })
      .execute();
    const res = await api('POST', `/api/cases/from-inbox/${item.id}`, {});
    expect(res.statusCode, res.body).toBe(201);
    return { caseId: res.json<{ caseId: string }>().caseId, itemId: item.id };
  };

  beforeAll(async () => {
    t = await createTestApp(get());
    const user = await buildUser(get().db, { roles: [{ role: 'communications' }] });
    comms = await loginAs(t.app, user.email);
    channelId = (await buildChannel(get().db)).id;
    deps = {
      db: get().db,
      dataDir: t.ctx.config.dataDir,
      blindIndexKey: t.ctx.config.blindIndexKey,
    };
  });

  it('keeps a case until six months after closing, then deletes every copy of its data', async () => {
    const assignee = await buildUser(get().db, { roles: [{ role: 'online-team' }] });
    const created = await api('POST', '/api/cases', {
      source: 'email',
      contact: { name: NAME, email: EMAIL, phone: PHONE },
      concern: `${NAME} fragt nach dem Sperrmülltermin.`,
      assigneeId: assignee.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const emailCase = created.json<CaseDetail>();
    await api('POST', `/api/cases/${emailCase.id}/notes`, { text: `${NAME} war freundlich.` });
    const reply = await api('POST', `/api/cases/${emailCase.id}/replies`, {
      channel: 'email',
      text: `Sehr geehrte Frau Quastenberg, der Termin ist am Montag.`,
      objectionNotice: 'de',
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${emailCase.id}/attachments`,
      headers: comms.headers({
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(`Brief ${NAME}.pdf`),
      }),
      payload: PDF,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const dm = await fromInbox('private');
    const comment = await fromInbox('public');
    const held = await fromInbox('public');
    await api('PUT', `/api/cases/${held.caseId}/hold`, {
      kind: 'legal-hold',
      reason: 'Klageverfahren anhängig',
      reviewOn: '2030-01-01',
    });

    const closed = [
      await close(emailCase.id),
      await close(dm.caseId),
      await close(comment.caseId),
      await close(held.caseId),
    ];
    const closedAt = new Date(closed[0]?.closedAt ?? '');
    expect(closed[0]?.deleteAt).toBe(addMonths(closedAt, 6).toISOString());
    expect(closed[3]?.deleteAt).toBeNull();

    const nameDigest = blindIndex(deps.blindIndexKey, 'name', normaliseName(NAME));
    const emailDigest = blindIndex(deps.blindIndexKey, 'email', normaliseEmail(EMAIL));
    // Sealed at rest: the case tables hold neither the name nor the e-mail in clear text.
    const before = await tablesContaining(get().db, NAME);
    expect(before).toEqual(expect.arrayContaining(['inbox_items.author_name', 'inbox_notes.text']));
    expect(before.filter((hit) => !hit.startsWith('inbox_'))).toEqual([]);
    expect(await tablesContaining(get().db, emailDigest)).toEqual(['case_blind_indexes.digest']);
    expect(await filesContaining(t.ctx.config.dataDir, NAME)).toEqual([]);
    expect((await filesUnder(join(t.ctx.config.dataDir, 'cases'))).length).toBe(1);
    expect(
      await get()
        .db.selectFrom('notifications')
        .select('id')
        .where('link', '=', `/cases/${emailCase.id}`)
        .execute(),
    ).toHaveLength(1);

    const kept = await runRetentionSweep(deps, {
      now: new Date(addMonths(closedAt, 6).getTime() - DAY),
    });
    expect(kept).toMatchObject({ due: 0, deleted: 0 });
    expect((await detail(emailCase.id)).concern).toContain(NAME);

    const swept = await runRetentionSweep(deps, {
      now: new Date(addMonths(closedAt, 6).getTime() + DAY),
    });
    expect(swept).toMatchObject({ due: 3, deleted: 3, failed: 0 });

    // The held case (same person) still exists; everything else about the person is gone.
    expect((await api('GET', `/api/cases/${emailCase.id}`)).statusCode).toBe(404);
    expect((await detail(held.caseId)).hold?.kind).toBe('legal-hold');
    await api('POST', `/api/cases/${held.caseId}/notes`, { text: 'Verfahren läuft.' });
    await get().db.deleteFrom('cases').where('id', '=', held.caseId).execute();
    await get().db.deleteFrom('inbox_items').where('id', '=', held.itemId).execute();
    for (const needle of [NAME, EMAIL, 'Quastenberg', HANDLE, nameDigest, emailDigest]) {
      expect(await tablesContaining(get().db, needle), needle).toEqual([]);
    }
    // The deletion log names no case by its id (only the audit log keeps the bare uuid).
    expect(
      (await tablesContaining(get().db, emailCase.id)).filter((hit) => hit.startsWith('case_')),
    ).toEqual([]);
    expect(await filesUnder(join(t.ctx.config.dataDir, 'cases'))).toEqual([]);
    expect(
      await get().db.selectFrom('inbox_items').select('id').where('id', '=', dm.itemId).execute(),
    ).toEqual([]);
    const blanked = await get()
      .db.selectFrom('inbox_items')
      .selectAll()
      .where('id', '=', comment.itemId)
      .executeTakeFirstOrThrow();
    expect(blanked).toMatchObject({
      author_handle: '',
      author_name: null,
      text: '',
      case_id: null,
    });

    const log = await api('GET', '/api/cases/deletion-log');
    const entries = log.json<{
      items: { caseHash: string; attempts: number; rule: string; attachmentsDeleted: number }[];
    }>().items;
    expect(entries).toHaveLength(3);
    expect(entries.every((e) => /^[0-9a-f]{64}$/.test(e.caseHash) && e.attempts === 1)).toBe(true);
    expect(entries.map((e) => e.attachmentsDeleted).sort()).toEqual([0, 0, 1]);
    expect(entries[0]?.rule).toContain('6 Monate');
    const dashboard = await api('GET', '/api/cases/retention');
    expect(dashboard.json<{ lastSweep: { deleted: number } }>().lastSweep.deleted).toBe(3);
  });

  it('stops the clock on reopening and restarts it on closing again', async () => {
    const { caseId } = await fromInbox('public');
    await close(caseId);
    const reopened = await api('PATCH', `/api/cases/${caseId}`, { status: 'open' });
    expect(reopened.json<CaseDetail>()).toMatchObject({ closedAt: null, deleteAt: null });
    const result = await runRetentionSweep(deps, { now: new Date(Date.now() + 400 * DAY) });
    expect(result.deleted).toBe(0);
    expect((await detail(caseId)).status).toBe('open');
  });

  it('keeps a held case and deletes it once the hold is cleared', async () => {
    const { caseId } = await fromInbox('private');
    await close(caseId);
    const held = await api('PUT', `/api/cases/${caseId}/hold`, {
      kind: 'retention-duty',
      reason: 'Aufbewahrungspflicht Vergabe',
      reviewOn: '2027-01-01',
    });
    expect(held.json<CaseDetail>().deleteAt).toBeNull();
    const later = new Date(Date.now() + 400 * DAY);
    expect((await runRetentionSweep(deps, { now: later })).deleted).toBe(0);
    const board = (await api('GET', '/api/cases/retention')).json<{ holds: { id: string }[] }>();
    expect(board.holds.map((h) => h.id)).toContain(caseId);
    const cleared = await t.app.inject({
      method: 'DELETE',
      url: `/api/cases/${caseId}/hold`,
      headers: comms.headers(),
    });
    expect(cleared.json<CaseDetail>().deleteAt).not.toBeNull();
    expect((await runRetentionSweep(deps, { now: later })).deleted).toBe(1);
  });

  it('rolls back a deletion that fails halfway and retries it, saying so in the log', async () => {
    const { caseId, itemId } = await fromInbox('private');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/attachments`,
      headers: comms.headers({ 'content-type': 'application/pdf' }),
      payload: PDF,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    await close(caseId);
    const db = get().db;
    // A real failure in the last statement of the transaction: the log insert refuses.
    await sql`CREATE FUNCTION refuse_log() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure'; END $$`.execute(db);
    await sql`CREATE TRIGGER refuse_log BEFORE INSERT ON case_deletion_log
      FOR EACH ROW EXECUTE FUNCTION refuse_log()`.execute(db);
    const later = new Date(Date.now() + 200 * DAY);
    const failed = await runRetentionSweep(deps, { now: later });
    expect(failed).toMatchObject({ deleted: 0, failed: 1 });
    const intact = await detail(caseId);
    expect(intact.deletionAttempts).toBe(1);
    expect(intact.attachments).toHaveLength(1);
    const dmText = await db
      .selectFrom('inbox_items')
      .select('text')
      .where('id', '=', itemId)
      .executeTakeFirst();
    expect(dmText?.text).toContain(NAME);
    expect(await filesUnder(join(t.ctx.config.dataDir, 'cases', caseId))).toHaveLength(1);

    await sql`DROP TRIGGER refuse_log ON case_deletion_log`.execute(db);
    await sql`DROP FUNCTION refuse_log()`.execute(db);
    const retried = await runRetentionSweep(deps, { now: later });
    expect(retried).toMatchObject({ deleted: 1, retried: 1, failed: 0 });
    const entry = await db
      .selectFrom('case_deletion_log')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.attempts).toBe(2);
    expect(await filesUnder(join(t.ctx.config.dataDir, 'cases'))).toEqual([]);
  });

  it('previews a sweep without deleting (dry run)', async () => {
    const { caseId } = await fromInbox('public');
    await close(caseId);
    const preview = await runRetentionSweep(deps, {
      now: new Date(Date.now() + 200 * DAY),
      dryRun: true,
    });
    expect(preview.due).toBe(1);
    expect(preview.wouldDelete.map((c) => c.id)).toEqual([caseId]);
    expect((await detail(caseId)).id).toBe(caseId);
    // The daily job runs the same sweep and says what it did.
    const ctx = {
      db: get().db,
      config: t.ctx.config,
      log: captureLogger().log,
      now: () => new Date(Date.now() + 200 * DAY),
    };
    expect(await retentionSweepJob.handle({}, ctx)).toMatchObject({
      status: 'done',
      detail: { deleted: 1 },
    });
    expect(await retentionSweepJob.handle({}, ctx)).toEqual({
      status: 'skipped',
      reason: 'nothing_due',
    });
  });
});
