import { z } from 'zod';

import { ORG_UNIT_KINDS } from '../shared/enum.ts';

export const orgUnitSchema = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  createdAt: z.string(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

const codeSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/,
    'Kürzel: Buchstaben, Ziffern, Punkt, Binde- und Unterstrich, höchstens 40 Zeichen.',
  );

export const createOrgUnitBodySchema = z.strictObject({
  parentId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  code: codeSchema.optional(),
  kind: z.enum(ORG_UNIT_KINDS).exclude(['organisation']),
});
export type CreateOrgUnitInput = z.infer<typeof createOrgUnitBodySchema>;

export const updateOrgUnitBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  parentId: z.uuid().optional(),
});
export type UpdateOrgUnitInput = z.infer<typeof updateOrgUnitBodySchema>;

export const orgUnitIdParamsSchema = z.strictObject({ id: z.uuid() });
export const orgUnitListSchema = z.object({ items: z.array(orgUnitSchema) });
