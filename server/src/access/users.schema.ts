import { z } from 'zod';

import { AUTH_PROVIDERS, LOCALES, ROLES, UNIT_SCOPED_ROLES } from '../shared/enum.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts';

export const roleGrantSchema = z.strictObject({
  role: z.enum(ROLES),
  orgUnitId: z.uuid().nullable(),
});

const roleGrantsSchema = z
  .array(roleGrantSchema)
  .max(20)
  .superRefine((grants, ctx) => {
    grants.forEach((grant, index) => {
      if (UNIT_SCOPED_ROLES.includes(grant.role) && grant.orgUnitId === null) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'orgUnitId'],
          message: 'Für diese Rolle ist eine Organisationseinheit nötig.',
        });
      }
    });
  });

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: z.enum(LOCALES),
  roles: z.array(roleGrantSchema),
  disabled: z.boolean(),
  authProvider: z.enum(AUTH_PROVIDERS),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const emailSchema = z
  .email({ error: 'Bitte geben Sie eine gültige E-Mail-Adresse an.' })
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const displayNameSchema = z.string().trim().min(1).max(200);

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Das Passwort braucht mindestens ${PASSWORD_MIN_LENGTH} Zeichen.`)
  .max(PASSWORD_MAX_LENGTH);

export const createUserBodySchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  locale: z.enum(LOCALES).default('de'),
  roles: roleGrantsSchema.min(1, 'Bitte wählen Sie mindestens eine Rolle.'),
});
export type CreateUserInput = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  locale: z.enum(LOCALES).optional(),
  roles: roleGrantsSchema.optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBodySchema>;

export const userIdParamsSchema = z.strictObject({ id: z.uuid() });

export const usersListSchema = z.object({ items: z.array(userSchema) });
export const colleaguesListSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), displayName: z.string() })),
});
export const createdUserSchema = z.object({ user: userSchema, inviteUrl: z.string() });
export const inviteSchema = z.object({ inviteUrl: z.string() });
