import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import type { JobSender } from '../jobs/job.ts';
import { listOverdueQueuedRows, requeueStuckSendingRows } from './outbox.repository.ts';
import { enqueueDelivery, startDelivery } from './outbox.service.ts';
import { isSuspended } from './suspension.service.ts';

/** Posts started per query; the loop continues until no due post is left. */
const BATCH = 200;
/**
 * A queued item untouched this long lost its job, a `sending` one its worker. Long enough for a
 * busy minute's backlog to drain, so the sweep rarely duplicates a job that is merely waiting.
 */
export const STALE_AFTER_MS = 10 * 60_000;

export interface SchedulerRun {
  readonly suspended: boolean;
  readonly started: number;
  readonly recovered: number;
}

/**
 * Due posts are those `scheduled` with `scheduled_at <= now`, compared as instants (timestamptz
 * against a JS Date): the wall-clock time zone and DST play no part here.
 */
export async function dueScheduledPostIds(
  db: Kysely<Database>,
  now: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('priority', 'desc')
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Every minute: starts due posts (unless publishing is suspended) and revives lost items. */
export async function runScheduler(
  db: Kysely<Database>,
  jobs: JobSender | undefined,
  now: Date,
): Promise<SchedulerRun> {
  const suspended = await isSuspended(db);
  let started = 0;
  if (!suspended) {
    const skipped = new Set<string>();
    for (;;) {
      const due = (await dueScheduledPostIds(db, now, BATCH + skipped.size)).filter(
        (id) => !skipped.has(id),
      );
      if (due.length === 0) {
        break;
      }
      for (const postId of due) {
        try {
          await startDelivery(db, jobs, postId, now);
          started += 1;
        } catch (error) {
          // Another run took it, or it has no channel: skip, never stop the others.
          if (!(error instanceof AppError)) {
            throw error;
          }
          skipped.add(postId);
        }
      }
    }
  }
  // Deliveries already under way continue during a suspension (crisis posts among them).
  const before = new Date(now.getTime() - STALE_AFTER_MS);
  const stuck = await requeueStuckSendingRows(db, before, now);
  const lost = await listOverdueQueuedRows(db, before, 1000);
  const revive = new Map([...stuck, ...lost].map((item) => [item.id, item]));
  for (const item of revive.values()) {
    await enqueueDelivery(jobs, item);
  }
  return { suspended, started, recovered: revive.size };
}
