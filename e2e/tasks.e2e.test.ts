// End-to-end, "Aufgaben" (issue #4): Xing has no posting API, so a person schedules a post,
// copies its text, publishes it on Xing by hand and records the post's address. The seeded
// Stuttgart registry has a Xing channel; the first account is Abteilung Kommunikation.
import { randomUUID } from 'node:crypto';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { setUpFirstAccount } from './api.ts';
import { ADMIN, skipE2e, useE2eSuite } from './suite.ts';
import { h1, mainNav, signIn } from './ui.ts';

const XING_CHANNEL = 'Landeshauptstadt Stuttgart – Karriere';
const TITLE = `Ausbildungsmesse ${randomUUID().slice(0, 8)}`;
const TEXT =
  'Am Samstag stellt die Stadt Stuttgart im Rathaus ihre Ausbildungsberufe vor. Kommen Sie vorbei! #Karriere';
const POST_URL = 'https://www.xing.com/pages/landeshauptstadtstuttgart/posts/4711';

/** The part of the page's globals the clipboard check uses (e2e has no DOM types). */
interface ClipboardWindow {
  readonly navigator: { readonly clipboard: { readText(): Promise<string> } };
}

/** Every page state the axe-core scans must cover; the last test checks that none was left out. */
const AXE_PAGES = ['Aufgaben', 'Aufgaben: Aufgabe offen', 'Aufgaben: erledigt'] as const;

describe.skipIf(skipE2e)('Aufgaben (Xing, manual channel) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, { path: process.env['PATH'], home: process.env['HOME'] });
  let commsPage: Page | undefined;

  function comms(): Page {
    if (commsPage === undefined) {
      throw new Error('the communications page is not open (did the first test fail?)');
    }
    return commsPage;
  }

  it('opens "Aufgaben" from the navigation, with nothing open yet', async () => {
    await setUpFirstAccount(suite.server(), ADMIN);
    const page = await suite.openPage();
    // The copy button writes to the clipboard; the test reads it back.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url('') });
    await signIn(page, suite.url('/login'), ADMIN);
    commsPage = page;
    await mainNav(page).getByRole('link', { name: 'Aufgaben', exact: true }).click();
    await h1(page, 'Aufgaben').waitFor();
    expect(new URL(page.url()).pathname).toBe('/tasks');
    await page.getByText('Keine offenen Aufgaben.').waitFor();
    await suite.scan(page, 'Aufgaben');
  });

  it('schedules a Xing post for the seeded channel', async () => {
    const page = comms();
    const form = page.getByRole('region', { name: 'Xing-Beitrag vormerken' });
    await form.getByLabel('Xing-Kanal').selectOption({ label: XING_CHANNEL });
    await form.getByLabel('Titel (nur intern)').fill(TITLE);
    await form.getByLabel('Text des Beitrags').fill(TEXT);
    await form.getByLabel('Veröffentlichen am (Uhrzeit Stuttgart)').fill('2030-05-04T12:00');
    await form.getByRole('button', { name: 'Beitrag vormerken' }).click();
    await page.getByRole('status').getByText(`Der Beitrag „${TITLE}“ ist vorgemerkt.`).waitFor();

    const task = page.getByRole('article', { name: TITLE });
    await task.getByText(XING_CHANNEL).waitFor();
    // Shown in Berlin time, as entered.
    await task.getByText('04.05.2030, 12:00').waitFor();
    expect(await task.getByLabel('Text zum Kopieren').inputValue()).toBe(TEXT);
    await task.getByRole('link', { name: /^Xing öffnen/ }).waitFor();
    await suite.scan(page, 'Aufgaben: Aufgabe offen');
  });

  it('copies the text to the clipboard and confirms it', async () => {
    const page = comms();
    const task = page.getByRole('article', { name: TITLE });
    await task.getByRole('button', { name: `Text kopieren: ${TITLE}` }).click();
    await task.getByRole('status').getByText('Der Text ist in der Zwischenablage.').waitFor();
    const clipboard = await page.evaluate(() =>
      (globalThis as unknown as ClipboardWindow).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(TEXT);
  });

  it('refuses an address not on xing.com, then marks the task as published', async () => {
    const page = comms();
    const task = page.getByRole('article', { name: TITLE });
    const url = task.getByLabel('Adresse des veröffentlichten Beitrags');
    const mark = task.getByRole('button', { name: `Als veröffentlicht markieren: ${TITLE}` });
    await url.fill('http://www.xing.com/pages/stuttgart');
    await mark.click();
    await task
      .getByText(
        'Bitte geben Sie die Adresse des veröffentlichten Beitrags an: sie beginnt mit https:// und liegt auf xing.com.',
      )
      .waitFor();
    expect(await url.getAttribute('aria-invalid')).toBe('true');

    await url.fill(POST_URL);
    await mark.click();
    await page
      .getByRole('status')
      .getByText(`Die Aufgabe „${TITLE}“ ist als veröffentlicht markiert.`)
      .waitFor();
    await page.getByRole('article', { name: TITLE }).waitFor({ state: 'detached' });
    const done = page
      .getByRole('region', { name: 'Tabelle der erledigten und abgebrochenen Aufgaben' })
      .getByRole('row')
      .filter({ hasText: TITLE });
    await done.getByText('veröffentlicht', { exact: true }).waitFor();
    expect(
      await done.getByRole('link', { name: new RegExp(`^${POST_URL}`) }).getAttribute('href'),
    ).toBe(POST_URL);
    await suite.scan(page, 'Aufgaben: erledigt');
  });

  it('scanned every page state with axe-core, 0 violations', () => {
    suite.expectAllScanned();
  });
});
