import { z } from 'zod';

import { cleanupQuarantine } from '../inbox/quarantine.service.ts';
import { defineJob } from './job.ts';

/** Nightly: quarantined payloads hold comment texts and names; they go after 30 days. */
export const inboxQuarantineCleanupJob = defineJob({
  name: 'inbox.quarantine-cleanup',
  payload: z.object({}),
  cron: '40 3 * * *',
  async handle(_payload, ctx) {
    const deleted = await cleanupQuarantine(ctx.db, ctx.now());
    return { status: 'done', detail: { deleted } };
  },
});
