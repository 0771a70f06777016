import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import {
  assignItem,
  decideAppeal,
  hideItem,
  recordAppeal,
  restoreItem,
  setItemStatus,
} from './inbox.actions.ts';
import type { ActionContext } from './inbox.actions.ts';
import { addNote, replyToItem } from './inbox.replies.ts';
import {
  appealBodySchema,
  appealDecisionBodySchema,
  assignBodySchema,
  channelParamsSchema,
  channelPolicyBodySchema,
  hideBodySchema,
  inboxChannelSchema,
  inboxDetailSchema,
  inboxListQuerySchema,
  inboxListSchema,
  itemParamsSchema,
  itemResponseSchema,
  noteBodySchema,
  noteSchema,
  replyBodySchema,
  replySchema,
  restoreBodySchema,
  statusBodySchema,
} from './inbox.schema.ts';
import { getInboxDetail, listInbox, listInboxChannels, setChannelPolicy } from './inbox.service.ts';

const tags = ['Posteingang'];

export interface InboxRouteOptions {
  /** Platform timeout for hide/restore; a person is waiting. */
  readonly visibilityTimeoutMs?: number;
}

export function registerInboxRoutes(
  app: FastifyZod,
  ctx: AppContext,
  options: InboxRouteOptions = {},
): void {
  const read = { permission: 'inbox.read' as const };
  const moderate = { permission: 'inbox.moderate' as const };
  const replying = { permission: 'inbox.reply' as const };
  const manage = { permission: 'netiquette.manage' as const };
  const acting = (request: FastifyRequest): ActionContext => ({
    db: ctx.db,
    actor: request.actor,
    reader: readerOf(request),
  });
  const visibility = {
    keys: ctx.encryptionKeys,
    ...(options.visibilityTimeoutMs === undefined
      ? {}
      : { timeoutMs: options.visibilityTimeoutMs }),
  };
  const itemAction = <B extends z.ZodType>(body: B, permission: typeof moderate) => ({
    config: permission,
    schema: { tags, params: itemParamsSchema, body, response: { 200: itemResponseSchema } },
  });

  app.get(
    '/api/inbox/items',
    {
      config: read,
      schema: { tags, querystring: inboxListQuerySchema, response: { 200: inboxListSchema } },
    },
    async (request) => listInbox(ctx.db, readerOf(request), request.query),
  );
  app.get(
    '/api/inbox/items/:id',
    {
      config: read,
      schema: { tags, params: itemParamsSchema, response: { 200: inboxDetailSchema } },
    },
    async (request) => getInboxDetail(ctx.db, readerOf(request), request.params.id),
  );
  app.post(
    '/api/inbox/items/:id/assign',
    itemAction(assignBodySchema, moderate),
    async (request) => ({
      item: await assignItem(acting(request), request.params.id, request.body),
    }),
  );
  app.post(
    '/api/inbox/items/:id/status',
    itemAction(statusBodySchema, moderate),
    async (request) => ({
      item: await setItemStatus(acting(request), request.params.id, request.body.status),
    }),
  );
  app.post(
    '/api/inbox/items/:id/notes',
    {
      config: replying,
      schema: {
        tags,
        params: itemParamsSchema,
        body: noteBodySchema,
        response: { 201: z.object({ note: noteSchema }) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ note: await addNote(acting(request), request.params.id, request.body.text) }),
  );
  app.post(
    '/api/inbox/items/:id/replies',
    {
      config: replying,
      schema: {
        tags,
        params: itemParamsSchema,
        body: replyBodySchema,
        response: { 201: z.object({ reply: replySchema }) },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        reply: await replyToItem(
          acting(request),
          ctx.encryptionKeys,
          request.params.id,
          request.body.text,
        ),
      }),
  );
  app.post('/api/inbox/items/:id/hide', itemAction(hideBodySchema, moderate), async (request) => ({
    item: await hideItem(acting(request), visibility, request.params.id, request.body),
  }));
  app.post(
    '/api/inbox/items/:id/restore',
    itemAction(restoreBodySchema, moderate),
    async (request) => ({
      item: await restoreItem(acting(request), visibility, request.params.id, request.body.reason),
    }),
  );
  app.post(
    '/api/inbox/items/:id/appeal',
    itemAction(appealBodySchema, moderate),
    async (request) => ({
      item: await recordAppeal(acting(request), request.params.id, request.body.text),
    }),
  );
  app.post(
    '/api/inbox/items/:id/appeal/decision',
    itemAction(appealDecisionBodySchema, moderate),
    async (request) => ({
      item: await decideAppeal(acting(request), visibility, request.params.id, request.body),
    }),
  );
  app.get(
    '/api/inbox/channels',
    {
      config: read,
      schema: { tags, response: { 200: z.object({ channels: z.array(inboxChannelSchema) }) } },
    },
    async (request) => ({ channels: await listInboxChannels(ctx.db, readerOf(request)) }),
  );
  app.put(
    '/api/inbox/channels/:channelId',
    {
      config: manage,
      schema: {
        tags,
        params: channelParamsSchema,
        body: channelPolicyBodySchema,
        response: { 200: z.object({ channel: inboxChannelSchema }) },
      },
    },
    async (request) => ({
      channel: await setChannelPolicy(
        ctx.db,
        request.actor,
        request.params.channelId,
        request.body.policy,
      ),
    }),
  );
}
