import { setTimeout as sleep } from 'node:timers/promises';

import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { GeneratedComment } from './sandbox.comments.ts';
import {
  applyFaultSettings,
  decideFault,
  emptyFaults,
  faultSettingsSchema,
  latencyFor,
  takeDrop,
} from './sandbox.faults.ts';
import { SandboxStore } from './sandbox.store.ts';
import { CommentStream, registerStreamRoutes } from './sandbox.stream.ts';
import type { StreamSettings } from './sandbox.stream.ts';
import { renderWall } from './sandbox.wall.ts';
import { registerWebhookRoutes } from './sandbox.webhook-admin.ts';
import { SandboxWebhooks } from './sandbox.webhooks.ts';
import type { SandboxCommentEvent, WebhookOptions } from './sandbox.webhooks.ts';

/**
 * What a platform plugin gets: the shared store and the fault guard. A plugin registers the same
 * paths, payloads and error bodies as the real platform's API.
 *
 * Request bodies arrive parsed by the core: `application/json` as usual,
 * `application/x-www-form-urlencoded` as a plain object (see `parseFormBody`), and
 * `multipart/form-data` as a `FormData` (files are `File`s). Plugins must not register parsers for
 * these content types themselves (Fastify refuses a second parser for the same type).
 */
export interface SandboxContext {
  readonly store: SandboxStore;
  /**
   * Applies latency and the injected fault for this platform. Returns false when the request was
   * already answered (429/5xx) or must hang (timeout); the plugin then does nothing more.
   * `errorBody` shapes the platform's own error format.
   */
  guard(
    platform: string,
    request: FastifyRequest,
    reply: FastifyReply,
    errorBody: (status: number) => unknown,
  ): Promise<boolean>;
  /** After a write took effect: true when its response must be dropped (socket destroyed). */
  dropAfterWrite(platform: string, reply: FastifyReply): boolean;
  /**
   * Announces a citizen's new comment (webhooks). Admin seeding routes call it for every comment
   * they add; the rate generator calls it for what `generateComment` returns. Never throws.
   */
  notifyComment(event: SandboxCommentEvent): void;
}

export interface SandboxPlugin {
  readonly platform: string;
  register(app: FastifyInstance, ctx: SandboxContext): void;
  /**
   * Adds one citizen comment to the city account's newest post (or a mention where that is how
   * the platform works), readable over the platform's API. Returns the event without announcing
   * it, or undefined when there is nothing to comment on. Without it the platform has no stream.
   */
  generateComment?(ctx: SandboxContext, comment: GeneratedComment): SandboxCommentEvent | undefined;
}

export interface SandboxOptions {
  /** Comments per minute on every platform with a generator from the start (0: none). */
  readonly comments?: StreamSettings;
  readonly webhooks?: WebhookOptions;
}

export interface Sandbox {
  readonly app: FastifyInstance;
  readonly store: SandboxStore;
  readonly stream: CommentStream;
  readonly webhooks: SandboxWebhooks;
}

const platformParams = z.object({ platform: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) });
const postsQuery = z.object({ accountId: z.string().min(1).max(200).optional() });
const tokenBody = z.strictObject({
  accountId: z.string().min(1).max(200),
  lifetimeSeconds: z.number().int().min(1).nullable().default(null),
  withRefresh: z.boolean().default(false),
  scopes: z.array(z.string()).default([]),
});

/**
 * Form bodies as Rails and most platform backends read them: `key[]` and repeated keys become
 * arrays, everything else a string.
 */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const isArray = rawKey.endsWith('[]');
    const key = isArray ? rawKey.slice(0, -2) : rawKey;
    const existing = result[key];
    if (existing === undefined) {
      result[key] = isArray ? [value] : value;
    } else {
      result[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return result;
}

function registerBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, parseFormBody(typeof body === 'string' ? body : body.toString('utf8')));
    },
  );
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
    // The WHATWG Request parses multipart for us, so the sandbox needs no multipart dependency.
    const parsing = new Request('http://sandbox.invalid/', {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body),
    });
    // Deprecated for servers because it buffers the whole upload; sandbox uploads are small.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    parsing.formData().then(
      (form) => {
        done(null, form);
      },
      (error: unknown) => {
        done(
          Object.assign(new Error('malformed multipart body', { cause: error }), {
            statusCode: 400,
          }),
        );
      },
    );
  });
}

