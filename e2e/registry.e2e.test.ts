// End-to-end, "Kanäle & Datenschutz" (issue #3): a purpose edited in the registry changes the
// public privacy notice; a channel's profile notice (concept §15) is confirmed; the data
// protection officer signs off a DSFA. The seeded Stuttgart registry is the starting point; the
// accounts come through the API (the setup and invite pages are tested in access.e2e.test.ts).
import { randomUUID } from 'node:crypto';

import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { addAccount, setUpFirstAccount } from './api.ts';
import type { ApiSession } from './api.ts';
import { ADMIN, DPO, skipE2e, useE2eSuite } from './suite.ts';
import { h1, mainNav, signIn } from './ui.ts';

/** The seed's first purpose for Mastodon (Social-Media-Konzept §2). */
const OLD_PURPOSE = 'aktuelle Meldungen';
/** Unique per run, and without the old text in it, so "old text gone" means something. */
const NEW_PURPOSE = `Warnungen und Meldungen der Stadt, Fassung ${randomUUID().slice(0, 8)}`;
const SIGNED_OFF = new RegExp(
  `^Freigegeben von ${DPO.name} am \\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2}`,
);
const NOTICE_PATH = '/datenschutz/social-media/mastodon';
const OVERVIEW_PATH = '/datenschutz/social-media';

/** Every page the axe-core scans must cover; the last test checks that none was left out. */
const AXE_PAGES = [
  'Plattformen',
  'Plattform',
  'Plattform: Formular offen',
  'Kanäle',
  'Kanal',
  'Kanal: verbunden',
  'Auftragsverarbeiter (AVV)',
  'Fällige Prüfungen',
  'Angaben zur Organisation',
  'Dokumente',
  'Datenschutzhinweise Mastodon (öffentlich)',
  'Übersicht Social Media (öffentlich)',
] as const;

