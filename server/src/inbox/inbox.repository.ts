import { sql } from 'kysely';
import type { Insertable, Kysely, Updateable } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type {
  InboxActionTable,
  InboxActorKind,
  InboxItemKind,
  InboxItemRow,
  InboxItemTable,
  InboxStatus,
  VisibilityState,
} from './inbox.table.ts';
import type { ModerationOutcome } from '../moderation/moderation.pipeline.ts';

/** An item with what the list shows next to it (channel, assignee, unit, rule title). */
export interface InboxItemView extends InboxItemRow {
  readonly channel_name: string;
  readonly channel_org_unit_id: string;
  readonly assignee_name: string | null;
  readonly org_unit_name: string | null;
  readonly rule_title: string | null;
  /** received_at as PostgreSQL text: keeps the microseconds a JS Date would drop (keyset). */
  readonly received_key: string;
}

/** Where the reader may look: everything, or the channels of these org units. */
export type InboxUnitScope = 'all' | readonly string[];

export interface InboxListFilter {
  readonly status: InboxStatus;
  readonly scope: InboxUnitScope;
  /** With a unit scope: the reader, who also sees what is assigned to them personally. */
  readonly readerId?: string;
  readonly channelId?: string;
  readonly platform?: string;
  /** A user id, or null for "nobody". */
  readonly assigneeId?: string | null;
  readonly orgUnitId?: string;
  readonly verdict?: ModerationOutcome;
  readonly visibilityState?: VisibilityState;
  readonly kind?: InboxItemKind;
  readonly q?: string;
  readonly after?: { readonly receivedAt: string; readonly id: string };
  readonly limit: number;
}

function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('inbox_items as i')
    .innerJoin('channels as c', 'c.id', 'i.channel_id')
    .leftJoin('users as u', 'u.id', 'i.assignee_id')
    .leftJoin('org_units as o', 'o.id', 'i.org_unit_id')
    .leftJoin('netiquette_rules as r', 'r.id', 'i.verdict_rule_id')
    .selectAll('i')
    .select([
      'c.name as channel_name',
      'c.org_unit_id as channel_org_unit_id',
      'u.display_name as assignee_name',
      'o.name as org_unit_name',
      'r.title as rule_title',
      sql<string>`i.received_at::text`.as('received_key'),
    ]);
}

/** `%` and `_` are wildcards in LIKE; a search for "50%" means the characters. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * One status at a time, newest received first, so PostgreSQL walks `inbox_items_list`
 * (status, received_at DESC, id) and stops after `limit` rows even with a million items.
 */
export async function listItemViews(
  db: Kysely<Database>,
  filter: InboxListFilter,
): Promise<InboxItemView[]> {
  let query = viewQuery(db).where('i.status', '=', filter.status);
  if (filter.scope !== 'all') {
    // A unit sees its channels' items, items assigned to it, and each person what is assigned to them.
    const units = [...filter.scope];
    const readerId = filter.readerId;
    query = query.where((eb) =>
      eb.or([
        ...(units.length === 0
          ? []
          : [eb('c.org_unit_id', 'in', units), eb('i.org_unit_id', 'in', units)]),
        ...(readerId === undefined ? [] : [eb('i.assignee_id', '=', readerId)]),
        eb.val(false),
      ]),
    );
  }
  if (filter.channelId !== undefined) {
    query = query.where('i.channel_id', '=', filter.channelId);
  }
  if (filter.platform !== undefined) {
    query = query.where('i.platform', '=', filter.platform);
  }
  if (filter.assigneeId !== undefined) {
    query =
      filter.assigneeId === null
        ? query.where('i.assignee_id', 'is', null)
        : query.where('i.assignee_id', '=', filter.assigneeId);
  }
  if (filter.orgUnitId !== undefined) {
    query = query.where('i.org_unit_id', '=', filter.orgUnitId);
  }
  if (filter.verdict !== undefined) {
    query = query.where('i.verdict', '=', filter.verdict);
  }
  if (filter.visibilityState !== undefined) {
    query = query.where('i.visibility_state', '=', filter.visibilityState);
  }
  if (filter.kind !== undefined) {
    query = query.where('i.kind', '=', filter.kind);
  }
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb('i.text', 'ilike', pattern),
        eb('i.author_handle', 'ilike', pattern),
        eb('i.author_name', 'ilike', pattern),
      ]),
    );
  }
  const after = filter.after;
  if (after !== undefined) {
    query = query.where(
      sql<boolean>`(i.received_at < ${after.receivedAt}::timestamptz OR (i.received_at = ${after.receivedAt}::timestamptz AND i.id > ${after.id}::uuid))`,
    );
  }
  return query
    .orderBy('i.received_at', 'desc')
    .orderBy('i.id', 'asc')
    .limit(filter.limit)
    .execute();
}

export async function findItemView(
  db: Kysely<Database>,
  id: string,
): Promise<InboxItemView | undefined> {
  return viewQuery(db).where('i.id', '=', id).executeTakeFirst();
}

export async function findItemViewsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<InboxItemView[]> {
  return ids.length === 0
    ? []
    : viewQuery(db)
        .where('i.id', 'in', [...ids])
        .execute();
}

