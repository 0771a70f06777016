// Locators and steps of the admin UI that several e2e files use.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

import type { Person } from './suite.ts';

export function h1(page: Page, name: string): Locator {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: /^(Hauptnavigation|Main navigation)$/ });
}

/**
 * The administration links in the navigation, in order. Other modules join the main list as
 * they are built, so the role checks look at this list, which is what the roles differ in.
 */
export async function adminLinks(page: Page): Promise<string[]> {
  const nav = mainNav(page);
  await nav.getByRole('link').first().waitFor();
  const list = nav.getByRole('list', { name: /^(Verwaltung|Administration)$/ });
  if ((await list.count()) === 0) {
    return [];
  }
  return (await list.getByRole('link').allInnerTexts()).map((text) => text.trim());
}

export async function fillLogin(page: Page, person: Person, password: string): Promise<void> {
  await page.getByLabel('E-Mail', { exact: true }).fill(person.email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

/** Opens the login page at `loginUrl`, signs in and waits for the dashboard. */
export async function signIn(page: Page, loginUrl: string, person: Person): Promise<void> {
  await page.goto(loginUrl);
  await h1(page, 'Anmelden').waitFor();
  await fillLogin(page, person, person.password);
  await h1(page, 'Übersicht').waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
  await h1(page, 'Anmelden').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
}

/**
 * Saves the page as `<dir>/<name>.png` when a directory is given (`npm run screenshots`), else
 * does nothing. The whole page in one viewport: a full-page capture repeats the sticky header.
 */
export async function screenshotTo(
  dir: string | undefined,
  page: Page,
  name: string,
): Promise<void> {
  if (dir === undefined || dir === '') {
    return;
  }
  await mkdir(dir, { recursive: true });
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 4000) });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
  if (viewport !== null) {
    await page.setViewportSize(viewport);
  }
}
