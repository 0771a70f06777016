import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  auditActionsSchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerificationSchema,
} from './audit.schema.ts';
import { auditActions, listAudit, verifyAuditChain } from './audit.service.ts';

const tags = ['Audit-Log'];

export function registerAuditRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read' },
      schema: { tags, querystring: auditQuerySchema, response: { 200: auditPageSchema } },
    },
    async (request) => {
      const q = request.query;
      return listAudit(ctx.db, {
        action: q.action,
        objectType: q.objectType,
        objectId: q.objectId,
        actorId: q.actorId,
        from: q.from === undefined ? undefined : new Date(q.from),
        to: q.to === undefined ? undefined : new Date(q.to),
        before: q.cursor,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/api/audit/actions',
    {
      config: { permission: 'audit.read' },
      schema: { tags, response: { 200: auditActionsSchema } },
    },
    async () => ({ items: await auditActions(ctx.db) }),
  );

  app.get(
    '/api/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: { tags, response: { 200: auditVerificationSchema } },
    },
    async () => verifyAuditChain(ctx.db),
  );
}
