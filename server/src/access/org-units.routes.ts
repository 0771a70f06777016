import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  createOrgUnitBodySchema,
  orgUnitIdParamsSchema,
  orgUnitListSchema,
  orgUnitSchema,
  updateOrgUnitBodySchema,
} from './org-units.schema.ts';
import { createOrgUnit, listOrgUnits, updateOrgUnit } from './org-units.service.ts';

const tags = ['Organisationseinheiten'];

export function registerOrgUnitRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/org-units',
    {
      config: { permission: 'org-units.read' },
      schema: { tags, response: { 200: orgUnitListSchema } },
    },
    async () => ({ items: await listOrgUnits(ctx.db) }),
  );

  app.post(
    '/api/org-units',
    {
      config: { permission: 'org-units.manage' },
      schema: { tags, body: createOrgUnitBodySchema, response: { 201: orgUnitSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createOrgUnit(ctx.db, request.actor, request.body)),
  );

  app.patch(
    '/api/org-units/:id',
    {
      config: { permission: 'org-units.manage' },
      schema: {
        tags,
        params: orgUnitIdParamsSchema,
        body: updateOrgUnitBodySchema,
        response: { 200: orgUnitSchema },
      },
    },
    async (request) => updateOrgUnit(ctx.db, request.actor, request.params.id, request.body),
  );
}