/** Locks the item for the rest of the transaction: concurrent actions on it run one by one. */
export async function lockItemRow(
  db: Kysely<Database>,
  id: string,
): Promise<InboxItemRow | undefined> {
  return db
    .selectFrom('inbox_items')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateItemRow(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<InboxItemTable>,
): Promise<void> {
  await db
    .updateTable('inbox_items')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/**
 * The conversation an item belongs to: up to its root through parent ids, then every reply
 * below that root (recursive, on the `inbox_items_parent` index), capped.
 */
export async function listThreadViews(
  db: Kysely<Database>,
  item: { readonly platform: string; readonly channel_id: string; readonly external_id: string },
  limit: number,
): Promise<InboxItemView[]> {
  const rows = await sql<{ id: string }>`
    WITH RECURSIVE up AS (
      SELECT id, external_id, parent_external_id, 0 AS depth
        FROM inbox_items WHERE platform = ${item.platform} AND external_id = ${item.external_id}
      UNION ALL
      SELECT p.id, p.external_id, p.parent_external_id, up.depth + 1
        FROM inbox_items p JOIN up ON p.platform = ${item.platform}
         AND p.external_id = up.parent_external_id
       WHERE up.depth < 50
    ),
    root AS (SELECT external_id FROM up ORDER BY depth DESC LIMIT 1),
    down AS (
      SELECT id, external_id, 0 AS depth FROM inbox_items
       WHERE platform = ${item.platform} AND external_id = (SELECT external_id FROM root)
      UNION ALL
      SELECT c.id, c.external_id, down.depth + 1
        FROM inbox_items c JOIN down ON c.platform = ${item.platform}
         AND c.parent_external_id = down.external_id
       WHERE down.depth < 50
    )
    SELECT DISTINCT id FROM down LIMIT ${limit}`.execute(db);
  const views = await findItemViewsByIds(
    db,
    rows.rows.map((row) => row.id),
  );
  return views
    .filter((view) => view.channel_id === item.channel_id)
    .sort(
      (a, b) =>
        a.remote_created_at.getTime() - b.remote_created_at.getTime() || a.id.localeCompare(b.id),
    );
}

export async function findPostOfItem(
  db: Kysely<Database>,
  postId: string,
  channelId: string,
): Promise<{ text: string; external_id: string | null; url: string | null } | undefined> {
  return db
    .selectFrom('posts as p')
    .leftJoin('outbox_items as ob', (join) =>
      join.onRef('ob.post_id', '=', 'p.id').on('ob.channel_id', '=', channelId),
    )
    .select(['p.master_text as text', 'ob.external_id', 'ob.url'])
    .where('p.id', '=', postId)
    .executeTakeFirst();
}

export async function insertActionRow(
  db: Kysely<Database>,
  row: {
    readonly itemId: string;
    readonly action: string;
    readonly actorKind: InboxActorKind;
    readonly actorId: string | null;
    readonly ruleId?: string | null;
    readonly reason?: string | null;
    readonly detail?: Record<string, unknown> | null;
  },
): Promise<string> {
  const values: Insertable<InboxActionTable> = {
    item_id: row.itemId,
    action: row.action,
    actor_kind: row.actorKind,
    actor_id: row.actorId,
    rule_id: row.ruleId ?? null,
    reason: row.reason ?? null,
    detail:
      row.detail === undefined || row.detail === null ? undefined : JSON.stringify(row.detail),
  };
  const inserted = await db
    .insertInto('inbox_actions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function listActionRows(db: Kysely<Database>, itemId: string) {
  return db
    .selectFrom('inbox_actions as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.action',
      'a.actor_kind',
      'a.actor_id',
      'u.display_name as actor_name',
      'a.rule_id',
      'a.reason',
      'a.created_at',
    ])
    .where('a.item_id', '=', itemId)
    .orderBy('a.id')
    .execute();
}

export async function insertNoteRow(
  db: Kysely<Database>,
  row: { itemId: string; authorId: string | null; text: string },
) {
  return db
    .insertInto('inbox_notes')
    .values({ item_id: row.itemId, author_id: row.authorId, text: row.text })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listNoteRows(db: Kysely<Database>, itemId: string) {
  return db
    .selectFrom('inbox_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.text', 'n.author_id', 'u.display_name as author_name', 'n.created_at'])
    .where('n.item_id', '=', itemId)
    .orderBy('n.created_at')
    .execute();
}

export async function insertReplyRow(
  db: Kysely<Database>,
  row: {
    itemId: string;
    text: string;
    state: 'sent' | 'failed';
    externalId: string | null;
    failure: string | null;
    authorId: string | null;
  },
) {
  return db
    .insertInto('inbox_replies')
    .values({
      item_id: row.itemId,
      text: row.text,
      state: row.state,
      external_id: row.externalId,
      failure: row.failure,
      author_id: row.authorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listReplyRows(db: Kysely<Database>, itemId: string) {
  return db
    .selectFrom('inbox_replies as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select([
      'r.id',
      'r.text',
      'r.state',
      'r.failure',
      'r.author_id',
      'u.display_name as author_name',
      'r.created_at',
    ])
    .where('r.item_id', '=', itemId)
    .orderBy('r.created_at')
    .execute();
}

/** Hidden items of one writer on one platform: what a public appeal may concern. */
export async function listHiddenItemsOfAuthor(
  db: Kysely<Database>,
  platform: string,
  handles: readonly string[],
): Promise<
  {
    id: string;
    channel_id: string;
    hidden_rule_id: string | null;
    remote_created_at: Date;
    external_id: string;
    appeal_open: boolean;
  }[]
> {
  return db
    .selectFrom('inbox_items')
    .select([
      'id',
      'channel_id',
      'hidden_rule_id',
      'remote_created_at',
      'external_id',
      'appeal_open',
    ])
    .where('platform', '=', platform)
    .where('author_handle', 'in', [...handles])
    .where('visibility_state', 'in', ['hidden', 'hide-failed'])
    .orderBy('remote_created_at', 'desc')
    .limit(50)
    .execute();
}
