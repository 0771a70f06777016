// End-to-end: the real server as a child process on a fresh DATA_DIR, the built admin UI in
// Debian's Chromium. One server and one browser for the file; the tests build on each other
// (setup → login → invite → audit) and run in order.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { readTestEnvironment } from '../server/src/config/config.ts';
import {
  axeViolations,
  CHROMIUM_PATH,
  chromiumAvailable,
  describeViolations,
  isFocused,
  launchChromium,
  newContext,
  waitForFocus,
} from './browser.ts';
import type { PageProblems } from './browser.ts';
import { findFreePort, openIdleSocket, startServerProcess } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { ci } = readTestEnvironment();
const hasChromium = chromiumAvailable();
const skip = !hasChromium && !ci;
if (skip) {
  console.warn(
    `e2e skipped: Chromium is missing at ${CHROMIUM_PATH} (install the Debian package "chromium").`,
  );
}

interface Person {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

const ADMIN: Person = {
  email: 'kommunikation@stuttgart.example',
  name: 'Kim Kommunikation',
  password: 'Rathausplatz ist schön 1',
};
const DPO: Person = {
  email: 'datenschutz@stuttgart.example',
  name: 'Dana Datenschutz',
  password: 'Datenschutz geht vor 22',
};
const EDITOR: Person = {
  email: 'kulturamt@stuttgart.example',
  name: 'Erik Kulturamt',
  password: 'Kultur für alle Tage 333',
};

const SHUTDOWN_TIMEOUT_MS = 20_000;
const INVITE_LINK = /^http:\/\/localhost:\d+\/invite\?token=[A-Za-z0-9_-]{43}$/;

/** Every page the axe-core scans must cover; a later test checks that none was left out. */
const AXE_PAGES = [
  'Anmelden (vor der Einrichtung)',
  'Einrichtung',
  'Übersicht',
  'Anmelden',
  'Benutzer',
  'Benutzer: Formular offen',
  'Benutzer: Formular mit Fehler',
  'Benutzer: Einladungslink',
  'Einladung annehmen',
  'Audit-Log',
  'Organisationseinheiten',
  'Seite nicht gefunden',
  'Übersicht (EN)',
] as const;
type AxePage = (typeof AXE_PAGES)[number];

describe.skipIf(skip)('Stadtfunk admin UI in Chromium', () => {
  let dataDir: string | undefined;
  let port = 0;
  let server: ServerProcess | undefined;
  let warmServer: ServerProcess | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const problems: PageProblems = { list: [] };
  const scanned = new Map<AxePage, number>();
  let adminPage: Page | undefined;
  const invites: { dpo?: string; editor?: string } = {};

  function running(): ServerProcess {
    if (server === undefined) {
      throw new Error('server not started');
    }
    return server;
  }

  function admin(): Page {
    if (adminPage === undefined) {
      throw new Error('the admin page is not open (did the setup test fail?)');
    }
    return adminPage;
  }

  function url(pathname: string): string {
    return `${running().url}${pathname}`;
  }

  async function openPage(): Promise<Page> {
    if (browser === undefined) {
      throw new Error('browser not started');
    }
    const context = await newContext(browser, problems);
    contexts.push(context);
    return context.newPage();
  }

  /** Scans with axe-core; fails with each violation's id and targets. */
  async function scan(page: Page, label: AxePage): Promise<void> {
    const violations = await axeViolations(page);
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
  }

  function h1(page: Page, name: string): Locator {
    return page.getByRole('heading', { level: 1, name, exact: true });
  }

  function mainNav(page: Page): Locator {
    return page.getByRole('navigation', { name: /^(Hauptnavigation|Main navigation)$/ });
  }

  /**
   * The administration links in the navigation, in order. Other modules join the main list as
   * they are built, so the role checks look at this list, which is what the roles differ in.
   */
  async function adminLinks(page: Page): Promise<string[]> {
    const nav = mainNav(page);
    await nav.getByRole('link').first().waitFor();
    const list = nav.getByRole('list', { name: /^(Verwaltung|Administration)$/ });
    if ((await list.count()) === 0) {
      return [];
    }
    return (await list.getByRole('link').allInnerTexts()).map((text) => text.trim());
  }

  async function fillLogin(page: Page, person: Person, password: string): Promise<void> {
    await page.getByLabel('E-Mail', { exact: true }).fill(person.email);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
    await h1(page, 'Anmelden').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  }

  /** Opens an invite link in a fresh context, sets the password and returns the signed-in page. */
  async function acceptInvite(
    link: string,
    person: Person,
    beforeSubmit?: (page: Page) => Promise<void>,
  ): Promise<Page> {
    const page = await openPage();
    await page.goto(link);
    await h1(page, 'Einladung annehmen').waitFor();
    await beforeSubmit?.(page);
    await page.getByLabel('Passwort', { exact: true }).fill(person.password);
    await page.getByLabel('Passwort wiederholen', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
    await h1(page, 'Übersicht').waitFor();
    await page.getByText(`Willkommen, ${person.name}.`).waitFor();
    return page;
  }

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
    port = await findFreePort();
    const [started, launched] = await Promise.all([
      startServerProcess({
        root: ROOT,
        dataDir,
        port,
        path: process.env['PATH'] ?? '',
        home: process.env['HOME'] ?? tmpdir(),
      }),
      launchChromium(),
    ]);
    server = started;
    browser = launched;
    console.log(`cold start: ${server.readyMs} ms`);
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
    await server?.kill();
    await warmServer?.kill();
    if (dataDir !== undefined) {
      await rm(dataDir, { recursive: true, force: true });
    }
    if (scanned.size > 0) {
      console.log(
        `axe-core (${AXE_PAGES.length} pages expected): ${[...scanned]
          .map(([label, count]) => `${label}=${count}`)
          .join(', ')}`,
      );
    }
  });

  it('starts cold on a fresh DATA_DIR, gets ready and prints a one-time setup link', () => {
    const link = running().setupLink();
    expect(link, running().output()).toMatch(
      new RegExp(`^http://localhost:${port}/setup\\?token=[A-Za-z0-9_-]{43}$`),
    );
    expect(running().readyMs).toBeGreaterThan(0);
  });

  it('sets up the first account through the setup page and lands on the dashboard', async () => {
    const page = await openPage();
    await page.goto(url('/login'));
    await h1(page, 'Anmelden').waitFor();
    await page.getByRole('status').filter({ hasText: 'noch nicht eingerichtet' }).waitFor();
    await scan(page, 'Anmelden (vor der Einrichtung)');

    const link = running().setupLink();
    if (link === undefined) {
      throw new Error('no setup link printed');
    }
    await page.goto(link);
    await h1(page, 'Stadtfunk einrichten').waitFor();
    await scan(page, 'Einrichtung');

    // The client checks the password length before anything is sent.
    await page.getByLabel('E-Mail', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Name', { exact: true }).fill(ADMIN.name);
    await page.getByLabel('Passwort', { exact: true }).fill('zu kurz');
    await page.getByLabel('Passwort wiederholen', { exact: true }).fill('zu kurz');
    await page.getByRole('button', { name: 'Einrichten und anmelden' }).click();
    await page.getByText('Das Passwort muss mindestens 12 Zeichen lang sein.').waitFor();

    await page.getByLabel('Passwort', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Passwort wiederholen', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Einrichten und anmelden' }).click();
    await h1(page, 'Übersicht').waitFor();
    await page.getByText(`Willkommen, ${ADMIN.name}.`).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.title()).toBe('Übersicht – Stadtfunk');
    await page.getByRole('listitem').filter({ hasText: 'Abteilung Kommunikation' }).waitFor();
    await mainNav(page).getByRole('link', { name: 'Übersicht', exact: true }).waitFor();
    expect(await adminLinks(page)).toEqual(['Benutzer', 'Organisationseinheiten', 'Audit-Log']);
    // Modules that are not built yet are listed as "in Vorbereitung", but not as links.
    const planned = mainNav(page).locator('[aria-disabled="true"]');
    expect(await planned.count()).toBeGreaterThan(0);
    for (const text of await planned.allInnerTexts()) {
      expect(text).toContain('in Vorbereitung');
    }
    expect(await planned.getByRole('link').count()).toBe(0);
    await scan(page, 'Übersicht');
    adminPage = page;
  });

