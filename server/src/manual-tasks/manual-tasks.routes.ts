import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import {
  cancelManualTaskBodySchema,
  completeManualTaskBodySchema,
  createManualTaskBodySchema,
  listManualTasksQuerySchema,
  manualTaskListSchema,
  manualTaskParamsSchema,
  manualTaskSchema,
} from './manual-tasks.schema.ts';
import {
  cancelManualTask,
  completeManualTask,
  createManualTask,
  getManualTask,
  listManualTasks,
} from './manual-tasks.service.ts';

const tags = ['Aufgaben'];

/** Tasks for channels without a posting API (Xing): a person publishes and records the URL. */
export function registerManualTaskRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/manual-tasks',
    {
      config: { permission: 'tasks.read' },
      schema: {
        tags,
        querystring: listManualTasksQuerySchema,
        response: { 200: manualTaskListSchema },
      },
    },
    async (request) => ({
      items: await listManualTasks(ctx.db, readerOf(request), request.query),
    }),
  );
  app.get(
    '/api/manual-tasks/:id',
    {
      config: { permission: 'tasks.read' },
      schema: { tags, params: manualTaskParamsSchema, response: { 200: manualTaskSchema } },
    },
    async (request) => getManualTask(ctx.db, readerOf(request), request.params.id),
  );
  app.post(
    '/api/manual-tasks',
    {
      config: { permission: 'tasks.manage' },
      schema: { tags, body: createManualTaskBodySchema, response: { 201: manualTaskSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createManualTask(ctx.db, request.actor, request.body, {
          reader: readerOf(request),
        }),
      ),
  );
  app.post(
    '/api/manual-tasks/:id/complete',
    {
      config: { permission: 'tasks.complete' },
      schema: {
        tags,
        params: manualTaskParamsSchema,
        body: completeManualTaskBodySchema,
        response: { 200: manualTaskSchema },
      },
    },
    async (request) =>
      completeManualTask(
        ctx.db,
        readerOf(request),
        request.actor,
        request.params.id,
        request.body.publishedUrl,
      ),
  );
  app.post(
    '/api/manual-tasks/:id/cancel',
    {
      config: { permission: 'tasks.manage' },
      schema: {
        tags,
        params: manualTaskParamsSchema,
        body: cancelManualTaskBodySchema,
        response: { 200: manualTaskSchema },
      },
    },
    async (request) =>
      cancelManualTask(
        ctx.db,
        readerOf(request),
        request.actor,
        request.params.id,
        request.body.reason,
      ),
  );
}
