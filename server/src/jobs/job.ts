import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { z } from 'zod';

import type { RuntimeConfig } from '../app-context.ts';
import type { Database } from '../database/database.types.ts';

/** Every handler says what happened; `failed` with `retry` hands the job back to the queue. */
export type JobOutcome =
  | { readonly status: 'done'; readonly detail?: Readonly<Record<string, number | string>> }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'failed'; readonly reason: string; readonly retry: boolean };

export interface EnqueueOptions {
  /** A transaction: the job is enqueued only if it commits. */
  readonly db?: Kysely<Database>;
  readonly startAfter?: Date;
  /** Higher runs first. */
  readonly priority?: number;
}

/** Enqueues by name, so a job can enqueue another (or itself) without an import cycle. */
export interface JobSender {
  enqueue(name: string, payload: object, options?: EnqueueOptions): Promise<string | null>;
}

export interface JobContext {
  readonly db: Kysely<Database>;
  readonly config: RuntimeConfig;
  readonly log: Logger;
  readonly now: () => Date;
  /** The queue, for jobs that schedule follow-ups (absent when a test runs a handler alone). */
  readonly jobs?: JobSender;
}

export interface JobDefinition<P> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  /** Cron expression in the display time zone, for scheduled tasks. */
  readonly cron?: string;
  readonly retry?: { readonly limit: number; readonly delaySeconds: number };
  /** Handlers of this job running at once in one process (default 1). */
  readonly workers?: number;
  handle(payload: P, ctx: JobContext): Promise<JobOutcome>;
}

/** A job with its payload type erased, as the queue stores it. */
export interface RegisteredJob {
  readonly name: string;
  readonly cron: string | undefined;
  readonly retry: { readonly limit: number; readonly delaySeconds: number };
  readonly workers: number;
  run(raw: unknown, ctx: JobContext): Promise<JobOutcome>;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> & RegisteredJob {
  return {
    ...definition,
    cron: definition.cron,
    retry: definition.retry ?? { limit: 3, delaySeconds: 30 },
    workers: definition.workers ?? 1,
    async run(raw, ctx) {
      const parsed = definition.payload.safeParse(raw ?? {});
      if (!parsed.success) {
        return { status: 'failed', reason: 'invalid_payload', retry: false };
      }
      return definition.handle(parsed.data, ctx);
    },
  };
}
