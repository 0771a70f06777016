import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { systemActor } from '../src/access/actor.ts';
import type { Database } from '../src/database/database.types.ts';
import { createChannel } from '../src/registry/channels.service.ts';
import { saveOrganisationProfile } from '../src/registry/organisation.service.ts';
import { createPlatform } from '../src/registry/platforms.service.ts';
import type {
  Channel,
  CreateChannelInput,
  CreatePlatformInput,
  OrganisationProfile,
  Platform,
} from '../src/registry/registry.schema.ts';
import { buildOrgUnit } from './factories.ts';

/** A valid platform record through the lead's service (audited like any other change). */
export async function buildPlatform(
  db: Kysely<Database>,
  overrides: Partial<CreatePlatformInput> = {},
): Promise<Platform> {
  const key = overrides.key ?? `p-${randomBytes(4).toString('hex')}`;
  return createPlatform(db, systemActor(), {
    key,
    name: `Plattform ${key}`,
    operator: {
      legalEntity: 'Beispiel Plattform Ltd.',
      address: 'Musterstraße 1, 10115 Berlin',
      privacyPolicyUrl: 'https://example.org/datenschutz',
      cookiePolicyUrl: null,
      rightsContact: 'https://example.org/rechte',
    },
    purposes: [
      {
        text: 'Information über aktuelle Themen der Stadtverwaltung',
        legalBasis: { gdpr: 'Art. 6 Abs. 1 lit. e DSGVO', national: '§ 4 LDSG BW' },
      },
    ],
    targetGroups: ['Bürgerinnen und Bürger'],
    recipients: ['Plattformbetreiber'],
    necessity: {
      reasoning: 'Reichweite, die klassische Kanäle nicht erreichen.',
      outcome: 'necessary',
      assessedOn: '2026-01-15',
      nextReviewOn: '2027-01-15',
    },
    jointControllership: null,
    transfers: [],
    dpia: null,
    storagePeriods: null,
    ...overrides,
  });
}

/** A channel on a (new, unless given) platform, owned by a (new, unless given) office. */
export async function buildChannel(
  db: Kysely<Database>,
  overrides: Partial<CreateChannelInput> = {},
): Promise<Channel> {
  const platformId = overrides.platformId ?? (await buildPlatform(db)).id;
  const orgUnitId = overrides.orgUnitId ?? (await buildOrgUnit(db)).id;
  const handle = overrides.handle ?? `kanal_${randomBytes(4).toString('hex')}`;
  return createChannel(db, systemActor(), {
    platformId,
    orgUnitId,
    name: `Kanal ${handle}`,
    handle,
    url: `https://example.org/${handle}`,
    responsibleUserIds: [],
    goals: ['transparenz'],
    status: 'active',
    selfPublishing: false,
    ...overrides,
  });
}

/** The controller's details with the concept's review dates (concept §15). */
export async function buildOrganisationProfile(
  db: Kysely<Database>,
  overrides: Partial<OrganisationProfile> = {},
): Promise<OrganisationProfile> {
  return saveOrganisationProfile(db, systemActor(), {
    controllerName: 'Landeshauptstadt Stuttgart',
    controllerAddress: 'Marktplatz 1, 70173 Stuttgart',
    controllerEmail: 'poststelle@stuttgart.example',
    controllerPhone: null,
    dpoContact: 'Datenschutzbeauftragte, Marktplatz 1, 70173 Stuttgart',
    privacyNoticeUrl: 'https://www.stuttgart.example/datenschutz',
    imprintUrl: 'https://www.stuttgart.example/impressum',
    netiquetteUrl: null,
    supervisoryAuthority: 'LfDI Baden-Württemberg, Lautenschlagerstraße 20, 70173 Stuttgart',
    inquiryRetentionMonths: 6,
    securityMeasures: 'Informationssicherheitskonzept nach Stand der Technik.',
    conceptVersion: 'Juli 2025',
    conceptReviewedOn: '2025-07-01',
    conceptNextReviewOn: '2026-07-01',
    ...overrides,
  });
}
