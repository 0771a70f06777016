import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, invalid, notFound } from '../errors/errors.ts';
import { descriptorFor, isPublishedUrlOf } from '../platforms/xing/xing.descriptor.ts';
import { channelScopeFor, inScope } from '../registry/channels.access.ts';
import type { Reader } from '../registry/channels.service.ts';
import { findChannelRow, findPlatformRow } from '../registry/registry.repository.ts';
import {
  findManualTaskView,
  insertManualTaskRow,
  listManualTaskViews,
  updateManualTaskRow,
} from './manual-tasks.repository.ts';
import type { ManualTaskView } from './manual-tasks.repository.ts';
import type { ManualTask, ManualTaskQuery } from './manual-tasks.schema.ts';
import type { MediaNote, TaskSource } from './manual-tasks.table.ts';
import { settleOutboxFromTask } from './manual-tasks.outbox.ts';

const LIST_LIMIT = 500;
const NOT_VISIBLE = 'Diese Aufgabe gibt es nicht oder Sie dürfen sie nicht sehen.';

/** What the outbox (later) and the UI hand over; `source` says where the task came from. */
export interface ManualTaskInput {
  readonly channelId: string;
  readonly title: string;
  readonly text: string;
  readonly mediaNotes?: readonly MediaNote[];
  readonly dueAt: string | Date;
  readonly source?: TaskSource | null;
}

export function toManualTask(view: ManualTaskView): ManualTask {
  return {
    id: view.id,
    channelId: view.channel_id,
    channelName: view.channel_name,
    channelHandle: view.channel_handle,
    platformKey: view.platform_key,
    publishUrl: descriptorFor(view.platform_key)?.publishUrl ?? '',
    title: view.title,
    text: view.text,
    mediaNotes: view.media_notes,
    dueAt: view.due_at.toISOString(),
    source: view.source,
    status: view.status,
    publishedUrl: view.published_url,
    completedAt: view.completed_at?.toISOString() ?? null,
    completedBy: view.completed_by,
    cancelledReason: view.cancelled_reason,
    reminderCount: view.reminder_count,
    lastRemindedAt: view.last_reminded_at?.toISOString() ?? null,
    createdBy: view.created_by,
    createdAt: view.created_at.toISOString(),
    updatedAt: view.updated_at.toISOString(),
  };
}

export async function listManualTasks(
  db: Kysely<Database>,
  reader: Reader,
  query: ManualTaskQuery,
): Promise<ManualTask[]> {
  const scope = await channelScopeFor(db, reader);
  return (await listManualTaskViews(db, scope, query, LIST_LIMIT)).map(toManualTask);
}

/** A task of a channel the reader may see; others answer "not found" and reveal nothing. */
async function visibleView(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
): Promise<ManualTaskView> {
  const view = await findManualTaskView(db, id);
  if (
    view === undefined ||
    !inScope(await channelScopeFor(db, reader), {
      id: view.channel_id,
      org_unit_id: view.channel_org_unit_id,
    })
  ) {
    throw notFound(NOT_VISIBLE);
  }
  return view;
}

export async function getManualTask(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
): Promise<ManualTask> {
  return toManualTask(await visibleView(db, reader, id));
}

/**
 * Creates the task for a person to publish by hand. `reader` limits the channel to what that
 * person may see; the outbox passes none and acts as the system.
 */
