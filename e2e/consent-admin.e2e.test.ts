// End-to-end, "Einwilligungen" admin page (issue #9, item 10): the city configures the website
// widget, copies the one tag for its website, sees counts only, and looks up the proofs of one
// pseudonymous id for a rights request. The first account (Kommunikation) may manage all of it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { setUpFirstAccount } from './api.ts';
import { ADMIN, skipE2e, useE2eSuite } from './suite.ts';
import { h1, mainNav, signIn } from './ui.ts';

const TITLE = 'Einwilligungen auf der Website';
const MATOMO_URL = 'https://statistik.stuttgart.example/';
/** A well-formed id nobody has used: the lookup must say so in words. */
const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

/** The part of the page's globals the clipboard check uses (e2e has no DOM types). */
interface ClipboardWindow {
  readonly navigator: { readonly clipboard: { readText(): Promise<string> } };
}

const AXE_PAGES = [
  'Einwilligungen',
  'Einwilligungen: Fehler in den Einstellungen',
  'Einwilligungen: gespeichert',
  'Einwilligungen: Nachweis gesucht',
] as const;

describe.skipIf(skipE2e)('Einwilligungen (consent admin page) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, { path: process.env['PATH'], home: process.env['HOME'] });
  let adminPage: Page | undefined;

  function admin(): Page {
    if (adminPage === undefined) {
      throw new Error('the admin page is not open (did the first test fail?)');
    }
    return adminPage;
  }

  it('opens "Einwilligungen" from the navigation', async () => {
    await setUpFirstAccount(suite.server(), ADMIN);
    const page = await suite.openPage();
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url('') });
    await signIn(page, suite.url('/login'), ADMIN);
    adminPage = page;
    await mainNav(page).getByRole('link', { name: 'Einwilligungen', exact: true }).click();
    await h1(page, TITLE).waitFor();
    expect(new URL(page.url()).pathname).toBe('/consent');
    await page.getByRole('heading', { level: 2, name: 'Einstellungen' }).waitFor();
    await page.getByText('Noch keine Entscheidungen.').waitFor();
    await suite.scan(page, 'Einwilligungen');
  });

  it('shows the server’s German message at the field, then saves a Matomo setting', async () => {
    const page = admin();
    const form = page.getByRole('region', { name: 'Einstellungen' });
    await form.getByRole('checkbox', { name: 'Statistik mit Matomo verwenden' }).check();
    const url = form.getByLabel('Adresse der Matomo-Installation');
    // Without the trailing slash the server refuses it, with its own wording.
    await url.fill(MATOMO_URL.slice(0, -1));
    await form.getByLabel('Site-ID').fill('7');
    await form.getByLabel('Modus').selectOption({ label: 'Ohne Cookies (ohne Einwilligung)' });
    await form.getByRole('button', { name: 'Speichern' }).click();
    await form.getByText('Die Adresse muss mit „/“ enden.').waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    await suite.scan(page, 'Einwilligungen: Fehler in den Einstellungen');

    await url.fill(MATOMO_URL);
    await form.getByRole('button', { name: 'Speichern' }).click();
    await page
      .getByRole('status')
      .getByText(
        'Die Einstellungen sind gespeichert. Die Website übernimmt sie in wenigen Minuten.',
      )
      .waitFor();
    expect(await url.getAttribute('aria-invalid')).not.toBe('true');

    const response = await fetch(suite.url('/widget/config.json'));
    const config = (await response.json()) as {
      version: string;
      matomo?: { url: string; siteId: string; cookieless: boolean };
    };
    expect(config.matomo).toEqual({ url: MATOMO_URL, siteId: '7', cookieless: true });
    // The page shows the version of the config the website now receives.
    await page.getByRole('region', { name: 'Einbinden' }).getByText(config.version).waitFor();
    await suite.scan(page, 'Einwilligungen: gespeichert');
  });

  it('shows the one tag for the website and copies it', async () => {
    const page = admin();
    const embed = page.getByRole('region', { name: 'Einbinden' });
    const origin = suite.url('');
    const snippet = `<script src="${origin}/widget/stadtfunk-consent.js" data-config="${origin}/widget/config.json" defer></script>`;
    const code = embed.getByLabel('Code für die Website');
    expect(await code.inputValue()).toBe(snippet);
    expect(await code.getAttribute('readonly')).not.toBeNull();
    await embed.getByRole('button', { name: 'Kopieren' }).click();
    await embed.getByRole('status').getByText('Der Code ist in der Zwischenablage.').waitFor();
    const clipboard = await page.evaluate(() =>
      (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(snippet);
    await embed.getByText('<div data-stadtfunk-embed="youtube"', { exact: false }).waitFor();
    const demo = embed.getByRole('link', {
      name: 'Vorschau auf der Demo-Website (öffnet in neuem Tab)',
    });
    expect(await demo.getAttribute('href')).toBe('/demo/website');
    expect(await demo.getAttribute('target')).toBe('_blank');
  });

  it('checks the id’s form, then says in words that an unknown id has no proofs', async () => {
    const page = admin();
    const lookup = page.getByRole('region', { name: 'Nachweis suchen' });
    const id = lookup.getByLabel('Kennung der Person');
    await id.fill('nicht-hex');
    await lookup.getByRole('button', { name: 'Nachweise suchen' }).click();
    await lookup
      .getByText('Die Kennung besteht aus 32 Zeichen, nur Ziffern und den Buchstaben a bis f.')
      .waitFor();
    expect(await id.getAttribute('aria-invalid')).toBe('true');

    await id.fill(UNKNOWN_ID);
    await lookup.getByRole('button', { name: 'Nachweise suchen' }).click();
    await lookup
      .getByRole('status')
      .getByText('Zu dieser Kennung gibt es keine Nachweise.')
      .waitFor();
    expect(await id.getAttribute('aria-invalid')).not.toBe('true');
    await suite.scan(page, 'Einwilligungen: Nachweis gesucht');
  });

  it('scanned every page state with axe-core, 0 violations', () => {
    suite.expectAllScanned();
  });
});
