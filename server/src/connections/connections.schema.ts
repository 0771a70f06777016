import { z } from 'zod';

import { PLATFORM_KEYS } from '../platforms/connector.ts';

export const platformKeyParamsSchema = z.object({ platformKey: z.enum(PLATFORM_KEYS) });

export const platformAppSchema = z.object({
  id: z.uuid(),
  platformKey: z.string(),
  baseUrl: z.string(),
  clientId: z.string(),
  hasSecret: z.boolean(),
  source: z.enum(['manual', 'registered', 'sandbox']),
  updatedAt: z.string(),
});
export type PlatformApp = z.infer<typeof platformAppSchema>;

export const savePlatformAppBodySchema = z.strictObject({
  /** Default: the platform's real API. Another origin for a sandbox or a proxy. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'Bitte eine vollständige Adresse mit https:// angeben.' })
    .max(500)
    .optional(),
  clientId: z.string().trim().min(1, 'Bitte die Client-ID angeben.').max(500),
  /** Omitted for public clients (X native apps); write-only. */
  clientSecret: z.string().max(2000).optional(),
});
export type SavePlatformAppInput = z.infer<typeof savePlatformAppBodySchema>;

export const connectResponseSchema = z.object({ authorizationUrl: z.url() });

/** What the platform sends back to the callback; lenient: platforms add their own parameters. */
export const callbackQuerySchema = z.looseObject({
  state: z.string().min(1).max(2000).optional(),
  code: z.string().min(1).max(4000).optional(),
  error: z.string().max(200).optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;
