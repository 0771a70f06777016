import { afterAll, beforeAll, expect, it } from 'vitest';

import { linkedInSandbox } from '../../../sandbox/src/platforms/linkedin.sandbox.ts';
import { xSandbox } from '../../../sandbox/src/platforms/x.sandbox.ts';
import { createSandbox } from '../../../sandbox/src/sandbox.server.ts';
import type { Sandbox } from '../../../sandbox/src/sandbox.server.ts';
import { systemActor } from '../access/actor.ts';
import { buildUser } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { storePlatformApp } from '../connections/platform-apps.service.ts';
import { readChannelCredentials, setChannelCredentials } from '../registry/channels.service.ts';
import type { Channel } from '../registry/registry.schema.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { channelTokensJob } from './channel-tokens.job.ts';
import type { JobContext } from './job.ts';

const DAY = 86_400_000;
// Near the real clock: the sandbox dates the tokens it issues by its own (real) clock.
const T0 = new Date();

describeEachEngine('channel-tokens job', (get) => {
  let smtp: TestSmtpServer;
  let config: RuntimeConfig;
  let key: EncryptionKey;
  let sandbox: Sandbox;
  let sandboxUrl: string;
  let xChannel: Channel;
  let linkedInChannel: Channel;
  let responsibleEmail: string;
  const { log, lines } = captureLogger();

  const at = (time: Date): JobContext => ({ db: get().db, config, log, now: () => time });
  const run = async (time: Date) => {
    const outcome = await channelTokensJob.handle({}, at(time));
    if (outcome.status !== 'done') {
      throw new Error(`job ${outcome.status}`);
    }
    return outcome.detail ?? {};
  };
  const sandboxToken = async (platform: string, accountId: string, withRefresh: boolean) => {
    const response = await fetch(`${sandboxUrl}/_sandbox/${platform}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId, lifetimeSeconds: 7200, withRefresh }),
    });
    return (await response.json()) as { accessToken: string; refreshToken: string | null };
  };
  const row = (id: string) =>
    get().db.selectFrom('channels').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const notifications = async (kind: string) =>
    (await get().db.selectFrom('notifications').select('id').where('kind', '=', kind).execute())
      .length;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    config = await testConfig({ SMTP_URL: smtp.url });
    key = encryptionKeyFrom(config.encryptionKey);
    sandbox = createSandbox([xSandbox, linkedInSandbox]);
    sandboxUrl = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
    const db = get().db;
    await buildUser(db, { email: 'presse@stuttgart.example' });
    const responsible = await buildUser(db, {
      email: 'amt@stuttgart.example',
      roles: [{ role: 'online-team' }],
    });
    responsibleEmail = responsible.email;
    for (const platformKey of ['x', 'linkedin'] as const) {
      await storePlatformApp(
        db,
        systemActor(),
        {
          platformKey,
          baseUrl: sandboxUrl,
          clientId: `stadtfunk-${platformKey}`,
          clientSecret: 'geheim',
          source: 'sandbox',
        },
        key,
      );
    }
    xChannel = await buildChannel(db, {
      platformId: (await buildPlatform(db, { key: 'x' })).id,
      responsibleUserIds: [responsible.id],
    });
    linkedInChannel = await buildChannel(db, {
      platformId: (await buildPlatform(db, { key: 'linkedin' })).id,
      responsibleUserIds: [responsible.id],
    });
    const x = await sandboxToken('x', '1600000000000000001', true);
    await setChannelCredentials(
      db,
      systemActor(),
      xChannel.id,
      {
        accessToken: x.accessToken,
        refreshToken: x.refreshToken ?? '',
        expiresAt: new Date(T0.getTime() + 3_600_000).toISOString(),
      },
      key,
    );
    const li = await sandboxToken('linkedin', 'urn:li:person:sandbox-member', false);
    await setChannelCredentials(
      db,
      systemActor(),
      linkedInChannel.id,
      {
        accessToken: li.accessToken,
        accountId: 'urn:li:organization:2414183',
        expiresAt: new Date(T0.getTime() + 10 * DAY).toISOString(),
      },
      key,
    );
  });
  afterAll(async () => {
    await smtp.close();
    await sandbox.app.close();
  });

  it('renews a token that expires within two hours and warns of one that cannot be renewed', async () => {
    const before = await readChannelCredentials(get().db, xChannel.id, [key]);
    const detail = await run(T0);
    expect(detail).toMatchObject({ refreshed: 1, refreshFailed: 0, expired: 0, warnings: 2 });
    const after = await readChannelCredentials(get().db, xChannel.id, [key]);
    expect(after?.['accessToken']).not.toBe(before?.['accessToken']);
    expect((await row(xChannel.id)).token_expires_at?.getTime()).toBeGreaterThan(Date.now());
    expect(await notifications('channel.token.expiring')).toBe(2);
    const mail = smtp.messages.find((m) => m.to.includes(responsibleEmail));
    expect(mail?.subject).toContain(`Zugang zu „${linkedInChannel.name}“ läuft am`);
    expect(mail?.text).toContain(`/registry/channels/${linkedInChannel.id}`);
    // Tokens never reach the log.
    expect(lines.join('\n')).not.toContain(String(after?.['accessToken']));
  });

  it('warns once per threshold: a rerun adds nothing, the 7-day mark adds one round', async () => {
    expect(await run(T0)).toMatchObject({ refreshed: 0, warnings: 0 });
    expect(await run(new Date(T0.getTime() + 4 * DAY))).toMatchObject({ warnings: 2 });
    expect(await notifications('channel.token.expiring')).toBe(4);
  });

  it('marks a token that ran out as expired and asks to reconnect', async () => {
    const detail = await run(new Date(T0.getTime() + 10 * DAY + 60_000));
    expect(detail).toMatchObject({ expired: 1 });
    expect((await row(linkedInChannel.id)).connection_status).toBe('expired');
    expect(await notifications('channel.token.expired')).toBe(2);
  });

  it('keeps the connection on transient trouble and retries next hour', async () => {
    const now = new Date((await row(xChannel.id)).token_expires_at?.getTime() ?? 0);
    await fetch(`${sandboxUrl}/_sandbox/x/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ serverError: { count: 1, status: 503 } }),
    });
    expect(await run(now)).toMatchObject({ refreshed: 0, refreshFailed: 1, expired: 0 });
    const current = await row(xChannel.id);
    expect(current.connection_status).toBe('connected');
    expect(current.last_refresh_failure).toBe('transient');
    expect(await run(now)).toMatchObject({ refreshed: 1 });
    expect((await row(xChannel.id)).last_refresh_failure).toBeNull();
  });

  it('marks the channel expired when the platform refuses the refresh token', async () => {
    await setChannelCredentials(
      get().db,
      systemActor(),
      xChannel.id,
      {
        accessToken: 'abgelaufen',
        refreshToken: 'widerrufen',
        expiresAt: new Date(T0.getTime() + 20 * DAY).toISOString(),
      },
      key,
    );
    expect(await run(new Date(T0.getTime() + 20 * DAY - 60_000))).toMatchObject({
      refreshFailed: 1,
      expired: 1,
    });
    const current = await row(xChannel.id);
    expect(current.connection_status).toBe('expired');
    expect(current.last_refresh_failure).toBe('auth-expired');
  });
});