  it('signs out, rejects a wrong password with a German alert, and signs in again', async () => {
    const page = admin();
    await signOut(page);
    await scan(page, 'Anmelden');

    await fillLogin(page, ADMIN, 'ein falsches Passwort');
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    await fillLogin(page, ADMIN, ADMIN.password);
    await h1(page, 'Übersicht').waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('keyboard: the first Tab reaches the skip link and the login form works without a mouse', async () => {
    const page = admin();
    await signOut(page);
    await page.goto(url('/login'));
    await h1(page, 'Anmelden').waitFor();

    const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
    await page.keyboard.press('Tab');
    await waitForFocus(page, skipLink);
    // Hidden above the page until focused, then it moves into view.
    const box = await skipLink.boundingBox();
    expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);

    await page.keyboard.press('Enter');
    await waitForFocus(page, page.locator('main#main-content'));
    expect(new URL(page.url()).hash).toBe('');

    await page.keyboard.press('Tab');
    await waitForFocus(page, page.getByLabel('E-Mail', { exact: true }));
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    expect(await isFocused(page, page.getByLabel('Passwort', { exact: true }))).toBe(true);
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await h1(page, 'Übersicht').waitFor();
  });

  it('creates a data protection officer and an office editor with invite links', async () => {
    const page = admin();
    await mainNav(page).getByRole('link', { name: 'Benutzer', exact: true }).click();
    await h1(page, 'Benutzer').waitFor();
    await page.getByRole('region', { name: 'Benutzerliste' }).getByText(ADMIN.email).waitFor();
    await scan(page, 'Benutzer');

    // Data protection officer: no org unit needed.
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    let form = page.getByRole('region', { name: 'Benutzer anlegen' });
    await form.waitFor();
    const role = form.getByLabel('Rolle', { exact: true });
    expect(await role.inputValue()).toBe('');
    expect((await role.locator('option:checked').innerText()).trim()).toBe('Bitte wählen');
    await scan(page, 'Benutzer: Formular offen');
    await form.getByLabel('E-Mail', { exact: true }).fill(DPO.email);
    await form.getByLabel('Name', { exact: true }).fill(DPO.name);
    await role.selectOption({ label: 'Datenschutzbeauftragte/r' });
    await form.getByRole('button', { name: 'Anlegen', exact: true }).click();

    const inviteUrl = page.getByTestId('invite-url');
    await page.getByText(`Einladungslink für ${DPO.name}`).waitFor();
    invites.dpo = (await inviteUrl.innerText()).trim();
    expect(invites.dpo).toMatch(INVITE_LINK);
    await scan(page, 'Benutzer: Einladungslink');
    const table = page.getByRole('region', { name: 'Benutzerliste' });
    await table.getByRole('row').filter({ hasText: DPO.email }).waitFor();

    // Office editor: the role needs an org unit, and the form says so before sending.
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    form = page.getByRole('region', { name: 'Benutzer anlegen' });
    await form.getByLabel('E-Mail', { exact: true }).fill(EDITOR.email);
    await form.getByLabel('Name', { exact: true }).fill(EDITOR.name);
    await form
      .getByLabel('Rolle', { exact: true })
      .selectOption({ label: 'Redaktion Amt/Fachbereich' });
    await form.getByRole('button', { name: 'Anlegen', exact: true }).click();
    await form
      .getByText('Für die Redaktion Amt/Fachbereich ist eine Organisationseinheit nötig.')
      .waitFor();
    await scan(page, 'Benutzer: Formular mit Fehler');
    await form
      .getByLabel('Organisationseinheit', { exact: true })
      .selectOption({ label: 'Kulturamt' });
    await form.getByRole('button', { name: 'Anlegen', exact: true }).click();
    await page.getByText(`Einladungslink für ${EDITOR.name}`).waitFor();
    invites.editor = (await inviteUrl.innerText()).trim();
    expect(invites.editor).toMatch(INVITE_LINK);
    expect(invites.editor).not.toBe(invites.dpo);
    await table
      .getByRole('row')
      .filter({ hasText: EDITOR.email })
      .filter({ hasText: 'Redaktion Amt/Fachbereich – Kulturamt' })
      .waitFor();
  });

  it('the data protection officer accepts the invite and sees the audit log but cannot manage users', async () => {
    if (invites.dpo === undefined) {
      throw new Error('no invite link for the data protection officer');
    }
    const dpo = await acceptInvite(invites.dpo, DPO, (page) => scan(page, 'Einladung annehmen'));
    expect(await adminLinks(dpo)).toEqual(['Benutzer', 'Organisationseinheiten', 'Audit-Log']);
    await mainNav(dpo).getByRole('link', { name: 'Benutzer', exact: true }).click();
    await h1(dpo, 'Benutzer').waitFor();
    await dpo.getByRole('region', { name: 'Benutzerliste' }).getByText(ADMIN.email).waitFor();
    expect(await dpo.getByRole('button', { name: 'Benutzer anlegen' }).count()).toBe(0);
    expect(await dpo.getByRole('button', { name: /^Bearbeiten/ }).count()).toBe(0);
    expect(await dpo.getByRole('columnheader', { name: 'Aktionen' }).count()).toBe(0);

    await mainNav(dpo).getByRole('link', { name: 'Audit-Log', exact: true }).click();
    await h1(dpo, 'Audit-Log').waitFor();
    await dpo.getByRole('columnheader', { name: 'Aktion', exact: true }).waitFor();
    // The invite link was used once; it cannot sign anyone in a second time.
    const again = await openPage();
    await again.goto(invites.dpo);
    await again.getByLabel('Passwort', { exact: true }).fill('noch ein Passwort 123');
    await again.getByLabel('Passwort wiederholen', { exact: true }).fill('noch ein Passwort 123');
    await again.getByRole('button', { name: 'Passwort festlegen und anmelden' }).click();
    await again.getByRole('alert').waitFor();
    expect(new URL(again.url()).pathname).toBe('/invite');
  });

  it('the office editor sees only the overview and the org units, and no audit log', async () => {
    if (invites.editor === undefined) {
      throw new Error('no invite link for the office editor');
    }
    const editor = await acceptInvite(invites.editor, EDITOR);
    expect(await adminLinks(editor)).toEqual(['Organisationseinheiten']);
    await mainNav(editor).getByRole('link', { name: 'Übersicht', exact: true }).waitFor();
    await editor
      .getByRole('listitem')
      .filter({ hasText: 'Redaktion Amt/Fachbereich – Kulturamt' })
      .waitFor();

    await mainNav(editor).getByRole('link', { name: 'Organisationseinheiten' }).click();
    await h1(editor, 'Organisationseinheiten').waitFor();
    await editor.getByText('Sie können die Struktur ansehen, aber nicht ändern.').waitFor();
    expect(await editor.getByRole('button', { name: /^Umbenennen/ }).count()).toBe(0);

    await editor.goto(url('/audit'));
    await h1(editor, 'Kein Zugriff').waitFor();
    await editor.goto(url('/users'));
    await h1(editor, 'Kein Zugriff').waitFor();
  });

  it('finds the user creation in the audit log and verifies the hash chain', async () => {
    const page = admin();
    await mainNav(page).getByRole('link', { name: 'Audit-Log', exact: true }).click();
    await h1(page, 'Audit-Log').waitFor();
    await page.getByRole('columnheader', { name: 'Aktion', exact: true }).waitFor();

    await page.getByLabel('Aktion', { exact: true }).fill('user.created');
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await page.getByRole('status').filter({ hasText: '2 Einträge angezeigt' }).waitFor();
    const rows = page.getByRole('region', { name: 'Audit-Einträge' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain('user.created');
      expect(text).toContain(ADMIN.name);
    }
    await rows.filter({ hasText: 'Benutzerkonto angelegt; Rollen: dpo' }).waitFor();
    await rows.filter({ hasText: 'Rollen: department-editor' }).waitFor();

    await page.getByRole('button', { name: 'Kette prüfen' }).click();
    const result = page.getByTestId('audit-verify-result');
    await result.getByText(/^Die Kette ist vollständig\. \d+ Einträge geprüft\.$/).waitFor();
    const checked = Number(/(\d+) Einträge/.exec(await result.innerText())?.[1]);
    expect(checked).toBeGreaterThanOrEqual(2);
    await scan(page, 'Audit-Log');
  });

  it('axe: org units, the not-found page and the English dashboard have no violations', async () => {
    const page = admin();
    await mainNav(page).getByRole('link', { name: 'Organisationseinheiten' }).click();
    await h1(page, 'Organisationseinheiten').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Aufbau' }).waitFor();
    await page
      .getByRole('region', { name: 'Aufbau' })
      .getByText('Landeshauptstadt Stuttgart', { exact: true })
      .waitFor();
    await scan(page, 'Organisationseinheiten');

    await page.goto(url('/gibt-es-nicht'));
    await h1(page, 'Seite nicht gefunden').waitFor();
    await scan(page, 'Seite nicht gefunden');

    await page.getByRole('link', { name: 'Zur Übersicht' }).click();
    await h1(page, 'Übersicht').waitFor();
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await h1(page, 'Overview').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await adminLinks(page)).toEqual(['Users', 'Organisational units', 'Audit log']);
    await scan(page, 'Übersicht (EN)');
    await page.getByRole('button', { name: 'DE', exact: true }).click();
    await h1(page, 'Übersicht').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('axe: every page was scanned, all with 0 violations', () => {
    const missing = AXE_PAGES.filter((label) => !scanned.has(label));
    expect(missing, 'pages without an axe-core scan').toEqual([]);
    expect([...scanned.values()].reduce((sum, count) => sum + count, 0)).toBe(0);
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    // The browser's keep-alive connections stay open, and like Chromium's speculative preconnects
    // one socket is connected without sending a request: neither may hold up the shutdown.
    const socket = await openIdleSocket(port);
    const result = await running().stop(SHUTDOWN_TIMEOUT_MS);
    socket.destroy();
    console.log(`shutdown: ${result.ms} ms`);
    expect(result, running().output()).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  });

  it('starts warm on the same DATA_DIR, keeps sessions and data, and stops again', async () => {
    if (dataDir === undefined) {
      throw new Error('no DATA_DIR');
    }
    warmServer = await startServerProcess({
      root: ROOT,
      dataDir,
      port,
      path: process.env['PATH'] ?? '',
      home: process.env['HOME'] ?? tmpdir(),
    });
    console.log(`warm start: ${warmServer.readyMs} ms`);
    expect(warmServer.setupLink(), 'setup is done; no new setup link').toBeUndefined();

    // The admin's session lives in the database and survives the restart.
    const page = admin();
    await page.goto(url('/'));
    await h1(page, 'Übersicht').waitFor();
    await page.getByText(`Willkommen, ${ADMIN.name}.`).waitFor();

    const dpo = await openPage();
    await dpo.goto(`${warmServer.url}/login`);
    await h1(dpo, 'Anmelden').waitFor();
    await fillLogin(dpo, DPO, DPO.password);
    await h1(dpo, 'Übersicht').waitFor();

    const result = await warmServer.stop(SHUTDOWN_TIMEOUT_MS);
    expect(result, warmServer.output()).toMatchObject({ code: 0, signal: null });
  });
});
