import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  createCannedAnswer,
  deleteCannedAnswer,
  listCannedAnswers,
  updateCannedAnswer,
} from './canned.service.ts';
import { cannedAnswerBodySchema, cannedAnswerSchema, itemParamsSchema } from './inbox.schema.ts';

const tags = ['Posteingang'];

/** Canned answers: every inbox reader uses them, communications maintains them. */
export function registerCannedRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'inbox.read' as const };
  const manage = { permission: 'netiquette.manage' as const };
  const answer = z.object({ answer: cannedAnswerSchema });

  app.get(
    '/api/inbox/canned-answers',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ answers: z.array(cannedAnswerSchema) }) } },
    },
    async () => ({ answers: await listCannedAnswers(ctx.db) }),
  );
  app.post(
    '/api/inbox/canned-answers',
    { config: manage, schema: { tags, body: cannedAnswerBodySchema, response: { 201: answer } } },
    async (request, reply) =>
      reply
        .status(201)
        .send({ answer: await createCannedAnswer(ctx.db, request.actor, request.body) }),
  );
  app.put(
    '/api/inbox/canned-answers/:id',
    {
      config: manage,
      schema: {
        tags,
        params: itemParamsSchema,
        body: cannedAnswerBodySchema,
        response: { 200: answer },
      },
    },
    async (request) => ({
      answer: await updateCannedAnswer(ctx.db, request.actor, request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/inbox/canned-answers/:id',
    { config: manage, schema: { tags, params: itemParamsSchema } },
    async (request, reply) => {
      await deleteCannedAnswer(ctx.db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );
}
