import { z } from 'zod';

import { pollInboxChannels } from '../inbox/poll.service.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import { defineJob } from './job.ts';

/** Every minute: reads comments, mentions and messages of each channel that can read them. */
export const inboxPollJob = defineJob({
  name: 'inbox.poll',
  payload: z.object({}),
  cron: '* * * * *',
  // The next minute's run resumes from the cursors; a retry would only overlap it.
  retry: { limit: 0, delaySeconds: 30 },
  async handle(_payload, ctx) {
    const results = await pollInboxChannels(ctx.db, {
      keys: [encryptionKeyFrom(ctx.config.encryptionKey)],
      now: ctx.now,
      log: ctx.log,
    });
    let created = 0;
    let edited = 0;
    let hidden = 0;
    let quarantined = 0;
    for (const result of results) {
      if (result.status === 'ok') {
        created += result.result.created;
        edited += result.result.edited;
        hidden += result.result.hidden;
        quarantined += result.result.quarantined;
      }
    }
    const failed = results.filter((result) => result.status === 'failed').length;
    if (failed > 0) {
      ctx.log.warn({ code: 'inbox_poll_failed', failed }, 'some channels could not be read');
    }
    return {
      status: 'done',
      detail: {
        channels: results.filter((result) => result.status !== 'skipped').length,
        failed,
        created,
        edited,
        hidden,
        quarantined,
      },
    };
  },
});
