import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. Argon2id is the library's default
// algorithm (its const enum cannot be imported under verbatimModuleSyntax); a test checks the prefix.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash so an unknown e-mail costs as much time as a known one. */
export async function burnVerificationTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('stadtfunk-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
