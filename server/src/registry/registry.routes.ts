import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  confirmProfileNotice,
  createChannel,
  getChannel,
  listChannels,
  setChannelCredentials,
  updateChannel,
} from './channels.service.ts';
import { getOrganisationProfile, saveOrganisationProfile } from './organisation.service.ts';
import {
  createPlatform,
  getPlatform,
  listPlatforms,
  signOffDpia,
  updatePlatform,
} from './platforms.service.ts';
import {
  channelCredentialsBodySchema,
  channelSchema,
  confirmProfileNoticeBodySchema,
  createChannelBodySchema,
  createPlatformBodySchema,
  idParamsSchema,
  organisationProfileSchema,
  platformSchema,
  updateChannelBodySchema,
  updatePlatformBodySchema,
} from './registry.schema.ts';
import { readerOf, revisionsResponseSchema } from './registry.changes.ts';
import { listRevisions } from './revisions.service.ts';
import { checkProfileNoticeViaConnector } from './profile-notice.service.ts';

const tags = ['Register'];

export function registerRegistryRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'registry.read' as const };
  const manage = { permission: 'registry.manage' as const };

  app.get(
    '/api/registry/organisation',
    { config: read, schema: { tags, response: { 200: organisationProfileSchema } } },
    async () => getOrganisationProfile(ctx.db),
  );
  app.put(
    '/api/registry/organisation',
    {
      config: manage,
      schema: {
        tags,
        body: organisationProfileSchema,
        response: { 200: organisationProfileSchema },
      },
    },
    async (request) => saveOrganisationProfile(ctx.db, request.actor, request.body),
  );

  app.get(
    '/api/registry/platforms',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ items: z.array(platformSchema) }) } },
    },
    async () => ({ items: await listPlatforms(ctx.db) }),
  );
  app.get(
    '/api/registry/platforms/:id',
    { config: read, schema: { tags, params: idParamsSchema, response: { 200: platformSchema } } },
    async (request) => getPlatform(ctx.db, { id: request.params.id }),
  );
  app.post(
    '/api/registry/platforms',
    {
      config: manage,
      schema: { tags, body: createPlatformBodySchema, response: { 201: platformSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createPlatform(ctx.db, request.actor, request.body)),
  );
  app.patch(
    '/api/registry/platforms/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: updatePlatformBodySchema,
        response: { 200: platformSchema },
      },
    },
    async (request) => updatePlatform(ctx.db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/registry/platforms/:id/dpia-sign-off',
    {
      config: { permission: 'registry.dpia-sign-off' },
      schema: { tags, params: idParamsSchema, response: { 200: platformSchema } },
    },
    async (request) => signOffDpia(ctx.db, request.actor, request.params.id),
  );
  app.get(
    '/api/registry/platforms/:id/revisions',
    {
      config: read,
      schema: { tags, params: idParamsSchema, response: { 200: revisionsResponseSchema } },
    },
    async (request) => ({ items: await listRevisions(ctx.db, 'platform', request.params.id) }),
  );

  app.get(
    '/api/registry/channels',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({ platformId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(channelSchema) }) },
      },
    },
    async (request) => ({
      items: await listChannels(ctx.db, readerOf(request), request.query.platformId),
    }),
  );
  app.get(
    '/api/registry/channels/:id',
    { config: read, schema: { tags, params: idParamsSchema, response: { 200: channelSchema } } },
    async (request) => getChannel(ctx.db, readerOf(request), request.params.id),
  );
  app.post(
    '/api/registry/channels',
    {
      config: manage,
      schema: { tags, body: createChannelBodySchema, response: { 201: channelSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createChannel(ctx.db, request.actor, request.body)),
  );
  app.patch(
    '/api/registry/channels/:id',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: updateChannelBodySchema,
        response: { 200: channelSchema },
      },
    },
    async (request) => updateChannel(ctx.db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/registry/channels/:id/profile-notice',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: confirmProfileNoticeBodySchema,
        response: { 200: channelSchema },
      },
    },
    async (request) => confirmProfileNotice(ctx.db, request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/registry/channels/:id/profile-notice/check',
    {
      config: manage,
      schema: { tags, params: idParamsSchema, response: { 200: channelSchema } },
    },
    async (request) =>
      checkProfileNoticeViaConnector(ctx.db, request.actor, request.params.id, ctx.encryptionKeys),
  );
  app.put(
    '/api/registry/channels/:id/credentials',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: channelCredentialsBodySchema,
        response: { 200: channelSchema },
      },
    },
    async (request) =>
      setChannelCredentials(
        ctx.db,
        request.actor,
        request.params.id,
        request.body.credentials,
        ctx.encryptionKeys[0] ??
          (() => {
            throw new AppError('internal');
          })(),
      ),
  );
  app.get(
    '/api/registry/channels/:id/revisions',
    {
      config: read,
      schema: { tags, params: idParamsSchema, response: { 200: revisionsResponseSchema } },
    },
    async (request) => {
      await getChannel(ctx.db, readerOf(request), request.params.id);
      return { items: await listRevisions(ctx.db, 'channel', request.params.id) };
    },
  );
}
