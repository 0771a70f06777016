import { performance } from 'node:perf_hooks';

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from './sandbox.comments.ts';
import type { CommentKind } from './sandbox.comments.ts';
import type { SandboxContext, SandboxPlugin } from './sandbox.server.ts';
import type { SandboxCommentEvent } from './sandbox.webhooks.ts';

/**
 * A steady stream of citizen comments at a configurable rate per platform, for the inbox and for
 * load tests. Each comment goes through the platform plugin's `generateComment` hook (so it is
 * readable over the platform's real API) and is then announced like a seeded one (webhooks).
 *
 * Time is accounted in `tick(elapsedMs)`: the real timer calls it with the measured time, tests
 * call it directly; fractions carry over, so 90 per minute yields 3 comments in 2 seconds.
 */

export const MAX_COMMENTS_PER_MINUTE = 6000;
const TIMER_INTERVAL_MS = 100;
/** After a stalled event loop, catch up at most this much time instead of bursting. */
const MAX_CATCH_UP_MS = 2000;

export interface StreamSettings {
  readonly perMinute: number;
  /** The comment kinds to cycle through; empty means every kind. */
  readonly kinds: readonly CommentKind[];
}

export interface StreamStatus extends StreamSettings {
  readonly platform: string;
  /** Comments that landed on the platform. */
  readonly generated: number;
  /** Comments not made because the city account had nothing to comment on. */
  readonly skipped: number;
  readonly lastCommentAt: string | null;
}

interface PlatformStream {
  settings: StreamSettings;
  credit: number;
  sequence: number;
  generated: number;
  skipped: number;
  lastCommentAt: Date | null;
}

export class CommentStream {
  private readonly streams = new Map<string, PlatformStream>();
  private readonly generators = new Map<string, NonNullable<SandboxPlugin['generateComment']>>();
  private timer: NodeJS.Timeout | undefined;
  private lastTickAt = 0;
  private closed = false;

  constructor(
    plugins: readonly SandboxPlugin[],
    private readonly ctx: SandboxContext,
    defaults: StreamSettings = { perMinute: 0, kinds: [] },
  ) {
    for (const plugin of plugins) {
      if (plugin.generateComment !== undefined) {
        this.generators.set(plugin.platform, plugin.generateComment.bind(plugin));
        this.streams.set(plugin.platform, {
          settings: defaults,
          credit: 0,
          sequence: 0,
          generated: 0,
          skipped: 0,
          lastCommentAt: null,
        });
      }
    }
    this.updateTimer();
  }

  /** Platforms whose plugin can generate comments. */
  get platforms(): string[] {
    return [...this.generators.keys()];
  }

  configure(platform: string, settings: StreamSettings): StreamStatus {
    const stream = this.stream(platform);
    stream.settings = { perMinute: settings.perMinute, kinds: [...settings.kinds] };
    stream.credit = 0;
    this.updateTimer();
    return this.status(platform);
  }

  status(platform: string): StreamStatus {
    const stream = this.stream(platform);
    return {
      platform,
      perMinute: stream.settings.perMinute,
      kinds: stream.settings.kinds.length === 0 ? [...COMMENT_KINDS] : stream.settings.kinds,
      generated: stream.generated,
      skipped: stream.skipped,
      lastCommentAt: stream.lastCommentAt?.toISOString() ?? null,
    };
  }

  /** True while the real-time timer runs (some platform has a rate above 0). */
  get running(): boolean {
    return this.timer !== undefined;
  }

  /** Adds `count` comments on one platform now, regardless of its rate. */
  generateNow(platform: string, count: number): SandboxCommentEvent[] {
    const stream = this.stream(platform);
    const generate = this.generators.get(platform);
    const events: SandboxCommentEvent[] = [];
    for (let index = 0; index < count && generate !== undefined; index += 1) {
      const comment = germanComment(stream.sequence, stream.settings.kinds);
      stream.sequence += 1;
      const event = generate(this.ctx, comment);
      if (event === undefined) {
        stream.skipped += 1;
        continue;
      }
      stream.generated += 1;
      stream.lastCommentAt = event.createdAt;
      events.push(event);
      this.ctx.notifyComment(event);
    }
    return events;
  }

