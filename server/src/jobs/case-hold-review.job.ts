import { z } from 'zod';

import { remindDueHolds } from '../cases/cases.holds.ts';
import { defineJob } from './job.ts';

/** Daily at 07:35: reminds of legal holds whose review date has come (once per date). */
export const caseHoldReviewJob = defineJob({
  name: 'cases.hold-review',
  payload: z.object({}),
  cron: '35 7 * * *',
  async handle(_payload, ctx) {
    return { status: 'done', detail: await remindDueHolds(ctx.db, ctx.now()) };
  },
});
