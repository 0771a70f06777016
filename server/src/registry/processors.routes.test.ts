import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { addDays, calendarDate } from '../shared/calendar.ts';
import type { Role } from '../shared/enum.ts';
import { listContracts } from './contracts.service.ts';
import { assignedChannelIdsForAgencyUser } from './processors.access.ts';
import type { Contract, Processor } from './processors.schema.ts';

interface ErrorBody {
  code: string;
  details?: { path: string; message: string }[];
}

const AGENCY_NAME = 'Pixelwerk Kommunikation GmbH';
const AGENCY_EMAIL = 'kontakt@pixelwerk.example';

function contractBody(processorId: string, overrides: Record<string, unknown> = {}) {
  return {
    processorId,
    reference: `AVV-${Math.random().toString(36).slice(2, 8)}`,
    subjectMatter: 'Betreuung der Social-Media-Kanäle',
    duration: 'Laufzeit des Hauptvertrags',
    naturePurpose: 'Erstellung und Veröffentlichung von Beiträgen, Moderation von Kommentaren',
    dataTypes: ['Nutzernamen', 'Kommentarinhalte'],
    subjectCategories: ['Nutzerinnen und Nutzer der Kanäle'],
    subProcessors: [{ name: 'Cloud GmbH', location: 'Deutschland', purpose: 'Hosting' }],
    startsOn: '2026-01-01',
    endsOn: null,
    channelIds: [],
    ...overrides,
  };
}

