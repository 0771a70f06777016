import { z } from 'zod';

import { CRISIS_FEED_KINDS, CRISIS_LEGAL_BASES, CRISIS_POST_KINDS } from './crisis.table.ts';

const latLon = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const crisisSettingsBodySchema = z.strictObject({
  ars: z.string().regex(/^[0-9]{12}$/, 'Der ARS hat 12 Ziffern.'),
  warnCellIds: z.array(z.string().regex(/^[0-9]{9}$/, 'Eine WARNCELLID hat 9 Ziffern.')).max(50),
  /** Closed ring (first point == last point), lat/lon. */
  outline: z
    .array(latLon)
    .min(4)
    .max(5000)
    .refine((ring) => {
      const first = ring[0];
      const last = ring.at(-1);
      return (
        first !== undefined &&
        last !== undefined &&
        first.lat === last.lat &&
        first.lon === last.lon
      );
    }, 'Der Umriss muss geschlossen sein (erster Punkt = letzter Punkt).')
    .nullable(),
  senderId: z
    .string()
    .min(3)
    .max(120)
    .regex(
      /^[^\s,<&]+$/,
      'Die Absenderkennung darf keine Leerzeichen, Kommas, < oder & enthalten.',
    ),
  senderName: z.string().trim().min(2).max(200),
  channelOrder: z.array(z.uuid()).max(100),
  alertWebhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  approvalStallMinutes: z.number().int().min(1).max(120),
  legalBasis: z.enum(CRISIS_LEGAL_BASES),
  legalNorm: z.string().trim().min(3).max(300),
});
export type CrisisSettingsInput = z.infer<typeof crisisSettingsBodySchema>;

export const crisisSettingsSchema = crisisSettingsBodySchema.extend({
  outline: z.array(latLon).nullable(),
  updatedAt: z.string(),
});
export type CrisisSettings = z.infer<typeof crisisSettingsSchema>;

export const crisisStatusSchema = z.object({
  crisisMode: z.boolean(),
  reason: z.string().nullable(),
  startedAt: z.string().nullable(),
  activeIncidents: z.number().int(),
  suspended: z.boolean(),
});
export type CrisisStatus = z.infer<typeof crisisStatusSchema>;

export const crisisModeBodySchema = z.strictObject({
  active: z.boolean(),
  reason: z.string().max(500).default(''),
});

export const feedBodySchema = z.strictObject({
  name: z.string().trim().min(2).max(120),
  kind: z.enum(CRISIS_FEED_KINDS),
  url: z.url({ protocol: /^https?$/ }).max(1000),
  pollSeconds: z.number().int().min(30).max(3600),
  enabled: z.boolean(),
});
export type FeedInput = z.infer<typeof feedBodySchema>;

export const feedSchema = feedBodySchema.extend({
  id: z.uuid(),
  lastPolledAt: z.string().nullable(),
  lastOkAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastCounts: z.record(z.string(), z.number()).nullable(),
});
export type Feed = z.infer<typeof feedSchema>;

export const pollResultSchema = z.object({
  feedId: z.uuid(),
  ok: z.boolean(),
  error: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
});

export const idParamsSchema = z.object({ id: z.uuid() });

export const importBodySchema = z.strictObject({
  /** CAP 1.2 XML, BBK CAP-JSON or NINA warning details, as received. */
  content: z
    .string()
    .min(1)
    .max(5 * 1024 * 1024),
});

export const importResultSchema = z.object({
  outcomes: z.array(
    z.object({
      kind: z.enum(['duplicate', 'ignored', 'recorded', 'incident', 'refused']),
      reason: z.string().nullable(),
      incidentId: z.uuid().nullable(),
    }),
  ),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const incidentSchema = z.object({
  id: z.uuid(),
  templateKey: z.string(),
  event: z.string(),
  headline: z.string(),
  severity: z.string(),
  urgency: z.string(),
  status: z.string(),
  isTest: z.boolean(),
  state: z.enum(['active', 'ended']),
  endReason: z.string().nullable(),
  expiresAt: z.string().nullable(),
  legalBasis: z.enum(CRISIS_LEGAL_BASES),
  legalNorm: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  openApprovals: z.number().int(),
});
export type Incident = z.infer<typeof incidentSchema>;

export const deliverySchema = z.object({
  channelId: z.uuid(),
  channelName: z.string(),
  platformKey: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  url: z.string().nullable(),
  failureReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  replyToExternalId: z.string().nullable(),
  pinned: z.boolean(),
});

export const crisisPostSchema = z.object({
  postId: z.uuid(),
  kind: z.enum(CRISIS_POST_KINDS),
  language: z.string(),
  preApproved: z.boolean(),
  approvalsNeeded: z.number().int(),
  firstApprovedBy: z.string().nullable(),
  status: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Exactly what goes where: the text per channel, in dispatch order. */
  targets: z.array(
    z.object({
      channelId: z.uuid(),
      channelName: z.string(),
      platformKey: z.string(),
      text: z.string(),
      length: z.number().int(),
      maxLength: z.number().int(),
      order: z.number().int(),
    }),
  ),
  deliveries: z.array(deliverySchema),
});
export type CrisisPost = z.infer<typeof crisisPostSchema>;

export const messageSchema = z.object({
  id: z.uuid(),
  identifier: z.string(),
  sender: z.string(),
  sent: z.string(),
  msgType: z.string(),
  status: z.string(),
  sourceHash: z.string(),
  concerns: z.boolean(),
  matchReason: z.string(),
  languages: z.array(z.string()),
  receivedAt: z.string(),
});

export const incidentDetailSchema = incidentSchema.extend({
  messages: z.array(messageSchema),
  posts: z.array(crisisPostSchema),
  languages: z.array(z.string()),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

export const incidentListQuerySchema = z.object({
  state: z.enum(['active', 'ended']).optional(),
});

export const languageBodySchema = z.strictObject({
  language: z.string().min(2).max(10),
});

export const legalBodySchema = z.strictObject({
  legalBasis: z.enum(CRISIS_LEGAL_BASES),
  legalNorm: z.string().trim().min(3).max(300),
});
