import { afterAll, beforeAll, expect, it } from 'vitest';

import { systemActor } from '../access/actor.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { startInboxTestbed } from './inbox.testbed.ts';
import type { InboxTestbed } from './inbox.testbed.ts';
import { insertQuarantineRow } from './ingest.repository.ts';
import { cleanupQuarantine, retryQuarantine } from './quarantine.service.ts';

const DAY = 24 * 60 * 60 * 1000;

describeEachEngine('inbox quarantine', (get) => {
  let t: InboxTestbed;

  beforeAll(async () => {
    t = await startInboxTestbed(get().db, await testConfig());
  });
  afterAll(async () => {
    await t.close();
  });

  it('retries a polled comment that could not be stored and resolves it once it is readable', async () => {
    const comment = {
      externalId: 'fb-quarantaene-1',
      parentExternalId: null,
      postExternalId: null,
      authorHandle: '100000000000888',
      authorName: 'Bernd',
      text: 'Die Ampel an der Pragstraße ist seit gestern aus.',
      createdAt: '2026-11-24T08:00:00.000Z',
      kind: 'comment',
    };
    const broken = await insertQuarantineRow(get().db, {
      source: 'poll',
      platform: 'facebook',
      channel_id: t.bed.channels.facebook,
      reason: 'Kommentar ohne gültigen Zeitpunkt',
      payload: { comment: { ...comment, externalId: 'fb-quarantaene-2', createdAt: 'gestern' } },
      received_at: new Date(),
    });
    const readable = await insertQuarantineRow(get().db, {
      source: 'poll',
      platform: 'facebook',
      channel_id: t.bed.channels.facebook,
      reason: 'Kommentar ohne gültigen Zeitpunkt',
      payload: { comment },
      received_at: new Date(),
    });
    const outcome = await retryQuarantine(
      get().db,
      systemActor(),
      { keys: t.deps.keys, now: () => new Date(), log: captureLogger().log },
      [broken, readable],
    );
    expect(outcome).toEqual({ attempted: 2, resolved: 1, failed: 1 });
    const rows = await get()
      .db.selectFrom('inbox_quarantine')
      .select(['id', 'resolved_at', 'attempts'])
      .where('id', 'in', [broken, readable])
      .execute();
    expect(rows.find((row) => row.id === readable)?.resolved_at).not.toBeNull();
    expect(rows.find((row) => row.id === broken)).toMatchObject({ resolved_at: null, attempts: 2 });
    const item = await get()
      .db.selectFrom('inbox_items')
      .select(['text', 'remote_created_at'])
      .where('external_id', '=', 'fb-quarantaene-1')
      .executeTakeFirstOrThrow();
    expect(item.remote_created_at.toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('deletes entries after 30 days, resolved or not', async () => {
    const now = new Date('2026-11-26T03:40:00Z');
    const old = await insertQuarantineRow(get().db, {
      source: 'webhook',
      platform: 'facebook',
      channel_id: null,
      reason: 'Kein gültiges JSON',
      payload: { format: 'meta', platform: 'meta', raw: 'kaputt' },
      received_at: new Date(now.getTime() - 31 * DAY),
    });
    const recent = await insertQuarantineRow(get().db, {
      source: 'webhook',
      platform: 'facebook',
      channel_id: null,
      reason: 'Kein gültiges JSON',
      payload: { format: 'meta', platform: 'meta', raw: 'kaputt' },
      received_at: new Date(now.getTime() - 29 * DAY),
    });
    expect(await cleanupQuarantine(get().db, now)).toBeGreaterThanOrEqual(1);
    const left = await get()
      .db.selectFrom('inbox_quarantine')
      .select('id')
      .where('id', 'in', [old, recent])
      .execute();
    expect(left.map((row) => row.id)).toEqual([recent]);
  });
});
