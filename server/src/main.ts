import { ConfigError, readProcessConfig } from './config/config.ts';
import { resolveSecrets } from './config/secrets.ts';
import { createLogger } from './http/logger.ts';
import { startServer } from './server.ts';
import { describeForLog } from './http/error-handler.ts';

/**
 * Process entry. `npm start` passes --sandbox (platform sandbox in-process), `npm run demo` adds
 * --demo; `npm run serve` (production) passes neither.
 */
async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = await resolveSecrets(readProcessConfig());
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  let server;
  try {
    server = await startServer(config, log, {
      demo: process.argv.includes('--demo'),
      sandbox: process.argv.includes('--sandbox'),
      print: (text) => process.stdout.write(`${text}\n`),
    });
  } catch (error) {
    log.fatal({ code: 'start_failed', ...describeForLog(error) }, 'Stadtfunk could not start');
    process.stderr.write(
      `Start fehlgeschlagen: ${error instanceof Error ? error.message : 'unbekannt'}\n`,
    );
    process.exit(1);
  }
  log.info(
    { url: config.publicUrl, ms: Math.round(performance.now() - started) },
    'Stadtfunk is ready',
  );
  const running = server;
  const stop = (signal: string): void => {
    log.info({ signal }, 'shutting down');
    running.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ code: 'shutdown_failed', ...describeForLog(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
