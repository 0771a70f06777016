import PgBoss from 'pg-boss';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { RuntimeConfig } from '../app-context.ts';
import { executorFor } from '../database/database.ts';
import type { DatabaseHandle } from '../database/database.ts';
import type { Database } from '../database/database.types.ts';
import type {
  EnqueueOptions,
  JobContext,
  JobDefinition,
  JobOutcome,
  JobSender,
  RegisteredJob,
} from './job.ts';

export const JOB_SCHEMA = 'pgboss';

export interface JobQueue extends JobSender {
  start(): Promise<void>;
  /** Enqueues a job; pass `db` (a transaction) to enqueue atomically with other writes. */
  send<P>(
    job: JobDefinition<P>,
    payload: P,
    options?: { db?: Kysely<Database>; startAfter?: Date; priority?: number },
  ): Promise<string | null>;
  /** Runs a registered job once in this process, outside the queue (CLI, tests). */
  runNow(name: string, payload?: unknown): Promise<JobOutcome>;
  isRunning(): boolean;
  /** Stops fetching, waits for running handlers (up to the timeout), then releases the rest. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobQueueOptions {
  readonly database: DatabaseHandle;
  readonly config: RuntimeConfig;
  readonly log: Logger;
  readonly jobs: readonly RegisteredJob[];
  /** Workers poll and schedules fire only when true; tests may only enqueue. */
  readonly work: boolean;
  readonly pollingIntervalSeconds?: number;
}

export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { database, config, log, jobs } = options;
  const boss = new PgBoss({
    schema: JOB_SCHEMA,
    ...(database.executor
      ? { db: database.executor }
      : { connectionString: database.connectionString, max: 4 }),
    supervise: options.work,
    schedule: options.work,
    migrate: true,
    // Scheduled posts are due on the minute: pg-boss checks its cron every 30 s by default, which
    // would send a 10:00 post at up to 10:00:35. Every 5 s (with 1 s for the hand-over) keeps it close.
    cronMonitorIntervalSeconds: 5,
    cronWorkerIntervalSeconds: 1,
  });
  boss.on('error', (error: Error) => {
    log.error({ code: 'job_queue_error', errorName: error.name }, 'job queue error');
  });
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const enqueue = async (name: string, payload: object, sendOptions?: EnqueueOptions) => {
    const db = sendOptions?.db;
    return boss.send(name, payload, {
      ...(db ? { db: executorFor(db) } : {}),
      ...(sendOptions?.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      ...(sendOptions?.priority === undefined ? {} : { priority: sendOptions.priority }),
    });
  };
  const ctx: JobContext = {
    db: database.db,
    config,
    log,
    now: () => new Date(),
    jobs: { enqueue },
  };
  let running = false;

  async function execute(job: RegisteredJob, raw: unknown, jobId: string): Promise<JobOutcome> {
    const started = Date.now();
    const outcome = await job.run(raw, ctx);
    const fields = { job: job.name, jobId, status: outcome.status, ms: Date.now() - started };
    if (outcome.status === 'failed') {
      log.warn({ ...fields, reason: outcome.reason }, 'job failed');
      if (outcome.retry) {
        // Throwing hands the job back to pg-boss, which retries with backoff.
        throw new Error(`job ${job.name} failed: ${outcome.reason}`);
      }
    } else {
      log.info(fields, 'job finished');
    }
    return outcome;
  }

  return {
    async start() {
      await boss.start();
      for (const job of jobs) {
        await boss.createQueue(job.name, {
          name: job.name,
          retryLimit: job.retry.limit,
          retryDelay: job.retry.delaySeconds,
          retryBackoff: true,
        });
        if (!options.work) {
          continue;
        }
        // pg-boss 10 runs one handler per worker: several workers give a job concurrency.
        for (let worker = 0; worker < job.workers; worker += 1) {
          let workerId = '';
          workerId = await boss.work(
            job.name,
            { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
            async ([entry]) => {
              if (entry === undefined) {
                return undefined;
              }
              try {
                return await execute(job, entry.data, entry.id);
              } finally {
                // pg-boss waits the polling interval even after a job; a busy queue drains at once.
                boss.notifyWorker(workerId);
              }
            },
          );
        }
        if (job.cron !== undefined) {
          await boss.schedule(job.name, job.cron, {}, { tz: config.displayTimezone });
        }
      }
      running = true;
    },

    async send(job, payload, sendOptions) {
      return enqueue(job.name, payload as object, sendOptions);
    },

    enqueue,

    async runNow(name, payload) {
      const job = byName.get(name);
      if (job === undefined) {
        return { status: 'failed', reason: 'unknown_job', retry: false };
      }
      return job.run(payload ?? {}, ctx);
    },

    isRunning: () => running,

    async stop(timeoutMs = 20_000) {
      if (!running) {
        return;
      }
      running = false;
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: true });
    },
  };
}