  /** Lets `elapsedMs` of stream time pass on every platform; returns how many were attempted. */
  tick(elapsedMs: number): number {
    let attempted = 0;
    for (const [platform, stream] of this.streams) {
      if (stream.settings.perMinute <= 0) {
        continue;
      }
      stream.credit += (stream.settings.perMinute * elapsedMs) / 60_000;
      const due = Math.floor(stream.credit);
      if (due > 0) {
        stream.credit -= due;
        attempted += due;
        this.generateNow(platform, due);
      }
    }
    return attempted;
  }

  /** Stops the timer for good (app.close()); later rate changes no longer start it. */
  stop(): void {
    this.closed = true;
    for (const stream of this.streams.values()) {
      stream.settings = { ...stream.settings, perMinute: 0 };
    }
    this.updateTimer();
  }

  private stream(platform: string): PlatformStream {
    const stream = this.streams.get(platform);
    if (stream === undefined) {
      throw new Error(`no comment generator for ${platform}`);
    }
    return stream;
  }

  private updateTimer(): void {
    const active =
      !this.closed && [...this.streams.values()].some((stream) => stream.settings.perMinute > 0);
    if (active && this.timer === undefined) {
      this.lastTickAt = performance.now();
      this.timer = setInterval(() => {
        const now = performance.now();
        const elapsed = Math.min(MAX_CATCH_UP_MS, now - this.lastTickAt);
        this.lastTickAt = now;
        try {
          this.tick(elapsed);
        } catch {
          // A plugin error must not kill the sandbox; the next tick tries again.
        }
      }, TIMER_INTERVAL_MS);
      // The stream alone must never keep the process alive.
      this.timer.unref();
    } else if (!active && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

const streamBody = z.strictObject({
  perMinute: z.number().min(0).max(MAX_COMMENTS_PER_MINUTE),
  kinds: z.array(z.enum(COMMENT_KINDS)).default([]),
});
const burstBody = z.strictObject({ count: z.number().int().min(1).max(1000) });

/**
 * Admin routes: `POST /_sandbox/:platform/stream {perMinute, kinds?}` sets the rate (0 stops),
 * `GET` shows settings and counts, `POST …/stream/burst {count}` adds comments at once.
 * `platformOf` answers the platform name when it is known, else undefined.
 */
export function registerStreamRoutes(
  app: FastifyInstance,
  stream: CommentStream,
  platformOf: (request: FastifyRequest) => string | undefined,
): void {
  const generating = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const platform = platformOf(request);
    if (platform === undefined) {
      void reply.status(404).send({ error: 'unknown platform' });
      return undefined;
    }
    if (!stream.platforms.includes(platform)) {
      void reply.status(404).send({ error: `no comment generator for ${platform}` });
      return undefined;
    }
    return platform;
  };

  app.get('/_sandbox/:platform/stream', (request, reply) => {
    const platform = generating(request, reply);
    return platform === undefined ? reply : reply.send(stream.status(platform));
  });
  app.post('/_sandbox/:platform/stream', (request, reply) => {
    const platform = generating(request, reply);
    if (platform === undefined) {
      return reply;
    }
    return reply.send(stream.configure(platform, streamBody.parse(request.body)));
  });
  app.post('/_sandbox/:platform/stream/burst', (request, reply) => {
    const platform = generating(request, reply);
    if (platform === undefined) {
      return reply;
    }
    const { count } = burstBody.parse(request.body);
    const events = stream.generateNow(platform, count);
    return reply.send({ generated: events.length, skipped: count - events.length, items: events });
  });
}
