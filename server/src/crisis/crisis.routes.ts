import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { createMailer } from '../mail/mailer.ts';
import type { DeliveryContext } from '../publishing/outbox.delivery.ts';
import { approveCrisisPost } from './crisis.approval.ts';
import type { IntakeDeps } from './crisis.intake.ts';
import { importContent } from './crisis.intake.ts';
import { dispatchNow } from './crisis.dispatch.ts';
import {
  addLanguage,
  endIncident,
  rejectCrisisPost,
  setIncidentLegalBasis,
} from './crisis.actions.ts';
import { getIncident, listIncidents } from './crisis.queries.ts';
import {
  crisisModeBodySchema,
  crisisSettingsBodySchema,
  crisisSettingsSchema,
  crisisStatusSchema,
  feedBodySchema,
  feedSchema,
  idParamsSchema,
  importBodySchema,
  importResultSchema,
  incidentDetailSchema,
  incidentListQuerySchema,
  incidentSchema,
  languageBodySchema,
  legalBodySchema,
  pollResultSchema,
} from './crisis.schema.ts';
import {
  getCrisisSettings,
  getCrisisStatus,
  saveCrisisSettings,
  setCrisisMode,
} from './crisis.settings.ts';
import { deleteFeed, listFeeds, pollFeedNow, saveFeed } from './feeds.service.ts';

const tags = ['Krisenkommunikation'];
/** A person waits for the approval; the platforms get the background timeout. */
const DISPATCH_TIMEOUT_MS = 30_000;

export interface CrisisRouteOptions {
  /** The bench and tests await the in-process fan-out through this hook. */
  readonly onDispatched?: (postId: string, done: Promise<unknown>) => void;
}

