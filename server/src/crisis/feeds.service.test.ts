import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { dwdWarning } from '../../test/crisis-factories.ts';
import { buildUser } from '../../test/factories.ts';
import { buildZip } from '../../test/zip-factory.ts';
import { captureLogger } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { fixture } from './crisis.fixtures.ts';
import type { IntakeDeps } from './crisis.intake.ts';
import { ninaDetailsUrl, pollDueFeeds, pollFeedNow, saveFeed } from './feeds.service.ts';
import { watchIncidents } from './crisis.watch.ts';

/** A local feed server: each path answers what the test put there (status and body). */
const routes = new Map<string, { status: number; body: string | Buffer }>();

describeEachEngine('crisis feeds: polling, NINA details, failures; the watch job', (get) => {
  let server: ReturnType<typeof createServer>;
  let base = '';
  const { log, lines } = captureLogger();
  let clock = new Date();
  const deps = (): IntakeDeps => ({
    mailer: undefined,
    publicUrl: 'https://www.stuttgart.de',
    log,
    now: () => clock,
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const route = routes.get(request.url ?? '');
      response.writeHead(route?.status ?? 404, { 'content-type': 'application/octet-stream' });
      response.end(route?.body ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    await buildChannel(get().db, {
      platformId: (await buildPlatform(get().db, { key: 'mastodon' })).id,
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    routes.clear();
    clock = new Date();
  });

  const feed = async (kind: 'cap-xml' | 'bbk-json' | 'nina-dashboard', path: string) =>
    saveFeed(get().db, systemActor(), null, {
      name: `Quelle ${path}`,
      kind,
      url: `${base}${path}`,
      pollSeconds: 60,
      enabled: true,
    });

  it('polls a CAP XML feed into an incident and sees the same file again as a duplicate', async () => {
    routes.set('/dwd.xml', { status: 200, body: dwdWarning().xml });
    const source = await feed('cap-xml', '/dwd.xml');
    expect(await pollFeedNow(get().db, source.id, deps())).toMatchObject({
      ok: true,
      counts: { incident: 1 },
    });
    expect(await pollFeedNow(get().db, source.id, deps())).toMatchObject({
      ok: true,
      counts: { duplicate: 1 },
    });
  });

  it('reads the DWD form: a ZIP with one CAP file per message', async () => {
    routes.set('/dwd.zip', {
      status: 200,
      body: buildZip([
        { name: 'Z_CAP_C_EDZW_stuttgart.xml', text: dwdWarning().xml },
        { name: 'Z_CAP_C_EDZW_muenchen.xml', text: dwdWarning({ warnCellId: '809162000' }).xml },
        { name: 'liesmich.txt', text: 'kein CAP' },
      ]),
    });
    const source = await feed('cap-xml', '/dwd.zip');
    expect(await pollFeedNow(get().db, source.id, deps())).toMatchObject({
      ok: true,
      counts: { incident: 1, recorded: 1 },
    });
    routes.set('/kaputt.zip', { status: 200, body: Buffer.from('PK\u0003\u0004 abgeschnitten') });
    const broken = await feed('cap-xml', '/kaputt.zip');
    const result = await pollFeedNow(get().db, broken.id, deps());
    expect(result.ok).toBe(false);
    expect(result.error).toContain('ZIP');
  });

  it('reads a BBK feed item by item: one broken entry does not hide the others', async () => {
    routes.set('/mowas.json', { status: 200, body: fixture('mowas-feed-stuttgart.json') });
    const source = await feed('bbk-json', '/mowas.json');
    const result = await pollFeedNow(get().db, source.id, deps());
    expect(result.ok).toBe(true);
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('fetches NINA details next to the dashboard, once per version', async () => {
    expect(
      ninaDetailsUrl('https://warnung.bund.de/api31/dashboard/081110000000.json', 'mow.X-1'),
    ).toBe('https://warnung.bund.de/api31/warnings/mow.X-1.json');
    const dashboard = JSON.parse(fixture('nina-dashboard-stuttgart.json')) as { id: string }[];
    const first = dashboard[0];
    routes.set('/api31/dashboard/081110000000.json', {
      status: 200,
      body: JSON.stringify([first]),
    });
    routes.set(`/api31/warnings/${first?.id ?? ''}.json`, {
      status: 200,
      body: fixture('nina-details-mowas.json'),
    });
    const source = await feed('nina-dashboard', '/api31/dashboard/081110000000.json');
    const polled = await pollFeedNow(get().db, source.id, deps());
    // The BBK feed above already brought this warning (…-000 → -001 → -002 Cancel): NINA's
    // copy (version 2 of mow.…-001) joins that incident instead of opening a second one.
    expect(polled).toMatchObject({ ok: true, counts: { recorded: 1 } });
    const copies = await get()
      .db.selectFrom('crisis_messages')
      .select(['identifier', 'incident_id'])
      .where('identifier', 'in', [
        'DE-BW-S-SE018-20260314-18-000',
        'DE-BW-S-SE018-20260314-18-001#v2',
      ])
      .execute();
    expect(copies).toHaveLength(2);
    expect(new Set(copies.map((row) => row.incident_id)).size).toBe(1);
    routes.delete(`/api31/warnings/${first?.id ?? ''}.json`);
    // Same id and version: the details are not fetched again (they would 404 now).
    expect(await pollFeedNow(get().db, source.id, deps())).toMatchObject({ ok: true, counts: {} });
  });

  it('records an unreachable or failing feed with a German reason and never throws', async () => {
    routes.set('/kaputt.xml', { status: 503, body: '' });
    const failing = await feed('cap-xml', '/kaputt.xml');
    expect(await pollFeedNow(get().db, failing.id, deps())).toMatchObject({
      ok: false,
      error: 'Quelle antwortet mit HTTP 503',
    });
    routes.set('/muell.xml', { status: 200, body: '<rss><channel/></rss>' });
    const garbage = await feed('cap-xml', '/muell.xml');
    expect(await pollFeedNow(get().db, garbage.id, deps())).toMatchObject({
      ok: true,
      counts: { refused: 1 },
    });
    const row = await get()
      .db.selectFrom('crisis_feeds')
      .select(['last_error', 'last_ok_at'])
      .where('id', '=', failing.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error: 'Quelle antwortet mit HTTP 503', last_ok_at: null });
  });

  it('polls only feeds whose interval has passed', async () => {
    routes.set('/due.xml', { status: 200, body: dwdWarning().xml });
    await get().db.updateTable('crisis_feeds').set({ enabled: false }).execute();
    const source = await feed('cap-xml', '/due.xml');
    expect((await pollDueFeeds(get().db, deps())).map((r) => r.feedId)).toEqual([source.id]);
    expect(await pollDueFeeds(get().db, deps())).toEqual([]);
    clock = new Date(clock.getTime() + 61_000);
    expect((await pollDueFeeds(get().db, deps())).map((r) => r.feedId)).toEqual([source.id]);
  });

  it('drafts an all-clear when a warning expires and escalates approvals that stall', async () => {
    const sent = new Date(Date.now() - 3600_000);
    await buildUser(get().db, { roles: [{ role: 'crisis-approver' }] });
    routes.set('/expiring.xml', {
      status: 200,
      body: dwdWarning({ sent, expires: new Date(Date.now() + 60_000) }).xml,
    });
    routes.set('/lasting.xml', { status: 200, body: dwdWarning({ sent, expires: null }).xml });
    for (const path of ['/expiring.xml', '/lasting.xml']) {
      const source = await feed('cap-xml', path);
      expect(await pollFeedNow(get().db, source.id, deps())).toMatchObject({
        counts: { incident: 1 },
      });
    }
    await get().db.updateTable('crisis_settings').set({ approval_stall_minutes: 5 }).execute();
    clock = new Date(Date.now() + 6 * 60_000);
    const watched = await watchIncidents(get().db, deps());
    expect(watched.expired).toBeGreaterThanOrEqual(1);
    expect(watched.escalated).toBeGreaterThanOrEqual(1);
    const allClears = await get()
      .db.selectFrom('crisis_posts')
      .innerJoin('crisis_incidents', 'crisis_incidents.id', 'crisis_posts.incident_id')
      .select(['crisis_posts.kind', 'crisis_incidents.end_reason'])
      .where('crisis_incidents.end_reason', '=', 'expired')
      .execute();
    // Nothing was published for it, so no all-clear is drafted; the open draft is withdrawn.
    expect(allClears.every((row) => row.kind !== 'allclear')).toBe(true);
    expect(lines.some((line) => line.includes('Gefahr') || line.includes('@'))).toBe(false);
  });
});
