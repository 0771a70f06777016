import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { PublishResult } from '../platforms/connector.ts';
import { findOutboxItemRow, updateOutboxItemRow } from '../publishing/outbox.repository.ts';
import { changeAndSettle } from '../publishing/outbox.service.ts';
import type { ManualTask } from './manual-tasks.schema.ts';

/** Where an outbox item's task is named in `pending_ref`. */
export const MANUAL_PENDING_PREFIX = 'manual-task:';

/**
 * The connector contract's view of a task, so the outbox treats a manual channel like any other:
 * pending until a person records the URL, published with it, failed (rejected) when cancelled.
 */
export function manualTaskResult(
  task: Pick<ManualTask, 'id' | 'status' | 'publishedUrl' | 'cancelledReason'>,
): PublishResult {
  if (task.status === 'done' && task.publishedUrl !== null) {
    return { status: 'published', externalId: task.publishedUrl, url: task.publishedUrl };
  }
  if (task.status === 'cancelled') {
    return {
      status: 'failed',
      failure: {
        kind: 'rejected',
        reason: task.cancelledReason ?? 'Abgebrochen',
        platformCode: null,
      },
    };
  }
  return { status: 'pending', pendingRef: task.id };
}

/** After a task was completed or cancelled: the outbox item and its post follow. */
export async function settleOutboxFromTask(
  db: Kysely<Database>,
  task: ManualTask,
  now: Date,
): Promise<void> {
  if (task.source?.kind !== 'outbox') {
    return;
  }
  const item = await findOutboxItemRow(db, task.source.ref);
  if (item?.status !== 'processing' || item.pending_ref !== `${MANUAL_PENDING_PREFIX}${task.id}`) {
    return;
  }
  const result = manualTaskResult(task);
  if (result.status === 'pending') {
    return;
  }
  await changeAndSettle(db, now, (trx) =>
    updateOutboxItemRow(
      trx,
      item.id,
      'processing',
      result.status === 'published'
        ? {
            status: 'published',
            external_id: result.externalId,
            url: result.url,
            published_at: now,
            pending_ref: null,
            updated_at: now,
          }
        : {
            status: 'failed',
            failure_kind: result.failure.kind,
            failure_reason: result.failure.kind === 'rejected' ? result.failure.reason : null,
            failure_code: 'manual_cancelled',
            pending_ref: null,
            updated_at: now,
          },
    ),
  );
}
