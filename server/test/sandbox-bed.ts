import { createSandbox } from '../../sandbox/src/sandbox.server.ts';
import type { SandboxPlugin } from '../../sandbox/src/sandbox.server.ts';
import { SandboxStore } from '../../sandbox/src/sandbox.store.ts';

/**
 * One platform's sandbox on 127.0.0.1 (random port) with a movable clock, and its admin API:
 * what every connector testbed starts from.
 */
export interface SandboxBed {
  readonly baseUrl: string;
  /** The sandbox's clock in ms since epoch; connectors under test share it. */
  readonly clock: () => number;
  readonly advance: (ms: number) => void;
  readonly now: () => Date;
  /** `/_sandbox/<platform>/<path>`; throws with the answer when it is not 2xx. */
  readonly admin: (path: string, body?: unknown, method?: string) => Promise<unknown>;
  readonly close: () => Promise<void>;
}

export async function startSandboxBed(
  plugin: SandboxPlugin,
  startAt?: number,
): Promise<SandboxBed> {
  let offsetMs = startAt === undefined ? 0 : startAt - Date.now();
  const clock = (): number => Date.now() + offsetMs;
  const { app } = createSandbox([plugin], new SandboxStore({ now: clock }));
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl,
    clock,
    advance: (ms) => {
      offsetMs += ms;
    },
    now: () => new Date(clock()),
    admin: async (path, body, method = 'POST') => {
      const response = await fetch(`${baseUrl}/_sandbox/${plugin.platform}/${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      if (!response.ok) {
        throw new Error(`sandbox admin ${path}: ${response.status} ${await response.text()}`);
      }
      return response.status === 204 ? null : response.json();
    },
    close: () => app.close(),
  };
}
