// End-to-end, access and audit: the setup page, signing in and out, the keyboard path, users and
// invites, what each role sees, and the audit log those steps leave. One server on a fresh
// DATA_DIR and one Chromium for the file; the tests build on each other and run in order.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { isFocused, waitForFocus } from './browser.ts';
import { ADMIN, DPO, EDITOR, skipE2e, useE2eSuite } from './suite.ts';
import type { Person } from './suite.ts';
import { adminLinks, fillLogin, h1, mainNav, signOut } from './ui.ts';

const INVITE_LINK = /^http:\/\/localhost:\d+\/invite\?token=[A-Za-z0-9_-]{43}$/;

/** Every page the axe-core scans must cover; the last test checks that none was left out. */
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

describe.skipIf(skipE2e)('Stadtfunk admin UI in Chromium: access and audit', () => {
  const suite = useE2eSuite(AXE_PAGES, {
    path: process.env['PATH'],
    home: process.env['HOME'],
  });
  let adminPage: Page | undefined;
  const invites: { dpo?: string; editor?: string } = {};

  function admin(): Page {
    if (adminPage === undefined) {
      throw new Error('the admin page is not open (did the setup test fail?)');
    }
    return adminPage;
  }

  /** Opens an invite link in a fresh context, sets the password and returns the signed-in page. */
  async function acceptInvite(
    link: string,
    person: Person,
    beforeSubmit?: (page: Page) => Promise<void>,
  ): Promise<Page> {
    const page = await suite.openPage();
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

  it('sets up the first account through the setup page and lands on the dashboard', async () => {
    const page = await suite.openPage();
    await page.goto(suite.url('/login'));
    await h1(page, 'Anmelden').waitFor();
    await page.getByRole('status').filter({ hasText: 'noch nicht eingerichtet' }).waitFor();
    await suite.scan(page, 'Anmelden (vor der Einrichtung)');

    const link = suite.server().setupLink();
    if (link === undefined) {
      throw new Error('no setup link printed');
    }
    await page.goto(link);
    await h1(page, 'Stadtfunk einrichten').waitFor();
    await suite.scan(page, 'Einrichtung');

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
    await suite.scan(page, 'Übersicht');
    adminPage = page;
  });

  it('signs out, rejects a wrong password with a German alert, and signs in again', async () => {
    const page = admin();
    await signOut(page);
    await suite.scan(page, 'Anmelden');

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
    await page.goto(suite.url('/login'));
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
    await suite.scan(page, 'Benutzer');

    // Data protection officer: no org unit needed.
    await page.getByRole('button', { name: 'Benutzer anlegen' }).click();
    let form = page.getByRole('region', { name: 'Benutzer anlegen' });
    await form.waitFor();
    const role = form.getByLabel('Rolle', { exact: true });
    expect(await role.inputValue()).toBe('');
    expect((await role.locator('option:checked').innerText()).trim()).toBe('Bitte wählen');
    await suite.scan(page, 'Benutzer: Formular offen');
    await form.getByLabel('E-Mail', { exact: true }).fill(DPO.email);
    await form.getByLabel('Name', { exact: true }).fill(DPO.name);
    await role.selectOption({ label: 'Datenschutzbeauftragte/r' });
    await form.getByRole('button', { name: 'Anlegen', exact: true }).click();

    const inviteUrl = page.getByTestId('invite-url');
    await page.getByText(`Einladungslink für ${DPO.name}`).waitFor();
    invites.dpo = (await inviteUrl.innerText()).trim();
    expect(invites.dpo).toMatch(INVITE_LINK);
    await suite.scan(page, 'Benutzer: Einladungslink');
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
    await suite.scan(page, 'Benutzer: Formular mit Fehler');
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
    const dpo = await acceptInvite(invites.dpo, DPO, (page) =>
      suite.scan(page, 'Einladung annehmen'),
    );
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
    const again = await suite.openPage();
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

    await editor.goto(suite.url('/audit'));
    await h1(editor, 'Kein Zugriff').waitFor();
    await editor.goto(suite.url('/users'));
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
    await suite.scan(page, 'Audit-Log');
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
    await suite.scan(page, 'Organisationseinheiten');

    await page.goto(suite.url('/gibt-es-nicht'));
    await h1(page, 'Seite nicht gefunden').waitFor();
    await suite.scan(page, 'Seite nicht gefunden');

    await page.getByRole('link', { name: 'Zur Übersicht' }).click();
    await h1(page, 'Übersicht').waitFor();
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await h1(page, 'Overview').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await adminLinks(page)).toEqual(['Users', 'Organisational units', 'Audit log']);
    await suite.scan(page, 'Übersicht (EN)');
    await page.getByRole('button', { name: 'DE', exact: true }).click();
    await h1(page, 'Übersicht').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('axe: every page was scanned, all with 0 violations', () => {
    suite.expectAllScanned();
  });
});
