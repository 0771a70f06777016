import { createHash } from 'node:crypto';

/** The first entry's predecessor. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  readonly at: Date;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly summary: string;
  readonly correlationId: string | null;
  readonly prevHash: string;
}

/**
 * SHA-256 over a canonical JSON array of the entry and its predecessor's hash. Plain SHA-256, so an
 * external auditor can verify an export without any of the city's keys.
 */
export function chainHash(fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.at.toISOString(),
    fields.actorId,
    fields.actorRole,
    fields.action,
    fields.objectType,
    fields.objectId,
    fields.summary,
    fields.correlationId,
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
