import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { listColleagues } from './colleagues.service.ts';
import {
  colleaguesListSchema,
  createdUserSchema,
  createUserBodySchema,
  inviteSchema,
  updateUserBodySchema,
  userIdParamsSchema,
  userSchema,
  usersListSchema,
} from './users.schema.ts';
import { createUser, listUsers, reissueInvite, updateUser } from './users.service.ts';

const tags = ['Benutzer'];

export function registerUserRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/users',
    { config: { permission: 'users.read' }, schema: { tags, response: { 200: usersListSchema } } },
    async () => ({ items: await listUsers(ctx.db) }),
  );

  app.get(
    '/api/users/colleagues',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: colleaguesListSchema } },
    },
    async (request) => ({ items: await listColleagues(ctx.db, readerOf(request)) }),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users.manage' },
      schema: { tags, body: createUserBodySchema, response: { 201: createdUserSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createUser(ctx.db, request.actor, request.body, ctx.config.publicUrl)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: {
        tags,
        params: userIdParamsSchema,
        body: updateUserBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) => updateUser(ctx.db, request.actor, request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/invite',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: userIdParamsSchema, response: { 200: inviteSchema } },
    },
    async (request) =>
      reissueInvite(ctx.db, request.actor, request.params.id, ctx.config.publicUrl),
  );
}
