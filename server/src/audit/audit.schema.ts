import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string().describe('ISO 8601, UTC'),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  summary: z.string(),
  correlationId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

export const auditQuerySchema = z.strictObject({
  action: z.string().min(1).max(100).optional(),
  objectType: z.string().min(1).max(100).optional(),
  objectId: z.string().min(1).max(200).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  brokenAt: z.string().nullable(),
  reason: z.enum(['link', 'content']).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const auditActionsSchema = z.object({ items: z.array(z.string()) });
