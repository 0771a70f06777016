import { z } from 'zod';

/**
 * Names and payloads of the publishing jobs, apart from the job files: the outbox enqueues its
 * own follow-ups by name, which would otherwise be an import cycle.
 */
export const DELIVER_JOB = 'publishing.deliver';
/** The crisis lane: its own queue and workers, so a warning never waits behind regular posts. */
export const PRIORITY_DELIVER_JOB = 'publishing.deliver-priority';
/** Items at or above this priority (crisis warnings) use the priority lane. */
export const PRIORITY_LANE_MIN = 100;
export const CHECK_JOB = 'publishing.check';
export const SCHEDULER_JOB = 'publishing.scheduler';

export const deliverPayloadSchema = z.object({ itemId: z.uuid() });
export type DeliverPayload = z.infer<typeof deliverPayloadSchema>;

/** `check` counts the status checks of a pending post, so a stuck platform gives up in time. */
export const checkPayloadSchema = z.object({
  itemId: z.uuid(),
  check: z.number().int().min(1).default(1),
});
export type CheckPayload = z.infer<typeof checkPayloadSchema>;
