import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';

import { testConfig } from '../../test/test-app.ts';
import { createTestDatabase, TEST_ENGINES } from '../../test/test-database.ts';
import { openDatabase } from '../database/database.ts';
import { runCommand } from './commands.ts';

const run = promisify(execFile);

function collector() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('stadtfunk CLI', () => {
  for (const engine of TEST_ENGINES) {
    it(`creates a user, verifies and detects tampering [${engine}]`, async () => {
      const pgDatabase =
        engine === 'postgres'
          ? await createTestDatabase('postgres', { migrate: false })
          : undefined;
      const config = await testConfig(pgDatabase?.url ? { DATABASE_URL: pgDatabase.url } : {});
      try {
        const migrate = collector();
        expect(await runCommand(['migrate'], {}, config, migrate.io)).toBe(0);
        expect(migrate.out.join()).toContain('Migrationen angewendet');

        const create = collector();
        const code = await runCommand(
          ['user', 'create'],
          {
            email: 'Presse@Stuttgart.example',
            name: 'Presse',
            role: ['communications', 'department-editor@AMT61'],
          },
          config,
          create.io,
        );
        expect(code, create.err.join()).toBe(0);
        expect(create.out.join()).toMatch(/\/invite\?token=[\w-]{43}/);

        const badUnit = collector();
        expect(
          await runCommand(
            ['user', 'create'],
            { email: 'x@y.example', name: 'X', role: ['department-editor@NIX'] },
            config,
            badUnit.io,
          ),
        ).toBe(2);

        const verify = collector();
        expect(await runCommand(['audit', 'verify'], {}, config, verify.io)).toBe(0);
        expect(JSON.parse(verify.out[0] ?? '{}')).toMatchObject({ ok: true, checked: 2 });

        const direct = await openDatabase(
          pgDatabase?.url
            ? { kind: 'postgres', url: pgDatabase.url }
            : { kind: 'pglite', dataDir: config.dataDir },
        );
        await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(direct.db);
        await sql`UPDATE audit_log SET summary = 'geändert' WHERE id = (SELECT max(id) FROM audit_log)`.execute(
          direct.db,
        );
        await direct.close();

        const tampered = collector();
        expect(await runCommand(['audit', 'verify'], {}, config, tampered.io)).toBe(1);
        expect(tampered.err.join()).toContain('manipuliert');
        expect(await runCommand(['nonsense'], {}, config, collector().io)).toBe(2);
      } finally {
        await pgDatabase?.close();
      }
    });
  }

  it('runs as the `stadtfunk` bin and refuses an invalid environment with every problem', async () => {
    const failed = await run('node', ['bin/stadtfunk.js', 'migrate'], {
      env: { ...processEnvForChild(), PORT: 'x', LOG_LEVEL: 'laut' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('PORT');
    expect(failed.stderr).toContain('LOG_LEVEL');
  });
});

/** Only what the child needs to find node; nothing of this machine's configuration leaks in. */
function processEnvForChild(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
}
