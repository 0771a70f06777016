// End-to-end, "Veröffentlichen" (issue #5): a department editor composes one post for three
// platforms, sees and fixes a validation error, describes the image, submits; the Abteilung
// Kommunikation approves; the post arrives on the sandbox walls. Composing and approving are
// done with the keyboard alone (focus, typing, Space, Enter — no clicks).
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { addAccount, callApi, setUpFirstAccount } from './api.ts';
import type { ApiSession, Json } from './api.ts';
import { ADMIN, EDITOR, ROOT, skipE2e, useE2eSuite } from './suite.ts';
import { h1, screenshotTo, signIn } from './ui.ts';

const AXE_PAGES = [
  'Neuer Beitrag: Hinweise',
  'Neuer Beitrag: bereit',
  'Beitrag in Freigabe',
  'Beitrag veröffentlicht',
  'Redaktionskalender',
] as const;
const TITLE = 'Stadtradeln 2026';
const MASTER =
  'Vom 1. bis 21. Juni radelt Stuttgart wieder für ein gutes Klima. Melden Sie sich mit Ihrem Team an, sammeln Sie Kilometer und gewinnen Sie mit Ihrem Stadtbezirk. Alle Infos zu Anmeldung, Teams und Preisen finden Sie auf unserer Website – machen Sie mit, jeder Kilometer zählt für Stuttgart!';
const X_TEXT = 'Stadtradeln 2026: Vom 1. bis 21. Juni Kilometer sammeln! #Stadtradeln';
const ALT = 'Radfahrerinnen und Radfahrer auf dem Radweg an der Tübinger Straße';
/** Screenshots for the README, only when asked for (npm run screenshots). */
const SHOT_DIR = process.env['E2E_SCREENSHOT_DIR'];
const PLATFORMS = ['mastodon', 'x', 'facebook'] as const;

