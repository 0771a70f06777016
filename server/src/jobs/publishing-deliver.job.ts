import type { Logger } from 'pino';

import { createMailer } from '../mail/mailer.ts';
import type { DeliveryContext } from '../publishing/outbox.delivery.ts';
import { deliverItem } from '../publishing/outbox.delivery.ts';
import { DELIVER_JOB, deliverPayloadSchema } from '../publishing/outbox.jobs.ts';
import { encryptionKeyFrom } from '../shared/crypto.ts';
import { defineJob } from './job.ts';
import type { JobContext } from './job.ts';

/** Background deliveries may wait longer for a platform than a person would. */
const DELIVERY_TIMEOUT_MS = 30_000;

/** What the outbox needs from a job's context; shared by the deliver and check jobs. */
export function deliveryContextOf(ctx: JobContext, log: Logger = ctx.log): DeliveryContext {
  return {
    db: ctx.db,
    config: ctx.config,
    log,
    now: ctx.now,
    jobs: ctx.jobs,
    keys: [encryptionKeyFrom(ctx.config.encryptionKey)],
    mailer: createMailer(ctx.config),
    publicUrl: ctx.config.publicUrl,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  };
}

/**
 * One attempt of one outbox item. Retries are new jobs at the instant the outbox stored (honouring
 * Retry-After), so the queue's own retry only covers a crash of the handler itself.
 */
export const publishingDeliverJob = defineJob({
  name: DELIVER_JOB,
  payload: deliverPayloadSchema,
  retry: { limit: 2, delaySeconds: 30 },
  // Deliveries mostly wait for platforms: several at once keep a busy minute short.
  workers: 16,
  async handle(payload, ctx) {
    const result = await deliverItem(deliveryContextOf(ctx), payload.itemId);
    return result === 'skipped'
      ? { status: 'skipped', reason: 'not_due_or_taken' }
      : { status: 'done', detail: { result } };
  },
});
