import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { LINKEDIN_SANDBOX_ORGANIZATION } from '../../../sandbox/src/platforms/linkedin-common.sandbox.ts';
import { X_SANDBOX_USER_ID } from '../../../sandbox/src/platforms/x.sandbox.ts';
import type { FaultSettings } from '../../../sandbox/src/sandbox.faults.ts';
import { SANDBOX_PLUGINS } from '../../../sandbox/src/sandbox.plugins.ts';
import { createSandbox } from '../../../sandbox/src/sandbox.server.ts';
import type { SandboxPlugin } from '../../../sandbox/src/sandbox.server.ts';
import { buildUser } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { systemActor } from '../access/actor.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { storePlatformApp } from '../connections/platform-apps.service.ts';
import type { Database } from '../database/database.types.ts';
import type { EnqueueOptions, JobSender } from '../jobs/job.ts';
import { createMailer } from '../mail/mailer.ts';
import type { PlatformKey } from '../platforms/connector.ts';
import { setChannelCredentials } from '../registry/channels.service.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import type { Logger } from 'pino';
import type { DeliveryContext } from './outbox.delivery.ts';
import type { PostStatus } from './posts.table.ts';

/**
 * Test and benchmark set-up: the real platform sandbox over HTTP, platform apps pointing at it,
 * and channels connected with sandbox-issued tokens, exactly as a city would connect them.
 */
export const SANDBOX_ACCOUNTS = {
  mastodon: '110000000000000001',
  x: X_SANDBOX_USER_ID,
  facebook: '200000000000001',
  linkedin: LINKEDIN_SANDBOX_ORGANIZATION,
} as const;
export type OutboxPlatform = keyof typeof SANDBOX_ACCOUNTS;

/** The sandbox's admin name of each platform (Facebook lives in Meta's sandbox). */
export const SANDBOX_PLATFORM: Readonly<Record<OutboxPlatform, string>> = {
  mastodon: 'mastodon',
  x: 'x',
  facebook: 'meta',
  linkedin: 'linkedin',
};

/** A job the outbox enqueued: the test runs it when its time has come. */
export interface RecordedJob {
  readonly name: string;
  readonly payload: Record<string, unknown>;
  readonly options: EnqueueOptions;
}

export class JobRecorder implements JobSender {
  readonly sent: RecordedJob[] = [];

  enqueue(name: string, payload: object, options: EnqueueOptions = {}): Promise<string | null> {
    this.sent.push({ name, payload: { ...payload }, options });
    return Promise.resolve(String(this.sent.length));
  }

  /** Takes every recorded job (oldest first) and forgets them. */
  take(): RecordedJob[] {
    return this.sent.splice(0, this.sent.length);
  }
}

export interface OutboxTestbed {
  readonly sandboxUrl: string;
  readonly key: EncryptionKey;
  readonly creator: { id: string; email: string };
  readonly channels: Readonly<Record<OutboxPlatform, string>>;
  context(now: () => Date, jobs: JobSender | undefined, log: Logger): DeliveryContext;
  connect(platform: OutboxPlatform, channelId: string, accountId?: string): Promise<void>;
  addChannel(platform: OutboxPlatform, connected?: boolean, accountId?: string): Promise<string>;
  createPost(input: {
    channelIds: readonly string[];
    text?: string;
    status?: PostStatus;
    scheduledAt?: Date | null;
    priority?: number;
  }): Promise<string>;
  faults(platform: OutboxPlatform, settings: FaultSettings): Promise<void>;
  resetFaults(platform: OutboxPlatform): Promise<void>;
  sandboxPosts(platform: OutboxPlatform, accountId?: string): Promise<{ text?: string }[]>;
  close(): Promise<void>;
}

async function call(url: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`sandbox ${method} ${url}: ${String(response.status)}`);
  }
  return response.status === 204 ? null : response.json();
}

