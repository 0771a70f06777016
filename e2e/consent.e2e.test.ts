// End-to-end, website privacy settings (issue #9): the demo city page with the one-script-tag
// widget. Every request of the page is recorded and every non-local one aborted, so nothing leaves
// the machine and the test sees exactly what the widget would have fetched from third parties.
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import type { ApiSession } from './api.ts';
import { setUpFirstAccount } from './api.ts';
import { ADMIN, skipE2e, useE2eSuite } from './suite.ts';

const MATOMO = { url: 'https://matomo.stuttgart.example/', siteId: '1', mode: 'consent' } as const;
const SERVICES = ['youtube', 'instagram', 'mastodon'] as const;
const TITLE = 'Datenschutz-Einstellungen';
const SIGNAL_NOTE = /Ihr Browser sendet das Signal „Global Privacy Control“/;
/** Long enough for a script or frame the widget would add after a choice to be requested. */
const SETTLE_MS = 750;

const AXE_PAGES = ['Hinweis', 'Einstellungen', 'Einstellungen mit GPC-Hinweis'] as const;

interface DemoPage {
  readonly page: Page;
  /** Every URL the page (and its frames) requested, in order. */
  readonly requests: string[];
}

/** The part of the page's globals the checks read (e2e has no DOM types). */
interface PageGlobals {
  readonly localStorage: { getItem(key: string): string | null };
  readonly document: { readonly activeElement: FocusNode | null };
}
interface FocusNode {
  readonly textContent: string | null;
  closest(selector: string): FocusNode | null;
}

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  return !/^https?:$/.test(protocol) || hostname === 'localhost' || hostname === '127.0.0.1';
};
const thirdParty = (requests: readonly string[]): string[] =>
  requests.filter((url) => !isLocal(url));
const hosts = (requests: readonly string[]): string[] => [
  ...new Set(thirdParty(requests).map((url) => new URL(url).hostname)),
];
const isProofPost = (request: Request): boolean =>
  request.method() === 'POST' && request.url().endsWith('/api/consent/proofs');

