import { z } from 'zod';

import { OUTBOX_STATUSES } from './outbox.table.ts';

export const postIdParamsSchema = z.object({ id: z.uuid() });
export const itemIdParamsSchema = z.object({ itemId: z.uuid() });

export const deliverySchema = z.object({
  id: z.uuid(),
  postId: z.uuid(),
  channelId: z.uuid(),
  channelName: z.string(),
  platformKey: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  firstSentAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  externalId: z.string().nullable(),
  url: z.string().nullable(),
  failure: z
    .object({ kind: z.string(), reason: z.string().nullable(), code: z.string().nullable() })
    .nullable(),
  /** What the platform allows after publishing (capabilities `edit`, `delete`). */
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });

export const resolveBodySchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('published'),
    url: z.url({ protocol: /^https?$/, error: 'Bitte geben Sie die Adresse des Beitrags an.' }),
  }),
  z.strictObject({ outcome: z.literal('not-published') }),
]);
export type ResolveBody = z.infer<typeof resolveBodySchema>;

export const editBodySchema = z.strictObject({
  text: z.string().trim().min(1, 'Bitte geben Sie einen Text ein.').max(10_000),
});

export const suspensionSchema = z.object({
  suspended: z.boolean(),
  reason: z.string().nullable(),
  suspendedAt: z.string().nullable(),
  suspendedBy: z.string().nullable(),
  /** After a resume: overdue posts returned to `approved` for rescheduling. */
  replanned: z.number().int().optional(),
});

export const suspensionBodySchema = z.discriminatedUnion('suspended', [
  z.strictObject({
    suspended: z.literal(true),
    reason: z.string().trim().min(1, 'Bitte geben Sie einen Grund an.').max(500),
  }),
  z.strictObject({ suspended: z.literal(false) }),
]);
