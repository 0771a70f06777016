import { parseArgs } from 'node:util';

import { ConfigError, readProcessConfig } from '../config/config.ts';
import { resolveSecrets } from '../config/secrets.ts';
import { runCaseCommand } from '../cases/cases.cli.ts';
import { runCapCommand } from '../crisis/cap.check.ts';
import { runModerationCommand } from '../moderation/moderation.cli.ts';
import { runCommand, USAGE } from './commands.ts';

/** `stadtfunk <command>`: operator commands. Output goes to stdout; errors to stderr. */
async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      ars: { type: 'string' },
      warncell: { type: 'string', multiple: true },
      outline: { type: 'string' },
      data: { type: 'string' },
      test: { type: 'string' },
      out: { type: 'string' },
      folds: { type: 'string' },
      model: { type: 'string' },
      gahd: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true || positionals.length === 0) {
    process.stdout.write(USAGE);
    return positionals.length === 0 && values.help !== true ? 2 : 0;
  }
  const io = {
    out: (text: string) => process.stdout.write(`${text}\n`),
    err: (text: string) => process.stderr.write(`${text}\n`),
  };
  // `cap check` reads files only: no configuration, secrets or database needed.
  if (positionals[0] === 'cap') {
    return runCapCommand(positionals.slice(1), values, io);
  }
  // `moderation train|cv|eval` reads files only, like `cap check`.
  if (positionals[0] === 'moderation') {
    return runModerationCommand(positionals.slice(1), values, io);
  }
  const config = await resolveSecrets(readProcessConfig());
  // `retention run [--dry-run]` and `keys rotate`: cases (CRM), see docs/cases.md.
  if (positionals[0] === 'retention' || positionals[0] === 'keys') {
    return runCaseCommand(positionals, values, config, io);
  }
  return runCommand(positionals, values, config, io);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Fehler: ${error instanceof Error ? error.message : 'unbekannt'}\n`);
  }
  process.exitCode = 1;
}
