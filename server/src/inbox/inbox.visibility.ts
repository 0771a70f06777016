import type { Kysely } from 'kysely';

import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';

/**
 * Why a comment could not be hidden or shown again at the platform: the channel is not connected,
 * the platform offers no hiding (Mastodon, LinkedIn), or a PlatformFailure kind.
 */
export type VisibilityFailure =
  | 'not-connected'
  | 'unsupported'
  | 'auth-expired'
  | 'rate-limited'
  | 'transient'
  | 'rejected'
  | 'outcome-unknown';

export type RemoteVisibilityResult =
  { readonly ok: true } | { readonly ok: false; readonly failure: VisibilityFailure };

/** Hides (or shows again) one comment at its platform; never throws for platform trouble. */
export async function setRemoteVisibility(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  item: { readonly channel_id: string; readonly external_id: string },
  hidden: boolean,
  timeoutMs?: number,
): Promise<RemoteVisibilityResult> {
  let resolved;
  try {
    resolved = await channelConnector(db, item.channel_id, keys, timeoutMs);
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, failure: 'not-connected' };
    }
    throw error;
  }
  const { connector, auth } = resolved;
  if (!connector.capabilities.has('hide-comment') || connector.hideComment === undefined) {
    return { ok: false, failure: 'unsupported' };
  }
  try {
    await connector.hideComment(auth, item.external_id, hidden);
    return { ok: true };
  } catch (error) {
    if (error instanceof PlatformError) {
      return { ok: false, failure: error.failure.kind };
    }
    throw error;
  }
}
