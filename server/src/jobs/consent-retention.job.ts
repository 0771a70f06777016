import { z } from 'zod';

import { deleteExpiredProofs } from '../consent/consent.proofs.ts';
import { getConsentSettings } from '../consent/consent.settings.ts';
import { defineJob } from './job.ts';

/** Daily: deletes website consent proofs older than the configured retention period. */
export const consentRetentionJob = defineJob({
  name: 'consent.retention',
  payload: z.object({}),
  cron: '42 3 * * *',
  async handle(_payload, ctx) {
    const settings = await getConsentSettings(ctx.db);
    const { deleted, cutoff } = await deleteExpiredProofs(
      ctx.db,
      settings.proofRetentionDays,
      ctx.now(),
    );
    return { status: 'done', detail: { deleted, cutoff } };
  },
});
