import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import type { Channel } from '../registry/registry.schema.ts';
import type { Role } from '../shared/enum.ts';
import type { ManualTask } from './manual-tasks.schema.ts';
import { manualTaskResult } from './manual-tasks.outbox.ts';
import { createManualTask } from './manual-tasks.service.ts';

interface ErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
}

const POST_URL = 'https://www.xing.com/pages/landeshauptstadtstuttgart/posts/4711';
const REASON = 'Termin abgesagt, Beitrag entfällt';

describeEachEngine('manual tasks (Xing) API', (get) => {
  let t: TestApp;
  let comms: Agent;
  let editor: Agent;
  let dpo: Agent;
  let agency: Agent;
  let xingInUnit: Channel;
  let xingElsewhere: Channel;
  let mastodon: Channel;

  const agentWith = async (role: Role, orgUnitId: string | null = null): Promise<Agent> => {
    const user = await buildUser(get().db, { roles: [{ role, orgUnitId }] });
    return loginAs(t.app, user.email);
  };
  const body = (channelId: string, overrides: Record<string, unknown> = {}) => ({
    channelId,
    title: 'Ausbildungsmesse',
    text: 'Am Samstag stellt die Stadt Stuttgart ihre Ausbildungsberufe vor. #Karriere',
    mediaNotes: [{ description: 'Foto vom Messestand', altText: 'Stand mit Rollups im Rathaus' }],
    dueAt: '2030-05-04T08:00:00+02:00',
    ...overrides,
  });
  const create = async (agent: Agent, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/manual-tasks', headers: agent.headers(), payload });
  const createOk = async (channelId: string): Promise<ManualTask> => {
    const res = await create(comms, body(channelId));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ManualTask>();
  };
  const list = async (agent: Agent, query = '') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/manual-tasks${query}`,
      headers: agent.headers(),
    });
    return { status: res.statusCode, items: res.json<{ items: ManualTask[] }>().items };
  };
  const post = async (agent: Agent, url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: agent.headers(), payload });

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    const department = await buildOrgUnit(db, { kind: 'department' });
    const office = await buildOrgUnit(db, { parentId: department.id });
    const other = await buildOrgUnit(db);
    const xing = await buildPlatform(db, { key: 'xing', name: 'Xing' });
    const api = await buildPlatform(db, { key: 'mastodon', name: 'Mastodon' });
    xingInUnit = await buildChannel(db, { platformId: xing.id, orgUnitId: office.id });
    xingElsewhere = await buildChannel(db, { platformId: xing.id, orgUnitId: other.id });
    mastodon = await buildChannel(db, { platformId: api.id, orgUnitId: office.id });
    comms = await agentWith('communications');
    editor = await agentWith('department-editor', department.id);
    dpo = await agentWith('dpo');
    agency = await agentWith('agency');
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates a task for a Xing channel with the text to copy and media notes', async () => {
    const task = await createOk(xingInUnit.id);
    expect(task).toMatchObject({
      channelId: xingInUnit.id,
      channelName: xingInUnit.name,
      platformKey: 'xing',
      publishUrl: 'https://www.xing.com/',
      status: 'open',
      text: body(xingInUnit.id).text,
      mediaNotes: [{ description: 'Foto vom Messestand', altText: 'Stand mit Rollups im Rathaus' }],
      dueAt: '2030-05-04T06:00:00.000Z',
      source: null,
      publishedUrl: null,
      reminderCount: 0,
    });
    expect(manualTaskResult(task)).toEqual({ status: 'pending', pendingRef: task.id });
    const audit = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', task.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['manual_task.created']);
    expect(audit[0]?.actor_role).toBe('communications');
  });

  it('refuses a channel that publishes through an API with 409 and a German message', async () => {
    const res = await create(comms, body(mastodon.id));
    expect(res.statusCode).toBe(409);
    const error = res.json<ErrorBody>();
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('von Hand');
    expect(error.details).toEqual([
      { path: 'channelId', message: 'Kein Kanal zum Veröffentlichen von Hand.' },
    ]);
  });

  it('rejects incomplete input and unknown channels with German messages, writing nothing', async () => {
    const before = (await list(comms)).items.length;
    const missing = await create(comms, body(xingInUnit.id, { dueAt: '', text: '   ' }));
    expect(missing.statusCode).toBe(400);
    const error = missing.json<ErrorBody>();
    expect(error.code).toBe('validation_failed');
    expect(error.details?.map((d) => d.path).sort()).toEqual(['dueAt', 'text']);
    expect(error.details?.find((d) => d.path === 'text')?.message).toBe(
      'Bitte geben Sie den Text des Beitrags an.',
    );
    const unknown = await create(comms, body('00000000-0000-4000-8000-000000000000'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().details?.[0]?.path).toBe('channelId');
    expect((await list(comms)).items).toHaveLength(before);
  });

  it('lets only communications and the online team create tasks', async () => {
    for (const agent of [editor, dpo, agency]) {
      expect((await create(agent, body(xingInUnit.id))).statusCode).toBe(403);
    }
    const online = await agentWith('online-team');
    expect((await create(online, body(xingElsewhere.id))).statusCode).toBe(201);
  });

  it('scopes reading: an editor sees only tasks of channels in their unit subtree', async () => {
    const elsewhere = await createOk(xingElsewhere.id);
    const all = await list(comms);
    expect(all.items.map((task) => task.channelId)).toContain(xingElsewhere.id);
    const own = await list(editor);
    expect(own.status).toBe(200);
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((task) => task.channelId === xingInUnit.id)).toBe(true);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/manual-tasks/${elsewhere.id}`,
      headers: editor.headers(),
    });
    expect(hidden.statusCode).toBe(404);
    expect((await list(dpo)).items.length).toBe(all.items.length);
    expect((await list(agency)).status).toBe(403);
    const filtered = await list(comms, `?status=open&channelId=${xingElsewhere.id}`);
    expect(filtered.items.every((task) => task.channelId === xingElsewhere.id)).toBe(true);
  });

  it('completes only with an https URL on xing.com, then refuses a second completion', async () => {
    const task = await createOk(xingInUnit.id);
    const url = `/api/manual-tasks/${task.id}/complete`;
    for (const publishedUrl of [
      'http://www.xing.com/pages/x',
      'https://xing.com.example.org/p',
      'keine Adresse',
    ]) {
      const res = await post(editor, url, { publishedUrl });
      expect(res.statusCode, publishedUrl).toBe(400);
      const error = res.json<ErrorBody>();
      expect(error.code).toBe('validation_failed');
      expect(error.details?.[0]?.path).toBe('publishedUrl');
      expect(error.details?.[0]?.message).toContain('https://');
    }
    expect((await post(editor, url, {})).statusCode).toBe(400);

    const done = await post(editor, url, { publishedUrl: POST_URL });
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json<ManualTask>();
    expect(completed).toMatchObject({ status: 'done', publishedUrl: POST_URL });
    expect(completed.completedAt).not.toBeNull();
    expect(completed.completedBy).not.toBeNull();
    expect(manualTaskResult(completed)).toEqual({
      status: 'published',
      externalId: POST_URL,
      url: POST_URL,
    });
    const again = await post(comms, url, { publishedUrl: POST_URL });
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().message).toBe(
      'Diese Aufgabe ist bereits erledigt oder abgebrochen.',
    );
  });

  it("refuses completing another unit's task and the dpo's completing at all", async () => {
    const task = await createOk(xingElsewhere.id);
    const url = `/api/manual-tasks/${task.id}/complete`;
    expect((await post(editor, url, { publishedUrl: POST_URL })).statusCode).toBe(404);
    expect((await post(dpo, url, { publishedUrl: POST_URL })).statusCode).toBe(403);
  });

  it('cancels with a reason kept out of the audit log; editors may not cancel', async () => {
    const task = await createOk(xingInUnit.id);
    const url = `/api/manual-tasks/${task.id}/cancel`;
    expect((await post(editor, url, { reason: REASON })).statusCode).toBe(403);
    const empty = await post(comms, url, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<ErrorBody>().details?.[0]?.message).toBe('Bitte geben Sie einen Grund an.');
    const res = await post(comms, url, { reason: REASON });
    expect(res.statusCode).toBe(200);
    const cancelled = res.json<ManualTask>();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledReason: REASON });
    expect(manualTaskResult(cancelled)).toEqual({
      status: 'failed',
      failure: { kind: 'rejected', reason: REASON, platformCode: null },
    });
    expect(
      (await post(comms, `/api/manual-tasks/${task.id}/complete`, { publishedUrl: POST_URL }))
        .statusCode,
    ).toBe(409);

    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_type', '=', 'manual_task')
      .execute();
    expect(audit.map((row) => row.action)).toContain('manual_task.cancelled');
    expect(audit.map((row) => row.action)).toContain('manual_task.completed');
    expect(audit.some((row) => row.summary.includes('abgesagt'))).toBe(false);
    expect(audit.some((row) => row.summary.includes('@'))).toBe(false);
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('lets the outbox create a task as the system, with its source', async () => {
    const task = await createManualTask(get().db, systemActor(), {
      channelId: xingElsewhere.id,
      title: 'Stellenanzeige',
      text: 'Wir suchen Verstärkung.',
      dueAt: new Date('2030-06-01T07:00:00Z'),
      source: { kind: 'outbox', ref: 'outbox-entry-1' },
    });
    expect(task).toMatchObject({
      source: { kind: 'outbox', ref: 'outbox-entry-1' },
      createdBy: null,
      mediaNotes: [],
      status: 'open',
    });
    await expect(
      createManualTask(get().db, systemActor(), {
        channelId: mastodon.id,
        title: 'x',
        text: 'y',
        dueAt: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });
});
