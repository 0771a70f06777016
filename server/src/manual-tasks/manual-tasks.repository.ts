import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { ChannelFilter } from '../registry/registry.repository.ts';
import type {
  ManualTaskRow,
  ManualTaskStatus,
  ManualTaskUpdate,
  NewManualTaskRow,
} from './manual-tasks.table.ts';

/** A task with what the list shows and the scope check needs about its channel. */
export interface ManualTaskView extends ManualTaskRow {
  readonly channel_name: string;
  readonly channel_handle: string;
  readonly channel_org_unit_id: string;
  readonly responsible_user_ids: string[];
  readonly platform_key: string;
  readonly platform_name: string;
}

function selectViews(db: Kysely<Database>) {
  return db
    .selectFrom('manual_tasks')
    .innerJoin('channels', 'channels.id', 'manual_tasks.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .selectAll('manual_tasks')
    .select([
      'channels.name as channel_name',
      'channels.handle as channel_handle',
      'channels.org_unit_id as channel_org_unit_id',
      'channels.responsible_user_ids as responsible_user_ids',
      'platforms.key as platform_key',
      'platforms.name as platform_name',
    ]);
}

export async function insertManualTaskRow(
  db: Kysely<Database>,
  row: NewManualTaskRow,
): Promise<ManualTaskRow> {
  return db.insertInto('manual_tasks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findManualTaskView(
  db: Kysely<Database>,
  id: string,
): Promise<ManualTaskView | undefined> {
  return selectViews(db).where('manual_tasks.id', '=', id).executeTakeFirst();
}

/** Tasks of the channels in `scope`; open ones by due time first, then the rest, newest first. */
export async function listManualTaskViews(
  db: Kysely<Database>,
  scope: ChannelFilter | 'all',
  filter: { status?: ManualTaskStatus; channelId?: string },
  limit: number,
): Promise<ManualTaskView[]> {
  let q = selectViews(db);
  if (scope !== 'all') {
    const { orgUnitIds, channelIds } = scope;
    // Guard: `IN ()` is invalid SQL, and an empty scope sees nothing.
    if (orgUnitIds.length === 0 && channelIds.length === 0) {
      return [];
    }
    q = q.where((eb) =>
      eb.or([
        ...(orgUnitIds.length > 0 ? [eb('channels.org_unit_id', 'in', orgUnitIds)] : []),
        ...(channelIds.length > 0 ? [eb('channels.id', 'in', channelIds)] : []),
      ]),
    );
  }
  if (filter.status !== undefined) {
    q = q.where('manual_tasks.status', '=', filter.status);
  }
  if (filter.channelId !== undefined) {
    q = q.where('manual_tasks.channel_id', '=', filter.channelId);
  }
  return q
    .orderBy((eb) => eb.case().when('manual_tasks.status', '=', 'open').then(0).else(1).end())
    .orderBy('manual_tasks.due_at', 'asc')
    .orderBy('manual_tasks.id')
    .limit(limit)
    .execute();
}

/**
 * Applies a transition only while the task is still in `from`, so two people completing at
 * once cannot both win; undefined when the task was no longer in that state.
 */
export async function updateManualTaskRow(
  db: Kysely<Database>,
  id: string,
  from: ManualTaskStatus,
  patch: ManualTaskUpdate,
): Promise<ManualTaskRow | undefined> {
  return db
    .updateTable('manual_tasks')
    .set(patch)
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** Open tasks due up to `until`: overdue ones and those the advance notice covers. */
export async function listOpenTasksDueBy(
  db: Kysely<Database>,
  until: Date,
): Promise<ManualTaskView[]> {
  return selectViews(db)
    .where('manual_tasks.status', '=', 'open')
    .where('manual_tasks.due_at', '<=', until)
    .orderBy('manual_tasks.due_at')
    .orderBy('manual_tasks.id')
    .execute();
}

/** Claims a reminder round: only one run may move the counter from `round - 1` to `round`. */
export async function claimReminderRound(
  db: Kysely<Database>,
  id: string,
  round: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('manual_tasks')
    .set({ reminder_count: round, last_reminded_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('reminder_count', '=', round - 1)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
