import { z } from 'zod';

import { runInboxRetention } from '../inbox/inbox.retention.ts';
import { defineJob } from './job.ts';

/** Nightly: personal data of inbox items done six months ago goes (concept §13). */
export const inboxRetentionJob = defineJob({
  name: 'inbox.retention',
  payload: z.object({}),
  cron: '50 3 * * *',
  async handle(_payload, ctx) {
    const result = await runInboxRetention(ctx.db, ctx.now());
    return { status: 'done', detail: { ...result } };
  },
});
