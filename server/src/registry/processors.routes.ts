import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  createContract,
  listContractRevisions,
  listContracts,
  updateContract,
} from './contracts.service.ts';
import {
  contractSchema,
  contractsQuerySchema,
  createContractBodySchema,
  createProcessorBodySchema,
  processorMembersBodySchema,
  processorSchema,
  updateContractBodySchema,
  updateProcessorBodySchema,
} from './processors.schema.ts';
import {
  createProcessor,
  listProcessorRevisions,
  listProcessors,
  setProcessorMembers,
  updateProcessor,
} from './processors.service.ts';
import { idParamsSchema } from './registry.schema.ts';
import { readerOf, revisionsResponseSchema } from './registry.changes.ts';

const tags = ['Register: Auftragsverarbeiter'];

export function registerProcessorRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'registry.read' as const };
  const manage = { permission: 'registry.manage' as const };

  app.get(
    '/api/registry/processors',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ items: z.array(processorSchema) }) } },
    },
    async (request) => ({ items: await listProcessors(ctx.db, readerOf(request)) }),
  );
  app.post(
    '/api/registry/processors',
    {
      config: manage,
      schema: { tags, body: createProcessorBodySchema, response: { 201: processorSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createProcessor(ctx.db, request.actor, request.body)),
  );
  app.patch(
    '/api/registry/processors/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: updateProcessorBodySchema,
        response: { 200: processorSchema },
      },
    },
    async (request) => updateProcessor(ctx.db, request.actor, request.params.id, request.body),
  );
  app.put(
    '/api/registry/processors/:id/members',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: processorMembersBodySchema,
        response: { 200: processorSchema },
      },
    },
    async (request) =>
      setProcessorMembers(ctx.db, request.actor, request.params.id, request.body.userIds),
  );
  app.get(
    '/api/registry/processors/:id/revisions',
    {
      config: read,
      schema: { tags, params: idParamsSchema, response: { 200: revisionsResponseSchema } },
    },
    async (request) => ({
      items: await listProcessorRevisions(ctx.db, readerOf(request), request.params.id),
    }),
  );

  app.get(
    '/api/registry/contracts',
    {
      config: read,
      schema: {
        tags,
        querystring: contractsQuerySchema,
        response: { 200: z.object({ items: z.array(contractSchema) }) },
      },
    },
    async (request) => ({
      items: await listContracts(ctx.db, readerOf(request), request.query.processorId),
    }),
  );
  app.post(
    '/api/registry/contracts',
    {
      config: manage,
      schema: { tags, body: createContractBodySchema, response: { 201: contractSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createContract(ctx.db, request.actor, request.body)),
  );
  app.patch(
    '/api/registry/contracts/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: updateContractBodySchema,
        response: { 200: contractSchema },
      },
    },
    async (request) => updateContract(ctx.db, request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/registry/contracts/:id/revisions',
    {
      config: read,
      schema: { tags, params: idParamsSchema, response: { 200: revisionsResponseSchema } },
    },
    async (request) => ({
      items: await listContractRevisions(ctx.db, readerOf(request), request.params.id),
    }),
  );
}
