import { z } from 'zod';

import { createMailer } from '../mail/mailer.ts';
import { remindDueReviews } from '../registry/reviews-due.service.ts';
import { defineJob } from './job.ts';

/**
 * Daily at 07:30 (the schedule runs in DISPLAY_TIMEZONE, Europe/Berlin by default): reminds the
 * responsible role of overdue and upcoming reviews (concept §10, §11, §15), in the app and by
 * e-mail when SMTP_URL is set. Repeated runs on one day create and send nothing new.
 */
export const reviewReminderJob = defineJob({
  name: 'registry.review-reminder',
  payload: z.object({}),
  cron: '30 7 * * *',
  async handle(_payload, ctx) {
    const result = await remindDueReviews(ctx.db, {
      now: ctx.now(),
      mailer: createMailer(ctx.config),
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
    });
    return { status: 'done', detail: { ...result } };
  },
});
