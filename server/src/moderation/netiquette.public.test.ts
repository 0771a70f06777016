import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { insertRuleRow } from './netiquette.repository.ts';

describeEachEngine('public Netiquette page and the writer appeal', (get) => {
  let t: TestApp;
  let commsId: string;

  beforeAll(async () => {
    t = await createTestApp(get());
    commsId = (await buildUser(get().db, { roles: [{ role: 'communications' }] })).id;
    await insertRuleRow(get().db, {
      id: 'test-escaping',
      position: 99,
      title: 'Keine <script>alert("x")</script> & Co',
      text: 'Absatz eins.\n\nAbsatz <b>zwei</b>.',
      title_en: 'No <img src=x onerror=alert(1)>',
      text_en: 'English text.',
      action: 'flag',
      updated_by: null,
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const appeal = (fields: Record<string, string>, lang = '') =>
    t.app.inject({
      method: 'POST',
      url: `/netiquette/widerspruch${lang}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('renders the rules from the database in German, escaped, under the CSP', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/netiquette' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<html lang="de">');
    expect(page.body).toContain('Keine Beleidigungen');
    expect(page.body).toContain('Keine &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('<p>Absatz &lt;b&gt;zwei&lt;/b&gt;.</p>');
    expect(page.body).toContain('<form method="post" action="/netiquette/widerspruch">');
    expect(page.body).toContain('<label for="handle">');
    const english = await t.app.inject({ method: 'GET', url: '/netiquette?lang=en' });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('No insults');
    expect(english.body).toContain('No &lt;img src=x onerror=alert(1)&gt;');
    expect(english.body).not.toContain('<img');
  });

  it('answers an appeal identically whether or not it matched, and flags the match', async () => {
    const db = get().db;
    const facebook = await buildChannel(db);
    const elsewhere = await buildChannel(db);
    const hidden = await insertInboxItem(db, {
      channel_id: facebook.id,
      platform: 'facebook',
      author_handle: 'erika.beispiel',
      visibility_state: 'hidden',
      hidden_rule_id: 'beleidigung',
      status: 'done',
    });
    const otherPlatform = await insertInboxItem(db, {
      channel_id: elsewhere.id,
      platform: 'x',
      author_handle: 'erika.beispiel',
      visibility_state: 'hidden',
      hidden_rule_id: 'beleidigung',
    });
    const visible = await insertInboxItem(db, {
      channel_id: facebook.id,
      platform: 'facebook',
      author_handle: 'erika.beispiel',
    });
    const message = 'Mein Kommentar war Kritik, keine Beleidigung.';
    const matched = await appeal({
      platform: 'facebook',
      handle: '@erika.beispiel',
      reference: '',
      message,
    });
    const unmatched = await appeal({
      platform: 'facebook',
      handle: '@niemand.hier',
      reference: 'https://facebook.com/irgendwas',
      message,
    });
    expect(matched.statusCode).toBe(200);
    expect(unmatched.statusCode).toBe(200);
    expect(matched.body).toBe(unmatched.body);
    expect(matched.body).toContain('Ihr Widerspruch ist bei uns eingegangen');

    const flags = await db
      .selectFrom('inbox_items')
      .select(['id', 'appeal_open', 'status'])
      .where('id', 'in', [hidden.id, otherPlatform.id, visible.id])
      .execute();
    const flagOf = (id: string) => flags.find((row) => row.id === id);
    expect(flagOf(hidden.id)).toMatchObject({ appeal_open: true, status: 'open' });
    expect(flagOf(otherPlatform.id)?.appeal_open).toBe(false);
    expect(flagOf(visible.id)?.appeal_open).toBe(false);
    const action = await db
      .selectFrom('inbox_actions')
      .selectAll()
      .where('item_id', '=', hidden.id)
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({
      action: 'appeal',
      actor_kind: 'writer',
      actor_id: null,
      rule_id: 'beleidigung',
      reason: message,
    });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'actor_role'])
      .where('object_id', '=', hidden.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'inbox.item.appeal', actor_role: 'system' });
    expect(JSON.stringify(audit)).not.toMatch(/erika|Kritik/i);
    const notes = await db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', commsId)
      .where('kind', '=', 'inbox.appeal')
      .execute();
    expect(notes).toHaveLength(1);
    expect(JSON.stringify(notes)).not.toMatch(/erika|Kritik/i);
    expect(t.logLines.join('\n')).not.toMatch(/erika|Kritik/i);
  });

  it('re-shows the form with a German error for incomplete input, keeping it escaped', async () => {
    const response = await appeal({ platform: 'facebook', handle: '"><script>', message: '' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('value="&quot;&gt;&lt;script&gt;"');
    expect(response.body).not.toContain('"><script>');
    const english = await appeal({ platform: 'nirgendwo', handle: 'x', message: 'y' }, '?lang=en');
    expect(english.body).toContain('Please choose the platform');
  });

  it('limits appeals per address', async () => {
    const fields = { platform: 'facebook', handle: 'jemand', message: 'Bitte prüfen' };
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      answers.push((await appeal(fields)).statusCode);
    }
    // Five per window in all; this file already sent four.
    expect(answers).toEqual([200, 429, 429]);
  });
  it('takes an appeal from a browser that is signed in to Stadtfunk, without a CSRF token', async () => {
    const email = `netiquette-${String(Date.now())}@stuttgart.example`;
    await buildUser(get().db, { email, roles: [{ role: 'online-team' }] });
    const agent = await loginAs(t.app, email);
    const response = await t.app.inject({
      method: 'POST',
      url: '/netiquette/widerspruch',
      // An address of its own: the test before used up the limit of the default one.
      remoteAddress: '203.0.113.77',
      headers: { cookie: agent.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        platform: 'facebook',
        handle: 'jemand',
        reference: '',
        message: 'Bitte prüfen Sie das.',
      }).toString(),
    });
    expect(response.statusCode).toBe(200);
    // The session is not loaded there at all: the same form does not sign anyone out or in.
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/inbox/canned-answers',
      headers: { cookie: agent.cookie, 'content-type': 'application/json' },
      payload: { title: 'x', text: 'y', language: 'de' },
    });
    expect(api.json<{ code: string }>().code).toBe('csrf_invalid');
  });
});
