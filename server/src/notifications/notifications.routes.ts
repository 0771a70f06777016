import type { FastifyRequest } from 'fastify';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { notificationIdParamsSchema, notificationListSchema } from './notifications.schema.ts';
import { listForUser, markRead } from './notifications.service.ts';

const tags = ['Benachrichtigungen'];

function userIdOf(request: FastifyRequest): string {
  const id = request.session?.user.id;
  if (id === undefined) {
    throw new AppError('unauthenticated');
  }
  return id;
}

export function registerNotificationRoutes(app: FastifyZod, ctx: AppContext): void {
  const own = { permission: 'authenticated' as const };

  app.get(
    '/api/notifications',
    { config: own, schema: { tags, response: { 200: notificationListSchema } } },
    async (request) => ({ items: await listForUser(ctx.db, userIdOf(request)) }),
  );
  app.post(
    '/api/notifications/:id/read',
    { config: own, schema: { tags, params: notificationIdParamsSchema } },
    async (request, reply) => {
      await markRead(ctx.db, userIdOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
