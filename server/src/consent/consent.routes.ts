import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { DEFAULT_BATCH, ProofBatch } from './consent.batch.ts';
import type { BatchOptions } from './consent.batch.ts';
import { buildWidgetConfig, PROOF_PATH } from './consent.config.ts';
import { demoCsp, demoPage } from './consent.demo.ts';
import {
  consentSettingsBodySchema,
  consentSettingsSchema,
  consentStatsSchema,
  proofBodySchema,
  proofLookupQuerySchema,
  proofSchema,
  widgetConfigSchema,
} from './consent.schema.ts';
import { deleteProofsOf, findProofs, proofStats } from './consent.proofs.ts';
import { widgetScriptSource } from './consent.script.ts';
import { getConsentSettings, saveConsentSettings } from './consent.settings.ts';

const tags = ['Datenschutz-Einstellungen'];
const PROOF_BODY_LIMIT = 4096;
export const SCRIPT_PATH = '/widget/stadtfunk-consent.js';

export interface ConsentRouteOptions {
  readonly batch?: BatchOptions;
  /** Path of the built widget; tests point it elsewhere. */
  readonly scriptPath?: string;
  /** Per-IP limit of the proof endpoint; the load bench (one client address) passes `false`. */
  readonly proofRateLimit?: { readonly max: number; readonly timeWindow: string } | false;
}

const PROOF_RATE_LIMIT = { max: 60, timeWindow: '1 minute' };

/** The city website is another origin: without this, helmet's same-origin CORP blocks the file. */
function crossOrigin(reply: FastifyReply): void {
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

/** Answers 304 when the browser already holds this entity tag. */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  if (request.headers['if-none-match'] === etag) {
    reply.code(304).send();
    return true;
  }
  return false;
}

export function registerConsentRoutes(
  app: FastifyZod,
  ctx: AppContext,
  options: ConsentRouteOptions = {},
): void {
  const read = { permission: 'consent.read' as const };
  const manage = { permission: 'consent.manage' as const };
  const batch = new ProofBatch(ctx.db, app.log, options.batch ?? DEFAULT_BATCH);
  const script = widgetScriptSource(options.scriptPath);
  const configOptions = { publicUrl: ctx.config.publicUrl };
  app.addHook('onClose', async () => {
    await batch.flush();
  });

  app.get(
    '/widget/config.json',
    { config: { permission: 'public' }, schema: { tags, response: { 200: widgetConfigSchema } } },
    async (request, reply) => {
      const config = await buildWidgetConfig(ctx.db, configOptions);
      crossOrigin(reply);
      reply.header('access-control-allow-origin', '*');
      // Short max-age: a settings or registry change reaches visitors within minutes.
      reply.header('cache-control', 'public, max-age=300');
      return notModified(request, reply, `"${config.version}"`) ? reply : config;
    },
  );

  app.get(
    SCRIPT_PATH,
    {
      config: { permission: 'public' },
      schema: { tags, querystring: z.object({ v: z.string().max(64).optional() }) },
    },
    async (request, reply) => {
      const built = await script();
      if (built === undefined) {
        request.log.error('consent widget not built: run `npm run build:widget`');
        throw new AppError(
          'route_not_found',
          'Das Website-Widget ist nicht gebaut. Bitte führen Sie „npm run build:widget“ aus.',
        );
      }
      crossOrigin(reply);
      // The versioned URL never changes content; the bare one is revalidated by its ETag.
      reply.header(
        'cache-control',
        request.query.v === built.hash
          ? 'public, max-age=31536000, immutable'
          : 'public, max-age=300',
      );
      if (notModified(request, reply, `"${built.hash}"`)) {
        return reply;
      }
      return reply.type('text/javascript; charset=utf-8').send(built.body);
    },
  );

  // Own scope: only this route takes text/plain (the widget's no-preflight POST).
  void app.register((scope, _options, done) => {
    const proofs = scope.withTypeProvider<ZodTypeProvider>();
    proofs.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    proofs.post(
      PROOF_PATH,
      {
        // The limiter keys by IP address; that address lives only in the limiter's memory for the
        // window and is never stored or logged. Request logs carry no IP and no body (logger.ts).
        config: { permission: 'public', rateLimit: options.proofRateLimit ?? PROOF_RATE_LIMIT },
        bodyLimit: PROOF_BODY_LIMIT,
        // Bursts of proofs would flood the log; failures are still logged.
        logLevel: 'warn',
        schema: { tags, body: proofBodySchema },
      },
      async (request, reply) => {
        batch.add(request.body);
        crossOrigin(reply);
        return reply.code(204).send();
      },
    );
    done();
  });

  app.get(
    PROOF_PATH,
    {
      config: read,
      schema: {
        tags,
        querystring: proofLookupQuerySchema,
        response: { 200: z.object({ items: z.array(proofSchema) }) },
      },
    },
    async (request) => {
      // Proofs still in the batch belong to the answer of a rights request too.
      await batch.flush();
      return { items: await findProofs(ctx.db, request.actor, request.query.visitorId) };
    },
  );
  app.delete(
    PROOF_PATH,
    {
      config: { permission: 'consent.manage' as const },
      schema: {
        tags,
        querystring: proofLookupQuerySchema,
        response: { 200: z.object({ deleted: z.number().int() }) },
      },
    },
    async (request) => {
      // Proofs still in the batch would otherwise be written after the erasure.
      await batch.flush();
      return { deleted: await deleteProofsOf(ctx.db, request.actor, request.query.visitorId) };
    },
  );
  app.get(
    '/api/consent/stats',
    { config: read, schema: { tags, response: { 200: consentStatsSchema } } },
    async () => {
      await batch.flush();
      return proofStats(ctx.db);
    },
  );
  app.get(
    '/api/consent/settings',
    { config: read, schema: { tags, response: { 200: consentSettingsSchema } } },
    async () => getConsentSettings(ctx.db),
  );
  app.put(
    '/api/consent/settings',
    {
      config: manage,
      schema: { tags, body: consentSettingsBodySchema, response: { 200: consentSettingsSchema } },
    },
    async (request) => saveConsentSettings(ctx.db, request.actor, request.body),
  );

  app.get(
    '/demo/website',
    { config: { permission: 'public' }, schema: { hide: true } },
    async (_request, reply) => {
      const settings = await getConsentSettings(ctx.db);
      // The demo shows what the city configured: the widget reads the same /widget/config.json.
      const config = await buildWidgetConfig(ctx.db, { ...configOptions, settings });
      const built = await script();
      const scriptUrl = built ? `${SCRIPT_PATH}?v=${built.hash}` : SCRIPT_PATH;
      // Replaces helmet's site-wide policy for this page only (frames of the embeds, Matomo).
      reply.header('content-security-policy', demoCsp(config));
      reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(demoPage(config, scriptUrl));
    },
  );
}
