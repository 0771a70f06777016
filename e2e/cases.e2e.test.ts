// End-to-end, "Anfragen" (cases, issue #8): communications records an enquiry received by e-mail,
// the first reply is refused without the Art. 21(4) notice and recorded with it, a file is
// attached, the enquiry is closed ("Löschung am …"), held and released; the data protection
// officer opens the retention dashboard and the deletion log. Accounts come through the API.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { addAccount, callApi, setUpFirstAccount } from './api.ts';
import type { ApiSession } from './api.ts';
import { ADMIN, DPO, skipE2e, useE2eSuite } from './suite.ts';
import { h1, mainNav, screenshotTo, signIn } from './ui.ts';

// `npm run screenshots` sets it; the e2e run itself takes none.
const SHOT_DIR = process.env['E2E_SCREENSHOT_DIR'];

const AXE_PAGES = [
  'Anfragen',
  'Neue Anfrage',
  'Anfrage: offen',
  'Anfrage: abgeschlossen',
  'Aufbewahrung und Löschung',
  'Löschprotokoll',
  'Anfragen: Einstellungen',
] as const;
const EMAIL = 'anna.muster@example.org';
const NAME = 'Anna Muster';
const PHONE = '0711 123456';
const CONCERN = 'Wann wird die Straßenlaterne in der Königstraße 12 repariert?';
const REPLY = 'Vielen Dank für Ihren Hinweis. Die Laterne wird am Montag repariert.';
const HOLD_REASON = 'Aktenzeichen 12 K 345/26';
const NOTICE_LABEL =
  'Hinweis auf das Widerspruchsrecht (Art. 21 Abs. 4 DSGVO) und Link zur Datenschutzerklärung anfügen';

/** "Löschung am …" as the UI shows it: the Berlin calendar day of the instant. */
function berlinDate(iso: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'medium',
    timeZone: 'Europe/Berlin',
  }).format(new Date(iso));
}

