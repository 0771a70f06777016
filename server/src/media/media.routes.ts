import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { readerOf } from '../registry/registry.changes.ts';
import { openPublicMedia } from './media.delivery.ts';
import { MAX_UPLOAD_BYTES } from './media.limits.ts';
import {
  altTextBodySchema,
  mediaIdParamsSchema,
  mediaSchema,
  publicMediaQuerySchema,
} from './media.schema.ts';
import { getMedia, openMediaContent, setMediaAltText, uploadMedia } from './media.service.ts';
import { PUBLIC_MEDIA_PATH } from './media.signing.ts';

const tags = ['Medien'];

function contentLength(header: string | undefined): number | null {
  const value = Number(header);
  return header !== undefined && Number.isSafeInteger(value) && value >= 0 ? value : null;
}

export function registerMediaRoutes(app: FastifyZod, ctx: AppContext): void {
  const read = { permission: 'posts.read' as const };
  const draft = { permission: 'posts.draft' as const };

  // Own scope: the raw-body parser must not reach any other route, which stay JSON-only.
  app.register((scope: FastifyZod, _options, done) => {
    // The service reads the request stream itself, capped and hashed on the way to disk.
    scope.addContentTypeParser('*', (_request, _payload, done) => {
      done(null);
    });
    scope.post(
      '/api/media',
      { config: draft, schema: { tags, response: { 201: mediaSchema } } },
      async (request, reply) => {
        const media = await uploadMedia(
          ctx.db,
          ctx.config.dataDir,
          request.actor,
          readerOf(request),
          {
            contentType: request.headers['content-type'],
            contentLength: contentLength(request.headers['content-length']),
            body: request.raw,
          },
          MAX_UPLOAD_BYTES,
        );
        return reply.status(201).send(media);
      },
    );
    done();
  });

  app.get(
    '/api/media/:id',
    { config: read, schema: { tags, params: mediaIdParamsSchema, response: { 200: mediaSchema } } },
    async (request) => getMedia(ctx.db, readerOf(request), request.params.id),
  );
  app.patch(
    '/api/media/:id',
    {
      config: draft,
      schema: {
        tags,
        params: mediaIdParamsSchema,
        body: altTextBodySchema,
        response: { 200: mediaSchema },
      },
    },
    async (request) =>
      setMediaAltText(
        ctx.db,
        request.actor,
        readerOf(request),
        request.params.id,
        request.body.altText,
      ),
  );
  app.get(
    '/api/media/:id/content',
    { config: read, schema: { tags, params: mediaIdParamsSchema } },
    async (request, reply) => {
      const { row, stream } = await openMediaContent(
        ctx.db,
        ctx.config.dataDir,
        readerOf(request),
        request.params.id,
      );
      return reply
        .type(row.mime_type)
        .header('content-length', row.byte_size)
        .header('cache-control', 'private, max-age=300')
        .send(stream);
    },
  );
  // Public: platforms fetch media here; the signature and its expiry are the only key.
  app.get(
    `${PUBLIC_MEDIA_PATH}/:id`,
    {
      config: { permission: 'public', rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: { tags, params: mediaIdParamsSchema, querystring: publicMediaQuerySchema },
    },
    async (request, reply) => {
      const { row, stream } = await openPublicMedia(
        ctx.db,
        ctx.config,
        request.params.id,
        request.query,
      );
      return reply
        .type(row.mime_type)
        .header('content-length', row.byte_size)
        .header('cache-control', 'no-store')
        .header('content-disposition', 'inline')
        .send(stream);
    },
  );
}