describe.skipIf(skipE2e)('Website privacy settings (demo page) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, { path: process.env['PATH'], home: process.env['HOME'] });
  let session: ApiSession | undefined;

  function comms(): ApiSession {
    if (session === undefined) {
      throw new Error('no communications session (did the first test fail?)');
    }
    return session;
  }

  async function openDemo(options: { gpc?: boolean } = {}): Promise<DemoPage> {
    const page = await suite.openPage();
    const context = page.context();
    const requests: string[] = [];
    page.on('request', (request) => {
      requests.push(request.url());
    });
    // Registered last, so it runs first; local requests go on to the suite's own routes (axe-core).
    await context.route('**/*', (route) =>
      isLocal(route.request().url()) ? route.fallback() : route.abort('blockedbyclient'),
    );
    if (options.gpc === true) {
      await context.addInitScript({
        content:
          "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });",
      });
    }
    await page.goto(suite.url('/demo/website'));
    await page.getByRole('region', { name: TITLE }).waitFor();
    return { page, requests };
  }

  /** Waits for the proof a choice sends, then long enough for what the choice would load. */
  async function choose(page: Page, act: () => Promise<void>): Promise<void> {
    const proof = page.waitForRequest(isProofPost);
    await act();
    await proof;
    await page.waitForTimeout(SETTLE_MS);
  }

  /** Tab (no clicks) until the focused control's text, or its label's, is `name`. */
  async function tabTo(page: Page, name: string): Promise<void> {
    for (let step = 0; step < 80; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const node = (globalThis as unknown as PageGlobals).document.activeElement;
        return (node?.closest('label') ?? node)?.textContent?.trim() ?? '';
      });
      if (focused === name) {
        return;
      }
    }
    throw new Error(`"${name}" not reached with Tab`);
  }

  async function visitorId(page: Page): Promise<string> {
    const stored = await page.evaluate(() =>
      (globalThis as unknown as PageGlobals).localStorage.getItem('stadtfunk-consent'),
    );
    const { id } = JSON.parse(stored ?? '{}') as { id?: string };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    return id ?? '';
  }

  /** The proofs the server holds for the page's visitor id, as the city looks them up. */
  async function proofsOf(page: Page): Promise<{ choices: Record<string, boolean> }[]> {
    const { base, cookie } = comms();
    const response = await fetch(`${base}/api/consent/proofs?visitorId=${await visitorId(page)}`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: { choices: Record<string, boolean> }[] }).items;
  }

  it('configures the widget: three embeds and the example Matomo', async () => {
    session = await setUpFirstAccount(suite.server(), ADMIN);
    const response = await fetch(`${session.base}/api/consent/settings`, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify({ services: SERVICES, matomo: MATOMO, proofRetentionDays: 1095 }),
    });
    expect(response.status).toBe(200);
  });

  it('loads the config through the one script tag and requests nothing third-party', async () => {
    const { page, requests } = await openDemo();
    expect(await page.locator('script[data-config]').count()).toBe(1);
    expect(await page.locator('#stadtfunk-consent-config').count()).toBe(0);
    expect(requests.some((url) => new URL(url).pathname === '/widget/config.json')).toBe(true);
    const notice = page.getByRole('region', { name: TITLE });
    for (const name of ['Alle akzeptieren', 'Nur notwendige', 'Einstellungen']) {
      await notice.getByRole('button', { name, exact: true }).waitFor();
    }
    for (const id of SERVICES) {
      await page
        .locator(`[data-stadtfunk-embed="${id}"]`)
        .getByRole('button', { name: 'Einmal laden' })
        .waitFor();
    }
    expect(await page.locator('iframe').count()).toBe(0);
    await suite.scan(page, 'Hinweis');

    await notice.getByRole('button', { name: 'Einstellungen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: TITLE });
    for (const name of ['YouTube', 'Instagram', 'Mastodon', 'Statistik erlauben']) {
      expect(await dialog.getByRole('switch', { name }).isChecked(), name).toBe(false);
    }
    for (const name of ['Auswahl speichern', 'Alle akzeptieren', 'Nur notwendige', 'Schließen']) {
      await dialog.getByRole('button', { name, exact: true }).waitFor();
    }
    await suite.scan(page, 'Einstellungen');
    await dialog.getByRole('button', { name: 'Schließen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForTimeout(SETTLE_MS);
    expect(thirdParty(requests)).toEqual([]);
  });

  it('"Einmal laden" on the video requests youtube-nocookie.com only', async () => {
    const { page, requests } = await openDemo();
    const video = page.waitForRequest((request) =>
      request.url().startsWith('https://www.youtube-nocookie.com/embed/'),
    );
    await page
      .locator('[data-stadtfunk-embed="youtube"]')
      .getByRole('button', { name: 'Einmal laden' })
      .click();
    await video;
    await page.waitForTimeout(SETTLE_MS);
    expect(hosts(requests)).toEqual(['www.youtube-nocookie.com']);
    // Once is not a choice: the notice stays, no proof is sent.
    await page.getByRole('region', { name: TITLE }).waitFor();
    expect(requests.some((url) => url.endsWith('/api/consent/proofs'))).toBe(false);
  });

  it('loads Matomo only after the Statistik consent is saved, and the proof reaches the server', async () => {
    const { page, requests } = await openDemo();
    await page.getByRole('button', { name: 'Einstellungen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: TITLE });
    await dialog.getByRole('switch', { name: 'Statistik erlauben' }).check();
    await page.waitForTimeout(SETTLE_MS);
    expect(thirdParty(requests)).toEqual([]);
    await choose(page, () => dialog.getByRole('button', { name: 'Auswahl speichern' }).click());
    expect(hosts(requests)).toEqual(['matomo.stuttgart.example']);
    expect(requests).toContain(`${MATOMO.url}matomo.js`);
    await page.getByRole('region', { name: TITLE }).waitFor({ state: 'detached' });

    const proofs = await proofsOf(page);
    expect(proofs).toHaveLength(1);
    expect(proofs[0]?.choices).toEqual({
      youtube: false,
      instagram: false,
      mastodon: false,
      matomo: true,
    });
  });

  it('with GPC on, says why and loads no Matomo even after "Alle akzeptieren"', async () => {
    const { page, requests } = await openDemo({ gpc: true });
    const notice = page.getByRole('region', { name: TITLE });
    await notice.getByText(SIGNAL_NOTE).waitFor();
    await notice.getByRole('button', { name: 'Einstellungen', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: TITLE });
    await dialog.getByText(SIGNAL_NOTE).waitFor();
    const statistics = dialog.getByRole('switch', { name: 'Statistik erlauben' });
    expect(await statistics.isChecked()).toBe(false);
    expect(await statistics.isDisabled()).toBe(true);
    await suite.scan(page, 'Einstellungen mit GPC-Hinweis');

    await choose(page, () =>
      dialog.getByRole('button', { name: 'Alle akzeptieren', exact: true }).click(),
    );
    expect(thirdParty(requests).filter((url) => url.includes('matomo'))).toEqual([]);
    // The embeds were accepted, so they do load (and are aborted here).
    expect(hosts(requests)).toContain('www.youtube-nocookie.com');
    const proofs = await proofsOf(page);
    expect(proofs.at(-1)?.choices).toEqual({
      youtube: true,
      instagram: true,
      mastodon: true,
      matomo: false,
    });
    // Reopened from the footer link, the dialog still says why.
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('dialog', { name: TITLE }).getByText(SIGNAL_NOTE).waitFor();
  });

  describe('keyboard only', () => {
    it('"Einmal laden" with Tab and Enter requests youtube-nocookie.com only', async () => {
      const { page, requests } = await openDemo();
      // The YouTube placeholder is the first embed on the page.
      await tabTo(page, 'Einmal laden');
      const video = page.waitForRequest((request) =>
        request.url().startsWith('https://www.youtube-nocookie.com/embed/'),
      );
      expect(thirdParty(requests)).toEqual([]);
      await page.keyboard.press('Enter');
      await video;
      await page.waitForTimeout(SETTLE_MS);
      expect(hosts(requests)).toEqual(['www.youtube-nocookie.com']);
    });

    it('saves Statistik with Tab, Space and Enter; Matomo only after it', async () => {
      const { page, requests } = await openDemo();
      await tabTo(page, 'Einstellungen');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: TITLE });
      await dialog.waitFor();
      await tabTo(page, 'Statistik erlauben');
      await page.keyboard.press('Space');
      expect(await dialog.getByRole('switch', { name: 'Statistik erlauben' }).isChecked()).toBe(
        true,
      );
      await tabTo(page, 'Auswahl speichern');
      expect(thirdParty(requests)).toEqual([]);
      await choose(page, () => page.keyboard.press('Enter'));
      expect(hosts(requests)).toEqual(['matomo.stuttgart.example']);
      expect((await proofsOf(page)).at(-1)?.choices).toEqual({
        youtube: false,
        instagram: false,
        mastodon: false,
        matomo: true,
      });
    });

    it('with GPC on, "Alle akzeptieren" with Space loads no Matomo; the dialog says why', async () => {
      const { page, requests } = await openDemo({ gpc: true });
      await tabTo(page, 'Alle akzeptieren');
      await choose(page, () => page.keyboard.press('Space'));
      expect(thirdParty(requests).filter((url) => url.includes('matomo'))).toEqual([]);
      await tabTo(page, TITLE);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: TITLE });
      await dialog.getByText(SIGNAL_NOTE).waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(thirdParty(requests).filter((url) => url.includes('matomo'))).toEqual([]);
    });
  });

  it('scanned the notice and both dialogs with axe-core, 0 violations', () => {
    suite.expectAllScanned();
  });
});
