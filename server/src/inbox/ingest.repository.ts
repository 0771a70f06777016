import type { Kysely, Updateable } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { ChannelPolicy } from '../moderation/moderation.pipeline.ts';
import type {
  InboxItemTable,
  InboxQuarantineRow,
  NewInboxItemRow,
  VisibilityState,
} from './inbox.table.ts';

/** What ingestion needs to know about an item it has seen before. */
export interface ExistingItem {
  readonly id: string;
  readonly channel_id: string;
  readonly external_id: string;
  readonly text: string;
  readonly author_handle: string;
  readonly author_name: string | null;
  readonly visibility_state: VisibilityState;
  readonly deleted_upstream_at: Date | null;
}

export interface NewActionRow {
  readonly item_id: string;
  readonly action: string;
  readonly actor_kind: 'system';
  readonly rule_id: string | null;
  readonly reason: string | null;
  readonly detail: Record<string, unknown> | null;
  readonly created_at: Date;
}

export async function findChannelPolicies(
  db: Kysely<Database>,
  channelIds: readonly string[],
): Promise<Map<string, ChannelPolicy>> {
  if (channelIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('inbox_channel_settings')
    .select(['channel_id', 'policy'])
    .where('channel_id', 'in', [...channelIds])
    .execute();
  return new Map(rows.map((row) => [row.channel_id, row.policy]));
}

export async function findExistingItems(
  db: Kysely<Database>,
  platform: string,
  externalIds: readonly string[],
): Promise<ExistingItem[]> {
  if (externalIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('inbox_items')
    .select([
      'id',
      'channel_id',
      'external_id',
      'text',
      'author_handle',
      'author_name',
      'visibility_state',
      'deleted_upstream_at',
    ])
    .where('platform', '=', platform)
    .where('external_id', 'in', [...externalIds])
    .execute();
}

/** One multi-row statement; a row another writer inserted meanwhile is skipped, not doubled. */
export async function insertItemRows(
  db: Kysely<Database>,
  rows: readonly NewInboxItemRow[],
): Promise<{ id: string; external_id: string }[]> {
  if (rows.length === 0) {
    return [];
  }
  return db
    .insertInto('inbox_items')
    .values([...rows])
    .onConflict((conflict) => conflict.columns(['platform', 'external_id']).doNothing())
    .returning(['id', 'external_id'])
    .execute();
}

export async function updateItemRow(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<InboxItemTable>,
): Promise<void> {
  await db.updateTable('inbox_items').set(patch).where('id', '=', id).execute();
}

export async function insertActionRows(
  db: Kysely<Database>,
  rows: readonly NewActionRow[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db
    .insertInto('inbox_actions')
    .values(
      rows.map((row) => ({
        ...row,
        actor_id: null,
        detail: row.detail === null ? undefined : JSON.stringify(row.detail),
      })),
    )
    .execute();
}

/**
 * The city's own posts on this channel by their platform id (the outbox records it), with the
 * master text the off-topic signal compares a comment with.
 */
export async function findOwnPosts(
  db: Kysely<Database>,
  channelId: string,
  externalIds: readonly string[],
): Promise<Map<string, { readonly postId: string; readonly text: string }>> {
  if (externalIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('outbox_items')
    .innerJoin('posts', 'posts.id', 'outbox_items.post_id')
    .select(['outbox_items.post_id', 'outbox_items.external_id', 'posts.master_text'])
    .where('outbox_items.channel_id', '=', channelId)
    .where('outbox_items.external_id', 'in', [...externalIds])
    .execute();
  return new Map(
    rows.flatMap((row) =>
      row.external_id === null
        ? []
        : [[row.external_id, { postId: row.post_id, text: row.master_text }] as const],
    ),
  );
}

/** Texts the channel received lately, for the copy-paste (duplicate) signal; newest first. */
export async function findRecentTexts(
  db: Kysely<Database>,
  channelId: string,
  since: Date,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('inbox_items')
    .select('text')
    .where('channel_id', '=', channelId)
    .where('received_at', '>=', since)
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.text);
}

/** Items on which a person already hid, showed again or restored: automation stays out. */
export async function findItemsDecidedByPerson(
  db: Kysely<Database>,
  itemIds: readonly string[],
): Promise<Set<string>> {
  if (itemIds.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectFrom('inbox_actions')
    .select('item_id')
    .distinct()
    .where('item_id', 'in', [...itemIds])
    .where('actor_kind', '=', 'user')
    .where('action', 'in', ['hide', 'unhide', 'restore'])
    .execute();
  return new Set(rows.map((row) => row.item_id));
}

export async function markItemDeletedUpstream(
  db: Kysely<Database>,
  platform: string,
  externalId: string,
  at: Date,
): Promise<{ id: string; channel_id: string } | undefined> {
  return db
    .updateTable('inbox_items')
    .set({ deleted_upstream_at: at, updated_at: at })
    .where('platform', '=', platform)
    .where('external_id', '=', externalId)
    .where('deleted_upstream_at', 'is', null)
    .returning(['id', 'channel_id'])
    .executeTakeFirst();
}

/** Connected channels that are not retired, with their platform's key. */
export async function listConnectedChannels(
  db: Kysely<Database>,
): Promise<{ id: string; platform_key: string }[]> {
  return db
    .selectFrom('channels')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select(['channels.id as id', 'platforms.key as platform_key'])
    .where('channels.connection_status', '=', 'connected')
    .where('channels.status', '!=', 'retired')
    .orderBy('channels.created_at')
    .orderBy('channels.id')
    .execute();
}

/** The city's channels connected as `accountId` on a platform, oldest first. */
export async function findChannelsByAccount(
  db: Kysely<Database>,
  platformKey: string,
  accountId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('channels')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select('channels.id as id')
    .where('platforms.key', '=', platformKey)
    .where('channels.connected_account_id', '=', accountId)
    .where('channels.status', '!=', 'retired')
    .orderBy('channels.created_at')
    .orderBy('channels.id')
    .execute();
  return rows.map((row) => row.id);
}

export async function findCursor(db: Kysely<Database>, channelId: string): Promise<string | null> {
  const row = await db
    .selectFrom('inbox_cursors')
    .select('cursor')
    .where('channel_id', '=', channelId)
    .executeTakeFirst();
  return row?.cursor ?? null;
}

export async function saveCursorOk(
  db: Kysely<Database>,
  channelId: string,
  cursor: string | null,
  seen: number,
  at: Date,
): Promise<void> {
  await db
    .insertInto('inbox_cursors')
    .values({
      channel_id: channelId,
      cursor,
      last_polled_at: at,
      last_ok_at: at,
      last_error: null,
      items_seen: seen,
    })
    .onConflict((conflict) =>
      conflict.column('channel_id').doUpdateSet((eb) => ({
        cursor,
        last_polled_at: at,
        last_ok_at: at,
        last_error: null,
        items_seen: eb('inbox_cursors.items_seen', '+', seen),
      })),
    )
    .execute();
}

/** Records a failed poll; the cursor stays where it was, so nothing is skipped. */
export async function saveCursorFailure(
  db: Kysely<Database>,
  channelId: string,
  failure: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('inbox_cursors')
    .values({
      channel_id: channelId,
      cursor: null,
      last_polled_at: at,
      last_ok_at: null,
      last_error: failure,
      items_seen: 0,
    })
    .onConflict((conflict) =>
      conflict.column('channel_id').doUpdateSet({ last_polled_at: at, last_error: failure }),
    )
    .execute();
}

export interface NewQuarantineRow {
  readonly source: 'webhook' | 'poll';
  readonly platform: string;
  readonly channel_id: string | null;
  readonly reason: string;
  readonly payload: unknown;
  readonly received_at: Date;
}

export async function insertQuarantineRow(
  db: Kysely<Database>,
  row: NewQuarantineRow,
): Promise<string> {
  const inserted = await db
    .insertInto('inbox_quarantine')
    .values({
      ...row,
      payload: JSON.stringify(row.payload),
      last_attempt_at: row.received_at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function listQuarantineRows(
  db: Kysely<Database>,
  options: { readonly includeResolved: boolean; readonly limit: number },
): Promise<Omit<InboxQuarantineRow, 'payload'>[]> {
  let query = db
    .selectFrom('inbox_quarantine')
    .select([
      'id',
      'source',
      'platform',
      'channel_id',
      'reason',
      'attempts',
      'received_at',
      'last_attempt_at',
      'resolved_at',
    ])
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(options.limit);
  if (!options.includeResolved) {
    query = query.where('resolved_at', 'is', null);
  }
  return query.execute();
}

export async function findOpenQuarantineRows(
  db: Kysely<Database>,
  ids: readonly string[] | null,
  limit: number,
): Promise<InboxQuarantineRow[]> {
  let query = db
    .selectFrom('inbox_quarantine')
    .selectAll()
    .where('resolved_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit);
  if (ids !== null) {
    if (ids.length === 0) {
      return [];
    }
    query = query.where('id', 'in', [...ids]);
  }
  return query.execute();
}

export async function updateQuarantineAttempt(
  db: Kysely<Database>,
  id: string,
  outcome: { readonly resolved: boolean; readonly reason: string | null },
  at: Date,
): Promise<void> {
  await db
    .updateTable('inbox_quarantine')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_attempt_at: at,
      ...(outcome.resolved ? { resolved_at: at } : {}),
      ...(outcome.reason === null ? {} : { reason: outcome.reason }),
    }))
    .where('id', '=', id)
    .execute();
}

/** Quarantined payloads hold comment texts and names: they are deleted after `before`. */
export async function deleteQuarantineBefore(db: Kysely<Database>, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('inbox_quarantine')
    .where('received_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
