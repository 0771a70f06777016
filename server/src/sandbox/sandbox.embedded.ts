import type { Logger } from 'pino';

import { SANDBOX_PLUGINS } from '../../../sandbox/src/sandbox.plugins.ts';
import { createSandbox } from '../../../sandbox/src/sandbox.server.ts';
import type { AppConfig } from '../config/config.ts';

export interface EmbeddedSandbox {
  readonly url: string;
  close(): Promise<void>;
}

function isAddressInUse(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE'
  );
}

/**
 * `npm start` runs the platform sandbox (sandbox/) inside the server process, on 127.0.0.1 only.
 * When the port is taken, a sandbox started by `npm run sandbox` is assumed and used instead.
 */
export async function startSandbox(
  config: Pick<AppConfig, 'sandboxPort'>,
  log: Logger,
): Promise<EmbeddedSandbox> {
  const url = `http://127.0.0.1:${config.sandboxPort}`;
  const { app } = createSandbox(SANDBOX_PLUGINS);
  try {
    await app.listen({ port: config.sandboxPort, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    if (!isAddressInUse(error)) {
      throw error;
    }
    const running = await fetch(`${url}/`).then(
      (response) => response.ok,
      () => false,
    );
    if (!running) {
      throw new Error(
        `Port ${config.sandboxPort} ist belegt, aber dort läuft keine Sandbox. Bitte SANDBOX_PORT ändern.`,
        { cause: error },
      );
    }
    log.info({ sandbox: url }, 'using the platform sandbox already running');
    return { url, close: () => Promise.resolve() };
  }
  return { url, close: () => app.close() };
}

export function sandboxBanner(url: string): string {
  return [
    '',
    ` Plattform-Sandbox: ${url} (nichts verlässt diesen Rechner)`,
    '  Kanäle im Register mit „Verbinden“ an die Sandbox anschließen;',
    `  veröffentlichte Beiträge erscheinen unter ${url}/_sandbox/<plattform>/wall`,
    '',
  ].join('\n');
}
