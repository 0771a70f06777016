import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { pendingMigrations } from '../database/migrations.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { pingDatabase } from './health.repository.ts';

const tags = ['Betrieb'];
const checkSchema = z.enum(['ok', 'failed']);
const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: checkSchema, migrations: checkSchema, jobs: checkSchema }),
});

export function registerHealthRoutes(app: FastifyZod, ctx: AppContext): void {
  app.get(
    '/health',
    {
      config: { permission: 'public', rateLimit: false },
      schema: { tags, response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { permission: 'public', rateLimit: false },
      schema: { tags, response: { 200: readySchema, 503: readySchema } },
    },
    async (_request, reply) => {
      const database = await pingDatabase(ctx.db).then(
        () => 'ok' as const,
        () => 'failed' as const,
      );
      const migrations =
        database === 'ok' &&
        (await pendingMigrations(ctx.db).then(
          (pending) => pending.length === 0,
          () => false,
        ))
          ? ('ok' as const)
          : ('failed' as const);
      const jobs = ctx.jobs?.isRunning() === true ? ('ok' as const) : ('failed' as const);
      const ready = database === 'ok' && migrations === 'ok' && jobs === 'ok';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not_ready', checks: { database, migrations, jobs } });
    },
  );
}