export function registerCrisisRoutes(
  app: FastifyZod,
  ctx: AppContext,
  options: CrisisRouteOptions = {},
): void {
  const read = { permission: 'crisis.read' as const };
  const manage = { permission: 'crisis.manage' as const };
  const approve = { permission: 'crisis.approve' as const };
  const mailer = createMailer(ctx.config);
  const intake = (log: FastifyBaseLogger): IntakeDeps => ({
    mailer,
    publicUrl: ctx.config.publicUrl,
    log,
    now: () => new Date(),
  });
  const delivery = (log: FastifyBaseLogger): DeliveryContext => ({
    db: ctx.db,
    config: ctx.config,
    log,
    now: () => new Date(),
    jobs: ctx.jobs,
    keys: ctx.encryptionKeys,
    mailer,
    publicUrl: ctx.config.publicUrl,
    timeoutMs: DISPATCH_TIMEOUT_MS,
  });

  app.get(
    '/api/crisis/status',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: crisisStatusSchema } },
    },
    async () => getCrisisStatus(ctx.db),
  );
  app.post(
    '/api/crisis/mode',
    {
      config: manage,
      schema: { tags, body: crisisModeBodySchema, response: { 200: crisisStatusSchema } },
    },
    async (request) =>
      setCrisisMode(ctx.db, request.actor, request.body, {
        ...(mailer === undefined ? {} : { mailer }),
        publicUrl: ctx.config.publicUrl,
      }),
  );
  app.get(
    '/api/crisis/settings',
    { config: read, schema: { tags, response: { 200: crisisSettingsSchema } } },
    async () => getCrisisSettings(ctx.db),
  );
  app.put(
    '/api/crisis/settings',
    {
      config: manage,
      schema: { tags, body: crisisSettingsBodySchema, response: { 200: crisisSettingsSchema } },
    },
    async (request) => saveCrisisSettings(ctx.db, request.actor, request.body),
  );
  app.get(
    '/api/crisis/feeds',
    { config: read, schema: { tags, response: { 200: z.array(feedSchema) } } },
    async () => listFeeds(ctx.db),
  );
  app.post(
    '/api/crisis/feeds',
    { config: manage, schema: { tags, body: feedBodySchema, response: { 201: feedSchema } } },
    async (request, reply) =>
      reply.code(201).send(await saveFeed(ctx.db, request.actor, null, request.body)),
  );
  app.put(
    '/api/crisis/feeds/:id',
    {
      config: manage,
      schema: { tags, params: idParamsSchema, body: feedBodySchema, response: { 200: feedSchema } },
    },
    async (request) => saveFeed(ctx.db, request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/crisis/feeds/:id',
    { config: manage, schema: { tags, params: idParamsSchema } },
    async (request, reply) => {
      await deleteFeed(ctx.db, request.actor, request.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/crisis/feeds/:id/poll',
    {
      config: manage,
      schema: { tags, params: idParamsSchema, response: { 200: pollResultSchema } },
    },
    async (request) => pollFeedNow(ctx.db, request.params.id, intake(request.log)),
  );
  app.post(
    '/api/crisis/import',
    {
      config: manage,
      bodyLimit: 6 * 1024 * 1024,
      schema: { tags, body: importBodySchema, response: { 200: importResultSchema } },
    },
    async (request) => {
      const outcomes = await importContent(ctx.db, request.body.content, intake(request.log));
      return {
        outcomes: outcomes.map((outcome) => ({
          kind: outcome.kind,
          reason:
            outcome.kind === 'refused'
              ? outcome.refusal.reason
              : outcome.kind === 'ignored' || outcome.kind === 'recorded'
                ? outcome.reason
                : null,
          incidentId: outcome.kind === 'incident' ? outcome.incident.id : null,
        })),
      };
    },
  );
  app.get(
    '/api/crisis/incidents',
    {
      config: read,
      schema: {
        tags,
        querystring: incidentListQuerySchema,
        response: { 200: z.array(incidentSchema) },
      },
    },
    async (request) => listIncidents(ctx.db, request.query.state),
  );
  app.get(
    '/api/crisis/incidents/:id',
    {
      config: read,
      schema: { tags, params: idParamsSchema, response: { 200: incidentDetailSchema } },
    },
    async (request) => getIncident(ctx.db, request.params.id),
  );
  app.post(
    '/api/crisis/incidents/:id/end',
    {
      config: manage,
      schema: { tags, params: idParamsSchema, response: { 200: incidentDetailSchema } },
    },
    async (request) => {
      await endIncident(ctx.db, request.actor, request.params.id, intake(request.log));
      return getIncident(ctx.db, request.params.id);
    },
  );
  app.put(
    '/api/crisis/incidents/:id/legal',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: legalBodySchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) => {
      await setIncidentLegalBasis(ctx.db, request.actor, request.params.id, request.body);
      return getIncident(ctx.db, request.params.id);
    },
  );
  app.post(
    '/api/crisis/incidents/:id/languages',
    {
      config: manage,
      schema: {
        tags,
        params: idParamsSchema,
        body: languageBodySchema,
        response: { 200: incidentDetailSchema },
      },
    },
    async (request) => {
      await addLanguage(ctx.db, request.params.id, request.body.language, intake(request.log));
      return getIncident(ctx.db, request.params.id);
    },
  );
  app.post(
    '/api/crisis/posts/:id/approve',
    {
      config: approve,
      schema: {
        tags,
        params: idParamsSchema,
        response: {
          200: z.object({
            status: z.enum(['needs-second-approval', 'drilled', 'released']),
            deliveries: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const result = await approveCrisisPost(ctx.db, request.actor, request.params.id);
      if (result.status !== 'released') {
        return { status: result.status, deliveries: 0 };
      }
      // The answer does not wait for the platforms: the delivery board shows their progress.
      const done = dispatchNow(delivery(request.log), result.items).catch((error: unknown) => {
        request.log.error(
          {
            code: 'crisis_dispatch_failed',
            errorName: error instanceof Error ? error.name : 'unknown',
          },
          'crisis fan-out failed; the queue retries',
        );
      });
      options.onDispatched?.(request.params.id, done);
      return { status: result.status, deliveries: result.items.length };
    },
  );
  app.post(
    '/api/crisis/posts/:id/reject',
    {
      config: approve,
      schema: {
        tags,
        params: idParamsSchema,
        body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
      },
    },
    async (request, reply) => {
      await rejectCrisisPost(ctx.db, request.actor, request.params.id, request.body.reason);
      return reply.code(204).send();
    },
  );
}
