import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';

import { registerAuthRoutes } from './access/auth.routes.ts';
import { registerOrgUnitRoutes } from './access/org-units.routes.ts';
import { registerUserRoutes } from './access/users.routes.ts';
import type { AppContext } from './app-context.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerCaseRoutes } from './cases/cases.routes.ts';
import { registerPostRoutes } from './publishing/posts.routes.ts';
import { registerConnectionRoutes } from './connections/connections.routes.ts';
import { registerConsentRoutes } from './consent/consent.routes.ts';
import { registerWarningRoutes } from './crisis/crisis.public.ts';
import { registerCrisisRoutes } from './crisis/crisis.routes.ts';
import type { CrisisRouteOptions } from './crisis/crisis.routes.ts';
import type { ConsentRouteOptions } from './consent/consent.routes.ts';
import { registerManualTaskRoutes } from './manual-tasks/manual-tasks.routes.ts';
import { registerCannedRoutes } from './inbox/canned.routes.ts';
import { registerInboxRoutes } from './inbox/inbox.routes.ts';
import { registerInboxEventsRoute } from './inbox/inbox.sse.ts';
import { registerNetiquettePublicRoutes } from './moderation/netiquette.public.ts';
import { registerNetiquetteRoutes } from './moderation/netiquette.routes.ts';
import { registerQuarantineRoutes } from './inbox/quarantine.routes.ts';
import { registerWebhookRoutes } from './inbox/webhooks.routes.ts';
import { registerMediaRoutes } from './media/media.routes.ts';
import { registerNotificationRoutes } from './notifications/notifications.routes.ts';
import { registerOutboxRoutes } from './publishing/outbox.routes.ts';
import { registerProcessorRoutes } from './registry/processors.routes.ts';
import { registerRegistryRoutes } from './registry/registry.routes.ts';
import { registerDocumentRoutes } from './registry/documents.routes.ts';
import { registerReviewRoutes } from './registry/reviews.routes.ts';
import { AppError } from './errors/errors.ts';
import { registerHealthRoutes } from './health/health.routes.ts';
import { registerAuthHooks } from './http/auth.hook.ts';
import { registerErrorHandler, toErrorBody } from './http/error-handler.ts';
import type { FastifyZod } from './http/fastify-zod.ts';
import { isPluginPublicRoute } from './http/route-permissions.ts';
import type { RegisteredRoute } from './http/route-permissions.ts';

// Validation messages in German, like the rest of the API's messages.
z.config(z.locales.de());

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const CORRELATION_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface BuiltApp {
  readonly app: FastifyZod;
  /** Every route with its declared permission, for the default-deny test. */
  readonly routes: readonly RegisteredRoute[];
}

/** Route options for callers other than main.ts; only the load bench sets any today. */
export interface BuildAppOptions {
  readonly consent?: ConsentRouteOptions;
  readonly crisis?: CrisisRouteOptions;
}

export async function buildApp(
  ctx: AppContext,
  logger: Logger,
  options: BuildAppOptions = {},
): Promise<BuiltApp> {
  const routes: RegisteredRoute[] = [];
  // Widened on purpose: Fastify's instance type is parameterised by the logger type.
  const loggerInstance: FastifyBaseLogger = logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-correlation-id'];
      return typeof incoming === 'string' && CORRELATION_ID.test(incoming)
        ? incoming
        : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: a form or text/plain post cannot reach a route (and cannot forge a login).
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { permission?: RegisteredRoute['permission'] };
    if (config.permission === undefined && isPluginPublicRoute(route.url)) {
      route.config = { ...config, permission: 'public' };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        permission: route.config?.permission,
      });
    }
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine writes its CSS variables into a <style> element at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    hsts: ctx.config.secureCookies,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, { global: true, max: 600, timeWindow: '1 minute' });
  await app.register(cookie, { secret: ctx.config.sessionSecret });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Stadtfunk API', version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sf_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerErrorHandler(app);
  registerAuthHooks(app, ctx.db, ctx.sessions);

  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerOrgUnitRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerRegistryRoutes(app, ctx);
  registerConnectionRoutes(app, ctx);
  registerPostRoutes(app, ctx);
  registerDocumentRoutes(app, ctx);
  registerProcessorRoutes(app, ctx);
  registerReviewRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
  registerManualTaskRoutes(app, ctx);
  registerOutboxRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerConsentRoutes(app, ctx, options.consent);
  registerCrisisRoutes(app, ctx, options.crisis);
  registerWarningRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerInboxRoutes(app, ctx);
  registerInboxEventsRoute(app, ctx);
  registerCannedRoutes(app, ctx);
  registerNetiquetteRoutes(app, ctx);
  registerNetiquettePublicRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerQuarantineRoutes(app, ctx);

  await registerWebApp(app);
  return { app, routes };
}

/** The admin UI: built files from web/dist, and index.html for every client-side route. */
async function registerWebApp(app: FastifyZod): Promise<void> {
  const built = existsSync(`${WEB_DIST}index.html`);
  if (built) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: false });
  }
  const indexHtml = built ? await readFile(`${WEB_DIST}index.html`, 'utf8') : undefined;
  // The static plugin does not answer `/` itself when `index` is off; the SPA does.
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_request, reply) => {
    if (indexHtml === undefined) {
      reply.callNotFound();
      return reply;
    }
    return reply.type('text/html; charset=utf-8').send(indexHtml);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Client-side routes get the SPA; missing files (with an extension) and API paths a 404.
    const wantsPage =
      request.method === 'GET' && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
    if (wantsPage && indexHtml !== undefined) {
      return reply.type('text/html; charset=utf-8').send(indexHtml);
    }
    const { status, body } = toErrorBody(
      new AppError(
        'route_not_found',
        wantsPage
          ? 'Die Oberfläche ist nicht gebaut. Bitte führen Sie „npm run build“ aus.'
          : undefined,
      ),
      request.id,
    );
    return reply.status(status).send(body);
  });
}
