import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

import { DecryptionError, open, seal } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import type { BlindIndexKind } from './cases.table.ts';

/**
 * Sealing of case values and files, and the blind indexes that let staff find a person without
 * decrypting every case. Each sealed value is bound to its case and field (AAD), so a value copied
 * into another case or column does not open.
 */

export type ContactField = 'name' | 'handle' | 'email' | 'phone' | 'address';
export type SealedField = `contact_${ContactField}` | 'concern';

export const fieldContext = (caseId: string, field: SealedField): string =>
  `case:${caseId}:${field}`;
export const eventContext = (eventId: string): string => `case-event:${eventId}`;
export const attachmentNameContext = (attachmentId: string): string =>
  `case-attachment-name:${attachmentId}`;
export const attachmentFileContext = (attachmentId: string): string =>
  `case-attachment:${attachmentId}`;

export function sealOptional(
  value: string | null | undefined,
  key: EncryptionKey,
  context: string,
): string | null {
  return value === null || value === undefined || value === '' ? null : seal(value, key, context);
}

export function openOptional(
  sealed: string | null,
  keys: readonly EncryptionKey[],
  context: string,
): string | null {
  return sealed === null ? null : open(sealed, keys, context);
}

// ---- blind indexes -------------------------------------------------------------------------

/** Separate HMAC keys per purpose, so a digest of one kind never equals one of another. */
function hmac(blindIndexKey: string, purpose: string, value: string): string {
  return createHmac('sha256', Buffer.from(blindIndexKey, 'hex'))
    .update(`${purpose}\u0000${value}`)
    .digest('hex');
}

const collapse = (value: string): string =>
  value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Names compare case-, space- and accent-insensitively ("Müller" finds "MÜLLER", "Muller"). */
export function normaliseName(value: string): string {
  return collapse(value)
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/ß/g, 'ss');
}

export function normaliseEmail(value: string): string {
  return collapse(value).replace(/\s/g, '');
}

/** Digits only, German numbers in international form: 0711 …, +49 711 …, 0049 711 … are one. */
export function normalisePhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.startsWith('00')) {
    return digits.slice(2);
  }
  if (digits.startsWith('0')) {
    return `49${digits.slice(1)}`;
  }
  return digits;
}

export function normaliseHandle(value: string): string {
  return collapse(value).replace(/^@/, '');
}

export interface BlindIndexEntry {
  readonly kind: BlindIndexKind;
  readonly digest: string;
}

export function blindIndex(blindIndexKey: string, kind: BlindIndexKind, value: string): string {
  return hmac(blindIndexKey, `blind-index:${kind}`, value);
}

/** Every digest a contact is found by: full name, each name part, e-mail, phone, handle. */
export function blindIndexesOf(
  blindIndexKey: string,
  contact: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    handle?: string | null;
  },
): BlindIndexEntry[] {
  const entries: BlindIndexEntry[] = [];
  const add = (kind: BlindIndexKind, normalised: string) => {
    if (normalised.length > 0) {
      entries.push({ kind, digest: blindIndex(blindIndexKey, kind, normalised) });
    }
  };
  if (contact.name) {
    const name = normaliseName(contact.name);
    add('name', name);
    for (const part of new Set(name.split(/[\s,.-]+/).filter((p) => p.length >= 2))) {
      add('name-part', part);
    }
  }
  if (contact.email) {
    add('email', normaliseEmail(contact.email));
  }
  if (contact.phone) {
    add('phone', normalisePhone(contact.phone));
  }
  if (contact.handle) {
    add('handle', normaliseHandle(contact.handle));
  }
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const id = `${entry.kind}:${entry.digest}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}

/** What a search term could be: the digests to look up, one per interpretation. */
export function searchDigests(blindIndexKey: string, term: string): BlindIndexEntry[] {
  const candidates: BlindIndexEntry[] = [
    { kind: 'name', digest: blindIndex(blindIndexKey, 'name', normaliseName(term)) },
    { kind: 'name-part', digest: blindIndex(blindIndexKey, 'name-part', normaliseName(term)) },
    { kind: 'email', digest: blindIndex(blindIndexKey, 'email', normaliseEmail(term)) },
    { kind: 'handle', digest: blindIndex(blindIndexKey, 'handle', normaliseHandle(term)) },
  ];
  const phone = normalisePhone(term);
  if (phone.length >= 5) {
    candidates.push({ kind: 'phone', digest: blindIndex(blindIndexKey, 'phone', phone) });
  }
  return candidates;
}

/** The deletion log names a case only by this keyed hash: provable, not reversible. */
export function caseHash(blindIndexKey: string, caseId: string): string {
  return hmac(blindIndexKey, 'deletion-log', caseId);
}

// ---- files ---------------------------------------------------------------------------------

const FILE_MAGIC = Buffer.from('SFC1');

/** `SFC1 | key-id length | key id | iv(12) | tag(16) | ciphertext`: the key id travels with it. */
export function sealBuffer(plain: Buffer, key: EncryptionKey, context: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const keyId = Buffer.from(key.id, 'utf8');
  return Buffer.concat([
    FILE_MAGIC,
    Buffer.from([keyId.length]),
    keyId,
    iv,
    cipher.getAuthTag(),
    body,
  ]);
}

export function keyIdOfBuffer(sealed: Buffer): string | undefined {
  if (sealed.length < 5 || !sealed.subarray(0, 4).equals(FILE_MAGIC)) {
    return undefined;
  }
  const length = sealed[4] ?? 0;
  return sealed.subarray(5, 5 + length).toString('utf8');
}

export function openBuffer(
  sealed: Buffer,
  keys: readonly EncryptionKey[],
  context: string,
): Buffer {
  const keyId = keyIdOfBuffer(sealed);
  if (keyId === undefined) {
    throw new DecryptionError('format');
  }
  const key = keys.find((candidate) => candidate.id === keyId);
  if (key === undefined) {
    throw new DecryptionError('unknown key');
  }
  const start = 5 + Buffer.byteLength(keyId);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.subarray(start, start + 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(sealed.subarray(start + 12, start + 28));
    return Buffer.concat([decipher.update(sealed.subarray(start + 28)), decipher.final()]);
  } catch {
    throw new DecryptionError('authentication');
  }
}
