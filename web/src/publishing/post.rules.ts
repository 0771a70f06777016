// Small facts about post and delivery states the post page and composer act on.
import type { DeliveryStatus, PostStatus } from './publishing.types.ts';

/** States in which the server still takes changes to the content (server posts.rules.ts). */
export const EDITABLE_STATUSES: ReadonlySet<PostStatus> = new Set([
  'draft',
  'in-review',
  'approved',
  'scheduled',
]);

/** Delivery states that will still change by themselves: the page keeps asking meanwhile. */
export const MOVING_DELIVERIES: ReadonlySet<DeliveryStatus> = new Set([
  'queued',
  'sending',
  'processing',
]);
