import { z } from 'zod';

import { pollDueFeeds } from '../crisis/feeds.service.ts';
import { createMailer } from '../mail/mailer.ts';
import { defineJob } from './job.ts';

/** Every minute: fetches the warning feeds whose interval has passed (each feed has its own). */
export const crisisPollJob = defineJob({
  name: 'crisis.poll',
  payload: z.object({}),
  cron: '* * * * *',
  retry: { limit: 0, delaySeconds: 30 },
  async handle(_payload, ctx) {
    const results = await pollDueFeeds(ctx.db, {
      mailer: createMailer(ctx.config),
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
      now: ctx.now,
    });
    const failed = results.filter((result) => !result.ok).length;
    if (failed > 0) {
      ctx.log.warn({ code: 'crisis_feed_failed', failed }, 'some warning feeds could not be read');
    }
    return { status: 'done', detail: { polled: results.length, failed } };
  },
});
