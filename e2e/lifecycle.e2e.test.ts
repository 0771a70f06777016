// End-to-end, server lifecycle: cold start on a fresh DATA_DIR, graceful shutdown while the
// browser holds connections open, warm start on the same DATA_DIR with sessions and data kept.
// The accounts come through the API; the setup and invite pages are tested in access.e2e.test.ts.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { addAccount, setUpFirstAccount } from './api.ts';
import { openIdleSocket } from './server-process.ts';
import type { ServerProcess } from './server-process.ts';
import { ADMIN, DPO, skipE2e, useE2eSuite } from './suite.ts';
import { h1, signIn } from './ui.ts';

const SHUTDOWN_TIMEOUT_MS = 20_000;

describe.skipIf(skipE2e)('Stadtfunk server lifecycle', () => {
  const suite = useE2eSuite([], {
    path: process.env['PATH'],
    home: process.env['HOME'],
    freshDataDir: true,
  });
  let adminPage: Page | undefined;

  function admin(): Page {
    if (adminPage === undefined) {
      throw new Error('the admin page is not open (did the sign-in test fail?)');
    }
    return adminPage;
  }

  it('starts cold on a fresh DATA_DIR, gets ready and prints a one-time setup link', () => {
    const server = suite.server();
    expect(server.setupLink(), server.output()).toMatch(
      new RegExp(`^http://localhost:${suite.port()}/setup\\?token=[A-Za-z0-9_-]{43}$`),
    );
    expect(server.readyMs).toBeGreaterThan(0);
  });

  it('sets up accounts through the API and signs in in the browser', async () => {
    const session = await setUpFirstAccount(suite.server(), ADMIN);
    await addAccount(session, DPO, [{ role: 'dpo', orgUnitId: null }]);
    const page = await suite.openPage();
    await signIn(page, suite.url('/login'), ADMIN);
    await page.getByText(`Willkommen, ${ADMIN.name}.`).waitFor();
    adminPage = page;
  });

  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    // The browser's keep-alive connections stay open, and like Chromium's speculative preconnects
    // one socket is connected without sending a request: neither may hold up the shutdown.
    const socket = await openIdleSocket(suite.port());
    const result = await suite.server().stop(SHUTDOWN_TIMEOUT_MS);
    socket.destroy();
    console.log(`shutdown: ${result.ms} ms`);
    expect(result, suite.server().output()).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
  });

  it('starts warm on the same DATA_DIR, keeps sessions and data, and stops again', async () => {
    const warm: ServerProcess = await suite.startAgain();
    console.log(`warm start: ${warm.readyMs} ms`);
    expect(warm.setupLink(), 'setup is done; no new setup link').toBeUndefined();

    // The admin's session lives in the database and survives the restart.
    const page = admin();
    await page.goto(`${warm.url}/`);
    await h1(page, 'Übersicht').waitFor();
    await page.getByText(`Willkommen, ${ADMIN.name}.`).waitFor();

    const dpo = await suite.openPage();
    await signIn(dpo, `${warm.url}/login`, DPO);

    const result = await warm.stop(SHUTDOWN_TIMEOUT_MS);
    expect(result, warm.output()).toMatchObject({ code: 0, signal: null });
  });
});
