// Browser helpers for the end-to-end suite: Debian's Chromium driven by playwright-core (never a
// downloaded browser), axe-core scans, and small waits that playwright-core has no expect() for.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Timeout for single browser actions and waits: well below the 60 s test timeout. */
export const ACTION_TIMEOUT_MS = 15_000;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * The app's Content-Security-Policy forbids inline scripts, so axe-core cannot be injected as an
 * inline tag. Instead each context serves the file under a same-origin path, which script-src
 * 'self' allows: the scans run with the real CSP in force.
 */
const AXE_PATH = '/__e2e__/axe.min.js';
const axeFile = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Problems the pages reported while a test ran: uncaught errors and CSP violations. */
export interface PageProblems {
  readonly list: string[];
}

/** A fresh context (own cookies and storage) that can load axe-core and records page problems. */
export async function newContext(
  browser: Browser,
  problems: PageProblems,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await context.route(`**${AXE_PATH}`, (route) =>
    route.fulfill({ path: axeFile, contentType: 'text/javascript; charset=utf-8' }),
  );
  context.on('page', (page) => {
    watchPage(page, problems);
  });
  return context;
}

function watchPage(page: Page, problems: PageProblems): void {
  page.on('pageerror', (error) => {
    problems.list.push(`${page.url()}: uncaught ${error.name}: ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      problems.list.push(`${page.url()}: ${message.text()}`);
    }
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** What the suite needs of an axe-core violation; the rest of the result stays in the browser. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

interface AxeRawViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** The globals axe-core adds to the page, as seen from inside page.evaluate. */
interface AxeWindow {
  document: unknown;
  axe?: {
    run(
      context: unknown,
      options: {
        runOnly: { type: 'tag'; values: readonly string[] };
        resultTypes: readonly string[];
      },
    ): Promise<{ violations: AxeRawViolation[] }>;
  };
}

/**
 * How axe-core gets into the page. `same-origin` (the app): a script tag from AXE_PATH, which the
 * app's script-src 'self' allows. `devtools` (the public notices): their policy refuses every
 * script (default-src 'none'), so the source is evaluated through the DevTools protocol, which
 * the page's policy does not govern; it stays in force for everything the page loads itself.
 */
export type AxeInjection = 'same-origin' | 'devtools';

let axeSource: string | undefined;

/** Runs axe-core with the WCAG 2.1 A/AA rules on the current page and returns the violations. */
export async function axeViolations(
  page: Page,
  injection: AxeInjection = 'same-origin',
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as AxeWindow).axe !== undefined);
  if (!loaded && injection === 'same-origin') {
    await page.addScriptTag({ url: AXE_PATH });
  } else if (!loaded) {
    axeSource ??= readFileSync(axeFile, 'utf8');
    await page.evaluate(axeSource);
  }
  return page.evaluate(async (tags) => {
    const scope = globalThis as unknown as AxeWindow;
    if (scope.axe === undefined) {
      throw new Error('axe-core did not load');
    }
    const results = await scope.axe.run(scope.document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  }, WCAG_TAGS);
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `  ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n${violation.targets
          .map((target) => `      ${target}`)
          .join('\n')}`,
    )
    .join('\n');
}

/** Resolves once the locator is the focused element; playwright-core has no toBeFocused(). */
export async function waitForFocus(page: Page, locator: Locator): Promise<void> {
  await locator.and(page.locator(':focus')).waitFor({ state: 'attached' });
}

/** Whether the locator is the focused element right now, without waiting. */
export async function isFocused(page: Page, locator: Locator): Promise<boolean> {
  return (await locator.and(page.locator(':focus')).count()) === 1;
}
