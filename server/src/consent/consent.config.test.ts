import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import { canonicalJson, configVersion } from './consent.config.ts';
import type { ConsentSettings, WidgetConfig } from './consent.schema.ts';
import { widgetScriptSource } from './consent.script.ts';

describeEachEngine('website consent widget: config, settings, script, demo', (get) => {
  let t: TestApp;
  let comms: Agent;
  let onlineTeam: Agent;
  let dpo: Agent;
  let agency: Agent;

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    await seedStuttgartRegistry(db);
    comms = await loginAs(t.app, (await buildUser(db)).email);
    onlineTeam = await loginAs(
      t.app,
      (await buildUser(db, { roles: [{ role: 'online-team' }] })).email,
    );
    dpo = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'dpo' }] })).email);
    agency = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'agency' }] })).email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const readConfig = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget/config.json' });
    expect(res.statusCode).toBe(200);
    return { res, config: res.json<WidgetConfig>() };
  };
  const saveSettings = (agent: Agent, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/consent/settings',
      headers: agent.headers(),
      payload,
    });

  it('builds the config from the seeded registry, with the hash of its canonical JSON', async () => {
    const { res, config } = await readConfig();
    expect(config.services.map((service) => service.id)).toEqual([
      'youtube',
      'instagram',
      'facebook',
      'x',
      'mastodon',
      'tiktok',
      'linkedin',
    ]);
    expect(config.services[0]).toEqual({
      id: 'youtube',
      name: 'YouTube',
      operator: expect.stringContaining('Google') as string,
      privacyPolicyUrl: 'https://policies.google.com/privacy',
      embed: 'video',
    });
    expect(config.privacyNoticeUrl).toBe('https://www.stuttgart.de/datenschutz');
    expect(config.imprintUrl).toBe('https://www.stuttgart.de/impressum');
    expect(config.proofUrl).toBe(`${t.ctx.config.publicUrl}/api/consent/proofs`);
    expect(config.matomo).toBeUndefined();
    const { version, ...rest } = config;
    expect(version).toMatch(/^[0-9a-f]{64}$/);
    expect(version).toBe(createHash('sha256').update(canonicalJson(rest)).digest('hex'));
    expect(res.headers.etag).toBe(`"${version}"`);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const again = await t.app.inject({
      method: 'GET',
      url: '/widget/config.json',
      headers: { 'if-none-match': `"${version}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('hashes canonically: key order does not matter, content does', () => {
    const base = { services: [], privacyNoticeUrl: 'https://a.example/', imprintUrl: 'https://b' };
    expect(
      configVersion({
        imprintUrl: 'https://b',
        services: [],
        privacyNoticeUrl: 'https://a.example/',
      }),
    ).toBe(configVersion(base));
    expect(configVersion({ ...base, imprintUrl: 'https://c' })).not.toBe(configVersion(base));
  });

  it('lets communications change the settings, audited, and the version changes with them', async () => {
    const before = (await readConfig()).config;
    const settings = await t.app.inject({
      method: 'GET',
      url: '/api/consent/settings',
      headers: onlineTeam.headers(),
    });
    expect(settings.statusCode).toBe(200);
    expect(settings.json<ConsentSettings>()).toMatchObject({
      matomo: null,
      proofRetentionDays: 1095,
    });
    expect((await saveSettings(onlineTeam, {})).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/consent/settings', headers: dpo.headers() }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/consent/settings',
          headers: agency.headers(),
        })
      ).statusCode,
    ).toBe(403);

    const saved = await saveSettings(comms, {
      services: ['mastodon', 'youtube', 'instagram'],
      matomo: { url: 'https://matomo.stuttgart.example/', siteId: '7', mode: 'cookieless' },
      proofRetentionDays: 730,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<ConsentSettings>()).toMatchObject({
      services: ['youtube', 'instagram', 'mastodon'],
      proofRetentionDays: 730,
    });
    const after = (await readConfig()).config;
    expect(after.version).not.toBe(before.version);
    expect(after.services.map((service) => service.id)).toEqual([
      'youtube',
      'instagram',
      'mastodon',
    ]);
    expect(after.matomo).toEqual({
      url: 'https://matomo.stuttgart.example/',
      siteId: '7',
      cookieless: true,
    });
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['summary', 'actor_role'])
      .where('action', '=', 'consent.settings-updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_role).toBe('communications');
  });

  it('refuses invalid settings', async () => {
    const invalid = [
      { services: ['xing'], matomo: null, proofRetentionDays: 365 },
      { services: ['youtube', 'youtube'], matomo: null, proofRetentionDays: 365 },
      { services: [], matomo: null, proofRetentionDays: 5 },
      {
        services: [],
        matomo: { url: 'http://matomo.example/', siteId: '1', mode: 'consent' },
        proofRetentionDays: 365,
      },
      {
        services: [],
        matomo: { url: 'https://matomo.example', siteId: '1', mode: 'consent' },
        proofRetentionDays: 365,
      },
    ];
    for (const payload of invalid) {
      const res = await saveSettings(comms, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ code: string }>().code).toBe('validation_failed');
    }
  });

  it('serves the built widget with a long cache under its versioned URL', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget/stadtfunk-consent.js' });
    const built = await widgetScriptSource()();
    if (built === undefined) {
      // Not built in this checkout: a clear 404 and a log line that says what to run.
      expect(res.statusCode).toBe(404);
      expect(t.logLines.some((line) => line.includes('npm run build:widget'))).toBe(true);
      return;
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers.etag).toBe(`"${built.hash}"`);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const versioned = await t.app.inject({
      method: 'GET',
      url: `/widget/stadtfunk-consent.js?v=${built.hash}`,
    });
    expect(versioned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const cached = await t.app.inject({
      method: 'GET',
      url: '/widget/stadtfunk-consent.js',
      headers: { 'if-none-match': `"${built.hash}"` },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('reads the script file again only when it changed, and reports a missing build', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stadtfunk-widget-'));
    const path = join(dir, 'stadtfunk-consent.js');
    const source = widgetScriptSource(path);
    expect(await source()).toBeUndefined();
    await writeFile(path, 'console.log(1);');
    const first = await source();
    expect(first?.body.toString()).toBe('console.log(1);');
    await writeFile(path, 'console.log(22);');
    const second = await source();
    expect(second?.hash).not.toBe(first?.hash);
    expect(second?.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('serves the demo page wired to the widget, its config and the proof endpoint', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/demo/website' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    for (const embed of ['youtube', 'instagram', 'mastodon']) {
      expect(html).toContain(`data-stadtfunk-embed="${embed}"`);
    }
    // One script tag: the widget fetches its config; nothing of it is inlined.
    expect(html).toMatch(
      /<script src="\/widget\/stadtfunk-consent\.js(\?v=[0-9a-f]{16})?" data-config="\/widget\/config\.json" defer>/,
    );
    expect(html).not.toContain('stadtfunk-consent-config');
    const { config } = await readConfig();
    expect(config.proofUrl).toBe(`${t.ctx.config.publicUrl}/api/consent/proofs`);
    // The settings saved above configure Matomo; the demo shows what the city configured.
    expect(config.matomo?.url).toBe('https://matomo.stuttgart.example/');
    const { version, ...rest } = config;
    expect(version).toBe(configVersion(rest));

    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain('frame-src https://www.youtube-nocookie.com https://www.instagram.com');
    expect(csp).toContain('https://social.bund.de');
    expect(csp).toContain("script-src 'self' https://matomo.stuttgart.example");
    expect(csp).not.toContain('unsafe-inline');
    // The widget's fetch of its config.
    expect(csp).toContain("connect-src 'self'");
    const style = /<style>([^]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(style).digest('base64');
    expect(csp).toContain(`style-src 'self' 'sha256-${hash}'`);
    // Elsewhere helmet's site-wide policy stays: no frames at all.
    const config2 = await t.app.inject({ method: 'GET', url: '/widget/config.json' });
    expect(String(config2.headers['content-security-policy'])).not.toContain('frame-src');
  });

  // The widget reads /widget/config.json: without a configured Matomo the demo page has none,
  // and its CSP names no Matomo origin either.
  it('shows no Matomo on the demo page when none is configured', async () => {
    await saveSettings(comms, {
      services: ['youtube', 'instagram', 'mastodon'],
      matomo: null,
      proofRetentionDays: 1095,
    });
    const res = await t.app.inject({ method: 'GET', url: '/demo/website' });
    expect(String(res.headers['content-security-policy'])).not.toContain('matomo');
    expect(res.body).toContain('data-config="/widget/config.json"');
    expect((await readConfig()).config.matomo).toBeUndefined();
  });
});
