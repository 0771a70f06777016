import { beforeAll, expect, it } from 'vitest';

import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { inboxRetentionCutoff, runInboxRetention } from './inbox.retention.ts';

describeEachEngine('inbox retention: six months after an item is done', (get) => {
  let channelId: string;
  const now = new Date('2027-06-15T10:00:00Z');
  const daysBeforeCutoff = (days: number) =>
    new Date(inboxRetentionCutoff(now).getTime() - days * 24 * 60 * 60 * 1000);

  beforeAll(async () => {
    channelId = (await buildChannel(get().db)).id;
  });

  it('deletes old direct messages, blanks old comments, keeps what is open, recent or a case', async () => {
    const db = get().db;
    const item = (overrides: Parameters<typeof insertInboxItem>[1]) =>
      insertInboxItem(db, { status: 'done', updated_at: daysBeforeCutoff(1), ...overrides });
    const comment = await item({
      channel_id: channelId,
      author_name: 'Greta Beispiel',
      text: 'Meine Nummer ist 0711 123456, bitte zurückrufen.',
      personal_data: ['phone'],
    });
    const message = await item({
      channel_id: channelId,
      kind: 'direct-message',
      visibility: 'private',
      text: 'Privat: Ich wohne in der Königstraße 1.',
    });
    const recent = await item({ channel_id: channelId, updated_at: daysBeforeCutoff(-1) });
    const open = await item({ channel_id: channelId, status: 'open' });
    const appealed = await item({ channel_id: channelId, appeal_open: true });
    await db
      .insertInto('inbox_notes')
      .values({ item_id: comment.id, author_id: null, text: 'Rückruf an Frau Beispiel' })
      .execute();
    await db
      .insertInto('inbox_actions')
      .values({
        item_id: comment.id,
        action: 'hide',
        actor_kind: 'user',
        actor_id: null,
        rule_id: 'personenbezogene-daten',
        reason: 'Telefonnummer von Frau Beispiel',
      })
      .execute();

    const result = await runInboxRetention(db, now);
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(result.blanked).toBeGreaterThanOrEqual(1);

    const rows = await db
      .selectFrom('inbox_items')
      .selectAll()
      .where('id', 'in', [comment.id, message.id, recent.id, open.id, appealed.id])
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.has(message.id)).toBe(false);
    expect(byId.get(comment.id)).toMatchObject({
      author_handle: '',
      author_name: null,
      text: '',
      personal_data: [],
      verdict: comment.verdict,
    });
    for (const kept of [recent, open, appealed]) {
      expect(byId.get(kept.id)?.text).toBe(kept.text);
    }
    const notes = await db
      .selectFrom('inbox_notes')
      .select('id')
      .where('item_id', '=', comment.id)
      .execute();
    expect(notes).toEqual([]);
    const actions = await db
      .selectFrom('inbox_actions')
      .select(['action', 'rule_id', 'reason'])
      .where('item_id', '=', comment.id)
      .execute();
    // Who decided on which rule stays; the free-text reason naming the person does not.
    expect(actions).toEqual([{ action: 'hide', rule_id: 'personenbezogene-daten', reason: null }]);

    const audit = await db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'inbox.retention')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain('Beispiel');

    // A second run finds nothing more of these.
    const again = await runInboxRetention(db, now);
    expect(again).toEqual({ deleted: 0, blanked: 0 });
  });
});
