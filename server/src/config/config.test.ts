import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, loadConfig } from './config.ts';
import { resolveSecrets } from './secrets.ts';

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      secureCookies: false,
      databaseUrl: undefined,
      dataDir: './data',
      logLevel: 'info',
      oidc: undefined,
      displayTimezone: 'Europe/Berlin',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'achtzig',
        DATABASE_URL: 'mysql://x',
        ENCRYPTION_KEY: 'zu-kurz',
        LOG_LEVEL: 'laut',
        OIDC_ISSUER: 'https://login.stuttgart.example',
        DISPLAY_TIMEZONE: 'Mars/Olympus',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const paths = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'ENCRYPTION_KEY',
        'LOG_LEVEL',
        'OIDC_ISSUER',
        'DISPLAY_TIMEZONE',
      ]),
    );
  });

  it('marks cookies secure behind https and enables SSO only when complete', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://stadtfunk.stuttgart.example/',
      OIDC_ISSUER: 'https://login.stuttgart.example/realms/lhs',
      OIDC_CLIENT_ID: 'stadtfunk',
      OIDC_CLIENT_SECRET: 'geheim',
    });
    expect(config.publicUrl).toBe('https://stadtfunk.stuttgart.example');
    expect(config.secureCookies).toBe(true);
    expect(config.oidc).toMatchObject({ clientId: 'stadtfunk', roleClaim: 'roles' });
  });

  it('generates missing secrets once, with mode 0600, and reuses them', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'stadtfunk-config-'));
    const first = await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    const second = await resolveSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(first.encryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(64);
    expect(second.encryptionKey).toBe(first.encryptionKey);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    for (const file of ['encryption-key', 'session-secret']) {
      expect((await stat(join(dataDir, file))).mode & 0o777).toBe(0o600);
    }
    expect((await readFile(join(dataDir, 'encryption-key'), 'utf8')).trim()).toBe(
      first.encryptionKey,
    );
  });

  it('prefers secrets from the environment', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'stadtfunk-config-'));
    const key = 'ab'.repeat(32);
    const config = await resolveSecrets(
      loadConfig({ DATA_DIR: dataDir, ENCRYPTION_KEY: key, SESSION_SECRET: 's'.repeat(40) }),
    );
    expect(config.encryptionKey).toBe(key);
    await expect(stat(join(dataDir, 'encryption-key'))).rejects.toThrow();
  });
});
