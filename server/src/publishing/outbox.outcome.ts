import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { Database } from '../database/database.types.ts';
import type { JobSender } from '../jobs/job.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { PlatformFailure } from '../platforms/connector.ts';
import { CHECK_JOB, PRIORITY_LANE_MIN } from './outbox.jobs.ts';
import { checkDelaySeconds, failureCode, MAX_ATTEMPTS, nextAttemptAt } from './outbox.backoff.ts';
import { notifyDeliveryProblem } from './outbox.notify.ts';
import { updateOutboxItemRow } from './outbox.repository.ts';
import { changeAndSettle, enqueueDelivery } from './outbox.service.ts';
import type { OutboxItemRow, OutboxStatus } from './outbox.table.ts';

/** What the delivery and check jobs need besides the item. */
export interface OutcomeContext {
  readonly db: Kysely<Database>;
  /** Pino's or Fastify's request logger: only these levels are used. */
  readonly log: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly jobs: JobSender | undefined;
  readonly mailer: Mailer | undefined;
  readonly publicUrl: string;
  readonly now: () => Date;
}

export type DeliveryResult =
  'published' | 'processing' | 'requeued' | 'failed' | 'unconfirmed' | 'cancelled' | 'skipped';

export const NOT_CONNECTED_REASON = 'Kanal ist nicht verbunden';
const AUTH_EXPIRED_REASON = 'Der Zugang zum Kanal ist abgelaufen. Bitte verbinden Sie ihn neu.';
const GAVE_UP_REASON = `Nach ${String(MAX_ATTEMPTS)} Versuchen aufgegeben.`;
const UNCONFIRMED_REASON =
  'Es ließ sich nicht feststellen, ob der Beitrag erschienen ist. Bitte prüfen Sie das auf der Plattform.';

function logResult(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  result: DeliveryResult,
  failure?: PlatformFailure,
): void {
  // Kinds and codes only: platform messages may carry personal data.
  ctx.log.info(
    {
      code: 'outbox_delivery',
      itemId: item.id,
      result,
      attempt: item.attempts,
      ...(failure === undefined
        ? {}
        : { failureKind: failure.kind, failureCode: failureCode(failure) }),
    },
    'outbox delivery',
  );
}

export async function markPublished(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  from: OutboxStatus,
  published: { externalId: string | null; url: string | null },
): Promise<DeliveryResult> {
  const now = ctx.now();
  await changeAndSettle(ctx.db, now, (trx) =>
    updateOutboxItemRow(trx, item.id, from, {
      status: 'published',
      external_id: published.externalId,
      url: published.url,
      published_at: now,
      pending_ref: null,
      next_attempt_at: null,
      failure_kind: null,
      failure_reason: null,
      failure_code: null,
      updated_at: now,
    }),
  );
  logResult(ctx, item, 'published');
  return 'published';
}

export async function markProcessing(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  pendingRef: string,
): Promise<DeliveryResult> {
  const now = ctx.now();
  const updated = await updateOutboxItemRow(ctx.db, item.id, 'sending', {
    status: 'processing',
    pending_ref: pendingRef,
    updated_at: now,
  });
  if (updated !== undefined) {
    await scheduleCheck(ctx, updated, 1);
  }
  logResult(ctx, item, 'processing');
  return 'processing';
}

export async function scheduleCheck(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  check: number,
): Promise<void> {
  const startAfter = new Date(ctx.now().getTime() + checkDelaySeconds(check) * 1000);
  await ctx.jobs?.enqueue(
    CHECK_JOB,
    { itemId: item.id, check },
    { startAfter, priority: item.priority },
  );
}

/** A retriable failure: back to the queue at the platform's Retry-After or the backoff. */
export async function requeueOrGiveUp(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  failure: Extract<PlatformFailure, { kind: 'rate-limited' | 'transient' | 'outcome-unknown' }>,
): Promise<DeliveryResult> {
  if (item.attempts >= MAX_ATTEMPTS) {
    // An unknown outcome on the last attempt may still have gone out: a person decides.
    return failure.kind === 'outcome-unknown'
      ? markUnconfirmed(ctx, item, 'sending')
      : markFailed(ctx, item, 'sending', failure, GAVE_UP_REASON);
  }
  const now = ctx.now();
  const at = nextAttemptAt(
    failure,
    item.attempts,
    now,
    undefined,
    item.priority >= PRIORITY_LANE_MIN,
  );
  const updated = await updateOutboxItemRow(ctx.db, item.id, 'sending', {
    status: 'queued',
    next_attempt_at: at,
    failure_kind: failure.kind,
    failure_code: failureCode(failure),
    failure_reason: null,
    updated_at: now,
  });
  if (updated !== undefined) {
    await enqueueDelivery(ctx.jobs, updated, at);
  }
  logResult(ctx, item, 'requeued', failure);
  return 'requeued';
}

export async function markFailed(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  from: OutboxStatus,
  failure: PlatformFailure,
  reason?: string,
): Promise<DeliveryResult> {
  const now = ctx.now();
  const text =
    reason ??
    (failure.kind === 'rejected'
      ? failure.reason
      : failure.kind === 'auth-expired'
        ? AUTH_EXPIRED_REASON
        : GAVE_UP_REASON);
  const updated = await changeAndSettle(ctx.db, now, (trx) =>
    updateOutboxItemRow(trx, item.id, from, {
      status: 'failed',
      failure_kind: failure.kind,
      failure_code: failureCode(failure),
      failure_reason: text,
      next_attempt_at: null,
      updated_at: now,
    }),
  );
  logResult(ctx, item, 'failed', failure);
  if (updated !== undefined) {
    await notifyDeliveryProblem(ctx.db, updated, 'failed', {
      mailer: ctx.mailer,
      publicUrl: ctx.publicUrl,
      log: ctx.log,
      now,
    });
  }
  return 'failed';
}

export async function markUnconfirmed(
  ctx: OutcomeContext,
  item: OutboxItemRow,
  from: OutboxStatus,
): Promise<DeliveryResult> {
  const now = ctx.now();
  const updated = await updateOutboxItemRow(ctx.db, item.id, from, {
    status: 'unconfirmed',
    failure_kind: 'outcome-unknown',
    failure_code: null,
    failure_reason: UNCONFIRMED_REASON,
    next_attempt_at: null,
    updated_at: now,
  });
  logResult(ctx, item, 'unconfirmed', { kind: 'outcome-unknown' });
  if (updated !== undefined) {
    await notifyDeliveryProblem(ctx.db, updated, 'unconfirmed', {
      mailer: ctx.mailer,
      publicUrl: ctx.publicUrl,
      log: ctx.log,
      now,
    });
  }
  return 'unconfirmed';
}

export async function markCancelled(
  ctx: OutcomeContext,
  item: OutboxItemRow,
): Promise<DeliveryResult> {
  const now = ctx.now();
  await changeAndSettle(ctx.db, now, (trx) =>
    updateOutboxItemRow(trx, item.id, 'sending', { status: 'cancelled', updated_at: now }),
  );
  logResult(ctx, item, 'cancelled');
  return 'cancelled';
}
