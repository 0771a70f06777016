import { createHash } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { conflict, notFound } from '../errors/errors.ts';
import type { JobSender } from '../jobs/job.ts';
import type { PostStatus } from './posts.table.ts';
import { DELIVER_JOB, PRIORITY_DELIVER_JOB, PRIORITY_LANE_MIN } from './outbox.jobs.ts';
import {
  countOutboxItemsByStatus,
  insertOutboxItemRows,
  lockPostRow,
} from './outbox.repository.ts';
import type { OutboxItemRow } from './outbox.table.ts';

/** Deterministic per (post, channel): every retry, on every worker, sends the same key. */
export function idempotencyKeyFor(postId: string, channelId: string): string {
  return createHash('sha256').update(`${postId}:${channelId}`).digest('hex');
}

/** Posts in these statuses may start delivery (from the scheduler, or "publish now"). */
const STARTABLE: readonly PostStatus[] = ['approved', 'scheduled'];

/** Enqueues one delivery attempt; without a queue (a test running handlers) nothing happens. */
export async function enqueueDelivery(
  jobs: JobSender | undefined,
  item: Pick<OutboxItemRow, 'id' | 'priority'>,
  startAfter?: Date,
): Promise<void> {
  await jobs?.enqueue(
    item.priority >= PRIORITY_LANE_MIN ? PRIORITY_DELIVER_JOB : DELIVER_JOB,
    { itemId: item.id },
    { priority: item.priority, ...(startAfter === undefined ? {} : { startAfter }) },
  );
}

/**
 * Starts publishing a post: one outbox item per target channel and the post in `publishing`,
 * in one transaction; the delivery jobs are enqueued after the commit (a job never finds its
 * item missing). Returns the new items.
 */
export interface StartOptions {
  /** Per channel: the external id of the earlier post this one continues (crisis threads). */
  readonly replyTo?: ReadonlyMap<string, string>;
  /** Per channel: an outbox priority above the post's own (X and Mastodon first in a crisis). */
  readonly priorityOf?: (channelId: string) => number;
}

export async function startDelivery(
  db: Kysely<Database>,
  jobs: JobSender | undefined,
  postId: string,
  now: Date,
  options: StartOptions = {},
): Promise<OutboxItemRow[]> {
  const items = await db.transaction().execute(async (trx) => {
    const post = await lockPostRow(trx, postId);
    if (post === undefined) {
      throw notFound('Diesen Beitrag gibt es nicht.');
    }
    if (!STARTABLE.some((status) => status === post.status)) {
      throw conflict('Dieser Beitrag ist nicht freigegeben oder wird bereits veröffentlicht.');
    }
    const targets = await trx
      .selectFrom('post_targets')
      .select('channel_id')
      .where('post_id', '=', postId)
      .execute();
    if (targets.length === 0) {
      throw conflict('Dieser Beitrag hat keinen Kanal. Bitte wählen Sie mindestens einen aus.');
    }
    const created = await insertOutboxItemRows(
      trx,
      targets.map((target) => ({
        post_id: postId,
        channel_id: target.channel_id,
        idempotency_key: idempotencyKeyFor(postId, target.channel_id),
        priority: options.priorityOf?.(target.channel_id) ?? post.priority,
        reply_to_external_id: options.replyTo?.get(target.channel_id) ?? null,
        status: 'queued' as const,
        next_attempt_at: null,
        first_sent_at: null,
        external_id: null,
        url: null,
        pending_ref: null,
        failure_kind: null,
        failure_reason: null,
        failure_code: null,
        published_at: null,
        created_at: now,
        updated_at: now,
      })),
    );
    await trx
      .updateTable('posts')
      .set({ status: 'publishing', updated_at: now })
      .where('id', '=', postId)
      .execute();
    return created;
  });
  for (const item of items) {
    await enqueueDelivery(jobs, item);
  }
  return items;
}

/** The post's status once all its items are terminal; undefined while some are still open. */
export function settledStatus(counts: ReadonlyMap<string, number>): PostStatus | undefined {
  const n = (status: string) => counts.get(status) ?? 0;
  const open = n('queued') + n('sending') + n('processing') + n('unconfirmed');
  if (open > 0) {
    return undefined;
  }
  const published = n('published');
  const failed = n('failed');
  if (published === 0) {
    // Nothing went out (all failed, or every delivery was cancelled).
    return failed > 0 || n('cancelled') > 0 ? 'failed' : undefined;
  }
  return failed === 0 ? 'published' : 'partly-failed';
}

/**
 * Settles a post after one of its items changed. Call inside the transaction that changed the
 * item: the post row lock makes the last of several concurrent items see all the others.
 * `unconfirmed` is open until a person resolves it.
 */
export async function settlePost(
  trx: Kysely<Database>,
  postId: string,
  now: Date,
): Promise<PostStatus | undefined> {
  const post = await lockPostRow(trx, postId);
  if (post === undefined) {
    return undefined;
  }
  const next = settledStatus(await countOutboxItemsByStatus(trx, postId));
  if (next === undefined) {
    return undefined;
  }
  // A deleted or edited post stays in its settled state; only a delivery in progress settles.
  await trx
    .updateTable('posts')
    .set({ status: next, updated_at: now })
    .where('id', '=', postId)
    .where('status', 'in', ['publishing', 'published', 'partly-failed', 'failed'])
    .execute();
  return next;
}

/** Runs `change` and the settlement of its post in one transaction. */
export async function changeAndSettle<T extends { post_id: string } | undefined>(
  db: Kysely<Database>,
  now: Date,
  change: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const changed = await change(trx);
    if (changed !== undefined) {
      await settlePost(trx, changed.post_id, now);
    }
    return changed;
  });
}
