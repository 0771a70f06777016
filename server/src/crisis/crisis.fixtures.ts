import { readFileSync } from 'node:fs';

/** Reads one of the project's own real-shaped fixtures (tests never need ../shared/data). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}
