import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildChannel } from '../../test/registry-factories.ts';
import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { createContract } from '../registry/contracts.service.ts';
import { assignedChannelIdsForAgencyUser } from '../registry/processors.access.ts';
import { createProcessor, setProcessorMembers } from '../registry/processors.service.ts';
import { contractEndJob } from './contract-end.job.ts';
import type { JobContext } from './job.ts';
import { JOB_REGISTRY } from './jobs.registry.ts';

describeEachEngine('contract-end job', (get) => {
  let t: TestApp;
  let contractId: string;
  let leaving: { id: string; agent: Agent };
  let staying: { id: string; agent: Agent };
  let communicationsId: string;
  let channelId: string;
  const { log } = captureLogger();

  const contextAt = (iso: string): JobContext => ({
    db: get().db,
    config: t.ctx.config,
    log,
    now: () => new Date(iso),
  });
  const agencyUser = async () => {
    const user = await buildUser(get().db, { roles: [{ role: 'agency' }] });
    return { id: user.id, agent: await loginAs(t.app, user.email) };
  };
  const contractInput = (processorId: string, reference: string, endsOn: string | null) => ({
    processorId,
    reference,
    subjectMatter: 'Betreuung der Kanäle',
    duration: 'befristet',
    naturePurpose: 'Redaktion und Moderation',
    dataTypes: ['Nutzernamen'],
    subjectCategories: ['Nutzende der Kanäle'],
    subProcessors: [],
    startsOn: '2026-01-01',
    endsOn,
    channelIds: [channelId],
  });
  const sessionsOf = async (userId: string) =>
    (
      await get()
        .db.selectFrom('sessions')
        .select('id_hash')
        .where('user_id', '=', userId)
        .execute()
    ).length;

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    communicationsId = (await buildUser(db, { roles: [{ role: 'communications' }] })).id;
    channelId = (await buildChannel(db)).id;
    leaving = await agencyUser();
    staying = await agencyUser();
    const ending = await createProcessor(db, systemActor(), {
      name: 'Agentur A',
      address: 'Stuttgart',
      contactEmail: 'a@agentur.example',
    });
    const continuing = await createProcessor(db, systemActor(), {
      name: 'Agentur B',
      address: 'Stuttgart',
      contactEmail: 'b@agentur.example',
    });
    await setProcessorMembers(db, systemActor(), ending.id, [leaving.id, staying.id]);
    await setProcessorMembers(db, systemActor(), continuing.id, [staying.id]);
    contractId = (
      await createContract(db, systemActor(), contractInput(ending.id, 'AVV-A-1', '2030-03-31'))
    ).id;
    await createContract(db, systemActor(), contractInput(continuing.id, 'AVV-B-1', null));
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('does nothing while the last day of the contract lasts in Berlin', async () => {
    const outcome = await contractEndJob.handle({}, contextAt('2030-03-31T21:30:00Z'));
    expect(outcome).toMatchObject({ status: 'done', detail: { ended: 0 } });
    expect(await sessionsOf(leaving.id)).toBe(1);
  });

  it('ends the contract: logs out members without another valid contract, audits, notifies', async () => {
    const now = '2030-03-31T22:05:00Z';
    const outcome = await contractEndJob.handle({}, contextAt(now));
    expect(outcome).toEqual({
      status: 'done',
      detail: { ended: 1, accountsLoggedOut: 1, notifications: 1, mailsSent: 0 },
    });
    expect(await sessionsOf(leaving.id)).toBe(0);
    expect(await sessionsOf(staying.id)).toBe(1);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/registry/channels',
      headers: leaving.agent.headers(),
    });
    expect(refused.statusCode).toBe(401);
    // The other contract still covers the channel for the member who stays.
    expect(await assignedChannelIdsForAgencyUser(get().db, staying.id, new Date(now))).toEqual([
      channelId,
    ]);
    expect(await assignedChannelIdsForAgencyUser(get().db, leaving.id, new Date(now))).toEqual([]);

    const row = await get()
      .db.selectFrom('processor_contracts')
      .select('ended_processed_at')
      .where('id', '=', contractId)
      .executeTakeFirstOrThrow();
    expect(row.ended_processed_at?.toISOString()).toBe('2030-03-31T22:05:00.000Z');
    const audit = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'processor_contract.ended')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: null,
      actor_role: 'system',
      object_type: 'processor_contract',
      object_id: contractId,
      summary: 'Vertrag AVV-A-1 zum 2030-03-31 beendet; Zugänge von 1 Agentur-Konten beendet',
    });
    expect(JSON.stringify(audit)).not.toContain('Agentur A');
    expect((await verifyAuditChain(get().db)).ok).toBe(true);

    const notes = await get()
      .db.selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'processor_contract.ended')
      .execute();
    expect(notes.map((n) => n.user_id)).toEqual([communicationsId]);
    expect(notes[0]?.title).toBe('Auftragsverarbeitungsvertrag AVV-A-1 beendet');
    expect(notes[0]?.body).toContain('31.03.2030');
  });

  it('is idempotent: a second run finds nothing to do and records nothing', async () => {
    const before = await get().db.selectFrom('audit_log').select('id').execute();
    const outcome = await contractEndJob.handle({}, contextAt('2030-04-02T06:00:00Z'));
    expect(outcome).toMatchObject({ status: 'done', detail: { ended: 0, notifications: 0 } });
    const after = await get().db.selectFrom('audit_log').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('runs through the registry as a scheduled task', async () => {
    const job = JOB_REGISTRY.find((j) => j.name === 'registry.contract-end');
    expect(job?.cron).toBe('5 0 * * *');
    expect(await job?.run({}, contextAt('2030-04-03T06:00:00Z'))).toMatchObject({ status: 'done' });
  });
});
