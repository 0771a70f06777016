import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { publishingSchedulerJob } from '../jobs/publishing-scheduler.job.ts';
import { createMailer } from '../mail/mailer.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { idParamsSchema } from '../registry/registry.schema.ts';
import { checkPostContent } from './posts.check.ts';
import { composerChannels, composerChannelSchema } from './composer.service.ts';
import {
  commentBodySchema,
  createPostBodySchema,
  postCommentSchema,
  postListQuerySchema,
  postSchema,
  rejectBodySchema,
  updatePostBodySchema,
  validatePostBodySchema,
  validationResponseSchema,
} from './posts.schema.ts';
import { createPost, deletePost, getPost, listPosts, updatePost } from './posts.service.ts';
import {
  addComment,
  approvePost,
  listComments,
  rejectPost,
  schedulePost,
  submitPost,
} from './workflow.service.ts';
import type { WorkflowOptions } from './workflow.service.ts';
import type { Post } from './posts.schema.ts';

const tags = ['Veröffentlichen'];
const scheduleBody = z.strictObject({
  scheduledAt: z.iso
    .datetime({ offset: true, error: 'Bitte einen gültigen Zeitpunkt angeben.' })
    .nullable(),
});

export function registerPostRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'posts.read' as const };
  const draft = { permission: 'posts.draft' as const };
  const approve = { permission: 'posts.approve' as const };
  /** A post released for "now" starts at once instead of at the scheduler's next minute. */
  const startIfDue = async (post: Post): Promise<Post> => {
    if (
      post.status === 'scheduled' &&
      post.scheduledAt !== null &&
      Date.parse(post.scheduledAt) <= Date.now()
    ) {
      await ctx.jobs?.send(publishingSchedulerJob, {});
    }
    return post;
  };
  const workflow = (log: WorkflowOptions['log']): WorkflowOptions => ({
    keys: ctx.encryptionKeys,
    mailer: createMailer(ctx.config),
    publicUrl: ctx.config.publicUrl,
    log,
  });

  app.get(
    '/api/posts',
    {
      config: read,
      schema: {
        tags,
        querystring: postListQuerySchema,
        response: { 200: z.object({ items: z.array(postSchema) }) },
      },
    },
    async (request) => ({ items: await listPosts(ctx.db, readerOf(request), request.query) }),
  );
  app.get(
    '/api/posts/channels',
    {
      config: draft,
      schema: { tags, response: { 200: z.object({ items: z.array(composerChannelSchema) }) } },
    },
    async (request) => ({
      items: await composerChannels(ctx.db, readerOf(request), ctx.encryptionKeys),
    }),
  );
  app.post(
    '/api/posts/validate',
    {
      config: draft,
      schema: { tags, body: validatePostBodySchema, response: { 200: validationResponseSchema } },
    },
    async (request) => ({
      issues: await checkPostContent(ctx.db, request.body, ctx.encryptionKeys, {
        requireTargets: false,
      }),
    }),
  );
  app.post(
    '/api/posts',
    { config: draft, schema: { tags, body: createPostBodySchema, response: { 201: postSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createPost(ctx.db, request.actor, readerOf(request), request.body)),
  );
  app.get(
    '/api/posts/:id',
    { config: read, schema: { tags, params: idParamsSchema, response: { 200: postSchema } } },
    async (request) => getPost(ctx.db, readerOf(request), request.params.id),
  );
  app.patch(
    '/api/posts/:id',
    {
      config: draft,
      schema: {
        tags,
        params: idParamsSchema,
        body: updatePostBodySchema,
        response: { 200: postSchema },
      },
    },
    async (request) =>
      updatePost(ctx.db, request.actor, readerOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/posts/:id',
    { config: draft, schema: { tags, params: idParamsSchema } },
    async (request, reply) => {
      await deletePost(ctx.db, request.actor, readerOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/posts/:id/submit',
    { config: draft, schema: { tags, params: idParamsSchema, response: { 200: postSchema } } },
    async (request) =>
      startIfDue(
        await submitPost(
          ctx.db,
          request.actor,
          readerOf(request),
          request.params.id,
          workflow(request.log),
        ),
      ),
  );
  app.post(
    '/api/posts/:id/approve',
    { config: approve, schema: { tags, params: idParamsSchema, response: { 200: postSchema } } },
    async (request) =>
      startIfDue(
        await approvePost(
          ctx.db,
          request.actor,
          readerOf(request),
          request.params.id,
          workflow(request.log),
        ),
      ),
  );
  app.post(
    '/api/posts/:id/reject',
    {
      config: approve,
      schema: {
        tags,
        params: idParamsSchema,
        body: rejectBodySchema,
        response: { 200: postSchema },
      },
    },
    async (request) =>
      rejectPost(
        ctx.db,
        request.actor,
        readerOf(request),
        request.params.id,
        request.body.reason,
        workflow(request.log),
      ),
  );
  app.put(
    '/api/posts/:id/schedule',
    {
      config: draft,
      schema: { tags, params: idParamsSchema, body: scheduleBody, response: { 200: postSchema } },
    },
    async (request) =>
      schedulePost(
        ctx.db,
        request.actor,
        readerOf(request),
        request.params.id,
        request.body.scheduledAt === null ? null : new Date(request.body.scheduledAt),
      ),
  );
  app.get(
    '/api/posts/:id/comments',
    {
      config: read,
      schema: {
        tags,
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(postCommentSchema) }) },
      },
    },
    async (request) => ({
      items: await listComments(ctx.db, readerOf(request), request.params.id),
    }),
  );
  app.post(
    '/api/posts/:id/comments',
    {
      config: read,
      schema: {
        tags,
        params: idParamsSchema,
        body: commentBodySchema,
        response: { 201: postCommentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addComment(
            ctx.db,
            request.actor,
            readerOf(request),
            request.params.id,
            request.body.body,
          ),
        ),
  );
}
