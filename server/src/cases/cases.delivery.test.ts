import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { startInboxTestbed } from '../inbox/inbox.testbed.ts';
import type { InboxTestbed } from '../inbox/inbox.testbed.ts';
import { NOTICE_SEPARATOR } from './cases.legal.ts';
import type { CaseDetail } from './cases.schema.ts';

describeEachEngine('cases: replies reach the citizen', (get) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let inbox: InboxTestbed;
  let comms: Agent;

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: comms.headers(), payload });
  const replyOf = (detail: CaseDetail) => detail.timeline.filter((e) => e.kind === 'reply').at(-1);

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(get(), { env: { SMTP_URL: smtp.url } });
    inbox = await startInboxTestbed(get().db, t.ctx.config);
    comms = await loginAs(
      t.app,
      (await buildUser(get().db, { roles: [{ role: 'communications' }] })).email,
    );
  });
  afterAll(async () => {
    await inbox.close();
    await t.app.close();
    await smtp.close();
  });

  it('sends an e-mail reply with the notice set apart, and records that it went out', async () => {
    const created = await post('/api/cases', {
      source: 'email',
      contact: { name: 'Hanna Beispiel', email: 'hanna.beispiel@example.org' },
      concern: 'Wann wird der Spielplatz am Marienplatz wieder geöffnet?',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<CaseDetail>().id;
    const sent = await post(`/api/cases/${id}/replies`, {
      channel: 'email',
      text: 'Der Spielplatz öffnet am Montag wieder.',
      objectionNotice: 'de',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(replyOf(sent.json<CaseDetail>())?.detail).toMatchObject({ delivery: 'sent' });
    const mail = smtp.messages.find((m) => m.to.includes('hanna.beispiel@example.org'));
    expect(mail?.text).toContain('Der Spielplatz öffnet am Montag wieder.');
    expect(mail?.text).toContain(NOTICE_SEPARATOR.trim());
    expect(mail?.text).toContain('Widerspruch');
    // Neither the address nor the text is in the server log.
    expect(t.logLines.join('\n')).not.toContain('hanna.beispiel');
  });

  it('refuses an e-mail reply to a case without an address before recording anything', async () => {
    const created = await post('/api/cases', {
      source: 'phone',
      contact: { name: 'Otto Beispiel', phone: '+49 711 216-0' },
      concern: 'Fragt nach dem Sperrmülltermin.',
    });
    const id = created.json<CaseDetail>().id;
    const refused = await post(`/api/cases/${id}/replies`, {
      channel: 'email',
      text: 'Der Termin ist am Freitag.',
      objectionNotice: 'de',
    });
    expect(refused.statusCode).toBe(400);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${id}`,
      headers: comms.headers(),
    });
    expect(replyOf(detail.json<CaseDetail>())).toBeUndefined();
  });

  it('answers on the platform under the linked comment', async () => {
    const postId = await inbox.publishFacebook();
    const commentId = await inbox.commentOnMeta(postId, 'Wie melde ich eine kaputte Laterne?');
    const item = await insertInboxItem(get().db, {
      channel_id: inbox.bed.channels.facebook,
      platform: 'facebook',
      external_id: commentId,
      post_external_id: postId,
      text: 'Wie melde ich eine kaputte Laterne?',
    });
    const created = await post(`/api/cases/from-inbox/${item.id}`, {});
    expect(created.statusCode, created.body).toBe(201);
    const { caseId } = created.json<{ caseId: string }>();
    const sent = await post(`/api/cases/${caseId}/replies`, {
      channel: 'platform',
      text: 'Bitte über das Online-Formular „Gelbe Karte“.',
      objectionNotice: 'de',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(replyOf(sent.json<CaseDetail>())?.detail).toMatchObject({ delivery: 'sent' });
    const comments = await inbox.metaComments();
    expect(comments.some((c) => c.text.startsWith('Bitte über das Online-Formular'))).toBe(true);
  });
});
