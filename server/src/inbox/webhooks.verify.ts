import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of pushed notifications: `sha256=<hex HMAC of the raw body>` with the app secret,
 * as Meta sends in `X-Hub-Signature-256` and the sandbox in `X-Sandbox-Signature`. The HMAC must
 * be taken over the bytes as received; re-serialised JSON would differ.
 */

export type SignatureCheck = 'valid' | 'missing' | 'invalid';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

export function signatureFor(secret: string, raw: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

/** Checks the header against every candidate secret in constant time per comparison. */
export function verifySignature(
  raw: Uint8Array,
  header: string | readonly string[] | undefined,
  secrets: readonly string[],
): SignatureCheck {
  if (typeof header !== 'string' || header === '') {
    return 'missing';
  }
  const match = SIGNATURE.exec(header.trim());
  if (match === null) {
    return 'invalid';
  }
  const sent = Buffer.from((match[1] ?? '').toLowerCase(), 'hex');
  let valid = false;
  for (const secret of secrets) {
    if (secret === '') {
      continue;
    }
    const expected = createHmac('sha256', secret).update(raw).digest();
    // No early exit: every secret is compared, so timing does not tell which one matched.
    valid = (expected.length === sent.length && timingSafeEqual(expected, sent)) || valid;
  }
  return valid ? 'valid' : 'invalid';
}

/**
 * The verify token of Meta's subscription handshake, derived from the app secret so that no
 * further secret has to be stored: enter it in Meta's app dashboard next to the callback URL
 * (docs/inbox.md says how to compute it with the operator CLI's key).
 */
export function metaVerifyToken(appSecret: string): string {
  return createHmac('sha256', appSecret)
    .update('stadtfunk:meta-webhook-verify-token')
    .digest('hex')
    .slice(0, 32);
}

/** Constant-time equality of two short strings (the verify token). */
export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
