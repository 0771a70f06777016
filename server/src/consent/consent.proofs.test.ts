import { randomBytes } from 'node:crypto';

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import { ProofBatch } from './consent.batch.ts';
import type { ConsentProof, ConsentStats, ProofBody } from './consent.schema.ts';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const VERSION_A = hex(32);
const VERSION_B = hex(32);

const proof = (overrides: Partial<ProofBody> = {}): ProofBody => ({
  id: hex(16),
  configVersion: VERSION_A,
  choices: { youtube: true, instagram: false, matomo: false },
  at: new Date().toISOString(),
  ...overrides,
});

describeEachEngine('website consent proofs', (get) => {
  let t: TestApp;
  let comms: Agent;
  let dpo: Agent;
  let agency: Agent;

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    await seedStuttgartRegistry(db);
    comms = await loginAs(t.app, (await buildUser(db)).email);
    dpo = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'dpo' }] })).email);
    agency = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'agency' }] })).email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const send = (
    body: string,
    options: { contentType?: string; ip?: string; app?: TestApp['app'] } = {},
  ) =>
    (options.app ?? t.app).inject({
      method: 'POST',
      url: '/api/consent/proofs',
      headers: { 'content-type': options.contentType ?? 'text/plain' },
      remoteAddress: options.ip ?? '198.51.100.1',
      payload: body,
    });
  const lookup = (visitorId: string, agent: Agent = dpo) =>
    t.app.inject({
      method: 'GET',
      url: `/api/consent/proofs?visitorId=${visitorId}`,
      headers: agent.headers(),
    });

  it('accepts the widget’s text/plain proof and stores it without IP address or user agent', async () => {
    const sent = proof();
    const ip = '203.0.113.77';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/consent/proofs',
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'user-agent': 'Mozilla/5.0 (Testbrowser Kennung-XYZ)',
      },
      remoteAddress: ip,
      payload: JSON.stringify(sent),
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');

    const found = await lookup(sent.id);
    expect(found.statusCode).toBe(200);
    const items = found.json<{ items: ConsentProof[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ configVersion: VERSION_A, choices: sent.choices });
    expect(items[0]?.decidedAt).toBe(sent.at);

    const columns = await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_name = 'consent_proofs'`.execute(
      get().db,
    );
    expect(columns.rows.map((column) => column.column_name).sort()).toEqual(
      ['choices', 'config_version', 'decided_at', 'id', 'received_at', 'visitor_id'].sort(),
    );
    const row = await get()
      .db.selectFrom('consent_proofs')
      .selectAll()
      .where('visitor_id', '=', sent.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(ip);
    expect(JSON.stringify(row)).not.toContain('Testbrowser');

    const log = t.logLines.join('\n');
    // The lookup above is logged by path; its query (the id) is not, nor the proof's body or IP.
    expect(log).toContain('"path":"/api/consent/proofs"');
    expect(log).not.toContain(ip);
    expect(log).not.toContain(sent.id);
    expect(log).not.toContain('Testbrowser');
    expect(log).not.toContain('configVersion');
  });

  it('accepts application/json too', async () => {
    const sent = proof({ choices: { mastodon: true } });
    const res = await send(JSON.stringify(sent), { contentType: 'application/json' });
    expect(res.statusCode).toBe(204);
    expect((await lookup(sent.id)).json<{ items: ConsentProof[] }>().items).toHaveLength(1);
  });

  it('refuses invalid proofs with validation_failed', async () => {
    const invalid: unknown[] = [
      { ...proof(), id: 'ABCDEF' },
      { ...proof(), id: hex(16).toUpperCase().replace(/[0-9]/g, 'G') },
      { ...proof(), configVersion: hex(16) },
      { ...proof(), choices: { youtube: 'ja' } },
      { ...proof(), choices: { xing: true } },
      { ...proof(), at: 'gestern' },
      { ...proof(), ip: '203.0.113.1' },
      { id: hex(16), configVersion: VERSION_A, choices: {} },
    ];
    for (const body of invalid) {
      const res = await send(JSON.stringify(body), { ip: '198.51.100.2' });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('validation_failed');
    }
    const broken = await send('{"id":', { ip: '198.51.100.2' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ code: string }>().code).toBe('invalid_json');
    const large = await send(JSON.stringify({ ...proof(), pad: 'x'.repeat(5000) }), {
      ip: '198.51.100.2',
    });
    expect(large.statusCode).toBe(413);
    // text/plain reaches this route only: elsewhere the API still takes JSON alone.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: '{"email":"a@b.de","password":"x"}',
    });
    expect(login.statusCode).toBe(415);
  });

  it('answers 429 after 60 proofs a minute from one address', async () => {
    const ip = '198.51.100.60';
    for (let i = 0; i < 60; i += 1) {
      expect((await send(JSON.stringify(proof()), { ip })).statusCode).toBe(204);
    }
    const limited = await send(JSON.stringify(proof()), { ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ code: string }>().code).toBe('rate_limited');
    expect((await send(JSON.stringify(proof()), { ip: '198.51.100.61' })).statusCode).toBe(204);
    expect(t.logLines.join('\n')).not.toContain(ip);
  });

  it('looks proofs up by id for consent.read only', async () => {
    const visitor = hex(16);
    await send(JSON.stringify(proof({ id: visitor, choices: { youtube: false } })));
    await send(
      JSON.stringify(proof({ id: visitor, configVersion: VERSION_B, choices: { youtube: true } })),
    );
    const items = (await lookup(visitor, comms)).json<{ items: ConsentProof[] }>().items;
    expect(items.map((item) => item.choices.youtube)).toEqual([false, true]);
    expect((await lookup(visitor, agency)).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/consent/proofs?visitorId=${visitor}`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await lookup('kein-hex')).statusCode).toBe(400);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'consent.proofs-looked-up')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(visitor);
  });

  it('erases every proof of an id on request (Art. 17), for consent.manage only', async () => {
    const visitor = hex(16);
    await send(JSON.stringify(proof({ id: visitor })));
    await send(JSON.stringify(proof({ id: visitor, configVersion: VERSION_B })));
    const erase = (agent: Agent) =>
      t.app.inject({
        method: 'DELETE',
        url: `/api/consent/proofs?visitorId=${visitor}`,
        headers: agent.headers(),
      });
    expect((await erase(dpo)).statusCode).toBe(403);
    const erased = await erase(comms);
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toEqual({ deleted: 2 });
    expect((await lookup(visitor)).json<{ items: ConsentProof[] }>().items).toEqual([]);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'consent.proofs-erased')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(visitor);
  });

  it('reports counts per service and per config version, counts only', async () => {
    await get().db.deleteFrom('consent_proofs').execute();
    const visitor = hex(16);
    await send(JSON.stringify(proof({ id: visitor, choices: { youtube: true, matomo: false } })));
    await send(JSON.stringify(proof({ choices: { youtube: false, matomo: false } })));
    await send(JSON.stringify(proof({ configVersion: VERSION_B, choices: { youtube: true } })));
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/consent/stats', headers: agency.headers() }))
        .statusCode,
    ).toBe(403);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/consent/stats',
      headers: dpo.headers(),
    });
    expect(res.statusCode).toBe(200);
    const stats = res.json<ConsentStats>();
    expect(stats.total).toBe(3);
    expect(stats.services).toEqual([
      { id: 'matomo', accepted: 0, refused: 2 },
      { id: 'youtube', accepted: 2, refused: 1 },
    ]);
    expect(stats.versions).toEqual(
      [
        { configVersion: VERSION_A, count: 2 },
        { configVersion: VERSION_B, count: 1 },
      ].sort((a, b) => (a.configVersion < b.configVersion ? -1 : 1)),
    );
    expect(res.body).not.toContain(visitor);
  });

  it('writes pending proofs when the app closes', async () => {
    const other = await createTestApp(get());
    const sent = proof();
    expect((await send(JSON.stringify(sent), { app: other.app })).statusCode).toBe(204);
    await other.app.close();
    const rows = await get()
      .db.selectFrom('consent_proofs')
      .select('visitor_id')
      .where('visitor_id', '=', sent.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('batches: nothing is written before the interval, one INSERT at the size limit', async () => {
    const { log } = captureLogger();
    const batch = new ProofBatch(get().db, log, { flushMs: 60_000, maxItems: 3 });
    const version = hex(32);
    const count = async () =>
      (
        await get()
          .db.selectFrom('consent_proofs')
          .select('id')
          .where('config_version', '=', version)
          .execute()
      ).length;
    batch.add(proof({ configVersion: version }));
    batch.add(proof({ configVersion: version }));
    expect(batch.size).toBe(2);
    expect(await count()).toBe(0);
    batch.add(proof({ configVersion: version }));
    expect(batch.size).toBe(0);
    await batch.flush();
    expect(await count()).toBe(3);
    batch.add(proof({ configVersion: version }));
    await batch.flush();
    expect(await count()).toBe(4);
  });
});
