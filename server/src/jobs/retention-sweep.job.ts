import { z } from 'zod';

import { runRetentionSweep } from '../cases/cases.deletion.ts';
import { defineJob } from './job.ts';

/**
 * Daily: deletes every case six months (or its category's period) after it was closed, with all
 * copies of its personal data. Cases that failed stay due and are retried by the next run.
 */
export const retentionSweepJob = defineJob({
  name: 'cases.retention-sweep',
  payload: z.object({}),
  cron: '17 3 * * *',
  retry: { limit: 2, delaySeconds: 600 },
  async handle(_payload, ctx) {
    const result = await runRetentionSweep(
      { db: ctx.db, dataDir: ctx.config.dataDir, blindIndexKey: ctx.config.blindIndexKey },
      { now: ctx.now() },
    );
    const detail = {
      due: result.due,
      deleted: result.deleted,
      failed: result.failed,
      retried: result.retried,
      milliseconds: result.milliseconds,
    };
    if (result.failed > 0) {
      // Not retried by the queue: the failed cases stay due and tomorrow's run takes them again.
      return { status: 'failed', reason: `deletion_failed:${result.failed}`, retry: false };
    }
    return result.due === 0
      ? { status: 'skipped', reason: 'nothing_due' }
      : { status: 'done', detail };
  },
});