describeEachEngine('processors and contracts (Art. 28)', (get) => {
  let t: TestApp;
  let admin: Agent;
  let unitId: string;
  const today = calendarDate(new Date());

  const agentWith = async (role: Role, orgUnitId: string | null = null) => {
    const user = await buildUser(get().db, { roles: [{ role, orgUnitId }] });
    return { id: user.id, agent: await loginAs(t.app, user.email) };
  };
  const createProcessor = async (): Promise<Processor> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/registry/processors',
      headers: admin.headers(),
      payload: {
        name: AGENCY_NAME,
        address: 'Königstraße 1, 70173 Stuttgart',
        contactEmail: AGENCY_EMAIL,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<Processor>();
  };
  const createContract = async (payload: Record<string, unknown>): Promise<Contract> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/registry/contracts',
      headers: admin.headers(),
      payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Contract>();
  };

  beforeAll(async () => {
    t = await createTestApp(get());
    unitId = (await buildOrgUnit(get().db)).id;
    admin = (await agentWith('communications')).agent;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('creates a processor, sets agency members and audits without names or e-mail addresses', async () => {
    const processor = await createProcessor();
    expect(processor).toMatchObject({
      name: AGENCY_NAME,
      contactEmail: AGENCY_EMAIL,
      memberUserIds: [],
    });
    const member = await buildUser(get().db, { roles: [{ role: 'agency' }] });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processor.id}/members`,
      headers: admin.headers(),
      payload: { userIds: [member.id, member.id] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Processor>().memberUserIds).toEqual([member.id]);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/processors/${processor.id}`,
      headers: admin.headers(),
      payload: { address: 'Schlossplatz 2, 70173 Stuttgart' },
    });
    expect(patched.json<Processor>()).toMatchObject({
      address: 'Schlossplatz 2, 70173 Stuttgart',
      memberUserIds: [member.id],
    });

    const entries = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', processor.id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.action)).toEqual([
      'processor.created',
      'processor.members_set',
      'processor.updated',
    ]);
    const serialized = JSON.stringify(entries);
    expect(serialized).not.toContain('Pixelwerk');
    expect(serialized).not.toContain(AGENCY_EMAIL);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/registry/processors/${processor.id}/revisions`,
      headers: admin.headers(),
    });
    expect(history.json<{ items: unknown[] }>().items).toHaveLength(3);
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('accepts only accounts with the agency role as members', async () => {
    const processor = await createProcessor();
    const agency = await buildUser(get().db, { roles: [{ role: 'agency' }] });
    const editor = await buildUser(get().db, {
      roles: [{ role: 'department-editor', orgUnitId: unitId }],
    });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processor.id}/members`,
      headers: admin.headers(),
      payload: { userIds: [agency.id, editor.id] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>()).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'userIds.1' }],
    });
    const unknown = await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processor.id}/members`,
      headers: admin.headers(),
      payload: { userIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknown.json<ErrorBody>().details?.[0]?.path).toBe('userIds.0');
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/registry/processors/00000000-0000-4000-8000-000000000000/members',
      headers: admin.headers(),
      payload: { userIds: [] },
    });
    expect(missing.statusCode).toBe(404);
  });

  it('validates contracts: dates, channels, processor, unique reference', async () => {
    const processor = await createProcessor();
    const channel = await buildChannel(get().db, { orgUnitId: unitId });
    const post = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/registry/contracts',
        headers: admin.headers(),
        payload,
      });

    const backwards = await post(
      contractBody(processor.id, { startsOn: '2026-06-01', endsOn: '2026-05-31' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<ErrorBody>().details).toEqual([
      { path: 'endsOn', message: 'Das Vertragsende darf nicht vor dem Vertragsbeginn liegen.' },
    ]);
    const badDate = await post(contractBody(processor.id, { startsOn: '2026-02-30' }));
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<ErrorBody>().details?.[0]?.path).toBe('startsOn');
    const unknownChannel = await post(
      contractBody(processor.id, {
        channelIds: [channel.id, '00000000-0000-4000-8000-000000000000'],
      }),
    );
    expect(unknownChannel.statusCode).toBe(400);
    expect(unknownChannel.json<ErrorBody>().details?.[0]?.path).toBe('channelIds.1');
    const unknownProcessor = await post(contractBody('00000000-0000-4000-8000-000000000000'));
    expect(unknownProcessor.json<ErrorBody>().details?.[0]?.path).toBe('processorId');
    const extra = await post({ ...contractBody(processor.id), secret: true });
    expect(extra.statusCode).toBe(400);
    const empty = await post(contractBody(processor.id, { dataTypes: [] }));
    expect(empty.json<ErrorBody>().details?.[0]).toEqual({
      path: 'dataTypes',
      message: 'Bitte mindestens eine Datenart angeben.',
    });

    const contract = await createContract(
      contractBody(processor.id, { reference: 'AVV-2026-7', channelIds: [channel.id] }),
    );
    expect(contract).toMatchObject({
      reference: 'AVV-2026-7',
      channelIds: [channel.id],
      endsOn: null,
    });
    const duplicate = await post(contractBody(processor.id, { reference: 'avv-2026-7' }));
    expect(duplicate.statusCode).toBe(409);

    // The merged dates are checked on change too.
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/contracts/${contract.id}`,
      headers: admin.headers(),
      payload: { endsOn: '2025-12-31' },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json<ErrorBody>().details?.[0]?.path).toBe('endsOn');
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_id', '=', contract.id)
      .execute();
    expect(audit).toEqual([
      { action: 'processor_contract.created', summary: 'Vertrag AVV-2026-7 angelegt (1 Kanäle)' },
    ]);
  });

  it('lets only communications change processors and contracts', async () => {
    const processor = await createProcessor();
    const contract = await createContract(contractBody(processor.id));
    for (const role of ['agency', 'department-editor', 'dpo', 'online-team'] as const) {
      const { agent } = await agentWith(role, role === 'department-editor' ? unitId : null);
      const attempts = [
        {
          method: 'POST' as const,
          url: '/api/registry/processors',
          payload: { name: 'X', address: 'Y', contactEmail: 'x@example.org' },
        },
        {
          method: 'PATCH' as const,
          url: `/api/registry/processors/${processor.id}`,
          payload: { name: 'X' },
        },
        {
          method: 'PUT' as const,
          url: `/api/registry/processors/${processor.id}/members`,
          payload: { userIds: [] },
        },
        {
          method: 'POST' as const,
          url: '/api/registry/contracts',
          payload: contractBody(processor.id),
        },
        {
          method: 'PATCH' as const,
          url: `/api/registry/contracts/${contract.id}`,
          payload: { duration: 'X' },
        },
      ];
      for (const attempt of attempts) {
        const res = await t.app.inject({ ...attempt, headers: agent.headers() });
        expect(res.statusCode, `${role} ${attempt.method} ${attempt.url}`).toBe(403);
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/registry/processors' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('shows an agency only its own processor and contracts; department editors none', async () => {
    const own = await createProcessor();
    const other = await createProcessor();
    await createContract(contractBody(own.id));
    await createContract(contractBody(other.id));
    const { id: agencyId, agent: agency } = await agentWith('agency');
    await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${own.id}/members`,
      headers: admin.headers(),
      payload: { userIds: [agencyId] },
    });
    const processors = await t.app.inject({
      method: 'GET',
      url: '/api/registry/processors',
      headers: agency.headers(),
    });
    expect(processors.json<{ items: Processor[] }>().items.map((p) => p.id)).toEqual([own.id]);
    const contracts = await t.app.inject({
      method: 'GET',
      url: '/api/registry/contracts',
      headers: agency.headers(),
    });
    expect(
      new Set(contracts.json<{ items: Contract[] }>().items.map((c) => c.processorId)),
    ).toEqual(new Set([own.id]));
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/registry/processors/${other.id}/revisions`,
      headers: agency.headers(),
    });
    expect(foreign.statusCode).toBe(404);

    const { agent: editor } = await agentWith('department-editor', unitId);
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/registry/processors',
      headers: editor.headers(),
    });
    expect(none.json<{ items: Processor[] }>().items).toEqual([]);
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/registry/contracts?processorId=${other.id}`,
      headers: admin.headers(),
    });
    expect(all.json<{ items: Contract[] }>().items.every((c) => c.processorId === other.id)).toBe(
      true,
    );
    expect(all.json<{ items: Contract[] }>().items).toHaveLength(1);
  });

  it('gives an agency user exactly the channels of a valid contract, and none once it ended', async () => {
    const platform = await buildPlatform(get().db);
    const [a, b, c] = [
      await buildChannel(get().db, { platformId: platform.id, orgUnitId: unitId }),
      await buildChannel(get().db, { platformId: platform.id, orgUnitId: unitId }),
      await buildChannel(get().db, { platformId: platform.id, orgUnitId: unitId }),
    ];
    const processor = await createProcessor();
    const { id: agencyId, agent: agency } = await agentWith('agency');
    await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processor.id}/members`,
      headers: admin.headers(),
      payload: { userIds: [agencyId] },
    });
    const visible = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/registry/channels',
        headers: agency.headers(),
      });
      expect(res.statusCode).toBe(200);
      return res
        .json<{ items: { id: string }[] }>()
        .items.map((ch) => ch.id)
        .sort();
    };
    expect(await visible()).toEqual([]);

    const contract = await createContract(
      contractBody(processor.id, {
        startsOn: addDays(today, -30),
        endsOn: addDays(today, 30),
        channelIds: [a.id, b.id],
      }),
    );
    expect(contract.status).toBe('active');
    expect(await visible()).toEqual([a.id, b.id].sort());
    const single = await t.app.inject({
      method: 'GET',
      url: `/api/registry/channels/${c.id}`,
      headers: agency.headers(),
    });
    expect(single.statusCode).toBe(404);

    const ended = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/contracts/${contract.id}`,
      headers: admin.headers(),
      payload: { endsOn: addDays(today, -1) },
    });
    expect(ended.json<Contract>().status).toBe('ended');
    expect(await visible()).toEqual([]);
  });

  it('decides validity by the calendar day in Europe/Berlin (controllable clock)', async () => {
    const channel = await buildChannel(get().db, { orgUnitId: unitId });
    const processor = await createProcessor();
    const { id: agencyId } = await agentWith('agency');
    await t.app.inject({
      method: 'PUT',
      url: `/api/registry/processors/${processor.id}/members`,
      headers: admin.headers(),
      payload: { userIds: [agencyId] },
    });
    await createContract(
      contractBody(processor.id, {
        startsOn: '2030-03-01',
        endsOn: '2030-03-31',
        channelIds: [channel.id],
      }),
    );
    const at = (iso: string) => assignedChannelIdsForAgencyUser(get().db, agencyId, new Date(iso));
    // 23:30 UTC on 28 Feb is already 1 March in Berlin (UTC+1).
    expect(await at('2030-02-28T22:59:00Z')).toEqual([]);
    expect(await at('2030-02-28T23:30:00Z')).toEqual([channel.id]);
    // Summer time from 31 March: the last day ends at 22:00 UTC.
    expect(await at('2030-03-31T21:59:00Z')).toEqual([channel.id]);
    expect(await at('2030-03-31T22:00:00Z')).toEqual([]);

    const reader = { id: agencyId, roles: [{ role: 'agency' as const, orgUnitId: null }] };
    const statusAt = async (iso: string) =>
      (await listContracts(get().db, reader, processor.id, new Date(iso))).map((c) => c.status);
    expect(await statusAt('2030-02-15T12:00:00Z')).toEqual(['future']);
    expect(await statusAt('2030-03-15T12:00:00Z')).toEqual(['active']);
    expect(await statusAt('2030-04-01T12:00:00Z')).toEqual(['ended']);
  });
});
