import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { notFound } from '../errors/errors.ts';
import {
  findOrganisationProfile,
  insertRevision,
  upsertOrganisationProfile,
} from './registry.repository.ts';
import type { OrganisationProfile } from './registry.schema.ts';

export async function getOrganisationProfile(db: Kysely<Database>): Promise<OrganisationProfile> {
  const profile = await findOrganisationProfile(db);
  if (profile === undefined) {
    throw notFound('Die Angaben zur Organisation fehlen noch.');
  }
  return profile;
}

export async function saveOrganisationProfile(
  db: Kysely<Database>,
  actor: Actor,
  profile: OrganisationProfile,
  now: Date = new Date(),
): Promise<OrganisationProfile> {
  return db.transaction().execute(async (trx) => {
    await upsertOrganisationProfile(trx, profile, now);
    await insertRevision(trx, {
      objectType: 'organisation',
      objectId: 'profile',
      actorId: actor.userId,
      snapshot: profile,
      now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'organisation.updated',
        objectType: 'organisation',
        objectId: null,
        summary: 'Angaben zum Verantwortlichen und zum Konzept geändert',
      },
      now,
    );
    return profile;
  });
}
