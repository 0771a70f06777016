import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { RemoteComment } from '../platforms/connector.ts';
import { loadModerationDeps } from './ingest.moderation.ts';
import {
  deleteQuarantineBefore,
  findOpenQuarantineRows,
  listQuarantineRows,
  updateQuarantineAttempt,
} from './ingest.repository.ts';
import { ingestComments, invalidCommentReason } from './ingest.service.ts';
import type { InboxQuarantineRow } from './inbox.table.ts';
import { applyWebhookPayload } from './webhooks.service.ts';
import type { WebhookDeps, WebhookQuarantinePayload } from './webhooks.service.ts';

/**
 * Payloads ingestion could not read, kept with the reason until a retry (after the parser or
 * connector was fixed) reads them. They contain comment texts and names, so they are deleted
 * after QUARANTINE_RETENTION_DAYS whether resolved or not, and the list never shows them.
 */
export const QUARANTINE_RETENTION_DAYS = 30;
const RETRY_BATCH = 200;

export interface QuarantineEntry {
  readonly id: string;
  readonly source: 'webhook' | 'poll';
  readonly platform: string;
  readonly channelId: string | null;
  readonly reason: string;
  readonly attempts: number;
  readonly receivedAt: string;
  readonly lastAttemptAt: string;
  readonly resolvedAt: string | null;
}

export async function listQuarantine(
  db: Kysely<Database>,
  options: { readonly includeResolved: boolean; readonly limit: number },
): Promise<QuarantineEntry[]> {
  const rows = await listQuarantineRows(db, options);
  return rows.map((row) => ({
    id: row.id,
    source: row.source,
    platform: row.platform,
    channelId: row.channel_id,
    reason: row.reason,
    attempts: row.attempts,
    receivedAt: row.received_at.toISOString(),
    lastAttemptAt: row.last_attempt_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
  }));
}

export interface RetryOutcome {
  readonly attempted: number;
  readonly resolved: number;
  readonly failed: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A comment as stored from a poll, with its date revived from JSON. */
function storedComment(payload: unknown): RemoteComment | null {
  if (!isRecord(payload) || !isRecord(payload['comment'])) {
    return null;
  }
  const comment = payload['comment'];
  const createdAt = comment['createdAt'];
  return {
    ...(comment as unknown as RemoteComment),
    createdAt: new Date(typeof createdAt === 'string' ? createdAt : Number.NaN),
  };
}

function webhookPayload(payload: unknown): WebhookQuarantinePayload | null {
  if (!isRecord(payload)) {
    return null;
  }
  const format = payload['format'];
  const platform = payload['platform'];
  if ((format !== 'meta' && format !== 'sandbox') || typeof platform !== 'string') {
    return null;
  }
  return { format, platform, body: payload['body'] };
}

/** Reads one entry again; the reason when it still cannot be read, else null. */
async function retryOne(
  db: Kysely<Database>,
  deps: WebhookDeps,
  row: InboxQuarantineRow,
): Promise<string | null> {
  if (row.source === 'webhook') {
    const payload = webhookPayload(row.payload);
    if (payload === null) {
      return 'Gespeicherte Benachrichtigung unvollständig';
    }
    const applied = await applyWebhookPayload(db, deps, payload);
    return applied.problems.length === 0 ? null : applied.problems.join('; ');
  }
  const comment = storedComment(row.payload);
  if (comment === null || row.channel_id === null) {
    return 'Gespeicherter Kommentar unvollständig';
  }
  const problem = invalidCommentReason(comment);
  if (problem !== null) {
    return problem;
  }
  const moderation = deps.moderation ?? (await loadModerationDeps(db));
  await ingestComments(db, { id: row.channel_id, platform: row.platform }, [comment], {
    ...deps,
    moderation,
  });
  return null;
}

/**
 * Retries open entries (all, or the given ids). Each attempt is counted; a readable entry is
 * ingested (idempotently: dedupe by platform and external id) and marked resolved.
 */
export async function retryQuarantine(
  db: Kysely<Database>,
  actor: Actor,
  deps: WebhookDeps,
  ids: readonly string[] | null,
): Promise<RetryOutcome> {
  const rows = await findOpenQuarantineRows(db, ids, RETRY_BATCH);
  let resolved = 0;
  for (const row of rows) {
    let reason: string | null;
    try {
      reason = await retryOne(db, deps, row);
    } catch (error) {
      // One broken entry must not stop the others; the error's name only (no payload).
      reason = `Erneuter Versuch fehlgeschlagen (${error instanceof Error ? error.name : 'Fehler'})`;
    }
    await updateQuarantineAttempt(db, row.id, { resolved: reason === null, reason }, deps.now());
    resolved += reason === null ? 1 : 0;
  }
  const outcome = { attempted: rows.length, resolved, failed: rows.length - resolved };
  if (actor.userId !== null && rows.length > 0) {
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        actor,
        {
          action: 'inbox.quarantine_retried',
          objectType: 'inbox_quarantine',
          objectId: null,
          summary: `Quarantäne erneut verarbeitet: ${outcome.resolved} gelöst, ${outcome.failed} offen`,
        },
        deps.now(),
      ),
    );
  }
  return outcome;
}

/** Deletes entries older than the retention period; returns how many. */
export async function cleanupQuarantine(db: Kysely<Database>, now: Date): Promise<number> {
  return deleteQuarantineBefore(
    db,
    new Date(now.getTime() - QUARANTINE_RETENTION_DAYS * 24 * 60 * 60 * 1000),
  );
}
