// The visitor's choices, kept in localStorage (not a cookie) together with the config version
// they were made for and a random pseudonymous id: no IP address, no fingerprint.

const KEY = 'stadtfunk-consent';

/** Service id (or "matomo") → allowed. */
export type Choices = Record<string, boolean>;

export interface StoredConsent {
  readonly id: string;
  readonly version: string;
  readonly choices: Choices;
  readonly at: string;
}

/** The stored consent, or undefined when there is none for this config version (asks again). */
export function loadConsent(version: string): StoredConsent | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredConsent | null;
    return stored?.version === version ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the id of an earlier version so the city can answer a rights request for one id. */
export function saveConsent(version: string, choices: Choices): StoredConsent {
  let id: string | undefined;
  try {
    id = (JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredConsent | null)?.id;
  } catch {
    // A broken entry is replaced below.
  }
  const consent = { id: id ?? newId(), version, choices, at: new Date().toISOString() };
  try {
    localStorage.setItem(KEY, JSON.stringify(consent));
  } catch {
    // Storage blocked by the browser: the choice holds for this page view only.
  }
  return consent;
}

function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
