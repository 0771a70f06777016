import { z } from 'zod';

export const quarantineListQuerySchema = z.object({
  includeResolved: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const quarantineEntrySchema = z.object({
  id: z.uuid(),
  source: z.enum(['webhook', 'poll']),
  platform: z.string(),
  channelId: z.uuid().nullable(),
  reason: z.string(),
  attempts: z.number().int(),
  receivedAt: z.string(),
  lastAttemptAt: z.string(),
  resolvedAt: z.string().nullable(),
});

export const quarantineListSchema = z.object({ items: z.array(quarantineEntrySchema) });

export const quarantineRetryBodySchema = z.strictObject({
  /** Without ids every open entry (up to 200 per call) is retried. */
  ids: z.array(z.uuid()).min(1).max(200).optional(),
});

export const quarantineRetrySchema = z.object({
  attempted: z.number().int(),
  resolved: z.number().int(),
  failed: z.number().int(),
});
