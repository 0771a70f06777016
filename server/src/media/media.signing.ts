import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring URLs for platforms that fetch media themselves (Instagram, TikTok
 * PULL_FROM_URL). The signature covers id and expiry; its key is derived from the session secret
 * for this one purpose, so a media signature can never pass as a cookie signature or vice versa.
 */
export interface SigningConfig {
  readonly publicUrl: string;
  readonly sessionSecret: string;
}

export const PUBLIC_MEDIA_PATH = '/media/public';
const KEY_LABEL = 'stadtfunk/media-url/v1';

function signingKey(sessionSecret: string): Buffer {
  return createHmac('sha256', sessionSecret).update(KEY_LABEL).digest();
}

function signature(sessionSecret: string, mediaId: string, expires: number): string {
  return createHmac('sha256', signingKey(sessionSecret))
    .update(`${mediaId}.${expires}`)
    .digest('hex');
}

export function signedMediaUrl(config: SigningConfig, mediaId: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const sig = signature(config.sessionSecret, mediaId, expires);
  return `${config.publicUrl}${PUBLIC_MEDIA_PATH}/${mediaId}?expires=${expires}&sig=${sig}`;
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

/** Checks the signature first (constant time), then the expiry against `now`. */
export function verifyMediaSignature(
  sessionSecret: string,
  mediaId: string,
  expires: number,
  sig: string,
  now: Date = new Date(),
): SignatureCheck {
  const expected = Buffer.from(signature(sessionSecret, mediaId, expires), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(sig) ? Buffer.from(sig, 'hex') : Buffer.alloc(0);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return 'invalid';
  }
  return expires * 1000 > now.getTime() ? 'valid' : 'expired';
}
