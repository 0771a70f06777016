import type { RuntimeConfig } from '../app-context.ts';
import type { CommandOutput } from '../cli/commands.ts';
import { openDatabase } from '../database/database.ts';
import { migrateToLatest } from '../database/migrations.ts';
import { databaseTargetFor } from '../server.ts';
import { encryptionKeysFrom } from '../shared/crypto.ts';
import { runRetentionSweep } from './cases.deletion.ts';
import { rotateCaseKeys } from './cases.keys.ts';

/**
 * `stadtfunk retention run [--dry-run]` (the daily sweep on demand) and `stadtfunk keys rotate`
 * (re-seal every case value and attachment with the current ENCRYPTION_KEY).
 */
export async function runCaseCommand(
  positionals: readonly string[],
  options: { readonly 'dry-run'?: boolean | undefined },
  config: RuntimeConfig,
  io: CommandOutput,
): Promise<number> {
  const command = positionals.join(' ');
  if (command !== 'retention run' && command !== 'keys rotate') {
    io.err(`Unbekannter Befehl: ${command}`);
    return 2;
  }
  const database = await openDatabase(databaseTargetFor(config));
  try {
    await migrateToLatest(database.db);
    if (command === 'keys rotate') {
      const result = await rotateCaseKeys({
        db: database.db,
        keys: encryptionKeysFrom(config.encryptionKey, config.previousEncryptionKeys),
        dataDir: config.dataDir,
      });
      io.out(JSON.stringify(result));
      io.out(
        `Fälle geprüft: ${result.casesScanned}, Werte neu verschlüsselt: ${result.valuesResealed}, Dateien: ${result.filesResealed} (Schlüssel ${result.keyId}).`,
      );
      return 0;
    }
    const dryRun = options['dry-run'] === true;
    const result = await runRetentionSweep(
      { db: database.db, dataDir: config.dataDir, blindIndexKey: config.blindIndexKey },
      { now: new Date(), dryRun },
    );
    if (dryRun) {
      for (const item of result.wouldDelete) {
        io.out(`${item.id}\t${item.category}\tLöschung fällig seit ${item.deleteAfter}`);
      }
      io.out(`Probelauf: ${result.due} Fälle würden gelöscht. Nichts wurde gelöscht.`);
      return 0;
    }
    io.out(
      `Gelöscht: ${result.deleted} von ${result.due} fälligen Fällen (davon ${result.retried} nach früherem Fehlversuch), fehlgeschlagen: ${result.failed}, ${result.milliseconds} ms.`,
    );
    return result.failed > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}
