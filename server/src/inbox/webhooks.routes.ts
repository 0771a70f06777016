import type { FastifyBaseLogger } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { answerMetaHandshake, receiveWebhook } from './webhooks.service.ts';

const tags = ['Webhooks'];
const rawBody = z.custom<Buffer>((value) => Buffer.isBuffer(value), 'Rohdaten erwartet');
const acknowledged = z.object({ received: z.literal(true) });
const handshakeQuery = z.object({
  'hub.mode': z.string().max(40).default(''),
  'hub.verify_token': z.string().max(200).default(''),
  'hub.challenge': z.string().max(200).default(''),
});
const platformParams = z.object({ platform: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) });
/** Pushes come in bursts (Meta batches, the sandbox stream); above the global limit. */
const WEBHOOK_RATE_LIMIT = { max: 6000, timeWindow: '1 minute' };
const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * Platform pushes: public (platforms have no session, so no CSRF token either) and verified by
 * signature instead. The scope reads JSON as raw bytes: the HMAC is over the body as sent.
 */
export function registerWebhookRoutes(app: FastifyZod, ctx: AppContext): void {
  const deps = (log: FastifyBaseLogger) => ({
    keys: ctx.encryptionKeys,
    now: () => new Date(),
    log,
  });

  app.get(
    '/webhooks/meta',
    {
      config: { permission: 'public', rateLimit: WEBHOOK_RATE_LIMIT },
      schema: { tags, querystring: handshakeQuery, response: { 200: z.string() } },
    },
    async (request, reply) => {
      const challenge = await answerMetaHandshake(ctx.db, ctx.encryptionKeys, {
        mode: request.query['hub.mode'],
        token: request.query['hub.verify_token'],
        challenge: request.query['hub.challenge'],
      });
      return reply.type('text/plain; charset=utf-8').send(challenge);
    },
  );

  void app.register((plain, _options, done) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (_request, body, next) => {
        next(null, body);
      },
    );
    scope.post(
      '/webhooks/meta',
      {
        config: { permission: 'public', rateLimit: WEBHOOK_RATE_LIMIT },
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: { tags, body: rawBody, response: { 200: acknowledged } },
      },
      async (request) => {
        await receiveWebhook(ctx.db, deps(request.log), {
          format: 'meta',
          platform: 'meta',
          raw: request.body,
          signature: request.headers['x-hub-signature-256'],
        });
        return { received: true as const };
      },
    );
    scope.post(
      '/webhooks/sandbox/:platform',
      {
        config: { permission: 'public', rateLimit: WEBHOOK_RATE_LIMIT },
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: { tags, params: platformParams, body: rawBody, response: { 200: acknowledged } },
      },
      async (request) => {
        await receiveWebhook(ctx.db, deps(request.log), {
          format: 'sandbox',
          platform: request.params.platform,
          raw: request.body,
          signature: request.headers['x-sandbox-signature'],
        });
        return { received: true as const };
      },
    );
    done();
  });
}
