import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { createMailer } from '../mail/mailer.ts';
import { readerOf } from '../registry/registry.changes.ts';
import {
  deletePublishedPost,
  editPublishedPost,
  listDeliveries,
  resolveDelivery,
  retryDelivery,
} from './outbox.actions.ts';
import {
  deliveryListSchema,
  deliverySchema,
  editBodySchema,
  itemIdParamsSchema,
  postIdParamsSchema,
  resolveBodySchema,
  suspensionBodySchema,
  suspensionSchema,
} from './outbox.schema.ts';
import { getSuspension, resumePublishing, suspendPublishing } from './suspension.service.ts';

const tags = ['Veröffentlichung'];

export function registerOutboxRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'posts.read' as const };
  const act = { permission: 'posts.publish' as const };

  app.get(
    '/api/posts/:id/deliveries',
    {
      config: read,
      schema: { tags, params: postIdParamsSchema, response: { 200: deliveryListSchema } },
    },
    async (request) => ({
      items: await listDeliveries(ctx.db, readerOf(request), request.params.id),
    }),
  );
  app.post(
    '/api/outbox/:itemId/retry',
    {
      config: act,
      schema: { tags, params: itemIdParamsSchema, response: { 200: deliverySchema } },
    },
    async (request) =>
      retryDelivery(ctx.db, ctx.jobs, request.actor, readerOf(request), request.params.itemId),
  );
  app.post(
    '/api/outbox/:itemId/resolve',
    {
      config: act,
      schema: {
        tags,
        params: itemIdParamsSchema,
        body: resolveBodySchema,
        response: { 200: deliverySchema },
      },
    },
    async (request) =>
      resolveDelivery(
        ctx.db,
        ctx.jobs,
        request.actor,
        readerOf(request),
        request.params.itemId,
        request.body,
      ),
  );
  app.delete(
    '/api/outbox/:itemId/post',
    {
      config: act,
      schema: { tags, params: itemIdParamsSchema, response: { 200: deliverySchema } },
    },
    async (request) =>
      deletePublishedPost(
        ctx.db,
        ctx.encryptionKeys,
        request.actor,
        readerOf(request),
        request.params.itemId,
      ),
  );
  app.patch(
    '/api/outbox/:itemId/post',
    {
      config: act,
      schema: {
        tags,
        params: itemIdParamsSchema,
        body: editBodySchema,
        response: { 200: deliverySchema },
      },
    },
    async (request) =>
      editPublishedPost(
        ctx.db,
        ctx.encryptionKeys,
        request.actor,
        readerOf(request),
        request.params.itemId,
        request.body.text,
      ),
  );

  app.get(
    '/api/publishing/suspension',
    { config: read, schema: { tags, response: { 200: suspensionSchema } } },
    async () => getSuspension(ctx.db),
  );
  app.put(
    '/api/publishing/suspension',
    {
      config: { permission: 'publishing.suspend' },
      schema: { tags, body: suspensionBodySchema, response: { 200: suspensionSchema } },
    },
    async (request) => {
      if (request.body.suspended) {
        return suspendPublishing(ctx.db, request.actor, request.body.reason);
      }
      return resumePublishing(ctx.db, request.actor, {
        mailer: createMailer(ctx.config),
        publicUrl: ctx.config.publicUrl,
        log: request.log,
      });
    },
  );
}
