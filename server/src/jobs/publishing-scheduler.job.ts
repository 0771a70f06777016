import { z } from 'zod';

import { SCHEDULER_JOB } from '../publishing/outbox.jobs.ts';
import { runScheduler } from '../publishing/scheduler.service.ts';
import { defineJob } from './job.ts';

/** Every minute: starts the posts that are due, unless publishing is suspended. */
export const publishingSchedulerJob = defineJob({
  name: SCHEDULER_JOB,
  payload: z.object({}),
  cron: '* * * * *',
  retry: { limit: 0, delaySeconds: 30 },
  async handle(_payload, ctx) {
    const run = await runScheduler(ctx.db, ctx.jobs, ctx.now());
    return {
      status: 'done',
      detail: { started: run.started, recovered: run.recovered, suspended: String(run.suspended) },
    };
  },
});
