import type { Server, ServerResponse } from 'node:http';

import type { Logger } from 'pino';

import { createOidcLogin } from './access/oidc.service.ts';
import { isSetupRequired, issueSetupLink } from './access/auth.service.ts';
import type { AppContext, RuntimeConfig } from './app-context.ts';
import { buildApp } from './app.ts';
import { openDatabase } from './database/database.ts';
import type { DatabaseHandle } from './database/database.ts';
import { migrateToLatest } from './database/migrations.ts';
import { createJobQueue } from './jobs/job-queue.ts';
import { JOB_REGISTRY } from './jobs/jobs.registry.ts';
import { seedDemoUsers } from './seed/demo.seed.ts';
import { seedSandboxConnections } from './seed/sandbox.seed.ts';
import { sandboxBanner, startSandbox } from './sandbox/sandbox.embedded.ts';
import { loopbackUrl, subscribeSandboxWebhooks } from './sandbox/sandbox.webhooks.ts';
import { seedOrganisation } from './seed/stuttgart.seed.ts';
import { seedStuttgartRegistry } from './seed/stuttgart-registry.seed.ts';
import { seedCannedAnswers } from './inbox/canned.service.ts';
import { encryptionKeyFrom, encryptionKeysFrom } from './shared/crypto.ts';
import type { FastifyZod } from './http/fastify-zod.ts';

export interface RunningServer {
  readonly app: FastifyZod;
  readonly ctx: AppContext;
  readonly url: string;
  /** Stops taking requests and jobs, lets running jobs finish, closes the database. */
  shutdown(): Promise<void>;
}

export interface StartOptions {
  readonly demo: boolean;
  /** Runs the platform sandbox in this process and points unconfigured platforms at it. */
  readonly sandbox?: boolean;
  /** Where one-time secrets (setup link, demo passwords) go: the console, never the log. */
  readonly print: (text: string) => void;
}

export function databaseTargetFor(config: RuntimeConfig) {
  return config.databaseUrl
    ? ({ kind: 'postgres', url: config.databaseUrl } as const)
    : ({ kind: 'pglite', dataDir: config.dataDir } as const);
}

/** Opens and migrates the database, seeds, starts jobs and HTTP. Refuses to start on a failure. */
export async function startServer(
  config: RuntimeConfig,
  log: Logger,
  options: StartOptions,
): Promise<RunningServer> {
  const sandbox = options.sandbox === true ? await startSandbox(config, log) : undefined;
  const database: DatabaseHandle = await openDatabase(databaseTargetFor(config));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) {
      log.info({ migrations: applied.map((m) => m.migrationName) }, 'migrations applied');
    }
    if (await seedOrganisation(database.db)) {
      log.info('organisation seeded');
    }
    if (await seedStuttgartRegistry(database.db)) {
      log.info('registry seeded');
    }
    if (await seedCannedAnswers(database.db)) {
      log.info('canned answers seeded');
    }
    if (sandbox !== undefined) {
      const seeded = await seedSandboxConnections(
        database.db,
        sandbox.url,
        encryptionKeyFrom(config.encryptionKey),
      );
      log.info({ sandbox: sandbox.url, ...seeded }, 'platform sandbox ready');
      options.print(sandboxBanner(sandbox.url));
    }
    if (options.demo) {
      const users = await seedDemoUsers(database.db, config.publicUrl);
      options.print(demoBanner(users));
    }
    if (await isSetupRequired(database.db)) {
      options.print(setupBanner(await issueSetupLink(database.db, config.publicUrl)));
    }
  } catch (error) {
    await database.close();
    await sandbox?.close();
    throw error;
  }

  const jobs = createJobQueue({ database, config, log, jobs: JOB_REGISTRY, work: true });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    jobs,
    oidc: config.oidc
      ? createOidcLogin(config.oidc, `${config.publicUrl}/api/auth/oidc/callback`)
      : undefined,
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    },
    encryptionKeys: encryptionKeysFrom(config.encryptionKey, config.previousEncryptionKeys),
  };
  const { app } = await buildApp(ctx, log);
  const inFlight = countRequests(app.server);
  try {
    await jobs.start();
    await app.listen({ port: config.port, host: config.host });
    if (sandbox !== undefined) {
      // After listen: Meta's handshake calls back before the subscription exists.
      const pushing = await subscribeSandboxWebhooks(
        database.db,
        ctx.encryptionKeys,
        sandbox.url,
        loopbackUrl(config.host, config.port),
        log,
      );
      log.info({ platforms: pushing }, 'sandbox webhooks subscribed');
    }
  } catch (error) {
    await app.close().catch(() => undefined);
    await jobs.stop().catch(() => undefined);
    await database.close();
    await sandbox?.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    app,
    ctx,
    url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
    shutdown() {
      stopping ??= (async () => {
        await closeHttp(app, inFlight);
        await jobs.stop();
        await database.close();
        await sandbox?.close();
      })();
      return stopping;
    },
  };
}

/** Longest time running requests get to finish when the server stops. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Counts requests whose response has not closed yet. */
function countRequests(server: Server): () => number {
  let count = 0;
  server.on('request', (_request, response: ServerResponse) => {
    count += 1;
    response.once('close', () => {
      count -= 1;
    });
  });
  return () => count;
}

/**
 * Stops HTTP: no new requests, running ones may finish, then every connection is closed.
 * app.close() alone waits for every open socket, and Node closes only idle keep-alive ones: a
 * socket a browser opened in advance (no request sent yet) or one whose request was still running
 * kept the process alive until its timeout (72 s keep-alive), past any orchestrator's stop timeout.
 */
async function closeHttp(app: FastifyZod, inFlight: () => number): Promise<void> {
  const closed = app.close();
  const deadline = Date.now() + SHUTDOWN_GRACE_MS;
  const sweep = setInterval(() => {
    if (inFlight() === 0 || Date.now() > deadline) {
      app.server.closeAllConnections();
    } else {
      app.server.closeIdleConnections();
    }
  }, 100);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
  }
}

function setupBanner(link: string): string {
  return [
    '',
    '──────────────────────────────────────────────────────────────',
    ' Stadtfunk ist noch nicht eingerichtet.',
    ' Öffnen Sie diesen einmaligen Link (24 Stunden gültig), um das',
    ' erste Konto der Abteilung Kommunikation anzulegen:',
    '',
    ` ${link}`,
    '──────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}

function demoBanner(users: readonly { email: string; role: string; password: string }[]): string {
  if (users.length === 0) {
    return '\nDemo-Konten bestehen bereits; ihre Passwörter wurden beim ersten Mal angezeigt.\n';
  }
  const lines = users.map((u) => `  ${u.role.padEnd(18)} ${u.email.padEnd(32)} ${u.password}`);
  return ['', 'Demo-Konten (Passwörter werden nur jetzt angezeigt):', ...lines, ''].join('\n');
}
