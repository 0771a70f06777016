import { z } from 'zod';

import { PERMISSIONS } from './access.policy.ts';
import { displayNameSchema, emailSchema, passwordSchema, userSchema } from './users.schema.ts';

export const sessionInfoSchema = z.object({
  user: userSchema.nullable(),
  csrfToken: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  setupRequired: z.boolean(),
  oidcEnabled: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const signedInSchema = z.object({
  user: userSchema,
  csrfToken: z.string(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type SignedIn = z.infer<typeof signedInSchema>;

export const loginBodySchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Der Link ist unvollständig.');

export const setupBodySchema = z.strictObject({
  token: tokenSchema,
  email: emailSchema,
  displayName: displayNameSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupBodySchema>;

export const acceptInviteBodySchema = z.strictObject({
  token: tokenSchema,
  password: passwordSchema,
});

export const oidcCallbackQuerySchema = z.looseObject({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  error: z.string().max(200).optional(),
});
