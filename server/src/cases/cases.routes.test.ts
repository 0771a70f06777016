import { beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { insertInboxItem } from '../../test/inbox-factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { pngWithMetadata } from '../media/media.fixtures.ts';
import { MAX_ATTACHMENT_BYTES } from './cases.attachments.ts';
import { NOTICE_SEPARATOR } from './cases.legal.ts';
import type { CaseDetail, CaseSummary } from './cases.schema.ts';

const PNG_1X1 = pngWithMetadata(1, 1);

interface ErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

describeEachEngine('cases API', (get) => {
  let t: TestApp;
  let comms: Agent;
  let dpo: Agent;
  let editor: Agent;
  let channelId: string;

  const request = (
    agent: Agent,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: agent.headers(), ...(payload ? { payload } : {}) });
  const createCase = async (overrides: Record<string, unknown> = {}) =>
    request(comms, 'POST', '/api/cases', {
      source: 'phone',
      contact: { name: 'Jörg Müller-Lüdenscheidt', phone: '+49 711 216-0' },
      concern: 'Fragt nach der Öffnungszeit des Bürgerbüros.',
      ...overrides,
    });

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    comms = await loginAs(
      t.app,
      (await buildUser(db, { roles: [{ role: 'communications' }] })).email,
    );
    dpo = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'dpo' }] })).email);
    const unit = await buildOrgUnit(db, { kind: 'department' });
    editor = await loginAs(
      t.app,
      (await buildUser(db, { roles: [{ role: 'department-editor', orgUnitId: unit.id }] })).email,
    );
    channelId = (await buildChannel(db)).id;
  });

  it('creates a case with the lit. e default and the rights that follow from it', async () => {
    const res = await createCase();
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<CaseDetail>();
    expect(body.basis.citation).toBe('Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW');
    expect(body.rights.map((r) => r.right)).toContain('objection');
    expect(body.contact.phone).toBe('+49 711 216-0');
    expect(body).toMatchObject({ status: 'open', deleteAt: null, category: 'general' });
    const contract = (await createCase({ legalBasis: 'art6-1-b' })).json<CaseDetail>();
    expect(contract.rights.map((r) => r.right)).not.toContain('objection');
    expect(contract.rights.map((r) => r.right)).toContain('portability');
  });

  it('refuses a case without any way to reply, an unknown legal basis or category', async () => {
    const noWay = await createCase({ contact: { name: 'Anonym' } });
    expect(noWay.statusCode).toBe(400);
    expect(noWay.json<ErrorBody>().message).toContain('mindestens einen Weg für die Antwort');
    const handleOnly = await createCase({ contact: { handle: '@x' } });
    expect(handleOnly.statusCode).toBe(400);
    const basis = await createCase({ legalBasis: 'art6-1-z' });
    expect(basis.statusCode).toBe(400);
    expect(basis.json<ErrorBody>().message).toContain('Unbekannte Rechtsgrundlage');
    expect((await createCase({ category: 'gibt-es-nicht' })).statusCode).toBe(400);
    expect(
      (
        await request(dpo, 'POST', '/api/cases', {
          source: 'phone',
          contact: { phone: '1' },
          concern: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('finds a person through the blind index, not by decrypting', async () => {
    await createCase({ contact: { name: 'Fatma Yılmaz', email: 'Fatma.Yilmaz@Example.org' } });
    const search = async (q: string) =>
      (await request(comms, 'POST', '/api/cases/search', { q })).json<{
        items: CaseSummary[];
      }>().items;
    expect((await search('fatma.yilmaz@example.org')).map((c) => c.contactName)).toEqual([
      'Fatma Yılmaz',
    ]);
    expect(await search('  FATMA   yılmaz ')).toHaveLength(1);
    expect(await search('yılmaz')).toHaveLength(1);
    expect((await search('+49 711 216-0')).length).toBeGreaterThan(0);
    expect(await search('Fatma Yilmazz')).toHaveLength(0);
    // A person's name or address never goes into a URL: the list refuses a search term.
    const inUrl = await request(comms, 'GET', `/api/cases?q=${encodeURIComponent('yılmaz')}`);
    expect(inUrl.statusCode).toBe(400);
  });

  it('lists closed cases whose deletion is due by a given Berlin day', async () => {
    const created = (await createCase()).json<CaseDetail>();
    const closed = await request(comms, 'PATCH', `/api/cases/${created.id}`, { status: 'closed' });
    const deleteAt = closed.json<CaseDetail>().deleteAt;
    expect(deleteAt).not.toBeNull();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
      new Date(deleteAt ?? 0),
    );
    const dueBy = async (date: string) =>
      (await request(comms, 'GET', `/api/cases?deleteBefore=${date}&limit=200`))
        .json<{ items: CaseSummary[] }>()
        .items.map((c) => c.id);
    expect(await dueBy(day)).toContain(created.id);
    const dayBefore = new Date(`${day}T12:00:00Z`);
    dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
    expect(await dueBy(dayBefore.toISOString().slice(0, 10))).not.toContain(created.id);
  });

  it('rectifies the contact: sealed anew, the search follows, a way to reply stays required', async () => {
    const created = (
      await createCase({ contact: { name: 'Ida Alt', email: 'ida.alt@example.org' } })
    ).json<CaseDetail>();
    const search = async (q: string) =>
      (await request(comms, 'POST', '/api/cases/search', { q })).json<{
        items: CaseSummary[];
      }>().items;
    const res = await request(comms, 'PATCH', `/api/cases/${created.id}`, {
      contact: { name: 'Ida Neu', email: 'ida.neu@example.org' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<CaseDetail>().contact).toMatchObject({
      name: 'Ida Neu',
      email: 'ida.neu@example.org',
      phone: null,
    });
    expect(await search('ida.alt@example.org')).toHaveLength(0);
    expect((await search('ida.neu@example.org')).map((c) => c.id)).toEqual([created.id]);
    const none = await request(comms, 'PATCH', `/api/cases/${created.id}`, {
      contact: { name: 'Ida' },
    });
    expect(none.statusCode).toBe(400);
  });

  it('creates a case from an inbox item, links it and records the step', async () => {
    const item = await insertInboxItem(get().db, {
      channel_id: channelId,
      author_name: 'Erika Beispiel',
    });
    const res = await request(comms, 'POST', `/api/cases/from-inbox/${item.id}`, {
      category: 'complaint',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { caseId } = res.json<{ caseId: string }>();
    const linked = await get()
      .db.selectFrom('inbox_items')
      .select('case_id')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(linked.case_id).toBe(caseId);
    const action = await get()
      .db.selectFrom('inbox_actions')
      .selectAll()
      .where('item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(action).toMatchObject({ action: 'case', actor_kind: 'user' });
    const detail = (await request(comms, 'GET', `/api/cases/${caseId}`)).json<CaseDetail>();
    expect(detail).toMatchObject({ source: 'inbox', category: 'complaint', concern: item.text });
    expect(detail.contact).toMatchObject({
      name: 'Erika Beispiel',
      handle: item.author_handle,
      platform: 'facebook',
    });
    expect(detail.linkedItems.map((i) => i.id)).toEqual([item.id]);
    expect((await request(comms, 'POST', `/api/cases/from-inbox/${item.id}`, {})).statusCode).toBe(
      409,
    );
    // An editor of another unit sees neither the item nor the case.
    expect((await request(editor, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(404);
    const other = await insertInboxItem(get().db, { channel_id: channelId });
    const unknown = await request(comms, 'POST', `/api/cases/from-inbox/${other.id}`, {
      legalBasis: 'nope',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses a first lit. e reply without the Art. 21(4) notice and sets the notice apart', async () => {
    const created = (await createCase()).json<CaseDetail>();
    const template = await request(comms, 'GET', `/api/cases/${created.id}/reply-template`);
    expect(template.json()).toMatchObject({ firstReply: true, noticeRequired: true });
    expect(template.json<{ objectionNotice: string }>().objectionNotice).toContain('Widerspruch');
    const bare = await request(comms, 'POST', `/api/cases/${created.id}/replies`, {
      channel: 'phone',
      text: 'Das Bürgerbüro öffnet um 8 Uhr.',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<ErrorBody>().message).toContain('Art. 21 Abs. 4 DSGVO');
    const ok = await request(comms, 'POST', `/api/cases/${created.id}/replies`, {
      channel: 'phone',
      text: 'Das Bürgerbüro öffnet um 8 Uhr.',
      objectionNotice: 'de',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const reply = ok.json<CaseDetail>().timeline.find((e) => e.kind === 'reply');
    const [text, notice] = (reply?.text ?? '').split(NOTICE_SEPARATOR);
    expect(text).toBe('Das Bürgerbüro öffnet um 8 Uhr.');
    expect(notice).toContain('Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 4 LDSG BW');
    expect(notice).toContain('/datenschutz/social-media');
    expect(reply?.detail).toMatchObject({ first: true, objectionNotice: true });
    const second = await request(comms, 'POST', `/api/cases/${created.id}/replies`, {
      channel: 'letter',
      text: 'Nachtrag.',
    });
    expect(second.statusCode).toBe(201);
    // Lit. b: no objection right, so no notice is required (the privacy-notice line still goes).
    const contract = (await createCase({ legalBasis: 'art6-1-b' })).json<CaseDetail>();
    const plain = await request(comms, 'POST', `/api/cases/${contract.id}/replies`, {
      channel: 'phone',
      text: 'Angebot folgt.',
    });
    expect(plain.statusCode).toBe(201);
  });

  it('stores attachments sealed and refuses wrong types and sizes', async () => {
    const created = (await createCase()).json<CaseDetail>();
    const upload = (payload: Buffer, contentType = 'application/octet-stream') =>
      t.app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/attachments`,
        headers: comms.headers({
          'content-type': contentType,
          'x-file-name': encodeURIComponent('Foto Laterne.png'),
        }),
        payload,
      });
    const ok = await upload(PNG_1X1, 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const attachment = ok.json<CaseDetail>().attachments[0];
    expect(attachment).toMatchObject({ name: 'Foto Laterne.png', mimeType: 'image/png' });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/cases/${created.id}/attachments/${attachment?.id ?? ''}`,
      headers: comms.headers(),
    });
    expect(download.rawPayload.equals(PNG_1X1)).toBe(true);
    const exe = await upload(Buffer.from('MZ\x90\x00 this is not a document'), 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json<ErrorBody>().message).toContain('Dateityp');
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0);
    Buffer.from('%PDF-1.4').copy(big);
    const tooBig = await upload(big);
    expect(tooBig.statusCode).toBe(413);
    expect(
      (await request(comms, 'GET', `/api/cases/${created.id}`)).json<CaseDetail>().attachments,
    ).toHaveLength(1);
  });

  it('shows the deletion log to the dpo only among read-only roles, and keeps the audit chain', async () => {
    expect((await request(dpo, 'GET', '/api/cases/deletion-log')).statusCode).toBe(200);
    expect((await request(editor, 'GET', '/api/cases/deletion-log')).statusCode).toBe(403);
    expect(
      (await request(editor, 'PUT', '/api/cases/settings', { defaultRetentionMonths: 3 }))
        .statusCode,
    ).toBe(403);
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('recomputes stored deadlines when a category gets its own retention', async () => {
    const created = (await createCase({ category: 'service' })).json<CaseDetail>();
    const closed = (
      await request(comms, 'PATCH', `/api/cases/${created.id}`, { status: 'closed' })
    ).json<CaseDetail>();
    const settings = await request(comms, 'GET', '/api/cases/settings');
    const categories = settings.json<{
      categories: { key: string; retentionMonths: number | null }[];
    }>().categories;
    const res = await request(comms, 'PUT', '/api/cases/settings', {
      categories: categories.map((c) => (c.key === 'service' ? { ...c, retentionMonths: 2 } : c)),
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await request(comms, 'GET', `/api/cases/${created.id}`)).json<CaseDetail>();
    expect(after.retentionMonths).toBe(2);
    expect(new Date(after.deleteAt ?? '').getTime()).toBeLessThan(
      new Date(closed.deleteAt ?? '').getTime(),
    );
  });
});
