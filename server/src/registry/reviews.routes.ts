import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { listDueReviews } from './reviews-due.service.ts';
import {
  createReviewBodySchema,
  dueListSchema,
  dueQuerySchema,
  reviewSchema,
  reviewsQuerySchema,
} from './reviews.schema.ts';
import { listReviews, recordReview } from './reviews.service.ts';
import { z } from 'zod';

const tags = ['Register: Überprüfungen'];

export function registerReviewRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/registry/reviews',
    {
      config: { permission: 'registry.read' },
      schema: {
        tags,
        querystring: reviewsQuerySchema,
        response: { 200: z.object({ items: z.array(reviewSchema) }) },
      },
    },
    async (request) => ({ items: await listReviews(ctx.db, request.query) }),
  );
  app.post(
    '/api/registry/reviews',
    {
      config: { permission: 'registry.review' },
      schema: { tags, body: createReviewBodySchema, response: { 201: reviewSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await recordReview(ctx.db, request.actor, request.body)),
  );
  app.get(
    '/api/registry/reviews/due',
    {
      config: { permission: 'registry.read' },
      schema: { tags, querystring: dueQuerySchema, response: { 200: dueListSchema } },
    },
    async (request) => ({ items: await listDueReviews(ctx.db, new Date(), request.query.days) }),
  );
}