describe.skipIf(skipE2e)('Anfragen (cases) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, { path: process.env['PATH'], home: process.env['HOME'] });
  let admin: ApiSession | undefined;
  let commsPage: Page | undefined;
  let caseUrl = '';

  function comms(): Page {
    if (commsPage === undefined) {
      throw new Error('the communications page is not open (did the first test fail?)');
    }
    return commsPage;
  }

  it('opens "Anfragen" from the navigation and records an enquiry', async () => {
    admin = await setUpFirstAccount(suite.server(), ADMIN);
    await addAccount(admin, DPO, [{ role: 'dpo', orgUnitId: null }]);
    const page = await suite.openPage();
    commsPage = page;
    await signIn(page, suite.url('/login'), ADMIN);
    await mainNav(page).getByRole('link', { name: 'Anfragen', exact: true }).click();
    await h1(page, 'Anfragen').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases');
    await page.getByText('Keine Anfragen für diese Auswahl.').waitFor();
    await suite.scan(page, 'Anfragen');

    await page.getByRole('link', { name: 'Neue Anfrage erfassen' }).click();
    await h1(page, 'Neue Anfrage erfassen').waitFor();
    const basis = page.getByRole('radio', { name: 'Allgemeine Anfrage (öffentliche Aufgabe)' });
    expect(await basis.isChecked()).toBe(true);
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel(/^Anliegen/).fill(CONCERN);
    await page.getByRole('button', { name: 'Anfrage anlegen' }).click();
    // A name alone is no way to reply.
    await page
      .getByText(/^Bitte geben Sie mindestens einen Weg für die Antwort an/)
      .first()
      .waitFor();
    await suite.scan(page, 'Neue Anfrage');

    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(EMAIL);
    await page.getByRole('button', { name: 'Anfrage anlegen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Anfrage Nr\. \d+$/ }).waitFor();
    caseUrl = page.url();
    await page.getByRole('heading', { level: 2, name: 'Noch keine Löschfrist' }).waitFor();
    const overview = page.getByRole('region', { name: 'Überblick' });
    await overview
      .getByText('Allgemeine Anfrage (öffentliche Aufgabe) – Art. 6 Abs. 1 lit. e DSGVO', {
        exact: false,
      })
      .waitFor();
    await page
      .getByRole('region', { name: 'Rechte der Person' })
      .getByText(/Widerspruch/)
      .waitFor();
    await suite.scan(page, 'Anfrage: offen');
  });

  it('refuses the first reply without the objection notice and records it with the notice', async () => {
    const page = comms();
    const reply = page.getByRole('region', { name: 'Antwort erfassen' });
    await reply.getByLabel('Ihre Antwort').fill(REPLY);
    const notice = reply.getByRole('checkbox', { name: NOTICE_LABEL });
    expect(await notice.isChecked()).toBe(true);
    await reply.getByText('Hinweis auf Ihr Widerspruchsrecht (Art. 21 DSGVO)').waitFor();

    await notice.uncheck();
    await reply.getByText('Ohne diesen Hinweis lehnt Stadtfunk die erste Antwort ab.').waitFor();
    await reply.getByRole('button', { name: 'Antwort erfassen' }).click();
    const refusal = reply.getByRole('alert');
    await refusal.getByText('Die Antwort wurde nicht gespeichert').waitFor();
    expect(await refusal.innerText()).toContain('Art. 21 Abs. 4 DSGVO');

    await notice.check();
    await reply.getByRole('button', { name: 'Antwort erfassen' }).click();
    await reply
      .getByRole('status')
      .getByText(/^Die Antwort wurde erfasst\./)
      .waitFor();
    // Later replies may carry the notice again, but need not.
    await reply
      .getByRole('checkbox', { name: 'Hinweis auf das Widerspruchsrecht erneut anfügen' })
      .waitFor();
    const timeline = page.getByRole('region', { name: 'Verlauf' });
    await timeline.getByText('Antwort – E-Mail · mit Hinweis auf das Widerspruchsrecht').waitFor();
    const recorded = await timeline.getByText(REPLY, { exact: false }).innerText();
    expect(recorded).toContain('Hinweis auf Ihr Widerspruchsrecht (Art. 21 DSGVO)');
    expect(recorded).toMatch(/Datenschutzerklärung: https?:\/\/\S+/);
  });

  it('checks attachments by type, uploads a PDF and offers it for download', async () => {
    const page = comms();
    const files = page.getByRole('region', { name: 'Anhänge' });
    const input = files.getByLabel('Datei anhängen');
    await input.setInputFiles({
      name: 'notizen.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Kein erlaubter Dateityp'),
    });
    await files.getByRole('button', { name: 'Hochladen' }).click();
    await files
      .getByRole('alert')
      .getByText(/^Dieser Dateityp ist nicht erlaubt\./)
      .waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');

    await input.setInputFiles({
      name: 'bescheid.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
    });
    await files.getByRole('button', { name: 'Hochladen' }).click();
    await files.getByRole('status').getByText('„bescheid.pdf“ wurde angehängt.').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('link', { name: 'bescheid.pdf herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bescheid.pdf');
  });

  it('rectifies the contact data (Art. 16 DSGVO)', async () => {
    const page = comms();
    const contact = page.getByRole('region', { name: 'Kontakt und Anliegen' });
    await contact.getByRole('button', { name: 'Kontaktdaten berichtigen' }).click();
    await contact.getByLabel('E-Mail-Adresse', { exact: true }).fill('');
    await contact.getByRole('button', { name: 'Berichtigung speichern' }).click();
    await contact
      .getByText(/^Bitte geben Sie mindestens einen Weg für die Antwort an/)
      .first()
      .waitFor();
    await contact.getByLabel('E-Mail-Adresse', { exact: true }).fill(EMAIL);
    await contact.getByLabel(/^Telefonnummer/).fill(PHONE);
    await contact.getByRole('button', { name: 'Berichtigung speichern' }).click();
    await contact.getByRole('status').getByText('Die Kontaktdaten wurden berichtigt.').waitFor();
    await contact.getByText(PHONE, { exact: true }).waitFor();
  });

  it('closes the enquiry and shows "Löschung am …"; a hold suspends it', async () => {
    const page = comms();
    const work = page.getByRole('region', { name: 'Bearbeitung' });
    await work.getByRole('button', { name: 'Anfrage abschließen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anfrage abschließen?' });
    await dialog.getByText(/6 Monate danach/).waitFor();
    await dialog.getByRole('button', { name: 'Abschließen' }).click();
    await work.getByRole('button', { name: 'Anfrage wieder öffnen' }).waitFor();

    const caseId = new URL(caseUrl).pathname.split('/').pop() ?? '';
    const detail = await callApi(admin, 'GET', suite.url(`/api/cases/${caseId}`));
    const deleteAt = detail['deleteAt'];
    expect(typeof deleteAt).toBe('string');
    const date = berlinDate(String(deleteAt));
    await page.getByRole('heading', { level: 2, name: `Löschung am ${date}` }).waitFor();
    await suite.scan(page, 'Anfrage: abgeschlossen');
    await screenshotTo(SHOT_DIR, page, 'case');

    const hold = page.getByRole('region', { name: 'Löschsperre' });
    await hold.getByRole('radio', { name: 'Rechtsstreit (Legal Hold)' }).check();
    await hold.getByLabel(/^Grund/).fill(HOLD_REASON);
    await hold.getByLabel(/^Überprüfen am/).fill('2027-01-15');
    await hold.getByRole('button', { name: 'Löschsperre setzen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Löschung ausgesetzt' }).waitFor();

    // The list shows the hold instead of a date; the search finds exact values only.
    await page.getByRole('link', { name: 'Zurück zur Übersicht „Anfragen“' }).click();
    await h1(page, 'Anfragen').waitFor();
    const search = page.getByRole('search', { name: 'Anfragen einer Person finden' });
    await search.getByLabel('Name, E-Mail-Adresse, Telefonnummer oder Konto').fill('anna.mus');
    await search.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').getByText('0 Anfragen zu Ihrer Suche gefunden.').waitFor();
    await search
      .getByLabel('Name, E-Mail-Adresse, Telefonnummer oder Konto')
      .fill(EMAIL.toUpperCase());
    await search.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').getByText('1 Anfrage zu Ihrer Suche gefunden.').waitFor();
    // The phone number in another notation finds the same enquiry.
    await search
      .getByLabel('Name, E-Mail-Adresse, Telefonnummer oder Konto')
      .fill('+49 711 123456');
    await search.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('status').getByText('1 Anfrage zu Ihrer Suche gefunden.').waitFor();
    expect(new URL(page.url()).search).not.toContain('anna');
    const row = page.getByRole('row').filter({ hasText: NAME });
    await row.getByText('Löschsperre', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Aufbewahrung und Löschung' }).click();
    await h1(page, 'Aufbewahrung und Löschung').waitFor();
    await page
      .getByRole('region', { name: 'Tabelle der Löschsperren' })
      .getByText(HOLD_REASON)
      .waitFor();

    await page.goto(caseUrl);
    await page.getByRole('heading', { level: 2, name: 'Löschung ausgesetzt' }).waitFor();
    await page.getByRole('button', { name: 'Löschsperre aufheben' }).click();
    await page
      .getByRole('dialog', { name: 'Löschsperre aufheben?' })
      .getByRole('button', { name: 'Sperre aufheben' })
      .click();
    await page.getByRole('heading', { level: 2, name: `Löschung am ${date}` }).waitFor();
  });

  it('reopening stops the clock; closing again restarts it', async () => {
    const page = comms();
    const work = page.getByRole('region', { name: 'Bearbeitung' });
    await work.getByRole('button', { name: 'Anfrage wieder öffnen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Noch keine Löschfrist' }).waitFor();
    await work.getByRole('button', { name: 'Anfrage abschließen' }).click();
    await page
      .getByRole('dialog', { name: 'Anfrage abschließen?' })
      .getByRole('button', { name: 'Abschließen' })
      .click();
    await page
      .getByRole('heading', { level: 2, name: /^Löschung am \d{2}\.\d{2}\.\d{4}$/ })
      .waitFor();
  });

  it("changes a category's retention in the settings, which moves the deletion date", async () => {
    const page = comms();
    await page.goto(suite.url('/cases'));
    await page.getByRole('link', { name: 'Einstellungen' }).last().click();
    await h1(page, 'Anfragen – Einstellungen').waitFor();
    await page.getByLabel('Eigene Frist der Kategorie 1 in Monaten').fill('12');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByRole('status').getByText('Die Einstellungen wurden gespeichert.').waitFor();
    await suite.scan(page, 'Anfragen: Einstellungen');

    const caseId = new URL(caseUrl).pathname.split('/').pop() ?? '';
    const detail = await callApi(admin, 'GET', suite.url(`/api/cases/${caseId}`));
    expect(detail['retentionMonths']).toBe(12);
    await page.goto(caseUrl);
    await page
      .getByRole('heading', {
        level: 2,
        name: `Löschung am ${berlinDate(String(detail['deleteAt']))}`,
      })
      .waitFor();
    await page.getByText(/Aufbewahrung: 12 Monate nach dem Abschluss\./).waitFor();
  });

  it('shows the data protection officer the retention dashboard and the deletion log', async () => {
    const page = await suite.openPage();
    await signIn(page, suite.url('/login'), DPO);
    await mainNav(page).getByRole('link', { name: 'Anfragen', exact: true }).click();
    await h1(page, 'Anfragen').waitFor();
    // Reading, not working on cases.
    expect(await page.getByRole('link', { name: 'Neue Anfrage erfassen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Aufbewahrung und Löschung' }).click();
    await h1(page, 'Aufbewahrung und Löschung').waitFor();
    const counts = page.getByRole('region', { name: 'Anfragen' });
    await counts.getByText('abgeschlossen', { exact: true }).waitFor();
    await page.getByText('Es gibt keine Löschsperren.').waitFor();
    await suite.scan(page, 'Aufbewahrung und Löschung');
    await screenshotTo(SHOT_DIR, page, 'retention');

    await page.getByRole('link', { name: 'Löschprotokoll' }).click();
    await h1(page, 'Löschprotokoll').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cases/loeschprotokoll');
    await page.getByText('Bisher wurde keine Anfrage gelöscht.').waitFor();
    await suite.scan(page, 'Löschprotokoll');
  });

  it('scanned every page state with axe-core, 0 violations', () => {
    suite.expectAllScanned();
  });
});
