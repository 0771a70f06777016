import { checkItem } from '../publishing/outbox.delivery.ts';
import { CHECK_JOB, checkPayloadSchema } from '../publishing/outbox.jobs.ts';
import { defineJob } from './job.ts';
import { deliveryContextOf } from './publishing-deliver.job.ts';

/** Asks the platform about a post it is still processing (Instagram containers, videos). */
export const publishingCheckJob = defineJob({
  name: CHECK_JOB,
  payload: checkPayloadSchema,
  retry: { limit: 2, delaySeconds: 30 },
  workers: 4,
  async handle(payload, ctx) {
    const result = await checkItem(deliveryContextOf(ctx), payload.itemId, payload.check);
    return result === 'skipped'
      ? { status: 'skipped', reason: 'not_processing' }
      : { status: 'done', detail: { result } };
  },
});
