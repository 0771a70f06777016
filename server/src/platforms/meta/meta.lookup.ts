/**
 * Meta has no idempotency key, so after an unknown outcome the connectors look for the text among
 * the account's recent posts. Meta returns the text as written; only whitespace runs are collapsed
 * and Unicode normalised, so a retyped space does not hide a post that exists.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Meta's clock is not ours: the lookup window opens this much earlier. */
export const LOOKUP_CLOCK_SKEW_MS = 2 * 60 * 1000;