export function createSandbox(
  plugins: readonly SandboxPlugin[],
  store = new SandboxStore(),
  options: SandboxOptions = {},
): Sandbox {
  // forceCloseConnections: a hanging "timeout" request must not keep close() waiting.
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024, forceCloseConnections: true });
  const known = new Set(plugins.map((plugin) => plugin.platform));
  registerBodyParsers(app);
  const webhooks = new SandboxWebhooks(options.webhooks);

  const ctx: SandboxContext = {
    store,
    notifyComment(event) {
      try {
        webhooks.publish(event);
      } catch {
        // Delivery is best effort; the comment itself is stored and readable over the API.
      }
    },
    async guard(platform, _request, reply, errorBody) {
      const faults = store.faultsFor(platform);
      const delay = latencyFor(faults);
      if (delay > 0) {
        await sleep(delay);
      }
      const decision = decideFault(faults);
      switch (decision.kind) {
        case 'none':
          return true;
        case 'rate-limited':
          await reply
            .status(429)
            .header('retry-after', String(decision.retryAfterSeconds))
            .send(errorBody(429));
          return false;
        case 'server-error':
          await reply.status(decision.status).send(errorBody(decision.status));
          return false;
        case 'timeout':
          // Never answer: the client's own timeout must fire. Fastify must not answer either.
          reply.hijack();
          await new Promise<void>((resolve) => {
            reply.raw.once('close', () => {
              resolve();
            });
          });
          return false;
      }
    },
    dropAfterWrite(platform, reply) {
      if (!takeDrop(store.faultsFor(platform))) {
        return false;
      }
      reply.hijack();
      reply.raw.socket?.destroy();
      return true;
    },
  };

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof z.ZodError) {
      return reply.status(400).send({ error: 'invalid request', issues: error.issues });
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    return reply
      .status(status)
      .send({ error: error instanceof Error ? error.message : 'internal error' });
  });

  const knownPlatform = (request: FastifyRequest): string | undefined => {
    const { platform } = platformParams.parse(request.params);
    return known.has(platform) ? platform : undefined;
  };
  const unknownPlatform = (reply: FastifyReply): FastifyReply =>
    reply.status(404).send({ error: 'unknown platform' });

  app.post('/_sandbox/:platform/faults', (request, reply) => {
    const platform = knownPlatform(request);
    if (platform === undefined) {
      return unknownPlatform(reply);
    }
    const settings = faultSettingsSchema.parse(request.body);
    applyFaultSettings(store.faultsFor(platform), settings, store.now());
    return reply.status(204).send();
  });
  app.delete('/_sandbox/:platform/faults', (request, reply) => {
    const platform = knownPlatform(request);
    if (platform === undefined) {
      return unknownPlatform(reply);
    }
    store.faults.set(platform, emptyFaults());
    return reply.status(204).send();
  });
  // What a platform's developer console gives a tester: a token for an account.
  app.post('/_sandbox/:platform/tokens', (request, reply) => {
    const platform = knownPlatform(request);
    if (platform === undefined) {
      return unknownPlatform(reply);
    }
    const body = tokenBody.parse(request.body);
    const token = store.issueToken(platform, body.accountId, body);
    return reply.send({
      accessToken: token.token,
      refreshToken: token.refreshToken,
      expiresAt: token.expiresAt === null ? null : new Date(token.expiresAt).toISOString(),
    });
  });
  app.get('/_sandbox/:platform/posts', (request, reply) => {
    const platform = knownPlatform(request);
    if (platform === undefined) {
      return unknownPlatform(reply);
    }
    const { accountId } = postsQuery.parse(request.query);
    return reply.send({ items: store.postsOf(platform, accountId) });
  });
  app.get('/_sandbox/:platform/wall', (request, reply) => {
    const platform = knownPlatform(request);
    if (platform === undefined) {
      return unknownPlatform(reply);
    }
    return reply
      .type('text/html; charset=utf-8')
      .send(renderWall(platform, store.postsOf(platform)));
  });
  app.get('/', (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(renderWall(null, [], [...known])),
  );

  for (const plugin of plugins) {
    plugin.register(app, ctx);
  }
  const stream = new CommentStream(plugins, ctx, options.comments);
  registerStreamRoutes(app, stream, knownPlatform);
  registerWebhookRoutes(app, webhooks, (request) => {
    const platform = knownPlatform(request);
    return platform !== undefined && stream.platforms.includes(platform) ? platform : undefined;
  });
  // Timers (stream, webhook retries) and requests in flight must not outlive the server.
  app.addHook('onClose', (_instance, done) => {
    stream.stop();
    webhooks.close();
    done();
  });
  return { app, store, stream, webhooks };
}
