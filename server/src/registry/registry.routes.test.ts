import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import { STUTTGART_CHANNELS, STUTTGART_PLATFORMS } from '../seed/stuttgart-registry.data.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import type { Role } from '../shared/enum.ts';
import { readChannelCredentials } from './channels.service.ts';
import type { Channel, Platform } from './registry.schema.ts';

describeEachEngine('registry: platforms and channels', (get) => {
  let t: TestApp;
  let comms: Agent;
  let dpo: Agent;
  let platforms: Platform[];

  const agent = async (role: Role, orgUnitId: string | null = null) =>
    loginAs(t.app, (await buildUser(get().db, { roles: [{ role, orgUnitId }] })).email);

  beforeAll(async () => {
    expect(await seedStuttgartRegistry(get().db)).toBe(true);
    expect(await seedStuttgartRegistry(get().db)).toBe(false);
    t = await createTestApp(get());
    comms = await agent('communications');
    dpo = await agent('dpo');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/registry/platforms',
      headers: comms.headers(),
    });
    platforms = res.json<{ items: Platform[] }>().items;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const platformByKey = (key: string) => {
    const found = platforms.find((p) => p.key === key);
    if (found === undefined) {
      throw new Error(`no platform ${key}`);
    }
    return found;
  };

  it('seeds the eight platforms of the concept with its purposes word for word', () => {
    expect(platforms.map((p) => p.key).sort()).toEqual([
      'facebook',
      'instagram',
      'linkedin',
      'mastodon',
      'tiktok',
      'x',
      'xing',
      'youtube',
    ]);
    expect(platformByKey('x').purposes[0]?.text).toBe('Krisenkommunikation');
    expect(platformByKey('tiktok').necessity.reasoning).toContain(
      'Spezifische Reichweite in der Altersgruppe unter 30 Jahren',
    );
    expect(platformByKey('facebook').jointControllership?.forwardingDeadlineDays).toBe(7);
    expect(platformByKey('facebook').purposes[1]?.legalBasis).toEqual({
      gdpr: 'Art. 6 Abs. 1 lit. e DSGVO',
      national: '§ 4 LDSG BW',
    });
    expect(platforms.every((p) => p.dpia?.status === 'in-review')).toBe(true);
    expect(STUTTGART_PLATFORMS).toHaveLength(8);
  });

  it('validates transfers: DPF needs a US recipient and a check date, SCC a module', async () => {
    const id = platformByKey('youtube').id;
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/platforms/${id}`,
      headers: comms.headers(),
      payload: {
        transfers: [
          { country: 'CN', basis: 'eu-us-dpf', dpfCheckedOn: null, sccModule: null, notes: null },
          {
            country: 'us',
            basis: 'scc-2021-914',
            dpfCheckedOn: null,
            sccModule: null,
            notes: null,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json<{ details: { path: string }[] }>()
      .details.map((d) => d.path)
      .sort();
    expect(paths).toEqual([
      'transfers.0.country',
      'transfers.0.dpfCheckedOn',
      'transfers.1.country',
      'transfers.1.sccModule',
    ]);
  });

  it('lets only communications edit, keeps history, and lets the dpo sign off the DSFA', async () => {
    const platform = platformByKey('mastodon');
    const editor = await agent(
      'department-editor',
      (await findOrgUnitByCode(get().db, 'AMT41'))?.id ?? null,
    );
    for (const who of [dpo, editor, await agent('online-team')]) {
      const denied = await t.app.inject({
        method: 'PATCH',
        url: `/api/registry/platforms/${platform.id}`,
        headers: who.headers(),
        payload: { storagePeriods: 'anders' },
      });
      expect(denied.statusCode).toBe(403);
    }
    const signOffByComms = await t.app.inject({
      method: 'POST',
      url: `/api/registry/platforms/${platform.id}/dpia-sign-off`,
      headers: comms.headers(),
    });
    expect(signOffByComms.statusCode).toBe(403);
    const signed = await t.app.inject({
      method: 'POST',
      url: `/api/registry/platforms/${platform.id}/dpia-sign-off`,
      headers: dpo.headers(),
    });
    expect(signed.json<Platform>()).toMatchObject({
      dpia: { status: 'signed-off' },
      dpiaSignOff: { signedOffByName: 'Test Person' },
    });
    const dpia = signed.json<Platform>().dpia;
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/registry/platforms/${platform.id}`,
      headers: comms.headers(),
      payload: { dpia: { ...dpia, version: '1.1', status: 'in-review' } },
    });
    expect(changed.json<Platform>().dpiaSignOff).toBeNull();
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/registry/platforms/${platform.id}/revisions`,
      headers: dpo.headers(),
    });
    const items = history.json<{ items: { snapshot: Platform }[] }>().items;
    expect(items.map((i) => i.snapshot.dpia?.version)).toEqual(['1.1', '1.0', '1.0']);
  });

  it('scopes channels: central roles see all, a department editor only their unit', async () => {
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/registry/channels',
      headers: dpo.headers(),
    });
    expect(all.json<{ items: Channel[] }>().items).toHaveLength(STUTTGART_CHANNELS.length);
    const personalamt = await findOrgUnitByCode(get().db, 'AMT10');
    const editor = await agent('department-editor', personalamt?.id ?? null);
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/registry/channels',
      headers: editor.headers(),
    });
    const ownItems = own.json<{ items: Channel[] }>().items;
    expect(ownItems.map((c) => c.name)).toEqual([
      'Landeshauptstadt Stuttgart – Karriere',
      'Landeshauptstadt Stuttgart – Karriere',
    ]);
    const foreign = all
      .json<{ items: Channel[] }>()
      .items.find((c) => c.orgUnitId !== personalamt?.id);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/registry/channels/${foreign?.id ?? ''}`,
      headers: editor.headers(),
    });
    expect(hidden.statusCode).toBe(404);
    const agency = await agent('agency');
    const none = await t.app.inject({
      method: 'GET',
      url: '/api/registry/channels',
      headers: agency.headers(),
    });
    expect(none.json<{ items: Channel[] }>().items).toEqual([]);
  });

  it('creates a channel with validation and a duplicate check', async () => {
    const unit = await findOrgUnitByCode(get().db, 'AMT37');
    const body = {
      platformId: platformByKey('x').id,
      name: 'Feuerwehr Stuttgart',
      handle: '@feuerwehr_stuttgart',
      url: 'https://x.com/feuerwehr_stuttgart',
      orgUnitId: unit?.id,
      responsibleUserIds: [],
      goals: ['krisenkommunikation'],
      status: 'planned',
      selfPublishing: false,
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/registry/channels',
      headers: comms.headers(),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/registry/channels',
      headers: comms.headers(),
      payload: { ...body, handle: '@FEUERWEHR_STUTTGART' },
    });
    expect(duplicate.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/registry/channels',
      headers: comms.headers(),
      payload: { ...body, handle: 'x2', goals: ['werbung'], url: 'javascript:alert(1)' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ details: { path: string }[] }>()
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['goals.0', 'url']);
  });

  it('stores credentials encrypted and never returns them', async () => {
    const channel = (
      await t.app.inject({ method: 'GET', url: '/api/registry/channels', headers: comms.headers() })
    ).json<{ items: Channel[] }>().items[0];
    const secret = 'sehr-geheimes-token-12345';
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/registry/channels/${channel?.id ?? ''}/credentials`,
      headers: comms.headers(),
      payload: { credentials: { accessToken: secret } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(secret);
    expect(res.json<Channel>().hasCredentials).toBe(true);
    const row = await get()
      .db.selectFrom('channels')
      .select('credentials_encrypted')
      .where('id', '=', channel?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.credentials_encrypted).not.toContain(secret);
    expect(await readChannelCredentials(get().db, channel?.id ?? '', t.ctx.encryptionKeys)).toEqual(
      { accessToken: secret },
    );
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'channel.credentials_set')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('records a manual profile-notice check with date and person', async () => {
    const channel = (
      await t.app.inject({ method: 'GET', url: '/api/registry/channels', headers: comms.headers() })
    ).json<{ items: Channel[] }>().items[1];
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel?.id ?? ''}/profile-notice`,
      headers: comms.headers(),
      payload: { privacyPolicyLinked: true, imprintLinked: false },
    });
    expect(res.json<Channel>().profileNotice).toMatchObject({
      privacyPolicyLinked: true,
      imprintLinked: false,
      method: 'manual',
    });
  });
});
