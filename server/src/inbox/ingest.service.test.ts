import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { RemoteComment } from '../platforms/connector.ts';
import { startInboxTestbed } from './inbox.testbed.ts';
import type { InboxTestbed } from './inbox.testbed.ts';
import { ingestDeletion } from './ingest.deletion.ts';
import { ingestComments } from './ingest.service.ts';

let sequence = 0;

function comment(overrides: Partial<RemoteComment> = {}): RemoteComment {
  sequence += 1;
  return {
    externalId: `fb-kommentar-${Date.now()}-${sequence}`,
    parentExternalId: null,
    postExternalId: null,
    authorHandle: '100000000000777',
    authorName: 'Jonas Keßler',
    text: 'Wann wird der Spielplatz in Vaihingen endlich saniert?',
    createdAt: new Date('2026-11-20T09:15:00Z'),
    kind: 'comment',
    ...overrides,
  };
}

describeEachEngine('inbox ingestion', (get) => {
  let t: InboxTestbed;
  let facebook: { id: string; platform: string };

  beforeAll(async () => {
    t = await startInboxTestbed(get().db, await testConfig());
    facebook = { id: t.bed.channels.facebook, platform: 'facebook' };
  });
  afterAll(async () => {
    await t.close();
  });

  const item = (externalId: string) =>
    get()
      .db.selectFrom('inbox_items')
      .selectAll()
      .where('platform', '=', 'facebook')
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
  const actions = (itemId: string) =>
    get()
      .db.selectFrom('inbox_actions')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('id')
      .execute();

  it('stores a comment once, however often it arrives', async () => {
    const first = comment();
    const once = await ingestComments(get().db, facebook, [first, first], t.deps);
    const twice = await ingestComments(get().db, facebook, [{ ...first }], t.deps);
    expect(once.created).toBe(1);
    expect(twice).toMatchObject({ created: 0, unchanged: 1, edited: 0 });
    const rows = await get()
      .db.selectFrom('inbox_items')
      .select('id')
      .where('external_id', '=', first.externalId)
      .execute();
    expect(rows).toHaveLength(1);
    const stored = await item(first.externalId);
    expect(stored).toMatchObject({ verdict: 'ok', visibility: 'public', kind: 'comment' });
    expect(t.events).toContainEqual({
      type: 'item-created',
      itemId: stored.id,
      channelId: facebook.id,
    });
  });

  it('keeps threads and links the city’s own post from the outbox', async () => {
    const postId = await t.bed.createPost({ channelIds: [facebook.id], status: 'published' });
    const externalPost = `200000000000001_${Date.now()}`;
    await get()
      .db.insertInto('outbox_items')
      .values({
        post_id: postId,
        channel_id: facebook.id,
        idempotency_key: `inbox-thread-${externalPost}`,
        status: 'published',
        next_attempt_at: null,
        first_sent_at: null,
        external_id: externalPost,
        url: null,
        pending_ref: null,
        failure_kind: null,
        failure_reason: null,
        failure_code: null,
        published_at: new Date(),
      })
      .execute();
    const top = comment({ postExternalId: externalPost, text: 'Gilt die Sperrung auch nachts?' });
    const reply = comment({
      postExternalId: externalPost,
      parentExternalId: top.externalId,
      text: 'Das würde mich auch interessieren.',
    });
    await ingestComments(get().db, facebook, [top, reply], t.deps);
    expect(await item(top.externalId)).toMatchObject({ post_id: postId, parent_external_id: null });
    expect(await item(reply.externalId)).toMatchObject({
      post_id: postId,
      post_external_id: externalPost,
      parent_external_id: top.externalId,
    });
  });

  it('compares a comment with the city’s post it answers, and spots copy-paste waves', async () => {
    const postId = await t.bed.createPost({
      channelIds: [facebook.id],
      status: 'published',
      text: 'Die König-Karl-Brücke wird ab Montag drei Wochen lang saniert. Der Verkehr wird über die Wilhelmsbrücke umgeleitet, die Stadtbahn fährt weiter.',
    });
    const externalPost = `200000000000002_${Date.now()}`;
    await get()
      .db.insertInto('outbox_items')
      .values({
        post_id: postId,
        channel_id: facebook.id,
        idempotency_key: `inbox-topic-${externalPost}`,
        status: 'published',
        next_attempt_at: null,
        first_sent_at: null,
        external_id: externalPost,
        url: null,
        pending_ref: null,
        failure_kind: null,
        failure_reason: null,
        failure_code: null,
        published_at: new Date(),
      })
      .execute();
    const onTopic = comment({
      postExternalId: externalPost,
      text: 'Wie lange bleibt die König-Karl-Brücke wegen der Sanierung gesperrt, und gilt die Umleitung über die Wilhelmsbrücke auch für Busse?',
    });
    const offTopic = comment({
      postExternalId: externalPost,
      text: 'Wann kommt endlich das neue Hallenbad in Feuerbach? Und die Öffnungszeiten der Stadtbibliothek sind auch viel zu kurz geworden.',
    });
    const wave =
      'Unterschreiben Sie jetzt die Petition gegen die Grundsteuer, alle Infos im Profil!';
    const first = comment({ text: wave, authorHandle: '100000000000901' });
    const second = comment({ text: wave, authorHandle: '100000000000902' });
    await ingestComments(get().db, facebook, [onTopic, offTopic, first], t.deps);
    await ingestComments(get().db, facebook, [second], t.deps);
    const stages = async (externalId: string) =>
      (await item(externalId)).verdict_reasons.map((reason) => reason.stage);
    expect(await stages(onTopic.externalId)).not.toContain('offtopic');
    expect(await stages(offTopic.externalId)).toContain('offtopic');
    const copied = (await item(second.externalId)).verdict_reasons;
    expect(copied.some((r) => r.stage === 'spam' && r.detail.includes('kürzlich'))).toBe(true);
    expect(
      (await item(first.externalId)).verdict_reasons.some((r) => r.detail.includes('kürzlich')),
    ).toBe(false);
  });

  it('keeps direct messages private and does not hide personal data in them', async () => {
    await t.setPolicy(facebook.id, 'auto-hide');
    const message = comment({
      kind: 'direct-message',
      text: 'Meine Telefonnummer ist 0711 2165 4433, bitte rufen Sie mich zurück.',
    });
    const result = await ingestComments(get().db, facebook, [message], t.deps);
    await t.setPolicy(facebook.id, 'suggest');
    expect(result.hidden).toBe(0);
    expect(await item(message.externalId)).toMatchObject({
      visibility: 'private',
      visibility_state: 'visible',
      suggest_private: false,
    });
  });

  it('applies edits upstream: new text, edited_at, a new verdict, an action without the text', async () => {
    const original = comment({ text: 'Danke für die schnelle Information zur Baustelle.' });
    await ingestComments(get().db, facebook, [original], t.deps);
    const edited = { ...original, text: 'Ihr seid doch alle Vollidioten im Gemeinderat!' };
    const result = await ingestComments(get().db, facebook, [edited], t.deps);
    expect(result.edited).toBe(1);
    const stored = await item(original.externalId);
    expect(stored.text).toBe(edited.text);
    expect(stored.edited_at).not.toBeNull();
    expect(stored).toMatchObject({ verdict: 'hide', verdict_rule_id: 'beleidigung' });
    // A suggest channel: the verdict is a suggestion, nothing is hidden.
    expect(stored.visibility_state).toBe('visible');
    const recorded = await actions(stored.id);
    expect(recorded.map((action) => action.action)).toEqual(['edited']);
    expect(recorded[0]).toMatchObject({ actor_kind: 'system', rule_id: 'beleidigung' });
    expect(JSON.stringify(recorded[0]?.detail)).not.toContain('Vollidioten');
  });

  it('marks comments deleted upstream and keeps the item', async () => {
    const gone = comment({ text: 'Den Kommentar lösche ich gleich wieder.' });
    await ingestComments(get().db, facebook, [gone], t.deps);
    expect(await ingestDeletion(get().db, 'facebook', gone.externalId, t.deps)).toBe(true);
    // A second notification of the same deletion changes nothing.
    expect(await ingestDeletion(get().db, 'facebook', gone.externalId, t.deps)).toBe(false);
    expect(await ingestDeletion(get().db, 'facebook', 'nie-gesehen', t.deps)).toBe(false);
    const stored = await item(gone.externalId);
    expect(stored.deleted_upstream_at).not.toBeNull();
    expect((await actions(stored.id)).map((action) => action.action)).toEqual(['deleted-upstream']);
  });

  it('quarantines an unreadable comment and stores the rest of the page', async () => {
    const good = comment();
    const broken = comment({ createdAt: new Date(Number.NaN) });
    const result = await ingestComments(get().db, facebook, [good, broken], t.deps);
    expect(result).toMatchObject({ created: 1, quarantined: 1 });
    const quarantined = await get()
      .db.selectFrom('inbox_quarantine')
      .selectAll()
      .where('channel_id', '=', facebook.id)
      .execute();
    expect(quarantined.map((row) => row.reason)).toContain('Kommentar ohne gültigen Zeitpunkt');
  });

  describe('automatic hiding', () => {
    it('hides an insult on an auto-hide channel, and only suggests on a suggest channel', async () => {
      const second = await t.bed.addChannel('facebook');
      await t.setPolicy(second, 'auto-hide');
      const post = await t.publishFacebook();
      const insult = 'Was für ein Haufen Vollidioten im Rathaus, ihr Deppen!';
      const onSuggest = await t.commentOnMeta(post, insult);
      const onAutoHide = await t.commentOnMeta(post, `${insult} Unglaublich.`);
      const read = (id: string, text: string) =>
        comment({ externalId: id, text, postExternalId: post });

      const suggested = await ingestComments(get().db, facebook, [read(onSuggest, insult)], t.deps);
      const hidden = await ingestComments(
        get().db,
        { id: second, platform: 'facebook' },
        [read(onAutoHide, `${insult} Unglaublich.`)],
        t.deps,
      );

      expect(suggested.hidden).toBe(0);
      expect(hidden.hidden).toBe(1);
      expect(await item(onSuggest)).toMatchObject({ verdict: 'hide', visibility_state: 'visible' });
      const stored = await item(onAutoHide);
      expect(stored).toMatchObject({
        verdict: 'hide',
        visibility_state: 'hidden',
        hidden_rule_id: 'beleidigung',
      });
      const [hide] = await actions(stored.id);
      expect(hide).toMatchObject({ action: 'hide', actor_kind: 'system', rule_id: 'beleidigung' });
      const remote = await t.metaComments();
      expect(remote.find((entry) => entry.id === onAutoHide)?.hidden).toBe(true);
      expect(remote.find((entry) => entry.id === onSuggest)?.hidden).toBe(false);
      const audited = await get()
        .db.selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('object_id', '=', stored.id)
        .execute();
      expect(audited).toEqual([
        {
          action: 'inbox.auto_hidden',
          summary: 'Kommentar automatisch ausgeblendet (Regel: beleidigung)',
        },
      ]);
    });

    it('hides personal data on an auto-hide channel and suggests a private channel', async () => {
      const channel = await t.bed.addChannel('facebook');
      await t.setPolicy(channel, 'auto-hide');
      const post = await t.publishFacebook();
      const text = 'Schreiben Sie mir an tobias.beispiel@example.org wegen meines Antrags.';
      const id = await t.commentOnMeta(post, text);
      const result = await ingestComments(
        get().db,
        { id: channel, platform: 'facebook' },
        [comment({ externalId: id, text, postExternalId: post })],
        t.deps,
      );
      expect(result.hidden).toBe(1);
      const stored = await item(id);
      expect(stored).toMatchObject({
        visibility_state: 'hidden',
        hidden_rule_id: 'personenbezogene-daten',
        suggest_private: true,
        personal_data: ['email'],
      });
    });

    it('records hide-failed with the failure when the platform cannot hide', async () => {
      const mastodon = t.bed.channels.mastodon;
      await t.setPolicy(mastodon, 'auto-hide');
      const toot = comment({
        externalId: `1130${Date.now()}`,
        text: 'Halt doch einfach die Klappe, du Vollidiot.',
      });
      const result = await ingestComments(
        get().db,
        { id: mastodon, platform: 'mastodon' },
        [toot],
        t.deps,
      );
      expect(result.hideFailed).toBe(1);
      const stored = await get()
        .db.selectFrom('inbox_items')
        .selectAll()
        .where('platform', '=', 'mastodon')
        .where('external_id', '=', toot.externalId)
        .executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ visibility_state: 'hide-failed', hidden_rule_id: null });
      const [hide] = await actions(stored.id);
      expect(hide?.detail).toEqual({ result: 'failed', failure: 'unsupported' });
    });

    it('does not overrule a person: an edit after a restore is not hidden again', async () => {
      const channel = await t.bed.addChannel('facebook');
      await t.setPolicy(channel, 'auto-hide');
      const post = await t.publishFacebook();
      const id = await t.commentOnMeta(post, 'Danke, gut zu wissen!');
      const target = { id: channel, platform: 'facebook' };
      await ingestComments(
        get().db,
        target,
        [comment({ externalId: id, text: 'Danke, gut zu wissen!' })],
        t.deps,
      );
      const stored = await item(id);
      await get()
        .db.insertInto('inbox_actions')
        .values({
          item_id: stored.id,
          action: 'restore',
          actor_kind: 'user',
          actor_id: null,
          rule_id: null,
          reason: 'Satire, keine Beleidigung',
        })
        .execute();
      const result = await ingestComments(
        get().db,
        target,
        [comment({ externalId: id, text: 'Ihr seid alle Vollidioten, ihr Sesselfurzer!' })],
        t.deps,
      );
      expect(result).toMatchObject({ edited: 1, hidden: 0 });
      expect(await item(id)).toMatchObject({ verdict: 'hide', visibility_state: 'visible' });
      const recorded = (await actions(stored.id)).map((action) => action.action);
      expect(recorded).toEqual(['restore', 'edited', 'auto-hide-skipped']);
      expect((await t.metaComments()).find((entry) => entry.id === id)?.hidden).toBe(false);
    });
  });
});
