import { z } from 'zod';

import {
  CHANNEL_GOALS,
  CHANNEL_STATUSES,
  DPIA_STATUSES,
  NECESSITY_OUTCOMES,
  PROFILE_NOTICE_METHODS,
  SCC_MODULES,
  TRANSFER_BASES,
} from './registry.enum.ts';

/** A calendar date (no time of day): reviews and contracts are due on days, not instants. */
export const dateSchema = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const httpsUrl = z.url({ protocol: /^https?$/ }).max(2000);
/** https, or http only to this machine (the sandbox). */
const apiUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine(
    (value) => {
      const url = new URL(value);
      return (
        url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
      );
    },
    { error: 'Bitte eine https://-Adresse angeben (http:// nur für diesen Rechner).' },
  );

/** Art. 6 GDPR with the national norm it is read together with, e.g. § 4 LDSG BW (Art. 13(1)(c)). */
export const legalBasisSchema = z.strictObject({
  gdpr: text(200).describe('e.g. "Art. 6 Abs. 1 lit. e DSGVO"'),
  national: z.string().trim().max(200).nullable().describe('e.g. "§ 4 LDSG BW"'),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const purposeSchema = z.strictObject({
  text: text(2000),
  legalBasis: legalBasisSchema,
});

/** Art. 13(1)(a) for the operator as joint or separate controller; Art. 26(3) contact. */
export const operatorSchema = z.strictObject({
  legalEntity: text(300),
  address: text(500),
  privacyPolicyUrl: httpsUrl,
  cookiePolicyUrl: httpsUrl.nullable(),
  rightsContact: text(500).describe('URL or address where data subjects exercise rights'),
});

/** Concept §10: Erforderlichkeitsprüfung. */
export const necessitySchema = z.strictObject({
  reasoning: text(5000),
  outcome: z.enum(NECESSITY_OUTCOMES),
  assessedOn: dateSchema,
  nextReviewOn: dateSchema,
});

/** Art. 26: the arrangement and where its essence is published (26(2)). */
export const jointControllershipSchema = z.strictObject({
  arrangementUrl: httpsUrl,
  essencePublishedUrl: httpsUrl,
  scope: text(1000).describe('e.g. "Page Insights"'),
  contactPoint: text(500),
  forwardingDeadlineDays: z.number().int().min(1).max(90),
});

/** Art. 44 ff.: one third country and the safeguard the operator relies on. */
export const transferSchema = z
  .strictObject({
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Ländercode nach ISO 3166 (zwei Großbuchstaben), z. B. US'),
    basis: z.enum(TRANSFER_BASES),
    dpfCheckedOn: dateSchema.nullable(),
    sccModule: z.enum(SCC_MODULES).nullable(),
    notes: z.string().trim().max(2000).nullable(),
  })
  .superRefine((transfer, ctx) => {
    if (transfer.basis === 'eu-us-dpf' && transfer.dpfCheckedOn === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['dpfCheckedOn'],
        message: 'Bitte das Datum der Prüfung der DPF-Zertifizierung angeben.',
      });
    }
    if (transfer.basis === 'eu-us-dpf' && transfer.country !== 'US') {
      ctx.addIssue({
        code: 'custom',
        path: ['country'],
        message: 'Das Data Privacy Framework gilt nur für Übermittlungen in die USA.',
      });
    }
    if (transfer.basis === 'scc-2021-914' && transfer.sccModule === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['sccModule'],
        message: 'Bitte das Modul der Standardvertragsklauseln (1–4) angeben.',
      });
    }
  });

/** Art. 35 and concept §11: the DSFA, signed off by the dpo. */
export const dpiaSchema = z.strictObject({
  documentRef: text(500),
  version: text(50),
  date: dateSchema,
  status: z.enum(DPIA_STATUSES),
  nextReviewOn: dateSchema,
});

const platformFields = {
  name: text(100),
  operator: operatorSchema,
  purposes: z.array(purposeSchema).min(1).max(20),
  targetGroups: z.array(text(300)).max(20),
  recipients: z.array(text(300)).max(20).describe('Art. 13(1)(e)'),
  necessity: necessitySchema,
  jointControllership: jointControllershipSchema.nullable(),
  transfers: z.array(transferSchema).max(20),
  dpia: dpiaSchema.nullable(),
  storagePeriods: z.string().trim().max(5000).nullable().describe('The operator’s own (§13)'),
};

