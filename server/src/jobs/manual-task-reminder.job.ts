import { z } from 'zod';

import { createMailer } from '../mail/mailer.ts';
import { remindManualTasks } from '../manual-tasks/manual-tasks.reminders.ts';
import { defineJob } from './job.ts';

/**
 * Every 15 minutes (in DISPLAY_TIMEZONE): reminds the responsible people of manual tasks (Xing)
 * an hour before due, when due and every 24 h while still open, in the app and by e-mail when
 * SMTP_URL is set. A rerun creates and sends nothing twice.
 */
export const manualTaskReminderJob = defineJob({
  name: 'manual-tasks.reminder',
  payload: z.object({}),
  cron: '*/15 * * * *',
  async handle(_payload, ctx) {
    const result = await remindManualTasks(ctx.db, {
      now: ctx.now(),
      mailer: createMailer(ctx.config),
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
      timeZone: ctx.config.displayTimezone,
    });
    return { status: 'done', detail: { ...result } };
  },
});
