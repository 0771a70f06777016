import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import { insertRevision } from './registry.repository.ts';

/**
 * Every registry change leaves two traces in the same transaction: a snapshot for the record's
 * change history and an audit entry (whose summary must stay free of personal data).
 */
export async function recordChange(
  trx: Kysely<Database>,
  actor: Actor,
  change: {
    readonly revisionType: string;
    readonly auditType: string;
    readonly objectId: string;
    readonly snapshot: unknown;
    readonly action: string;
    readonly summary: string;
  },
  now: Date,
): Promise<void> {
  await insertRevision(trx, {
    objectType: change.revisionType,
    objectId: change.objectId,
    actorId: actor.userId,
    snapshot: change.snapshot,
    now,
  });
  await recordAudit(
    trx,
    actor,
    {
      action: change.action,
      objectType: change.auditType,
      objectId: change.objectId,
      summary: change.summary,
    },
    now,
  );
}

/** Response schema of every `…/revisions` route. */
export const revisionsResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      changedAt: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      snapshot: z.unknown(),
    }),
  ),
});

/** The signed-in user whose visibility scopes a registry read. */
export function readerOf(request: FastifyRequest): { id: string; roles: readonly RoleGrant[] } {
  const user = request.session?.user;
  if (user === undefined) {
    throw new AppError('unauthenticated');
  }
  return user;
}
