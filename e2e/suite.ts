// The frame every e2e file shares: the real server as a child process on a fresh DATA_DIR of its
// own, one Chromium, a fresh context per person, axe-core scans with a record of what was scanned,
// and the rule for a missing Chromium: skip with one line locally, fail in CI.
import { closeSync, existsSync, openSync, readdirSync, rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';

import { readTestEnvironment } from '../server/src/config/config.ts';
import {
  axeViolations,
  CHROMIUM_PATH,
  chromiumAvailable,
  describeViolations,
  launchChromium,
  newContext,
} from './browser.ts';
import type { AxeInjection, PageProblems } from './browser.ts';
import { findFreePort, startServerProcess } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Person {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

/** The first account: Abteilung Kommunikation. */
export const ADMIN: Person = {
  email: 'kommunikation@stuttgart.example',
  name: 'Kim Kommunikation',
  password: 'Rathausplatz ist schön 1',
};
export const DPO: Person = {
  email: 'datenschutz@stuttgart.example',
  name: 'Dana Datenschutz',
  password: 'Datenschutz geht vor 22',
};
export const EDITOR: Person = {
  email: 'kulturamt@stuttgart.example',
  name: 'Erik Kulturamt',
  password: 'Kultur für alle Tage 333',
};

const { ci } = readTestEnvironment();
const hasChromium = chromiumAvailable();

/** Without Chromium the browser tests are skipped locally; CI must run them. */
export const skipE2e = !hasChromium && !ci;
if (skipE2e) {
  announceSkipOnce();
}

/**
 * Each test file runs in its own worker, so the line would appear once per file. A marker named
 * after the vitest process (the workers' parent, or their process when they are threads) keeps it
 * to one line per run; markers of runs that have ended are removed.
 */
function announceSkipOnce(): void {
  const prefix = 'stadtfunk-e2e-skip-';
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(prefix))) {
    if (!isAlive(Number(name.slice(prefix.length)))) {
      try {
        rmSync(path.join(tmpdir(), name), { force: true });
      } catch {
        // Someone else's marker; it does no harm.
      }
    }
  }
  const runPid = isMainThread ? process.ppid : process.pid;
  try {
    closeSync(openSync(path.join(tmpdir(), `${prefix}${runPid}`), 'wx'));
  } catch {
    return;
  }
  console.warn(
    `e2e skipped: Chromium is missing at ${CHROMIUM_PATH} (install the Debian package "chromium").`,
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What the server child gets of the test process's environment (nothing else is passed on). The
 * test files read it: outside server/src/config only they may read the environment.
 */
export interface ChildEnvironment {
  readonly path: string | undefined;
  readonly home: string | undefined;
  /** Start on an empty DATA_DIR (migrations at start) instead of the run's migrated template. */
  readonly freshDataDir?: boolean;
}

export interface E2eSuite<Label extends string> {
  /** The server started for this file. */
  server(): ServerProcess;
  url(pathname: string): string;
  port(): number;
  /** The platform sandbox the server runs in its own process (`--sandbox`, as `npm start`). */
  sandboxUrl(pathname?: string): string;
  /** A page in a fresh context: own cookies, so one context is one person. */
  openPage(): Promise<Page>;
  /** Scans with axe-core; fails with each violation's id and targets. */
  scan(page: Page, label: Label, injection?: AxeInjection): Promise<void>;
  /** Every planned page was scanned, all with 0 violations. */
  expectAllScanned(): void;
  /** Starts the server again on the same DATA_DIR and port; stopped after the file if need be. */
  startAgain(): Promise<ServerProcess>;
}

/**
 * Registers the hooks of one e2e file (call it inside the describe block): server and Chromium
 * before the tests, no page errors or CSP violations after each, everything torn down after all.
 */
export function useE2eSuite<const Label extends string>(
  axePages: readonly Label[],
  environment: ChildEnvironment,
): E2eSuite<Label> {
  let dataDir: string | undefined;
  let port = 0;
  let sandboxPort = 0;
  const servers: ServerProcess[] = [];
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: PageProblems = { list: [] };
  const scanned = new Map<Label, number>();

  const startOnDataDir = (): Promise<ServerProcess> => {
    if (dataDir === undefined) {
      throw new Error('no DATA_DIR');
    }
    return startServerProcess({
      root: ROOT,
      dataDir,
      port,
      sandboxPort,
      path: environment.path ?? '',
      home: environment.home ?? tmpdir(),
    });
  };

  const suite: E2eSuite<Label> = {
    server() {
      const first = servers[0];
      if (first === undefined) {
        throw new Error('server not started');
      }
      return first;
    },
    url: (pathname) => `${suite.server().url}${pathname}`,
    port: () => port,
    sandboxUrl: (pathname = '') => `http://127.0.0.1:${sandboxPort}${pathname}`,
    async openPage() {
      if (browser === undefined) {
        throw new Error('browser not started');
      }
      const context = await newContext(browser, problems);
      contexts.push(context);
      return context.newPage();
    },
    async scan(page, label, injection) {
      const violations = await axeViolations(page, injection);
      scanned.set(label, violations.length);
      if (violations.length > 0) {
        console.error(
          `axe violations on "${label}" (${page.url()}):\n${describeViolations(violations)}`,
        );
      }
      expect(
        violations.map((violation) => `${violation.id}: ${violation.targets.join(', ')}`),
        `axe-core on "${label}"`,
      ).toEqual([]);
    },
    expectAllScanned() {
      const missing = axePages.filter((label) => !scanned.has(label));
      expect(missing, 'pages without an axe-core scan').toEqual([]);
      expect([...scanned.values()].reduce((sum, count) => sum + count, 0)).toBe(0);
    },
    async startAgain() {
      const again = await startOnDataDir();
      servers.push(again);
      return again;
    },
  };

  beforeAll(async () => {
    if (!hasChromium) {
      throw new Error(
        `Chromium is missing at ${CHROMIUM_PATH}; CI must run the browser tests. Install the Debian package "chromium".`,
      );
    }
    if (!existsSync(path.join(ROOT, 'web', 'dist', 'index.html'))) {
      throw new Error('web/dist is missing: run `npm run build` before the e2e tests.');
    }
    dataDir = await mkdtemp(path.join(tmpdir(), 'stadtfunk-e2e-'));
    if (environment.freshDataDir !== true) {
      await cp(inject('pgliteTemplate'), path.join(dataDir, 'pglite'), { recursive: true });
    }
    port = await findFreePort();
    sandboxPort = await findFreePort();
    const [started, launched] = await Promise.allSettled([startOnDataDir(), launchChromium()]);
    // Keep whatever did start, so afterAll stops it even when the other part failed.
    if (started.status === 'fulfilled') {
      servers.push(started.value);
    }
    if (launched.status === 'fulfilled') {
      browser = launched.value;
    }
    if (started.status === 'rejected') {
      throw started.reason;
    }
    if (launched.status === 'rejected') {
      throw launched.reason;
    }
    console.log(`cold start: ${started.value.readyMs} ms`);
  });

  afterEach(() => {
    const reported = problems.list.splice(0);
    expect(reported, 'uncaught page errors or CSP violations').toEqual([]);
  });

  afterAll(async () => {
    for (const context of contexts) {
      await context.close().catch(() => undefined);
    }
    await browser?.close().catch(() => undefined);
    for (const server of servers) {
      await server.kill();
    }
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
    }
    if (scanned.size > 0) {
      console.log(
        `axe-core (${axePages.length} pages expected): ${[...scanned]
          .map(([label, count]) => `${label}=${count}`)
          .join(', ')}`,
      );
    }
  });

  return suite;
}
