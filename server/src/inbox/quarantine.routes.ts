import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import {
  quarantineListQuerySchema,
  quarantineListSchema,
  quarantineRetryBodySchema,
  quarantineRetrySchema,
} from './quarantine.schema.ts';
import { listQuarantine, retryQuarantine } from './quarantine.service.ts';

const tags = ['Posteingang'];

/** Unreadable platform payloads: reasons only (never the payload), and a retry after a fix. */
export function registerQuarantineRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/api/inbox/quarantine',
    {
      config: { permission: 'netiquette.manage' },
      schema: {
        tags,
        querystring: quarantineListQuerySchema,
        response: { 200: quarantineListSchema },
      },
    },
    async (request) => ({ items: await listQuarantine(ctx.db, request.query) }),
  );
  app.post(
    '/api/inbox/quarantine/retry',
    {
      config: { permission: 'netiquette.manage' },
      schema: { tags, body: quarantineRetryBodySchema, response: { 200: quarantineRetrySchema } },
    },
    async (request) =>
      retryQuarantine(
        ctx.db,
        request.actor,
        { keys: ctx.encryptionKeys, now: () => new Date(), log: request.log },
        request.body.ids ?? null,
      ),
  );
}
