import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { findOrgUnitByCode } from '../access/org-units.repository.ts';
import type { Database } from '../database/database.types.ts';
import { createChannel } from '../registry/channels.service.ts';
import { saveOrganisationProfile } from '../registry/organisation.service.ts';
import { createPlatform } from '../registry/platforms.service.ts';
import { findOrganisationProfile, listPlatformRows } from '../registry/registry.repository.ts';
import { seedOrganisation } from './stuttgart.seed.ts';
import {
  STUTTGART_CHANNELS,
  STUTTGART_PLATFORMS,
  STUTTGART_PROFILE,
} from './stuttgart-registry.data.ts';

/**
 * Seeds the registry once: the controller profile, the eight platforms and Stuttgart's channels.
 * Does nothing when platforms exist, so the city's own edits are never overwritten.
 */
export async function seedStuttgartRegistry(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<boolean> {
  await seedOrganisation(db, undefined, now);
  if ((await listPlatformRows(db)).length > 0) {
    return false;
  }
  const actor = systemActor();
  if ((await findOrganisationProfile(db)) === undefined) {
    await saveOrganisationProfile(db, actor, STUTTGART_PROFILE, now);
  }
  const platformIds = new Map<string, string>();
  for (const input of STUTTGART_PLATFORMS) {
    const platform = await createPlatform(db, actor, input, now);
    platformIds.set(platform.key, platform.id);
  }
  for (const channel of STUTTGART_CHANNELS) {
    const unit = await findOrgUnitByCode(db, channel.unit);
    const platformId = platformIds.get(channel.platform);
    if (unit === undefined || platformId === undefined) {
      continue;
    }
    await createChannel(
      db,
      actor,
      {
        platformId,
        name: channel.name,
        handle: channel.handle,
        url: channel.url,
        orgUnitId: unit.id,
        responsibleUserIds: [],
        goals: [...channel.goals],
        status: channel.status,
        selfPublishing: channel.selfPublishing,
      },
      now,
    );
  }
  return true;
}
