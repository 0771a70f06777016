import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { caseHash } from './cases.crypto.ts';
import { findCaseSettingsRow, updateCaseSettingsRow } from './cases.repository.ts';
import { ruleApplied } from './cases.retention.ts';
import type { RetentionSettings } from './cases.retention.ts';
import { emptyTrash, listTrash, moveCaseDirsToTrash, restoreCaseDirs } from './cases.storage.ts';
import type { SweepSummary } from './cases.table.ts';
import {
  blankPublicLinkedItems,
  countAttachmentsByCase,
  countDueCases,
  deleteCaseNotifications,
  deleteCaseRows,
  deletePrivateLinkedItems,
  existingCaseIds,
  insertDeletionLogRows,
  listDueCases,
  lockCases,
  recordDeletionFailure,
} from './retention.repository.ts';
import type { DueCase } from './retention.repository.ts';

/**
 * Deletes cases with every copy of their personal data, in one transaction per batch: the case
 * row (and by cascade its blind indexes, timeline and attachment rows), the private content of
 * linked inbox items, notifications pointing at it, and the attachment folder on disk. What
 * remains is a deletion-log row without personal data. A failure rolls everything back (the
 * folder is moved back too); the case stays due, the next run retries it and the log counts the
 * attempts.
 */

export interface DeletionDeps {
  readonly db: Kysely<Database>;
  readonly dataDir: string;
  readonly blindIndexKey: string;
}

export interface SweepOptions {
  readonly now: Date;
  readonly dryRun?: boolean;
  readonly batchSize?: number;
}

export interface DryRunCase {
  readonly id: string;
  readonly category: string;
  readonly deleteAfter: string;
}

export interface SweepResult extends SweepSummary {
  /** Only in a dry run: what would go (first 1000). */
  readonly wouldDelete: readonly DryRunCase[];
}

const DEFAULT_BATCH = 1000;

function dateOnly(date: Date | null): string | null {
  return date === null ? null : date.toISOString().slice(0, 10);
}

function settingsOf(row: {
  default_retention_months: number;
  categories: RetentionSettings['categories'];
}): RetentionSettings {
  return { defaultRetentionMonths: row.default_retention_months, categories: row.categories };
}

/** Deletes the due cases among `ids` atomically; returns how many went and how many were retries. */
async function deleteBatch(
  deps: DeletionDeps,
  ids: readonly string[],
  now: Date,
): Promise<{ deleted: number; retried: number }> {
  let moved: string[] = [];
  try {
    const result = await deps.db.transaction().execute(async (trx) => {
      const due = (await lockCases(trx, ids)).filter(
        (row): row is DueCase & { delete_after: Date } =>
          row.delete_after !== null && row.delete_after <= now,
      );
      const dueIds = due.map((row) => row.id);
      if (dueIds.length === 0) {
        return { deleted: 0, retried: 0 };
      }
      const settings = settingsOf(await findCaseSettingsRow(trx));
      const attachments = await countAttachmentsByCase(trx, dueIds);
      const removed = tally(await deletePrivateLinkedItems(trx, dueIds));
      const blanked = tally(await blankPublicLinkedItems(trx, dueIds));
      await deleteCaseNotifications(trx, dueIds);
      await insertDeletionLogRows(
        trx,
        due.map((row) => ({
          case_hash: caseHash(deps.blindIndexKey, row.id),
          category: row.category,
          legal_basis: row.legal_basis,
          created_on: row.created_at.toISOString().slice(0, 10),
          closed_on: dateOnly(row.closed_at),
          deleted_at: now,
          rule: ruleApplied(settings, row.category),
          trigger: 'sweep' as const,
          attempts: row.deletion_attempts + 1,
          linked_items_deleted: removed.get(row.id) ?? 0,
          linked_items_blanked: blanked.get(row.id) ?? 0,
          attachments_deleted: attachments.get(row.id) ?? 0,
        })),
      );
      const deleted = await deleteCaseRows(trx, dueIds);
      await recordAudit(
        trx,
        systemActor(),
        {
          action: 'case.retention-delete',
          objectType: 'case',
          objectId: null,
          summary: `${deleted} Fälle nach Ablauf der Aufbewahrungsfrist gelöscht (Löschprotokoll)`,
        },
        now,
      );
      // Last step before the commit: only a transaction that got this far moves files.
      moved = await moveCaseDirsToTrash(deps.dataDir, dueIds);
      return { deleted, retried: due.filter((row) => row.deletion_attempts > 0).length };
    });
    await emptyTrash(deps.dataDir, moved);
    return result;
  } catch (error) {
    await restoreCaseDirs(deps.dataDir, moved);
    throw error;
  }
}

function tally(caseIds: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of caseIds) {
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

function errorCode(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}:${code}` : error.name;
  }
  return 'unknown';
}

/** Folders an interrupted run left in the trash: removed if their case is gone, else restored. */
async function settleTrash(deps: DeletionDeps): Promise<void> {
  const left = await listTrash(deps.dataDir);
  const alive = await existingCaseIds(deps.db, left);
  await restoreCaseDirs(
    deps.dataDir,
    left.filter((id) => alive.has(id)),
  );
  await emptyTrash(
    deps.dataDir,
    left.filter((id) => !alive.has(id)),
  );
}

/** The daily sweep and `stadtfunk retention run`: deletes every case whose time has come. */
export async function runRetentionSweep(
  deps: DeletionDeps,
  options: SweepOptions,
): Promise<SweepResult> {
  const started = performance.now();
  const { now } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (options.dryRun === true) {
    const due = await countDueCases(deps.db, now);
    const sample = await listDueCases(deps.db, now, 1000);
    return {
      dryRun: true,
      due,
      deleted: 0,
      failed: 0,
      retried: 0,
      milliseconds: Math.round(performance.now() - started),
      wouldDelete: sample.map((row) => ({
        id: row.id,
        category: row.category,
        deleteAfter: row.delete_after?.toISOString() ?? '',
      })),
    };
  }
  await settleTrash(deps);
  const failed = new Set<string>();
  let due = 0;
  let deleted = 0;
  let retried = 0;
  for (;;) {
    const batch = (await listDueCases(deps.db, now, batchSize + failed.size))
      .filter((row) => !failed.has(row.id))
      .slice(0, batchSize)
      .map((row) => row.id);
    if (batch.length === 0) {
      break;
    }
    due += batch.length;
    try {
      const result = await deleteBatch(deps, batch, now);
      deleted += result.deleted;
      retried += result.retried;
      if (result.deleted === 0) {
        break;
      }
    } catch {
      // One case must not block the others: retry the batch one case at a time.
      for (const id of batch) {
        try {
          const result = await deleteBatch(deps, [id], now);
          deleted += result.deleted;
          retried += result.retried;
        } catch (error) {
          failed.add(id);
          await recordDeletionFailure(deps.db, id, errorCode(error));
        }
      }
    }
  }
  const summary: SweepSummary = {
    dryRun: false,
    due,
    deleted,
    failed: failed.size,
    retried,
    milliseconds: Math.round(performance.now() - started),
  };
  await updateCaseSettingsRow(deps.db, { last_sweep_at: now, last_sweep: JSON.stringify(summary) });
  return { ...summary, wouldDelete: [] };
}