describe.skipIf(skipE2e)('Kanäle & Datenschutz (registry) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, {
    path: process.env['PATH'],
    home: process.env['HOME'],
  });
  let commsPage: Page | undefined;
  let commsApi: ApiSession | undefined;

  function comms(): Page {
    if (commsPage === undefined) {
      throw new Error('the communications page is not open (did the first test fail?)');
    }
    return commsPage;
  }

  /** A tab of the registry's own navigation; the page's heading is the tab's name. */
  async function openTab(page: Page, tab: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Bereiche von Kanäle & Datenschutz' })
      .getByRole('link', { name: tab, exact: true })
      .click();
    await h1(page, tab).waitFor();
  }

  /** From the navigation to the platforms list, then to one platform's page. */
  async function openPlatform(page: Page, name: string): Promise<void> {
    await mainNav(page).getByRole('link', { name: 'Kanäle & Datenschutz', exact: true }).click();
    await h1(page, 'Plattformen').waitFor();
    await page
      .getByRole('region', { name: 'Liste der Plattformen' })
      .getByRole('link', { name, exact: true })
      .click();
    await h1(page, name).waitFor();
  }

  /** The DSFA's details name who signed off and when, and so does the note below them. */
  async function expectSignedOff(dpia: Locator): Promise<void> {
    await dpia.getByRole('definition').filter({ hasText: SIGNED_OFF }).waitFor();
    await dpia.getByRole('alert').getByText(SIGNED_OFF).waitFor();
    await dpia
      .getByRole('definition')
      .filter({ hasText: /^Freigegeben$/ })
      .waitFor();
  }

  it('the communications user opens the platforms from the navigation', async () => {
    commsApi = await setUpFirstAccount(suite.server(), ADMIN);
    const page = await suite.openPage();
    await signIn(page, suite.url('/login'), ADMIN);
    commsPage = page;

    await mainNav(page).getByRole('link', { name: 'Kanäle & Datenschutz', exact: true }).click();
    await h1(page, 'Plattformen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/registry/platforms');
    const mastodon = page
      .getByRole('region', { name: 'Liste der Plattformen' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: 'Mastodon', exact: true }) });
    // Three purposes; the seed's Erforderlichkeitsprüfung was due on 2026-07-01.
    await mastodon.getByRole('cell', { name: '3', exact: true }).waitFor();
    await mastodon.getByText('überfällig', { exact: true }).waitFor();
    await mastodon.getByText('Nicht freigegeben').waitFor();
    await suite.scan(page, 'Plattformen');
  });

  it('edits the first purpose of Mastodon, and the public notice says the new purpose', async () => {
    const page = comms();
    await page
      .getByRole('region', { name: 'Liste der Plattformen' })
      .getByRole('link', { name: 'Mastodon', exact: true })
      .click();
    await h1(page, 'Mastodon').waitFor();
    const purposes = page.getByRole('region', { name: 'Zwecke und Rechtsgrundlagen' });
    await purposes.getByText(OLD_PURPOSE, { exact: true }).waitFor();
    const history = page.getByRole('region', { name: 'Tabelle der Änderungen' });
    await history.locator('tbody tr').first().waitFor();
    await suite.scan(page, 'Plattform');

    await page.getByRole('button', { name: 'Bearbeiten: Zwecke und Rechtsgrundlagen' }).click();
    const text = purposes
      .getByRole('group', { name: 'Zweck 1', exact: true })
      .getByLabel('Zweck', { exact: true });
    expect(await text.inputValue()).toBe(OLD_PURPOSE);
    await suite.scan(page, 'Plattform: Formular offen');
    await text.fill(NEW_PURPOSE);
    await purposes.getByRole('button', { name: 'Speichern', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Die Änderungen sind gespeichert.' })
      .waitFor();
    await purposes.getByText(NEW_PURPOSE, { exact: true }).waitFor();
    expect(await purposes.getByText(OLD_PURPOSE, { exact: true }).count()).toBe(0);

    // The change history names who changed what, from the old text to the new one.
    await history
      .getByRole('row')
      .filter({ hasText: ADMIN.name })
      .filter({ hasText: 'Zwecke und Rechtsgrundlagen › 1 › Zweck:' })
      .filter({ hasText: `„${OLD_PURPOSE}“ → „${NEW_PURPOSE}“` })
      .waitFor();

    // The public notice, without signing in: the page is generated from the registry as it is now.
    const visitor = await suite.openPage();
    const response = await visitor.goto(suite.url(NOTICE_PATH));
    expect(response?.status()).toBe(200);
    await h1(visitor, 'Datenschutzhinweise für unseren Auftritt auf Mastodon').waitFor();
    const stated = await visitor.locator('#zwecke .purpose').allInnerTexts();
    expect(stated.map((purpose) => purpose.trim())[0]).toBe(NEW_PURPOSE);
    const notice = await visitor.locator('body').innerText();
    expect(notice).toContain(NEW_PURPOSE);
    expect(notice).not.toContain(OLD_PURPOSE);
    await suite.scan(visitor, 'Datenschutzhinweise Mastodon (öffentlich)', 'devtools');

    await visitor.goto(suite.url(OVERVIEW_PATH));
    await h1(visitor, 'Social Media der Landeshauptstadt Stuttgart').waitFor();
    const overview = visitor.locator('#plattform-mastodon');
    expect(await overview.getByRole('listitem').allInnerTexts()).toContain(NEW_PURPOSE);
    expect(await overview.innerText()).not.toContain(OLD_PURPOSE);
    await suite.scan(visitor, 'Übersicht Social Media (öffentlich)', 'devtools');
  });

  it('confirms the profile notice (§15) on the Mastodon channel', async () => {
    const page = comms();
    await openTab(page, 'Kanäle');
    const list = page.getByRole('region', { name: 'Liste der Kanäle' });
    const row = list.getByRole('row').filter({ hasText: 'stadtstuttgart@social.bund.de' });
    await row.getByText('Nicht geprüft').waitFor();
    await suite.scan(page, 'Kanäle');

    await row.getByRole('link', { name: 'Stadt Stuttgart', exact: true }).click();
    await h1(page, 'Stadt Stuttgart').waitFor();
    await page.getByText('Profilhinweis fehlt', { exact: true }).waitFor();
    const section = page.getByRole('region', { name: 'Profilhinweis (Konzept, Abschnitt 15)' });
    await section.getByText('Das Profil wurde noch nicht geprüft.').waitFor();
    await suite.scan(page, 'Kanal');

    const check = section.getByRole('group', { name: 'Profil jetzt prüfen' });
    await check.getByRole('checkbox', { name: 'Link zur Datenschutzerklärung im Profil' }).check();
    await check.getByRole('checkbox', { name: 'Link zum Impressum im Profil' }).check();
    await check.getByRole('button', { name: 'Prüfung bestätigen' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Prüfung ist gespeichert.' }).waitFor();
    await section.getByText('Von einer Person bestätigt').waitFor();
    await section.getByText('Vollständig', { exact: true }).waitFor();
    expect(await page.getByText('Profilhinweis fehlt', { exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: 'Zurück zu den Kanälen' }).click();
    await row.getByText('Vollständig', { exact: true }).waitFor();
  });

  it('connects the Mastodon channel through the platform sandbox (OAuth round trip)', async () => {
    const page = comms();
    const list = page.getByRole('region', { name: 'Liste der Kanäle' });
    const row = list.getByRole('row').filter({ hasText: 'stadtstuttgart@social.bund.de' });
    await row.getByRole('link', { name: 'Stadt Stuttgart', exact: true }).click();
    const section = page.getByRole('region', { name: 'Verbindung zur Plattform' });
    await section.getByText('Nicht verbunden', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Verbinden', exact: true }).click();
    // The sandbox's consent page approves at once and sends the browser back to the callback.
    await page.getByRole('status').filter({ hasText: 'Der Kanal ist verbunden.' }).waitFor();
    expect(new URL(page.url()).searchParams.get('verbindung')).toBe('verbunden');
    await section.getByText('Verbunden', { exact: true }).waitFor();
    await section.getByText('ohne Ablaufdatum').waitFor();
    await section.getByRole('button', { name: 'Neu verbinden' }).waitFor();
    await suite.scan(page, 'Kanal: verbunden');

    await section.getByRole('button', { name: 'Verbindung trennen' }).click();
    await section.getByRole('button', { name: 'Ja, trennen' }).click();
    await page.getByRole('status').filter({ hasText: 'Die Verbindung ist getrennt.' }).waitFor();
    await section.getByText('Nicht verbunden', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'Zurück zu den Kanälen' }).click();
  });

  it("shows which platforms still need the city's app registration", async () => {
    const page = comms();
    const list = page.getByRole('region', { name: 'Liste der Kanäle' });
    const row = list.getByRole('row').filter({ hasText: 'LinkedIn' }).first();
    await row.getByRole('link').first().click();
    const section = page.getByRole('region', { name: 'Verbindung zur Plattform' });
    // npm start points every unconfigured platform at the sandbox.
    await section.getByText(/App-Zugang hinterlegt: stadtfunk-sandbox/).waitFor();
    await section
      .getByText('Sandbox (Übungsumgebung auf diesem Rechner)', { exact: false })
      .waitFor();
    await page.getByRole('link', { name: 'Zurück zu den Kanälen' }).click();
  });

  it('axe: processors, reviews, organisation and documents have no violations', async () => {
    const page = comms();
    await openTab(page, 'Auftragsverarbeiter (AVV)');
    await page.getByText('Es ist noch kein Auftragsverarbeiter erfasst.').waitFor();
    await suite.scan(page, 'Auftragsverarbeiter (AVV)');

    // The seed's reviews were due on 2026-07-01, so they are overdue.
    await openTab(page, 'Fällige Prüfungen');
    const due = page.getByRole('region', { name: 'Tabelle der fälligen Prüfungen' });
    await due.getByRole('row').filter({ hasText: 'Mastodon' }).first().waitFor();
    expect(await due.getByText('überfällig', { exact: true }).count()).toBeGreaterThan(0);
    await suite.scan(page, 'Fällige Prüfungen');

    await openTab(page, 'Angaben zur Organisation');
    const controller = page.getByLabel('Name des Verantwortlichen', { exact: true });
    await controller.waitFor();
    expect(await controller.inputValue()).toBe('Landeshauptstadt Stuttgart');
    await suite.scan(page, 'Angaben zur Organisation');

    await openTab(page, 'Dokumente');
    await page
      .getByRole('link', { name: 'Datenschutzhinweise Mastodon (öffnet in neuem Tab)' })
      .waitFor();
    await suite.scan(page, 'Dokumente');
  });

  it('the data protection officer signs off the DSFA of Mastodon', async () => {
    if (commsApi === undefined) {
      throw new Error('no API session of the first account');
    }
    // Communications may edit the DSFA but not sign it off.
    const page = comms();
    await openPlatform(page, 'Mastodon');
    const commsDpia = page.getByRole('region', { name: 'DSFA', exact: true });
    await commsDpia.getByText('Die DSFA wartet auf die Freigabe').waitFor();
    expect(await commsDpia.getByRole('button', { name: 'DSFA freigeben' }).count()).toBe(0);

    await addAccount(commsApi, DPO, [{ role: 'dpo', orgUnitId: null }]);
    const dpo = await suite.openPage();
    await signIn(dpo, suite.url('/login'), DPO);
    await openPlatform(dpo, 'Mastodon');
    const dpia = dpo.getByRole('region', { name: 'DSFA', exact: true });
    await dpia.getByRole('button', { name: 'DSFA freigeben' }).click();
    await dpia
      .getByText(
        'Sie geben die DSFA „Datenschutz-Folgenabschätzung Betrieb städtischer Social-Media-Kanäle“ in Version 1.0 so frei, wie sie hier gespeichert ist.',
      )
      .waitFor();
    await dpia.getByRole('button', { name: 'Freigabe bestätigen' }).click();
    await dpo.getByRole('status').filter({ hasText: 'Die DSFA ist freigegeben.' }).waitFor();
    await expectSignedOff(dpia);
    expect(await dpia.getByRole('button', { name: 'DSFA freigeben' }).count()).toBe(0);

    // Communications sees who signed off, on the platform and in the list.
    await page.reload();
    await h1(page, 'Mastodon').waitFor();
    await expectSignedOff(commsDpia);
    await page.getByRole('link', { name: 'Zurück zu den Plattformen' }).click();
    await page
      .getByRole('region', { name: 'Liste der Plattformen' })
      .getByRole('row')
      .filter({ hasText: 'Mastodon' })
      .getByText(SIGNED_OFF)
      .waitFor();
  });

  it('axe: every page was scanned, all with 0 violations', () => {
    suite.expectAllScanned();
  });
});
