import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  netiquetteRuleSchema,
  netiquetteRuleUpdateSchema,
  ruleIdSchema,
  wordListEntrySchema,
} from './netiquette.schema.ts';
import { NETIQUETTE_ACTIONS } from './netiquette.model.ts';
import {
  createRule,
  createTerm,
  deleteRule,
  deleteTerm,
  listRules,
  listTerms,
  orderRules,
  updateRule,
} from './netiquette.service.ts';

const tags = ['Netiquette'];

const ruleSchema = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  text: z.string(),
  titleEn: z.string(),
  textEn: z.string(),
  action: z.enum(NETIQUETTE_ACTIONS),
  updatedAt: z.string(),
});
const termSchema = z.object({
  id: z.string(),
  term: z.string(),
  kind: z.enum(['word', 'stem', 'regex']),
  ruleId: z.string(),
  weight: z.number(),
  infix: z.boolean(),
});
const ruleParams = z.object({ id: ruleIdSchema });
const termParams = z.object({ id: z.uuid() });

/** The Netiquette editor's API; everything here is `netiquette.manage` (communications). */
export function registerNetiquetteRoutes(app: FastifyZod, ctx: AppContext): void {
  const manage = { permission: 'netiquette.manage' as const };
  const rules = z.object({ rules: z.array(ruleSchema) });
  const rule = z.object({ rule: ruleSchema });

  // Everyone who moderates cites these rules; the text is public on /netiquette anyway.
  app.get(
    '/api/netiquette/rules',
    { config: { permission: 'inbox.read' }, schema: { tags, response: { 200: rules } } },
    async () => ({ rules: await listRules(ctx.db) }),
  );
  app.post(
    '/api/netiquette/rules',
    { config: manage, schema: { tags, body: netiquetteRuleSchema, response: { 201: rule } } },
    async (request, reply) =>
      reply.status(201).send({ rule: await createRule(ctx.db, request.actor, request.body) }),
  );
  // Registered before `/:id` routes so "order" is never read as a rule id.
  app.post(
    '/api/netiquette/rules/order',
    {
      config: manage,
      schema: {
        tags,
        body: z.strictObject({ ids: z.array(ruleIdSchema).min(1).max(100) }),
        response: { 200: rules },
      },
    },
    async (request) => ({ rules: await orderRules(ctx.db, request.actor, request.body.ids) }),
  );
  app.patch(
    '/api/netiquette/rules/:id',
    {
      config: manage,
      schema: {
        tags,
        params: ruleParams,
        body: netiquetteRuleUpdateSchema,
        response: { 200: rule },
      },
    },
    async (request) => ({
      rule: await updateRule(ctx.db, request.actor, request.params.id, request.body),
    }),
  );
  app.delete(
    '/api/netiquette/rules/:id',
    { config: manage, schema: { tags, params: ruleParams } },
    async (request, reply) => {
      await deleteRule(ctx.db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/netiquette/terms',
    {
      config: manage,
      schema: { tags, response: { 200: z.object({ terms: z.array(termSchema) }) } },
    },
    async () => ({ terms: await listTerms(ctx.db) }),
  );
  app.post(
    '/api/netiquette/terms',
    {
      config: manage,
      schema: {
        tags,
        body: wordListEntrySchema,
        response: { 201: z.object({ term: termSchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ term: await createTerm(ctx.db, request.actor, request.body) }),
  );
  app.delete(
    '/api/netiquette/terms/:id',
    { config: manage, schema: { tags, params: termParams } },
    async (request, reply) => {
      await deleteTerm(ctx.db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  );
}
