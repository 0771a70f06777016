import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { AppConfig } from './config.ts';

export interface ResolvedSecrets {
  readonly sessionSecret: string;
  readonly encryptionKey: string;
  readonly blindIndexKey: string;
}

/**
 * Secrets absent from the environment are generated once and kept in DATA_DIR with mode 0600,
 * so a restart keeps sessions and encrypted data readable.
 */
export async function resolveSecrets(config: AppConfig): Promise<AppConfig & ResolvedSecrets> {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const sessionSecret =
    config.sessionSecret ?? (await readOrCreate(join(config.dataDir, 'session-secret'), 48));
  const encryptionKey =
    config.encryptionKey ?? (await readOrCreate(join(config.dataDir, 'encryption-key'), 32));
  const blindIndexKey =
    config.blindIndexKey ?? (await readOrCreate(join(config.dataDir, 'blind-index-key'), 32));
  return Object.freeze({ ...config, sessionSecret, encryptionKey, blindIndexKey });
}

async function readOrCreate(path: string, bytes: number): Promise<string> {
  try {
    const existing = (await readFile(path, 'utf8')).trim();
    const mode = (await stat(path)).mode & 0o777;
    if (mode !== 0o600) {
      await chmod(path, 0o600);
    }
    if (existing.length > 0) {
      return existing;
    }
  } catch (error) {
    if (!isNotFound(error)) {
      throw error;
    }
  }
  const value = randomBytes(bytes).toString('hex');
  // 'wx' refuses to overwrite a file another process created meanwhile.
  await writeFile(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
