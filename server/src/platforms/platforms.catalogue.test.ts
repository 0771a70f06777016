import { readFile } from 'node:fs/promises';

import { expect, it } from 'vitest';

import { PLATFORM_KEYS } from './connector.ts';
import { connectorFor, CONNECTOR_FACTORIES } from './connectors.registry.ts';
import { PLATFORM_CATALOGUE } from './platforms.catalogue.ts';
import { PLATFORMS_DOC_PATH, renderPlatformsDoc } from './platforms.doc.ts';

const settings = { baseUrl: 'http://127.0.0.1:9', clientId: 'c', clientSecret: 's', timeoutMs: 1 };

it('lists every platform once, in the order of the platform keys', () => {
  expect(PLATFORM_CATALOGUE.map((entry) => entry.key)).toEqual([...PLATFORM_KEYS]);
});

it('declares exactly the capabilities each connector declares', () => {
  for (const entry of PLATFORM_CATALOGUE) {
    if (CONNECTOR_FACTORIES[entry.key] === undefined) {
      expect(entry.mode).toBe('manual');
      continue;
    }
    const connector = connectorFor(entry.key, settings);
    expect([...entry.capabilities].sort(), entry.key).toEqual([...connector.capabilities].sort());
    expect(entry.mode).toBe(connector.mode);
  }
});

it('names what a city must apply for on every platform', () => {
  for (const entry of PLATFORM_CATALOGUE) {
    expect(entry.applyFor.length, entry.key).toBeGreaterThan(0);
  }
});

it('keeps docs/platforms.md generated from the catalogue (run `npm run docs:platforms`)', async () => {
  const committed = await readFile(PLATFORMS_DOC_PATH, 'utf8');
  expect(committed).toBe(renderPlatformsDoc(PLATFORM_CATALOGUE));
});
