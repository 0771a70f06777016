import { z } from 'zod';

import { reconcilePins } from '../crisis/crisis.pins.ts';
import { watchIncidents } from '../crisis/crisis.watch.ts';
import { createMailer } from '../mail/mailer.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import { defineJob } from './job.ts';

const PIN_TIMEOUT_MS = 15_000;

/** Every minute: expiry of incidents, escalation of stalled approvals, pins left to set or lift. */
export const crisisWatchJob = defineJob({
  name: 'crisis.watch',
  payload: z.object({}),
  cron: '* * * * *',
  retry: { limit: 0, delaySeconds: 30 },
  async handle(_payload, ctx) {
    const watched = await watchIncidents(ctx.db, {
      mailer: createMailer(ctx.config),
      publicUrl: ctx.config.publicUrl,
      log: ctx.log,
      now: ctx.now,
    });
    const pins = await reconcilePins(
      ctx.db,
      [encryptionKeyFrom(ctx.config.encryptionKey)],
      PIN_TIMEOUT_MS,
      ctx.now(),
      ctx.log,
    );
    return { status: 'done', detail: { ...watched, ...pins } };
  },
});