export async function startOutboxTestbed(
  db: Kysely<Database>,
  config: RuntimeConfig,
  options: {
    plugins?: readonly SandboxPlugin[];
    timeoutMs?: number;
    /** Every answered platform request with the sandbox's own time for it (benchmarks). */
    onResponse?: (request: { method: string; url: string; ms: number; status: number }) => void;
  } = {},
): Promise<OutboxTestbed> {
  const sandbox = createSandbox(options.plugins ?? SANDBOX_PLUGINS);
  const onResponse = options.onResponse;
  if (onResponse !== undefined) {
    sandbox.app.addHook('onResponse', async (request, reply) => {
      onResponse({
        method: request.method,
        url: request.url,
        ms: reply.elapsedTime,
        status: reply.statusCode,
      });
    });
  }
  const sandboxUrl = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const key = encryptionKeyFrom(config.encryptionKey);
  const creator = await buildUser(db, { roles: [{ role: 'online-team' }] });
  const platformIds = new Map<OutboxPlatform, string>();
  for (const platform of Object.keys(SANDBOX_ACCOUNTS) as OutboxPlatform[]) {
    const platformKey: PlatformKey = platform;
    await storePlatformApp(
      db,
      systemActor(),
      {
        platformKey,
        baseUrl: sandboxUrl,
        clientId: `stadtfunk-${platform}`,
        clientSecret: 'geheim',
        source: 'sandbox',
      },
      key,
    );
    platformIds.set(platform, (await buildPlatform(db, { key: platform })).id);
  }

  const connect = async (platform: OutboxPlatform, channelId: string, accountId?: string) => {
    const account = accountId ?? SANDBOX_ACCOUNTS[platform];
    // LinkedIn tokens belong to a member who acts for the organization.
    const tokenAccount = platform === 'linkedin' ? 'urn:li:person:sandbox-member' : account;
    const issued = (await call(
      `${sandboxUrl}/_sandbox/${SANDBOX_PLATFORM[platform]}/tokens`,
      'POST',
      {
        accountId: tokenAccount,
        lifetimeSeconds: null,
        withRefresh: false,
      },
    )) as { accessToken: string };
    await setChannelCredentials(
      db,
      systemActor(),
      channelId,
      { accessToken: issued.accessToken, accountId: account },
      key,
    );
  };
  const addChannel = async (platform: OutboxPlatform, connected = true, accountId?: string) => {
    const channel = await buildChannel(db, {
      platformId: platformIds.get(platform) ?? '',
      responsibleUserIds: [creator.id],
      // Mastodon: every instance is its own server; the channel says where.
      ...(platform === 'mastodon' ? { apiBaseUrl: sandboxUrl } : {}),
    });
    if (connected) {
      await connect(platform, channel.id, accountId);
    }
    return channel.id;
  };
  const channels = {
    mastodon: await addChannel('mastodon'),
    x: await addChannel('x'),
    facebook: await addChannel('facebook'),
    linkedin: await addChannel('linkedin'),
  };

  return {
    sandboxUrl,
    key,
    creator,
    channels,
    context: (now, jobs, log) => ({
      db,
      config,
      log,
      now,
      jobs,
      keys: [key],
      mailer: createMailer(config),
      publicUrl: config.publicUrl,
      timeoutMs: options.timeoutMs ?? 1500,
    }),
    connect,
    addChannel,
    async createPost(input) {
      const post = await db
        .insertInto('posts')
        .values({
          title: `Beitrag ${randomBytes(3).toString('hex')}`,
          master_text: input.text ?? `Stadtfunk-Test ${randomBytes(6).toString('hex')}`,
          link_url: null,
          campaign: null,
          goal: null,
          status: input.status ?? 'approved',
          scheduled_at: input.scheduledAt ?? null,
          priority: input.priority ?? 0,
          created_by: creator.id,
          submitted_by: null,
          submitted_at: null,
          approved_by: null,
          approved_at: null,
          rejection_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.channelIds.length > 0) {
        await db
          .insertInto('post_targets')
          .values(
            input.channelIds.map((channelId) => ({
              post_id: post.id,
              channel_id: channelId,
              variant_text: null,
              variant_title: null,
            })),
          )
          .execute();
      }
      return post.id;
    },
    async faults(platform, settings) {
      await call(`${sandboxUrl}/_sandbox/${SANDBOX_PLATFORM[platform]}/faults`, 'POST', settings);
    },
    async resetFaults(platform) {
      await call(`${sandboxUrl}/_sandbox/${SANDBOX_PLATFORM[platform]}/faults`, 'DELETE');
    },
    async sandboxPosts(platform, accountId) {
      const query = accountId === undefined ? '' : `?accountId=${encodeURIComponent(accountId)}`;
      const listed = (await call(
        `${sandboxUrl}/_sandbox/${SANDBOX_PLATFORM[platform]}/posts${query}`,
        'GET',
      )) as {
        items: { text?: string }[];
      };
      return listed.items;
    },
    close: () => sandbox.app.close(),
  };
}
