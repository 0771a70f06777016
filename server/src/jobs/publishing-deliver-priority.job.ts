import { deliverItem } from '../publishing/outbox.delivery.ts';
import { deliverPayloadSchema, PRIORITY_DELIVER_JOB } from '../publishing/outbox.jobs.ts';
import { defineJob } from './job.ts';
import { deliveryContextOf } from './publishing-deliver.job.ts';

/**
 * The crisis lane: the same delivery as `publishing.deliver` on a queue of its own, so warnings
 * never wait for workers busy with regular posts. Enough workers for every channel at once.
 */
export const publishingDeliverPriorityJob = defineJob({
  name: PRIORITY_DELIVER_JOB,
  payload: deliverPayloadSchema,
  retry: { limit: 2, delaySeconds: 5 },
  workers: 32,
  async handle(payload, ctx) {
    const result = await deliverItem(deliveryContextOf(ctx), payload.itemId);
    return result === 'skipped'
      ? { status: 'skipped', reason: 'not_due_or_taken' }
      : { status: 'done', detail: { result } };
  },
});
