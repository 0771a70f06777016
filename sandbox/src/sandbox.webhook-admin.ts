import { randomInt } from 'node:crypto';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { errorText } from './sandbox.webhooks.ts';
import type { SandboxWebhooks, WebhookSubscription } from './sandbox.webhooks.ts';

/** Admin routes of the webhook simulation, and Meta's subscription handshake. */

/**
 * Meta's subscription check: GET the callback with `hub.mode=subscribe`, a challenge and the
 * verify token; the callback must answer 200 with the challenge. Returns the error, or null.
 */
export async function verifyMetaCallback(
  callbackUrl: string,
  verifyToken: string,
  timeoutMs: number,
): Promise<string | null> {
  const challenge = String(randomInt(100_000_000, 2_000_000_000));
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.mode', 'subscribe');
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.verify_token', verifyToken);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return `Callback verification failed: the URL could not be reached (${errorText(error)}).`;
  }
  const text = (await response.text().catch(() => '')).trim();
  if (response.status !== 200) {
    return `Callback verification failed with the following errors: HTTP Status Code = ${response.status}`;
  }
  if (text !== challenge) {
    return 'Callback verification failed: the response did not match the challenge (hub.challenge).';
  }
  return null;
}

const metaBody = z.strictObject({
  callbackUrl: z.url({ protocol: /^https?$/ }),
  verifyToken: z.string().min(1).max(200),
  appSecret: z.string().min(1).max(200),
  objects: z
    .array(z.enum(['page', 'instagram']))
    .min(1)
    .default(['page', 'instagram']),
});
const genericBody = z.strictObject({
  callbackUrl: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1).max(200),
});

function subscriptionView(subscription: WebhookSubscription): Record<string, unknown> {
  // The secret stays in the sandbox, as a platform never shows an app secret again.
  return {
    id: subscription.id,
    platform: subscription.platform,
    callbackUrl: subscription.callbackUrl,
    format: subscription.format,
    objects: subscription.objects,
    createdAt: subscription.createdAt.toISOString(),
  };
}

/**
 * Admin routes: `POST /_sandbox/:platform/webhooks` subscribes (for meta after the handshake),
 * `GET` lists, `DELETE` removes, `GET …/webhooks/deliveries` shows the delivery log.
 * `platformOf` answers the platform name when it emits comment events, else undefined.
 */
export function registerWebhookRoutes(
  app: FastifyInstance,
  webhooks: SandboxWebhooks,
  platformOf: (request: FastifyRequest) => string | undefined,
): void {
  const withPlatform =
    (handler: (platform: string, request: FastifyRequest, reply: FastifyReply) => unknown) =>
    (request: FastifyRequest, reply: FastifyReply): unknown => {
      const platform = platformOf(request);
      if (platform === undefined) {
        return reply.status(404).send({ error: 'unknown platform or no comment events' });
      }
      return handler(platform, request, reply);
    };

  app.post(
    '/_sandbox/:platform/webhooks',
    withPlatform(async (platform, request, reply) => {
      if (platform === 'meta') {
        const body = metaBody.parse(request.body);
        const problem = await verifyMetaCallback(
          body.callbackUrl,
          body.verifyToken,
          webhooks.timeoutMs,
        );
        if (problem !== null) {
          return reply.status(400).send({ error: problem });
        }
        const subscription = webhooks.subscribe({
          platform,
          callbackUrl: body.callbackUrl,
          format: 'meta',
          objects: body.objects,
          secret: body.appSecret,
        });
        return reply.status(201).send(subscriptionView(subscription));
      }
      const body = genericBody.parse(request.body);
      const subscription = webhooks.subscribe({
        platform,
        callbackUrl: body.callbackUrl,
        format: 'sandbox',
        objects: [],
        secret: body.secret,
      });
      return reply.status(201).send(subscriptionView(subscription));
    }),
  );
  app.get(
    '/_sandbox/:platform/webhooks',
    withPlatform((platform, _request, reply) =>
      reply.send({
        items: webhooks.subscriptions
          .filter((entry) => entry.platform === platform)
          .map(subscriptionView),
      }),
    ),
  );
  app.delete(
    '/_sandbox/:platform/webhooks',
    withPlatform((platform, _request, reply) => {
      webhooks.unsubscribe(platform);
      return reply.status(204).send();
    }),
  );
  app.get(
    '/_sandbox/:platform/webhooks/deliveries',
    withPlatform((platform, _request, reply) =>
      reply.send({ items: webhooks.deliveries(platform) }),
    ),
  );
}
