import { z } from 'zod';

/** Registry platform keys the widget can embed; the key of Matomo's choice next to them. */
export const WIDGET_SERVICE_IDS = [
  'youtube',
  'instagram',
  'facebook',
  'x',
  'mastodon',
  'tiktok',
  'linkedin',
] as const;
export type WidgetServiceId = (typeof WIDGET_SERVICE_IDS)[number];
export const STATISTICS_CHOICE = 'matomo';
export const CHOICE_KEYS = [...WIDGET_SERVICE_IDS, STATISTICS_CHOICE] as const;

/** Three years: the regular limitation period of § 195 BGB (see the migration for the reasoning). */
export const DEFAULT_PROOF_RETENTION_DAYS = 1095;

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));

export const matomoSettingsSchema = z.strictObject({
  url: z
    .url({ protocol: /^https$/ })
    .max(500)
    .refine((url) => url.endsWith('/'), 'Die Adresse muss mit „/“ enden.'),
  siteId: z.string().regex(/^[0-9]{1,9}$/),
  mode: z.enum(['consent', 'cookieless']),
});

export const consentSettingsBodySchema = z.strictObject({
  services: z
    .array(z.enum(WIDGET_SERVICE_IDS))
    .max(WIDGET_SERVICE_IDS.length)
    .refine((ids) => new Set(ids).size === ids.length, 'Jeder Dienst darf nur einmal vorkommen.'),
  matomo: matomoSettingsSchema.nullable(),
  proofRetentionDays: z.number().int().min(30).max(3650),
});
export type ConsentSettingsInput = z.infer<typeof consentSettingsBodySchema>;

export const consentSettingsSchema = consentSettingsBodySchema.extend({
  updatedAt: z.string(),
});
export type ConsentSettings = z.infer<typeof consentSettingsSchema>;

/** What the widget POSTs (widget/src/widget.proof.ts); known keys only, nothing else. */
export const proofBodySchema = z.strictObject({
  id: hex(32),
  configVersion: hex(64),
  choices: z.partialRecord(z.enum(CHOICE_KEYS), z.boolean()),
  at: z.iso.datetime(),
});
export type ProofBody = z.infer<typeof proofBodySchema>;

export const proofLookupQuerySchema = z.strictObject({ visitorId: hex(32) });

export const proofSchema = z.object({
  configVersion: z.string(),
  choices: z.record(z.string(), z.boolean()),
  decidedAt: z.string(),
  receivedAt: z.string(),
});
export type ConsentProof = z.infer<typeof proofSchema>;

export const consentStatsSchema = z.object({
  total: z.number(),
  services: z.array(z.object({ id: z.string(), accepted: z.number(), refused: z.number() })),
  versions: z.array(z.object({ configVersion: z.string(), count: z.number() })),
});
export type ConsentStats = z.infer<typeof consentStatsSchema>;

/** The shape of widget/src/widget.config.ts, as served by GET /widget/config.json. */
export const widgetConfigSchema = z.object({
  version: z.string(),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      operator: z.string(),
      privacyPolicyUrl: z.string(),
      embed: z.enum(['video', 'post']),
    }),
  ),
  matomo: z.object({ url: z.string(), siteId: z.string(), cookieless: z.boolean() }).optional(),
  privacyNoticeUrl: z.string(),
  imprintUrl: z.string(),
  proofUrl: z.string().optional(),
});
export type WidgetConfig = z.infer<typeof widgetConfigSchema>;
