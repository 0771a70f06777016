import { z } from 'zod';

import { purgeExpired } from '../access/sessions.service.ts';
import { defineJob } from './job.ts';

/** Hourly: removes expired sessions and spent or expired setup and invite links. */
export const sessionCleanupJob = defineJob({
  name: 'access.session-cleanup',
  payload: z.object({}),
  cron: '17 * * * *',
  async handle(_payload, ctx) {
    const removed = await purgeExpired(
      ctx.db,
      {
        idleMinutes: ctx.config.sessionIdleMinutes,
        absoluteHours: ctx.config.sessionAbsoluteHours,
      },
      ctx.now(),
    );
    return { status: 'done', detail: removed };
  },
});
