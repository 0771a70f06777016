import { systemActor } from '../access/actor.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import { createUserBodySchema } from '../access/users.schema.ts';
import { createUser } from '../access/users.service.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { openDatabase } from '../database/database.ts';
import type { DatabaseHandle } from '../database/database.ts';
import { migrateToLatest } from '../database/migrations.ts';
import { AppError } from '../errors/errors.ts';
import { ROLES } from '../shared/enum.ts';
import { seedOrganisation } from '../seed/stuttgart.seed.ts';
import { databaseTargetFor } from '../server.ts';

export const USAGE = `Stadtfunk – Befehle für den Betrieb

  stadtfunk migrate
      Wendet ausstehende Datenbank-Migrationen an.
  stadtfunk user create --email <adresse> --name <name> --role <rolle>[@<Einheitskürzel>] …
      Legt ein Konto an und gibt einen einmaligen Einladungslink aus.
      Rollen: ${ROLES.join(', ')}
  stadtfunk audit verify
      Prüft die Hash-Kette des Audit-Logs (Exit-Code 1 bei Manipulation).
  stadtfunk cap check <datei>… [--ars <ARS>] [--warncell <ID>]… [--outline "lat,lon …"]
      Prüft Warnmeldungen (CAP-XML, BBK-JSON, NINA): eine JSON-Zeile je Datei, ob sie das
      Stadtgebiet betreffen (Vorgabe Stuttgart), Exit-Code 1 bei nicht lesbaren Dateien.
  stadtfunk moderation train --data <ordner|datei> [--gahd] [--out <datei>]
      Trainiert den Klassifikator für beleidigende Sprache (GermEval 2018) neu.
  stadtfunk moderation cv --data <ordner|datei> [--gahd] [--folds 10]
      Kreuzvalidierung von Modell und Wortlisten-Vergleich; letzte Zeile „score: NN.NN“.
  stadtfunk moderation eval --test <datei> [--model <datei>]
      Bewertet das Modell auf einer Datei im GermEval- oder GAHD-Format.
  stadtfunk retention run [--dry-run]
      Löscht alle Fälle, deren Aufbewahrungsfrist abgelaufen ist (wie der tägliche Job);
      --dry-run zeigt nur, was gelöscht würde.
  stadtfunk keys rotate
      Verschlüsselt alle Werte und Anhänge der Fälle mit dem aktuellen ENCRYPTION_KEY neu
      (alte Schlüssel in ENCRYPTION_KEYS_PREVIOUS angeben).

Mit der eingebetteten Datenbank (ohne DATABASE_URL) muss der Server dafür gestoppt sein.
`;

export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandOptions {
  readonly email?: string | undefined;
  readonly name?: string | undefined;
  readonly role?: string[] | undefined;
}

/** Runs one operator command against the configured database; returns the exit code. */
export async function runCommand(
  positionals: readonly string[],
  options: CommandOptions,
  config: RuntimeConfig,
  io: CommandOutput,
): Promise<number> {
  const command = positionals.join(' ');
  if (!['migrate', 'user create', 'audit verify'].includes(command)) {
    io.err(`Unbekannter Befehl: ${command}\n\n${USAGE}`);
    return 2;
  }
  const database = await openDatabase(databaseTargetFor(config));
  try {
    const applied = await migrateToLatest(database.db);
    await seedOrganisation(database.db);
    switch (command) {
      case 'migrate':
        io.out(
          applied.length === 0
            ? 'Datenbank ist aktuell.'
            : `Migrationen angewendet: ${applied.map((m) => m.migrationName).join(', ')}`,
        );
        return 0;
      case 'user create':
        return await createUserCommand(database, options, config, io);
      default:
        return await auditVerifyCommand(database, io);
    }
  } finally {
    await database.close();
  }
}

async function createUserCommand(
  database: DatabaseHandle,
  options: CommandOptions,
  config: RuntimeConfig,
  io: CommandOutput,
): Promise<number> {
  const roles = [];
  for (const value of options.role ?? []) {
    const [role, unitCode] = value.split('@', 2) as [string, string | undefined];
    const unit =
      unitCode === undefined ? undefined : await findOrgUnitByCode(database.db, unitCode);
    if (unitCode !== undefined && unit === undefined) {
      io.err(`Unbekanntes Einheitskürzel: ${unitCode}`);
      return 2;
    }
    roles.push({ role, orgUnitId: unit?.id ?? null });
  }
  const input = createUserBodySchema.safeParse({
    email: options.email,
    displayName: options.name,
    roles,
  });
  if (!input.success) {
    io.err(
      `Ungültige Angaben:\n${input.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    return 2;
  }
  try {
    const { user, inviteUrl } = await createUser(
      database.db,
      systemActor(),
      input.data,
      config.publicUrl,
    );
    io.out(`Konto angelegt (${user.id}). Einmaliger Einladungslink, 7 Tage gültig:\n${inviteUrl}`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

async function auditVerifyCommand(database: DatabaseHandle, io: CommandOutput): Promise<number> {
  const result = await verifyAuditChain(database.db);
  io.out(JSON.stringify(result));
  if (!result.ok) {
    io.err(
      `Audit-Log manipuliert: Kette bricht bei Eintrag ${result.brokenAt ?? '?'} (${result.reason ?? ''}).`,
    );
    return 1;
  }
  return 0;
}