export async function createManualTask(
  db: Kysely<Database>,
  actor: Actor,
  input: ManualTaskInput,
  options: { reader?: Reader; now?: Date } = {},
): Promise<ManualTask> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const channel = await findChannelRow(trx, input.channelId);
    const visible =
      channel !== undefined &&
      (options.reader === undefined ||
        inScope(await channelScopeFor(trx, options.reader), channel));
    if (!visible) {
      throw invalid([
        {
          path: 'channelId',
          message: 'Diesen Kanal gibt es nicht oder Sie dürfen ihn nicht sehen.',
        },
      ]);
    }
    const platform = await findPlatformRow(trx, { id: channel.platform_id });
    if (platform === undefined || descriptorFor(platform.key) === undefined) {
      throw new AppError(
        'conflict',
        'Aufgaben zum Veröffentlichen von Hand gibt es nur für Kanäle ohne Schnittstelle (z. B. Xing). Dieser Kanal wird über die Schnittstelle der Plattform bespielt.',
        [{ path: 'channelId', message: 'Kein Kanal zum Veröffentlichen von Hand.' }],
      );
    }
    const row = await insertManualTaskRow(trx, {
      channel_id: channel.id,
      title: input.title,
      text: input.text,
      media_notes: JSON.stringify(input.mediaNotes ?? []),
      due_at: new Date(input.dueAt),
      source:
        input.source === undefined || input.source === null ? null : JSON.stringify(input.source),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'manual_task.created',
        objectType: 'manual_task',
        objectId: row.id,
        summary: `Aufgabe zum Veröffentlichen von Hand angelegt (Kanal ${channel.id}, fällig ${row.due_at.toISOString()}, Quelle ${input.source?.kind ?? 'Oberfläche'})`,
      },
      now,
    );
    return toManualTask(await viewOrThrow(trx, row.id));
  });
}

async function viewOrThrow(db: Kysely<Database>, id: string): Promise<ManualTaskView> {
  const view = await findManualTaskView(db, id);
  if (view === undefined) {
    throw notFound(NOT_VISIBLE);
  }
  return view;
}

const NOT_OPEN = 'Diese Aufgabe ist bereits erledigt oder abgebrochen.';

/** Records that a person published the post, with the post's URL on the platform. */
export async function completeManualTask(
  db: Kysely<Database>,
  reader: Reader,
  actor: Actor,
  id: string,
  publishedUrl: string,
  now: Date = new Date(),
): Promise<ManualTask> {
  const task = await db.transaction().execute(async (trx) => {
    const view = await visibleView(trx, reader, id);
    const descriptor = descriptorFor(view.platform_key);
    if (descriptor === undefined || !isPublishedUrlOf(descriptor, publishedUrl)) {
      const hosts = descriptor?.publishedUrlHosts.join(', ') ?? 'der Plattform';
      throw invalid([
        {
          path: 'publishedUrl',
          message: `Bitte geben Sie die Adresse des veröffentlichten Beitrags an: sie beginnt mit https:// und liegt auf ${hosts}.`,
        },
      ]);
    }
    const row = await updateManualTaskRow(trx, id, 'open', {
      status: 'done',
      published_url: publishedUrl,
      completed_at: now,
      completed_by: actor.userId,
      updated_at: now,
    });
    if (row === undefined) {
      throw conflict(NOT_OPEN);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'manual_task.completed',
        objectType: 'manual_task',
        objectId: id,
        summary: `Als veröffentlicht markiert (Kanal ${view.channel_id})`,
      },
      now,
    );
    return toManualTask(await viewOrThrow(trx, id));
  });
  await settleOutboxFromTask(db, task, now);
  return task;
}

/** Cancels an open task; the reason stays with the task, never in the audit log (free text). */
export async function cancelManualTask(
  db: Kysely<Database>,
  reader: Reader,
  actor: Actor,
  id: string,
  reason: string,
  now: Date = new Date(),
): Promise<ManualTask> {
  const task = await db.transaction().execute(async (trx) => {
    const view = await visibleView(trx, reader, id);
    const row = await updateManualTaskRow(trx, id, 'open', {
      status: 'cancelled',
      cancelled_reason: reason,
      updated_at: now,
    });
    if (row === undefined) {
      throw conflict(NOT_OPEN);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'manual_task.cancelled',
        objectType: 'manual_task',
        objectId: id,
        summary: `Aufgabe abgebrochen (Kanal ${view.channel_id})`,
      },
      now,
    );
    return toManualTask(await viewOrThrow(trx, id));
  });
  await settleOutboxFromTask(db, task, now);
  return task;
}