export const createPlatformBodySchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, 'Kürzel: Kleinbuchstaben, Ziffern und Bindestrich.'),
  ...platformFields,
});
export type CreatePlatformInput = z.infer<typeof createPlatformBodySchema>;

export const updatePlatformBodySchema = z.strictObject(platformFields).partial();
export type UpdatePlatformInput = z.infer<typeof updatePlatformBodySchema>;

export const dpiaSignOffSchema = z.object({
  signedOffBy: z.uuid(),
  signedOffByName: z.string().nullable(),
  signedOffAt: z.string(),
});

export const platformSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  ...platformFields,
  transfers: z.array(
    z.object({
      country: z.string(),
      basis: z.enum(TRANSFER_BASES),
      dpfCheckedOn: z.string().nullable(),
      sccModule: z.enum(SCC_MODULES).nullable(),
      notes: z.string().nullable(),
    }),
  ),
  dpiaSignOff: dpiaSignOffSchema.nullable(),
  updatedAt: z.string(),
});
export type Platform = z.infer<typeof platformSchema>;

/** Concept §15: privacy-policy and imprint links in the channel's profile. */
export const profileNoticeSchema = z.object({
  privacyPolicyLinked: z.boolean(),
  imprintLinked: z.boolean(),
  checkedAt: z.string(),
  method: z.enum(PROFILE_NOTICE_METHODS),
  checkedBy: z.uuid().nullable(),
});

/** Whether Stadtfunk can act for the channel; the tokens themselves never leave the server. */
export const channelConnectionSchema = z.object({
  status: z.enum(['not-connected', 'connected', 'expired']),
  accountId: z.string().nullable(),
  connectedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  refreshable: z.boolean(),
  lastRefreshFailure: z.string().nullable(),
});
export type ChannelConnection = z.infer<typeof channelConnectionSchema>;

const channelFields = {
  platformId: z.uuid(),
  name: text(200),
  handle: text(200),
  url: httpsUrl,
  orgUnitId: z.uuid(),
  responsibleUserIds: z.array(z.uuid()).max(20),
  goals: z.array(z.enum(CHANNEL_GOALS)).min(1, 'Bitte mindestens ein Ziel wählen.'),
  status: z.enum(CHANNEL_STATUSES),
  selfPublishing: z.boolean(),
  /**
   * Where Stadtfunk reaches the platform's API when it is not the usual address: a Mastodon
   * instance whose API host differs from the profile's domain, or the local sandbox.
   */
  apiBaseUrl: apiUrl.nullable().optional(),
};

export const createChannelBodySchema = z.strictObject(channelFields);
export type CreateChannelInput = z.infer<typeof createChannelBodySchema>;
export const updateChannelBodySchema = z.strictObject(channelFields).partial();
export type UpdateChannelInput = z.infer<typeof updateChannelBodySchema>;

export const channelSchema = z.object({
  id: z.uuid(),
  ...channelFields,
  profileNotice: profileNoticeSchema.nullable(),
  hasCredentials: z.boolean(),
  connection: channelConnectionSchema,
  updatedAt: z.string(),
});
export type Channel = z.infer<typeof channelSchema>;

export const confirmProfileNoticeBodySchema = z.strictObject({
  privacyPolicyLinked: z.boolean(),
  imprintLinked: z.boolean(),
});

/** Secrets a connector needs; write-only: the API never returns them. */
export const channelCredentialsBodySchema = z.strictObject({
  credentials: z.record(z.string().min(1).max(100), z.string().max(10_000)),
});

/** The controller (Art. 13(1)(a)/(b)) and the concept's own review cycle (§15). */
export const organisationProfileSchema = z.strictObject({
  controllerName: text(300),
  controllerAddress: text(500),
  controllerEmail: z.email().max(254),
  controllerPhone: z.string().trim().max(100).nullable(),
  dpoContact: text(1000),
  privacyNoticeUrl: httpsUrl,
  imprintUrl: httpsUrl,
  netiquetteUrl: httpsUrl.nullable(),
  supervisoryAuthority: text(1000),
  inquiryRetentionMonths: z.number().int().min(1).max(120),
  securityMeasures: text(5000).describe('Art. 30(1)(g)'),
  conceptVersion: text(100),
  conceptReviewedOn: dateSchema,
  conceptNextReviewOn: dateSchema,
});
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>;

export const idParamsSchema = z.strictObject({ id: z.uuid() });
export const platformKeyParamsSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
});
