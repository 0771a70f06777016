import { z } from 'zod';

import { CASE_SOURCES, CASE_STATUSES, HOLD_KINDS } from './cases.table.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Höchstens ${max} Zeichen.`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional();

export const contactInputSchema = z.strictObject({
  name: optionalText(200),
  /** Account on a platform, e.g. "@anna@mastodon.social"; with `platform` a way to reply. */
  handle: optionalText(200),
  platform: optionalText(40),
  email: z
    .email('Bitte geben Sie eine gültige E-Mail-Adresse an.')
    .max(320)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
  phone: z
    .string()
    .trim()
    .max(40, 'Höchstens 40 Zeichen.')
    .regex(/^[+0-9 ()/.-]*$/, 'Bitte geben Sie nur Ziffern und + ( ) / - an.')
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional(),
  address: optionalText(500),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

const legalBasisField = z.string().trim().min(1).max(60).optional();
const categoryField = z.string().trim().min(1).max(60).optional();

export const createCaseBodySchema = z.strictObject({
  source: z.enum(CASE_SOURCES.filter((s) => s !== 'inbox') as ['web-form', 'email', 'phone']),
  legalBasis: legalBasisField,
  category: categoryField,
  contact: contactInputSchema,
  concern: z
    .string()
    .trim()
    .min(1, 'Bitte beschreiben Sie das Anliegen.')
    .max(20000, 'Höchstens 20000 Zeichen.'),
  orgUnitId: z.uuid().nullable().optional(),
  assigneeId: z.uuid().nullable().optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseBodySchema>;

export const fromInboxBodySchema = z.strictObject({
  legalBasis: legalBasisField,
  category: categoryField,
});
export const fromInboxParamsSchema = z.strictObject({ itemId: z.uuid() });
export const fromInboxResponseSchema = z.object({ caseId: z.uuid() });

export const caseParamsSchema = z.strictObject({ id: z.uuid() });
export const attachmentParamsSchema = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

export const listCasesQuerySchema = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  category: z.string().max(60).optional(),
  legalBasis: z.string().max(60).optional(),
  orgUnitId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  onHold: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Closed cases whose deletion is due on or before this Berlin day (YYYY-MM-DD). */
  deleteBefore: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100000).default(0),
});

/**
 * A search by person goes in a POST body: names, e-mail addresses and phone numbers must not end
 * up in URLs (proxy access logs, browser history).
 */
export const searchCasesBodySchema = listCasesQuerySchema.extend({
  /** Name, e-mail, phone or handle: looked up through the blind index, exact after normalising. */
  q: z.string().trim().min(2).max(320),
  onHold: z.boolean().optional(),
});
export type ListCasesQuery = z.infer<typeof listCasesQuerySchema> & { readonly q?: string };

export const updateCaseBodySchema = z
  .strictObject({
    status: z.enum(CASE_STATUSES).optional(),
    category: categoryField,
    orgUnitId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    /** Replaces the whole contact (rectification, Art. 16); blind indexes follow. */
    contact: contactInputSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Bitte geben Sie eine Änderung an.');
export type UpdateCaseInput = z.infer<typeof updateCaseBodySchema>;

export const noteBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'Bitte geben Sie eine Notiz ein.').max(10000),
});

export const REPLY_CHANNELS = ['email', 'phone', 'letter', 'platform'] as const;
export const replyBodySchema = z.strictObject({
  channel: z.enum(REPLY_CHANNELS),
  text: z.string().trim().min(1, 'Bitte geben Sie den Text der Antwort ein.').max(20000),
  /** The Art. 21(4) notice in this language, appended separately; required for a first lit. e reply. */
  objectionNotice: z.enum(['de', 'en']).nullable().default(null),
});
export type ReplyInput = z.infer<typeof replyBodySchema>;

export const replyTemplateQuerySchema = z.strictObject({
  language: z.enum(['de', 'en']).default('de'),
});
export const replyTemplateSchema = z.object({
  firstReply: z.boolean(),
  noticeRequired: z.boolean(),
  objectionNotice: z.string().nullable(),
  privacyNoticeUrl: z.string(),
  separator: z.string(),
  /** How the sent reply will look: the text, then the notice block, set apart. */
  preview: z.string(),
});

