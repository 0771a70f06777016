import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { startMastodonTestbed } from '../../test/mastodon-sandbox.ts';
import type { MastodonTestbed } from '../../test/mastodon-sandbox.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { CITY_ACCOUNT_ID } from '../../../sandbox/src/platforms/mastodon-state.sandbox.ts';
import { seedStuttgartRegistry } from '../seed/stuttgart-registry.seed.ts';
import { normaliseLink, profileMentions } from './profile-notice.service.ts';
import type { Channel, Platform } from './registry.schema.ts';

it('compares links regardless of scheme, www., host case and trailing slash', () => {
  expect(normaliseLink('https://WWW.Stuttgart.de/datenschutz/')).toBe('stuttgart.de/datenschutz');
  expect(normaliseLink('kein link')).toBeUndefined();
  const profile = { bio: 'Impressum: http://stuttgart.de/impressum', links: [] };
  expect(profileMentions(profile, 'https://www.stuttgart.de/impressum')).toBe(true);
  expect(profileMentions(profile, 'https://www.stuttgart.de/datenschutz')).toBe(false);
});

describeEachEngine('profile notice read through the connector', (get) => {
  let t: TestApp;
  let comms: Agent;
  let sandbox: MastodonTestbed;
  let mastodonChannel: Channel;
  let xingChannel: Channel;

  beforeAll(async () => {
    await seedStuttgartRegistry(get().db);
    sandbox = await startMastodonTestbed();
    t = await createTestApp(get());
    comms = await loginAs(t.app, (await buildUser(get().db)).email);
    const platforms = (
      await t.app.inject({
        method: 'GET',
        url: '/api/registry/platforms',
        headers: comms.headers(),
      })
    ).json<{ items: Platform[] }>().items;
    const channels = (
      await t.app.inject({ method: 'GET', url: '/api/registry/channels', headers: comms.headers() })
    ).json<{ items: Channel[] }>().items;
    const byPlatform = (key: string) => {
      const platform = platforms.find((p) => p.key === key);
      const channel = channels.find((c) => c.platformId === platform?.id);
      if (channel === undefined) {
        throw new Error(`no ${key} channel`);
      }
      return channel;
    };
    mastodonChannel = byPlatform('mastodon');
    xingChannel = byPlatform('xing');
  });
  afterAll(async () => {
    await t.app.close();
    await sandbox.close();
  });

  const storeCredentials = async (accountId: string) => {
    const auth = await sandbox.token({ accountId });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/registry/channels/${mastodonChannel.id}/credentials`,
      headers: comms.headers(),
      payload: { credentials: { baseUrl: sandbox.baseUrl, accessToken: auth.accessToken } },
    });
    expect(res.statusCode).toBe(200);
  };
  const check = (channel: Channel) =>
    t.app.inject({
      method: 'POST',
      url: `/api/registry/channels/${channel.id}/profile-notice/check`,
      headers: comms.headers(),
    });

  it('refuses without credentials, and for a platform whose profile has no API', async () => {
    expect((await check(mastodonChannel)).statusCode).toBe(409);
    const xing = await check(xingChannel);
    expect(xing.statusCode).toBe(409);
    expect(xing.json<{ message: string }>().message).toContain('selbst');
  });

  it('finds the privacy-notice and imprint links in the city account’s profile', async () => {
    await storeCredentials(CITY_ACCOUNT_ID);
    const res = await check(mastodonChannel);
    expect(res.statusCode).toBe(200);
    expect(res.json<Channel>().profileNotice).toMatchObject({
      privacyPolicyLinked: true,
      imprintLinked: true,
      method: 'api',
    });
  });

  it('reports a profile without the links as incomplete', async () => {
    await storeCredentials('109000000000000777');
    const res = await check(mastodonChannel);
    expect(res.json<Channel>().profileNotice).toMatchObject({
      privacyPolicyLinked: false,
      imprintLinked: false,
      method: 'api',
    });
  });

  it('answers 502 with a German reason when the platform refuses the token', async () => {
    await storeCredentials(CITY_ACCOUNT_ID);
    await sandbox.faults({ expireTokens: true });
    const res = await check(mastodonChannel);
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'platform_failed' });
    expect(res.json<{ message: string }>().message).toContain('neu');
    await sandbox.resetFaults();
  });
});
