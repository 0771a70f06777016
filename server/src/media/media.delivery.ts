import type { Readable } from 'node:stream';

import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import { findMediaRow } from './media.repository.ts';
import type { MediaConfig } from './media.service.ts';
import { verifyMediaSignature } from './media.signing.ts';
import { openMediaStream } from './media.storage.ts';
import type { MediaRow } from './media.table.ts';

/**
 * The stripped bytes behind a signed URL. A bad signature and an expired one both answer 403;
 * the medium is looked up only after the signature holds, so ids cannot be probed.
 */
export async function openPublicMedia(
  db: Kysely<Database>,
  config: MediaConfig,
  id: string,
  query: { expires: number; sig: string },
  now: Date = new Date(),
): Promise<{ row: MediaRow; stream: Readable }> {
  const check = verifyMediaSignature(config.sessionSecret, id, query.expires, query.sig, now);
  if (check !== 'valid') {
    throw new AppError(
      'forbidden',
      check === 'expired' ? 'Dieser Link ist abgelaufen.' : 'Dieser Link ist ungültig.',
    );
  }
  const row = await findMediaRow(db, id);
  if (row === undefined) {
    throw new AppError('not_found');
  }
  return { row, stream: openMediaStream(config.dataDir, row.storage_key) };
}