export const holdBodySchema = z.strictObject({
  kind: z.enum(HOLD_KINDS),
  reason: z
    .string()
    .trim()
    .min(3, 'Bitte geben Sie einen Grund an (ohne Namen oder Kontaktdaten).')
    .max(500),
  reviewOn: z.iso.date('Bitte geben Sie ein Datum für die Überprüfung an.'),
});

const basisSchema = z.object({
  key: z.string(),
  citation: z.string(),
  label: z.string(),
  labelEn: z.string(),
  objection: z.boolean(),
});

export const caseSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  source: z.enum(CASE_SOURCES),
  status: z.enum(CASE_STATUSES),
  category: z.string(),
  legalBasis: z.string(),
  contactName: z.string().nullable(),
  orgUnitId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  onHold: z.boolean(),
  /** "Löschung am …": null while open, waiting or on hold. */
  deleteAt: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export const caseListSchema = z.object({ items: z.array(caseSummarySchema) });

export const caseDetailSchema = caseSummarySchema.extend({
  contact: z.object({
    name: z.string().nullable(),
    handle: z.string().nullable(),
    platform: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
  }),
  concern: z.string(),
  basis: basisSchema,
  rights: z.array(
    z.object({ right: z.string(), article: z.string(), label: z.string(), labelEn: z.string() }),
  ),
  firstReplyAt: z.string().nullable(),
  hold: z
    .object({
      kind: z.enum(HOLD_KINDS),
      reason: z.string(),
      reviewOn: z.string().nullable(),
      setAt: z.string().nullable(),
      reviewDue: z.boolean(),
    })
    .nullable(),
  retentionMonths: z.number().int(),
  deletionAttempts: z.number().int(),
  timeline: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      text: z.string().nullable(),
      detail: z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
        .nullable(),
      authorId: z.uuid().nullable(),
      at: z.string(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      mimeType: z.string(),
      byteSize: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  linkedItems: z.array(
    z.object({
      id: z.uuid(),
      platform: z.string(),
      kind: z.string(),
      visibility: z.string(),
      receivedAt: z.string(),
    }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const categorySchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'Nur a–z, 0–9 und Bindestrich.'),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  retentionMonths: z.number().int().min(1).max(120).nullable(),
});
const extraBasisSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,59}$/),
  gdpr: z.string().trim().min(1).max(100),
  national: z.string().trim().max(200).nullable(),
  label: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().min(1).max(200),
  objection: z.boolean(),
  portability: z.boolean(),
});

export const caseSettingsSchema = z.object({
  defaultRetentionMonths: z.number().int(),
  categories: z.array(categorySchema),
  legalBases: z.array(extraBasisSchema.extend({ builtIn: z.boolean(), citation: z.string() })),
  privacyNoticeUrl: z.string(),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

export const updateCaseSettingsBodySchema = z.strictObject({
  defaultRetentionMonths: z.number().int().min(1).max(120).optional(),
  categories: z.array(categorySchema).min(1).max(50).optional(),
  extraLegalBases: z.array(extraBasisSchema).max(20).optional(),
  privacyNoticeUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
});
export type UpdateCaseSettingsInput = z.infer<typeof updateCaseSettingsBodySchema>;

export const retentionDashboardSchema = z.object({
  counts: z.object({ open: z.number(), waiting: z.number(), closed: z.number(), due: z.number() }),
  upcoming: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      category: z.string(),
      closedAt: z.string().nullable(),
      deleteAt: z.string(),
      deletionAttempts: z.number().int(),
    }),
  ),
  holds: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      category: z.string(),
      status: z.enum(CASE_STATUSES),
      kind: z.enum(HOLD_KINDS),
      reason: z.string(),
      reviewOn: z.string().nullable(),
      reviewDue: z.boolean(),
    }),
  ),
  lastSweep: z
    .object({
      at: z.string(),
      due: z.number(),
      deleted: z.number(),
      failed: z.number(),
      retried: z.number(),
      milliseconds: z.number(),
    })
    .nullable(),
});

export const deletionLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const deletionLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      caseHash: z.string(),
      category: z.string(),
      legalBasis: z.string(),
      createdOn: z.string(),
      closedOn: z.string().nullable(),
      deletedAt: z.string(),
      rule: z.string(),
      trigger: z.string(),
      attempts: z.number().int(),
      linkedItemsDeleted: z.number().int(),
      linkedItemsBlanked: z.number().int(),
      attachmentsDeleted: z.number().int(),
    }),
  ),
});
