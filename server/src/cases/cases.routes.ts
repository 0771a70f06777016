import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { createMailer } from '../mail/mailer.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { addAttachment, openAttachment } from './cases.attachments.ts';
import { deletionLog, retentionDashboard } from './cases.dashboard.ts';
import { addReply, getReplyTemplate } from './cases.replies.ts';
import {
  attachmentParamsSchema,
  caseDetailSchema,
  caseListSchema,
  caseParamsSchema,
  caseSettingsSchema,
  createCaseBodySchema,
  deletionLogQuerySchema,
  deletionLogSchema,
  fromInboxBodySchema,
  fromInboxParamsSchema,
  fromInboxResponseSchema,
  holdBodySchema,
  listCasesQuerySchema,
  searchCasesBodySchema,
  noteBodySchema,
  replyBodySchema,
  replyTemplateQuerySchema,
  replyTemplateSchema,
  retentionDashboardSchema,
  updateCaseBodySchema,
  updateCaseSettingsBodySchema,
} from './cases.schema.ts';
import { createCase, createCaseFromInbox, getCase, listCases } from './cases.service.ts';
import type { CaseDeps } from './cases.service.ts';
import { getCaseSettings, updateCaseSettings } from './cases.settings.ts';
import { addNote, clearHold, setHold, updateCase } from './cases.workflow.ts';

const tags = ['Fälle'];

export function caseDepsOf(ctx: AppContext): CaseDeps {
  return {
    db: ctx.db,
    keys: ctx.encryptionKeys,
    blindIndexKey: ctx.config.blindIndexKey,
    dataDir: ctx.config.dataDir,
    publicUrl: ctx.config.publicUrl,
    mailer: createMailer(ctx.config),
  };
}

function fileNameOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') {
    return undefined;
  }
  try {
    return decodeURIComponent(header);
  } catch {
    return undefined;
  }
}

/** Cases (CRM) for citizen inquiries; API described in docs/cases.md. */
export function registerCaseRoutes(app: FastifyZod, ctx: AppContext): void {
  const deps = caseDepsOf(ctx);
  const read = { permission: 'cases.read' as const };
  const manage = { permission: 'cases.manage' as const };

  app.get(
    '/api/cases',
    {
      config: read,
      schema: { tags, querystring: listCasesQuerySchema, response: { 200: caseListSchema } },
    },
    async (request) => ({ items: await listCases(deps, readerOf(request), request.query) }),
  );
  app.post(
    '/api/cases/search',
    {
      config: read,
      schema: { tags, body: searchCasesBodySchema, response: { 200: caseListSchema } },
    },
    async (request) => ({ items: await listCases(deps, readerOf(request), request.body) }),
  );
  app.post(
    '/api/cases',
    {
      config: manage,
      schema: { tags, body: createCaseBodySchema, response: { 201: caseDetailSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createCase(deps, request.actor, request.body)),
  );
  app.post(
    '/api/cases/from-inbox/:itemId',
    {
      config: manage,
      schema: {
        tags,
        params: fromInboxParamsSchema,
        body: fromInboxBodySchema,
        response: { 201: fromInboxResponseSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createCaseFromInbox(
            deps,
            request.actor,
            readerOf(request),
            request.params.itemId,
            request.body,
          ),
        ),
  );
  app.get(
    '/api/cases/retention',
    { config: read, schema: { tags, response: { 200: retentionDashboardSchema } } },
    async () => retentionDashboard(ctx.db),
  );
  app.get(
    '/api/cases/deletion-log',
    {
      config: { permission: 'cases.deletion-log' },
      schema: { tags, querystring: deletionLogQuerySchema, response: { 200: deletionLogSchema } },
    },
    async (request) => deletionLog(ctx.db, request.query),
  );
  app.get(
    '/api/cases/settings',
    { config: read, schema: { tags, response: { 200: caseSettingsSchema } } },
    async () => getCaseSettings(ctx.db, ctx.config.publicUrl),
  );
  app.put(
    '/api/cases/settings',
    {
      config: { permission: 'cases.configure' },
      schema: { tags, body: updateCaseSettingsBodySchema, response: { 200: caseSettingsSchema } },
    },
    async (request) =>
      updateCaseSettings(ctx.db, request.actor, request.body, ctx.config.publicUrl),
  );
  app.get(
    '/api/cases/:id',
    {
      config: read,
      schema: { tags, params: caseParamsSchema, response: { 200: caseDetailSchema } },
    },
    async (request) => getCase(deps, readerOf(request), request.params.id),
  );
  app.patch(
    '/api/cases/:id',
    {
      config: manage,
      schema: {
        tags,
        params: caseParamsSchema,
        body: updateCaseBodySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) =>
      updateCase(deps, request.actor, readerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/notes',
    {
      config: manage,
      schema: {
        tags,
        params: caseParamsSchema,
        body: noteBodySchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addNote(
            deps,
            request.actor,
            readerOf(request),
            request.params.id,
            request.body.text,
          ),
        ),
  );
  app.get(
    '/api/cases/:id/reply-template',
    {
      config: read,
      schema: {
        tags,
        params: caseParamsSchema,
        querystring: replyTemplateQuerySchema,
        response: { 200: replyTemplateSchema },
      },
    },
    async (request) =>
      getReplyTemplate(deps, readerOf(request), request.params.id, request.query.language),
  );
  app.post(
    '/api/cases/:id/replies',
    {
      config: manage,
      schema: {
        tags,
        params: caseParamsSchema,
        body: replyBodySchema,
        response: { 201: caseDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await addReply(deps, request.actor, readerOf(request), request.params.id, request.body),
        ),
  );
  app.put(
    '/api/cases/:id/hold',
    {
      config: manage,
      schema: {
        tags,
        params: caseParamsSchema,
        body: holdBodySchema,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) =>
      setHold(deps, request.actor, readerOf(request), request.params.id, request.body),
  );
  app.delete(
    '/api/cases/:id/hold',
    {
      config: manage,
      schema: { tags, params: caseParamsSchema, response: { 200: caseDetailSchema } },
    },
    async (request) => clearHold(deps, request.actor, readerOf(request), request.params.id),
  );
  app.get(
    '/api/cases/:id/attachments/:attachmentId',
    { config: read, schema: { tags, params: attachmentParamsSchema } },
    async (request, reply) => {
      const file = await openAttachment(
        deps,
        readerOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.mimeType)
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .send(file.content);
    },
  );
  // Own scope: the raw-body parser must not reach any other route, which stay JSON-only.
  app.register((scope: FastifyZod, _options, done) => {
    scope.addContentTypeParser('*', (_request, _payload, parsed) => {
      parsed(null);
    });
    scope.post(
      '/api/cases/:id/attachments',
      {
        config: manage,
        schema: { tags, params: caseParamsSchema, response: { 201: caseDetailSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(
          await addAttachment(deps, request.actor, readerOf(request), request.params.id, {
            body: request.raw,
            fileName: fileNameOf(request.headers['x-file-name']),
          }),
        ),
    );
    done();
  });
}