/** A real, decodable PNG (a green field with a lighter stripe) that carries a location in text. */
function photo(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    const light = y > height * 0.45 && y < height * 0.55;
    for (let x = 0; x < width; x += 1) {
      row.set(light ? [190, 220, 160] : [60, 130, 70], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from('Location\u0000GPS 48.7758N 9.1829E', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.skipIf(skipE2e)('Veröffentlichen (publishing) in Chromium', () => {
  const suite = useE2eSuite(AXE_PAGES, { path: process.env['PATH'], home: process.env['HOME'] });
  let admin: ApiSession | undefined;
  let editorPage: Page | undefined;
  const channelIds: Record<string, string> = {};

  const shot = (page: Page, name: string): Promise<void> =>
    screenshotTo(
      SHOT_DIR === undefined || SHOT_DIR === '' ? undefined : path.resolve(ROOT, SHOT_DIR),
      page,
      name,
    );

  const api = async (method: string, pathname: string, body?: unknown): Promise<Json> =>
    callApi(admin, method, suite.url(pathname), body);

  const items = (json: Json): Json[] => json['items'] as Json[];

  /** Presses keys on a focused element: the keyboard is the only input device here. */
  async function keys(target: Locator, ...presses: string[]): Promise<void> {
    await target.focus();
    for (const press of presses) {
      await target.page().keyboard.press(press);
    }
  }
  async function type(target: Locator, text: string): Promise<void> {
    await target.focus();
    await target.page().keyboard.press('ControlOrMeta+a');
    await target.page().keyboard.insertText(text);
  }

  it('sets up three channels of Amt 61, connected through the sandbox, and their editor', async () => {
    admin = await setUpFirstAccount(suite.server(), ADMIN);
    const units = items(await api('GET', '/api/org-units'));
    const amt61 = units.find((unit) => unit['code'] === 'AMT61');
    const platforms = items(await api('GET', '/api/registry/platforms'));
    for (const key of PLATFORMS) {
      const platform = platforms.find((p) => p['key'] === key);
      const channel = await api('POST', '/api/registry/channels', {
        platformId: platform?.['id'],
        name: `Stadtplanung (${key})`,
        handle: `stadtplanung_${key}`,
        url: `https://example.org/stadtplanung/${key}`,
        orgUnitId: amt61?.['id'],
        responsibleUserIds: [],
        goals: ['beteiligung'],
        status: 'active',
        selfPublishing: false,
        ...(key === 'mastodon' ? { apiBaseUrl: suite.sandboxUrl() } : {}),
      });
      const id = String(channel['id']);
      channelIds[key] = id;
      // "Verbinden" as the browser does it: consent page, then Stadtfunk's callback.
      const { authorizationUrl } = (await api('POST', `/api/registry/channels/${id}/connect`)) as {
        authorizationUrl: string;
      };
      const consent = await fetch(authorizationUrl, { redirect: 'manual' });
      const callback = await fetch(consent.headers.get('location') ?? '', { redirect: 'manual' });
      expect(callback.headers.get('location')).toContain('verbindung=verbunden');
    }
    await addAccount(admin, EDITOR, [
      { role: 'department-editor', orgUnitId: String(amt61?.['id']) },
    ]);
  });

  it('the editor composes for three platforms and sees what to fix', async () => {
    const page = await suite.openPage();
    editorPage = page;
    await signIn(page, suite.url('/login'), EDITOR);
    await page.goto(suite.url('/publishing/posts/new'));
    await h1(page, 'Neuer Beitrag').waitFor();
    await type(page.getByLabel('Arbeitstitel'), TITLE);
    await type(page.getByLabel('Haupttext', { exact: true }), MASTER);
    for (const key of PLATFORMS) {
      const box = page.getByRole('checkbox', { name: new RegExp(`Stadtplanung \\(${key}\\)`) });
      await keys(box, 'Space');
      expect(await box.isChecked()).toBe(true);
    }
    await page.locator('input[type=file]').setInputFiles({
      name: 'stadtradeln.png',
      mimeType: 'image/png',
      buffer: photo(480, 320),
    });
    await page.getByLabel('Alternativtext für Bild 1').waitFor();
    // The server's checks: X's weighted length, and the missing alt text.
    await page
      .getByText(/Zeichen zu lang \(höchstens 280\)/)
      .first()
      .waitFor();
    await page
      .getByText(/Alternativtext/)
      .first()
      .waitFor();
    await suite.scan(page, 'Neuer Beitrag: Hinweise');
    await shot(page, 'composer-issues');
  });

  it('writes a shorter text for X, describes the image and submits', async () => {
    const page = editorPage as Page;
    await keys(page.getByRole('tab', { name: /Stadtplanung \(x\)/ }), 'Enter');
    const panel = page.getByRole('tabpanel', { name: /Stadtplanung \(x\)/ });
    await keys(panel.getByRole('button', { name: 'Eigene Fassung für diesen Kanal' }), 'Enter');
    await type(panel.getByLabel(/Eigene Fassung für Stadtplanung \(x\)/), X_TEXT);
    await type(page.getByLabel('Alternativtext für Bild 1'), ALT);
    await page.keyboard.press('Tab');
    await page.getByText('Alternativtext für Bild 1 gespeichert.').waitFor();
    await page.getByText('Keine offenen Punkte.').waitFor();
    await suite.scan(page, 'Neuer Beitrag: bereit');
    await shot(page, 'composer');
    await keys(page.getByRole('button', { name: 'Zur Freigabe geben' }), 'Enter');
    await h1(page, TITLE).waitFor();
    await page.getByText('In Freigabe', { exact: true }).first().waitFor();
    await suite.scan(page, 'Beitrag in Freigabe');
  });

  it('communications approves, and the post arrives on the three sandbox walls', async () => {
    const page = await suite.openPage();
    await signIn(page, suite.url('/login'), ADMIN);
    await page.goto(suite.url('/publishing/review'));
    await h1(page, 'Freigaben').waitFor();
    await keys(page.getByRole('link', { name: TITLE }), 'Enter');
    await h1(page, TITLE).waitFor();
    await keys(page.getByRole('button', { name: 'Freigeben', exact: true }), 'Enter');
    for (const key of PLATFORMS) {
      await page
        .getByRole('article', { name: `Stadtplanung (${key})` })
        .getByText('veröffentlicht', { exact: true })
        .waitFor({ timeout: 60_000 });
    }
    await suite.scan(page, 'Beitrag veröffentlicht');
    await shot(page, 'delivery-status');

    const wall = async (platform: string) =>
      (await (await fetch(suite.sandboxUrl(`/_sandbox/${platform}/posts`))).json()) as {
        items: { text: string; media: { description: string | null }[] }[];
      };
    const mastodon = (await wall('mastodon')).items.find((p) =>
      p.text.startsWith('Vom 1. bis 21. Juni'),
    );
    expect(mastodon?.media[0]?.description).toBe(ALT);
    expect((await wall('x')).items.map((p) => p.text)).toContain(X_TEXT);
    expect((await wall('meta')).items.some((p) => p.text.startsWith('Vom 1. bis 21. Juni'))).toBe(
      true,
    );
    const html = await (await fetch(suite.sandboxUrl('/_sandbox/x/wall'))).text();
    expect(html).toContain('Stadtradeln 2026: Vom 1. bis 21. Juni');
  });

  it('shows the post in the editorial calendar', async () => {
    const page = editorPage as Page;
    await page.goto(suite.url('/publishing'));
    await h1(page, 'Redaktionskalender').waitFor();
    await page
      .getByRole('link', { name: new RegExp(TITLE) })
      .first()
      .waitFor();
    await suite.scan(page, 'Redaktionskalender');
    await shot(page, 'calendar');
  });

  it('axe: every page was scanned, all with 0 violations', () => {
    suite.expectAllScanned();
  });
});
