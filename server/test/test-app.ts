import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import type { Logger } from 'pino';

import type { OidcLogin } from '../src/access/oidc.service.ts';
import type { AppContext, RuntimeConfig } from '../src/app-context.ts';
import { buildApp } from '../src/app.ts';
import type { BuiltApp } from '../src/app.ts';
import { loadConfig } from '../src/config/config.ts';
import { resolveSecrets } from '../src/config/secrets.ts';
import { createLogger } from '../src/http/logger.ts';
import { encryptionKeysFrom } from '../src/shared/crypto.ts';
import type { DatabaseHandle } from '../src/database/database.ts';
import type { JobQueue } from '../src/jobs/job-queue.ts';

export async function testConfig(env: Record<string, string> = {}): Promise<RuntimeConfig> {
  const dataDir = await mkdtemp(join(tmpdir(), 'stadtfunk-test-'));
  return resolveSecrets(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }));
}

/** A logger whose lines the test can read, to prove what never reaches the log. */
export function captureLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      callback();
    },
  });
  return { log: createLogger('info', stream), lines };
}

export interface TestApp extends BuiltApp {
  readonly ctx: AppContext;
  readonly logLines: string[];
}

export async function createTestApp(
  database: DatabaseHandle,
  options: { env?: Record<string, string>; jobs?: JobQueue; oidc?: OidcLogin } = {},
): Promise<TestApp> {
  const config = await testConfig(options.env);
  const { log, lines } = captureLogger();
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    jobs: options.jobs,
    oidc: options.oidc,
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    },
    encryptionKeys: encryptionKeysFrom(config.encryptionKey, config.previousEncryptionKeys),
  };
  const built = await buildApp(ctx, log);
  await built.app.ready();
  return { ...built, ctx, logLines: lines };
}
