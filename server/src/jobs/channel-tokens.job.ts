import { z } from 'zod';

import { deleteExpiredOAuthFlows } from '../connections/connections.repository.ts';
import { maintainChannelTokens } from '../connections/tokens.service.ts';
import { createMailer } from '../mail/mailer.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import { defineJob } from './job.ts';

/**
 * Hourly: renews channel tokens that expire within 90 minutes, marks those that ran out, warns
 * 14, 7 and 1 days ahead where a platform cannot renew (LinkedIn's 60-day tokens), and drops
 * abandoned "Verbinden" attempts.
 */
export const channelTokensJob = defineJob({
  name: 'connections.channel-tokens',
  payload: z.object({}),
  cron: '7 * * * *',
  async handle(_payload, ctx) {
    const now = ctx.now();
    const result = await maintainChannelTokens(ctx.db, {
      now,
      keys: [encryptionKeyFrom(ctx.config.encryptionKey)],
      mailer: createMailer(ctx.config),
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
    });
    const abandoned = await deleteExpiredOAuthFlows(ctx.db, now);
    return { status: 'done', detail: { ...result, abandonedFlows: abandoned } };
  },
});
