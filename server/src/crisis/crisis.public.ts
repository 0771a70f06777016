import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { notFound } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import type { CityIdentity } from './crisis.render.ts';
import {
  capIdentifier,
  renderAtomFeed,
  renderCapAlert,
  renderCapFeed,
  WARNINGS_PATHS,
} from './crisis.render.ts';
import { renderWarningsPage } from './crisis.page.ts';
import { listPublishedWarnings } from './crisis.queries.ts';
import { getCrisisSettings } from './crisis.settings.ts';

const tags = ['Öffentliche Warnungen'];
/** Short: a warning must reach readers and feed readers within a minute. */
const CACHE = 'public, max-age=30';

async function cityOf(ctx: AppContext): Promise<CityIdentity> {
  const settings = await getCrisisSettings(ctx.db);
  return {
    senderId: settings.senderId,
    senderName: settings.senderName,
    baseUrl: ctx.config.publicUrl,
  };
}

/** The public warning page and the city's own feeds (Atom for people, CAP 1.2 for systems). */
export function registerWarningRoutes(app: FastifyZod, ctx: AppContext): void {
  const open = { config: { permission: 'public' as const } };

  app.get(WARNINGS_PATHS.page, { ...open, schema: { tags } }, async (_request, reply) => {
    const { active, ended } = await listPublishedWarnings(ctx.db);
    reply.header('cache-control', CACHE);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderWarningsPage(await cityOf(ctx), { active, ended: ended.slice(0, 50) }));
  });

  app.get(WARNINGS_PATHS.atomFeed, { ...open, schema: { tags } }, async (_request, reply) => {
    const { all } = await listPublishedWarnings(ctx.db);
    reply.header('cache-control', CACHE);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(renderAtomFeed(await cityOf(ctx), all.slice(0, 100), { history: all }));
  });

  app.get(WARNINGS_PATHS.capFeed, { ...open, schema: { tags } }, async (_request, reply) => {
    const { all } = await listPublishedWarnings(ctx.db);
    reply.header('cache-control', CACHE);
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(renderCapFeed(await cityOf(ctx), all.slice(0, 100), { history: all }));
  });

  app.get(
    '/warnungen/cap/:file',
    {
      ...open,
      schema: { tags, params: z.object({ file: z.string().regex(/^[^/]{1,200}\.xml$/) }) },
    },
    async (request, reply) => {
      const city = await cityOf(ctx);
      const { all } = await listPublishedWarnings(ctx.db);
      const id = request.params.file.slice(0, -'.xml'.length);
      const warning = all.find((w) => capIdentifier(city, w) === id);
      if (warning === undefined) {
        throw notFound('Diese Warnung gibt es nicht.');
      }
      const previous = all.filter(
        (w) => w.incidentId === warning.incidentId && w.version < warning.version,
      );
      const xml = renderCapAlert(city, warning, previous);
      if (xml === undefined) {
        throw notFound('Diese Warnung gibt es nicht.');
      }
      reply.header('cache-control', CACHE);
      return reply.type('application/cap+xml; charset=utf-8').send(xml);
    },
  );
}
