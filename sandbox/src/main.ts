import { readSandboxConfig, SandboxConfigError } from './sandbox.config.ts';
import { SANDBOX_PLUGINS } from './sandbox.plugins.ts';
import { createSandbox } from './sandbox.server.ts';

/** Process entry of `npm run sandbox`: every simulated platform on one port. */
async function main(): Promise<void> {
  let config;
  try {
    config = readSandboxConfig();
  } catch (error) {
    if (error instanceof SandboxConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, stream } = createSandbox(SANDBOX_PLUGINS, undefined, {
    comments: { perMinute: config.commentRate, kinds: config.commentKinds },
  });
  const address = await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`Stadtfunk-Sandbox läuft auf ${address}\n`);
  for (const plugin of SANDBOX_PLUGINS) {
    process.stdout.write(`  ${plugin.platform}: ${address}/_sandbox/${plugin.platform}/wall\n`);
  }
  const streaming = stream.platforms.join(', ');
  process.stdout.write(
    `Kommentar-Strom (${streaming}): ${config.commentRate} pro Minute und Plattform` +
      ` (SANDBOX_COMMENT_RATE, Arten: ${config.commentKinds.join(', ')})\n` +
      `  Rate ändern: POST ${address}/_sandbox/<plattform>/stream {"perMinute": 60} (0 stoppt)\n` +
      `  Sofort erzeugen: POST ${address}/_sandbox/<plattform>/stream/burst {"count": 10}\n` +
      `  Webhooks: POST ${address}/_sandbox/<plattform>/webhooks, Zustellungen: GET …/webhooks/deliveries\n`,
  );
  const stop = (signal: string): void => {
    process.stdout.write(`${signal}: Sandbox wird beendet\n`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(
          `Beenden fehlgeschlagen: ${error instanceof Error ? error.message : 'unbekannt'}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

await main();
