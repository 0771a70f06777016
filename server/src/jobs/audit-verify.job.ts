import { z } from 'zod';

import { verifyAuditChain } from '../audit/audit.service.ts';
import { defineJob } from './job.ts';

/** Nightly: walks the audit hash chain so tampering is noticed without anyone asking. */
export const auditVerifyJob = defineJob({
  name: 'audit.verify',
  payload: z.object({}),
  cron: '15 3 * * *',
  retry: { limit: 0, delaySeconds: 0 },
  async handle(_payload, ctx) {
    const result = await verifyAuditChain(ctx.db);
    if (!result.ok) {
      ctx.log.error(
        { code: 'audit_chain_broken', brokenAt: result.brokenAt, reason: result.reason },
        'audit chain verification failed',
      );
      return {
        status: 'failed',
        reason: `chain broken at ${result.brokenAt ?? '?'}`,
        retry: false,
      };
    }
    return { status: 'done', detail: { checked: result.checked } };
  },
});
