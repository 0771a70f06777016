import { readFileSync } from 'node:fs';

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import type { Reader } from './channels.service.ts';
import { NOTICE_CSS_PATH, OVERVIEW_PATH } from './documents.html.ts';
import { noticePage, overviewPage } from './notice.service.ts';
import type { HtmlPage } from './notice.service.ts';
import { exportRopaCsv } from './ropa.csv.ts';
import { exportRopaPdf } from './ropa.pdf.ts';
import { ROPA_FILENAME } from './ropa.service.ts';

const tags = ['Dokumente'];

/**
 * Stricter than the app-wide policy: the public pages need nothing but their own stylesheet, so
 * inline styles and every script are refused.
 */
export const PUBLIC_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

function sendPage(reply: FastifyReply, page: HtmlPage): FastifyReply {
  return reply
    .status(page.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .header('content-security-policy', PUBLIC_PAGE_CSP)
    .send(page.html);
}

function readerOf(request: FastifyRequest): Reader {
  const user = request.session?.user;
  if (user === undefined) {
    throw new AppError('unauthenticated');
  }
  return user;
}

function attachment(reply: FastifyReply, type: string, extension: string): FastifyReply {
  return reply
    .type(type)
    .header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${ROPA_FILENAME}.${extension}"`);
}

/** Documents generated from the registry: public privacy notices and the Art. 30 record. */
export function registerDocumentRoutes(app: FastifyZod, ctx: AppContext): void {
  const publicPage = { permission: 'public' as const };
  const read = { permission: 'registry.read' as const };
  const css = readFileSync(new URL('./notice.css', import.meta.url), 'utf8');

  app.get(NOTICE_CSS_PATH, { config: publicPage, schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  app.get(OVERVIEW_PATH, { config: publicPage, schema: { tags } }, async (_request, reply) =>
    sendPage(reply, await overviewPage(ctx.db)),
  );
  app.get(
    `${OVERVIEW_PATH}/:key`,
    {
      config: publicPage,
      // Lenient on purpose: a mistyped key gets the German 404 page, not a JSON 400.
      schema: { tags, params: z.strictObject({ key: z.string().max(200) }) },
    },
    async (request, reply) => sendPage(reply, await noticePage(ctx.db, request.params.key)),
  );

  // The body first: an error must not leave attachment headers on its JSON answer.
  app.get('/api/registry/ropa.csv', { config: read, schema: { tags } }, async (request, reply) => {
    const csv = await exportRopaCsv(ctx.db, readerOf(request));
    return attachment(reply, 'text/csv; charset=utf-8', 'csv').send(csv);
  });
  app.get('/api/registry/ropa.pdf', { config: read, schema: { tags } }, async (request, reply) => {
    const pdf = await exportRopaPdf(ctx.db, readerOf(request));
    return attachment(reply, 'application/pdf', 'pdf').send(pdf);
  });
}
