import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { channelSchema, idParamsSchema } from '../registry/registry.schema.ts';
import {
  callbackQuerySchema,
  connectResponseSchema,
  platformAppSchema,
  platformKeyParamsSchema,
  savePlatformAppBodySchema,
} from './connections.schema.ts';
import {
  CALLBACK_PATH,
  completeConnection,
  disconnectChannel,
  startConnection,
} from './connections.service.ts';
import { listPlatformApps, savePlatformApp } from './platform-apps.service.ts';
import { refreshChannelNow } from './tokens.service.ts';

const tags = ['Verbindungen'];

/** Where the admin UI shows the outcome; the query says what happened, never a platform text. */
function channelPage(channelId: string, outcome: string): string {
  return `/registry/channels/${channelId}?verbindung=${outcome}`;
}

export function registerConnectionRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'registry.read' as const };
  const manage = { permission: 'registry.manage' as const };
  const currentKey = () => {
    const key = ctx.encryptionKeys[0];
    if (key === undefined) {
      throw new AppError('internal');
    }
    return key;
  };

  app.get(
    '/api/connections/apps',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ items: z.array(platformAppSchema) }) } },
    },
    async () => ({ items: await listPlatformApps(ctx.db) }),
  );
  app.put(
    '/api/connections/apps/:platformKey',
    {
      config: manage,
      schema: {
        tags,
        params: platformKeyParamsSchema,
        body: savePlatformAppBodySchema,
        response: { 200: platformAppSchema },
      },
    },
    async (request) =>
      savePlatformApp(
        ctx.db,
        request.actor,
        request.params.platformKey,
        request.body,
        currentKey(),
      ),
  );
  app.post(
    '/api/registry/channels/:id/connect',
    {
      config: manage,
      schema: { tags, params: idParamsSchema, response: { 200: connectResponseSchema } },
    },
    async (request) =>
      startConnection(ctx.db, request.actor, readerOf(request), request.params.id, {
        publicUrl: ctx.config.publicUrl,
        keys: ctx.encryptionKeys,
      }),
  );
  app.post(
    '/api/registry/channels/:id/connection/refresh',
    { config: manage, schema: { tags, params: idParamsSchema, response: { 200: channelSchema } } },
    async (request) =>
      refreshChannelNow(
        ctx.db,
        request.actor,
        readerOf(request),
        request.params.id,
        ctx.encryptionKeys,
      ),
  );
  app.delete(
    '/api/registry/channels/:id/connection',
    { config: manage, schema: { tags, params: idParamsSchema, response: { 200: channelSchema } } },
    async (request) =>
      disconnectChannel(
        ctx.db,
        request.actor,
        readerOf(request),
        request.params.id,
        ctx.encryptionKeys,
      ),
  );
  // Public: the platform redirects the browser here; the single-use state identifies the flow.
  app.get(
    CALLBACK_PATH,
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, querystring: callbackQuerySchema },
    },
    async (request, reply) => {
      const outcome = await completeConnection(ctx.db, request.query, {
        publicUrl: ctx.config.publicUrl,
        keys: ctx.encryptionKeys,
      });
      switch (outcome.kind) {
        case 'invalid':
          return reply.redirect('/registry/channels?verbindung=ungueltig', 302);
        case 'denied':
          return reply.redirect(channelPage(outcome.channelId, 'abgelehnt'), 302);
        case 'failed':
          return reply.redirect(channelPage(outcome.channelId, `fehler-${outcome.failure}`), 302);
        case 'connected':
          return reply.redirect(channelPage(outcome.channelId, 'verbunden'), 302);
      }
    },
  );
}
