import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for personal data and secrets at rest. A value carries the id of the key that
 * sealed it (`v1.<keyId>.<iv>.<tag>.<ciphertext>`), so a key rotation can find what to re-encrypt.
 */
export interface EncryptionKey {
  readonly id: string;
  readonly key: Buffer;
}

export function encryptionKeyFrom(hex: string): EncryptionKey {
  const key = Buffer.from(hex, 'hex');
  if (key.length !== 32) {
    throw new Error('ENCRYPTION_KEY must be 32 bytes');
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** The current key first, then older ones that may still open values sealed before a rotation. */
export function encryptionKeysFrom(
  current: string,
  previous: readonly string[] = [],
): EncryptionKey[] {
  const keys = [current, ...previous].map(encryptionKeyFrom);
  return keys.filter((key, index) => keys.findIndex((k) => k.id === key.id) === index);
}

export function seal(plaintext: string, key: EncryptionKey, context = ''): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  // The context binds a value to its place (e.g. a channel id): a copied ciphertext won't open.
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', key.id, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`cannot decrypt: ${reason}`);
    this.name = 'DecryptionError';
  }
}

export function keyIdOf(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts[0] === 'v1' && parts.length === 5 ? parts[1] : undefined;
}

export function open(sealed: string, keys: readonly EncryptionKey[], context = ''): string {
  const [version, keyId, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
    throw new DecryptionError('format');
  }
  const key = keys.find((candidate) => candidate.id === keyId);
  if (key === undefined) {
    throw new DecryptionError('unknown key');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new DecryptionError('authentication');
  }
}
