import type { Kysely } from 'kysely';

import { decide } from '../access/access.policy.ts';
import type { Permission, RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { orgUnitPath, orgUnitSubtree } from '../access/org-units.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { asPlatformKey } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, forbidden, notFound } from '../errors/errors.ts';
import type { Capability } from '../platforms/connector.ts';
import { catalogueEntry } from '../platforms/platforms.catalogue.ts';
import { listInboxChannelRows, upsertChannelPolicy } from './inbox-channels.repository.ts';
import { inboxEvents } from './inbox.events.ts';
import {
  findItemView,
  findPostOfItem,
  listActionRows,
  listItemViews,
  listNoteRows,
  listReplyRows,
  listThreadViews,
} from './inbox.repository.ts';
import type { InboxItemView, InboxUnitScope } from './inbox.repository.ts';
import type { InboxChannel, InboxDetail, InboxItem, InboxListQuery } from './inbox.schema.ts';

/** The signed-in person whose grants scope what the inbox shows. */
export interface InboxReader {
  readonly id: string;
  readonly roles: readonly RoleGrant[];
}

export const NOT_VISIBLE = 'Diesen Eintrag gibt es nicht oder Sie dürfen ihn nicht sehen.';
const THREAD_LIMIT = 300;

/** The platform's declared capabilities (data, no token needed). */
export function capabilitiesOf(platform: string): ReadonlySet<Capability> {
  const key = asPlatformKey(platform);
  const entry = key === undefined ? undefined : catalogueEntry(key);
  return entry?.mode === 'api' ? entry.capabilities : new Set();
}

/** Replies to a direct message only where the connector reads DMs and keeps replies private. */
export function canReply(platform: string, kind: InboxItemView['kind']): boolean {
  const caps = capabilitiesOf(platform);
  return caps.has('reply') && (kind !== 'direct-message' || caps.has('read-direct-messages'));
}

export function canHide(platform: string, kind: InboxItemView['kind']): boolean {
  return kind !== 'direct-message' && capabilitiesOf(platform).has('hide-comment');
}

/**
 * The org units whose channels the reader may see for `permission`: 'all' for a grant without
 * unit, else the subtrees of the unit-scoped grants (the same rule as `decide`).
 */
export async function inboxScope(
  db: Kysely<Database>,
  reader: InboxReader,
  permission: Permission,
): Promise<InboxUnitScope> {
  const roots: string[] = [];
  for (const grant of reader.roles) {
    if (!decide({ roles: [grant], disabled: false }, permission).allowed) {
      continue;
    }
    if (grant.orgUnitId === null) {
      return 'all';
    }
    roots.push(grant.orgUnitId);
  }
  return orgUnitSubtree(db, roots);
}

/**
 * An item the reader may see (else 404, revealing nothing) and act on with `permission` (else
 * 403): the policy decides on the channel's org unit path or the assigned unit's, and the
 * person an item is assigned to may work on it with the permissions they hold anywhere.
 */
export async function visibleItem(
  db: Kysely<Database>,
  reader: InboxReader,
  id: string,
  permission: Permission = 'inbox.read',
): Promise<InboxItemView> {
  const view = await findItemView(db, id);
  if (view === undefined) {
    throw notFound(NOT_VISIBLE);
  }
  // The channel's unit, the unit the item is assigned to, and the assigned person may work on it.
  const resources = [{ orgUnitPath: await orgUnitPath(db, view.channel_org_unit_id) }];
  if (view.org_unit_id !== null) {
    resources.push({ orgUnitPath: await orgUnitPath(db, view.org_unit_id) });
  }
  const subject = { roles: reader.roles, disabled: false };
  const assignedToReader = view.assignee_id === reader.id;
  const allows = (action: Permission): boolean =>
    resources.some((resource) => decide(subject, action, resource).allowed) ||
    (assignedToReader && decide(subject, action).allowed);
  if (!allows('inbox.read')) {
    throw notFound(NOT_VISIBLE);
  }
  if (!allows(permission)) {
    throw forbidden();
  }
  return view;
}

export function toInboxItem(view: InboxItemView): InboxItem {
  return {
    id: view.id,
    channelId: view.channel_id,
    channelName: view.channel_name,
    platform: view.platform,
    kind: view.kind,
    visibility: view.visibility,
    externalId: view.external_id,
    parentExternalId: view.parent_external_id,
    postExternalId: view.post_external_id,
    postId: view.post_id,
    authorHandle: view.author_handle,
    authorName: view.author_name,
    text: view.text,
    remoteCreatedAt: view.remote_created_at.toISOString(),
    receivedAt: view.received_at.toISOString(),
    editedAt: view.edited_at?.toISOString() ?? null,
    deletedUpstreamAt: view.deleted_upstream_at?.toISOString() ?? null,
    status: view.status,
    assignee:
      view.assignee_id === null ? null : { id: view.assignee_id, name: view.assignee_name ?? '' },
    orgUnit:
      view.org_unit_id === null ? null : { id: view.org_unit_id, name: view.org_unit_name ?? '' },
    verdict: {
      outcome: view.verdict,
      score: view.verdict_score,
      ruleId: view.verdict_rule_id,
      ruleTitle: view.rule_title,
      reasons: view.verdict_reasons.map((reason) => ({ ...reason })),
      personalData: [...view.personal_data],
      suggestPrivateChannel: view.suggest_private,
    },
    visibilityState: view.visibility_state,
    hiddenRuleId: view.hidden_rule_id,
    caseId: view.case_id,
    appealOpen: view.appeal_open,
  };
}

/** The item as it is now, after an action; the live list hears about it. */
export async function reloadItem(db: Kysely<Database>, id: string): Promise<InboxItem> {
  const view = await findItemView(db, id);
  if (view === undefined) {
    throw notFound(NOT_VISIBLE);
  }
  inboxEvents.publish({ type: 'item-updated', itemId: view.id, channelId: view.channel_id });
  return toInboxItem(view);
}

interface Cursor {
  readonly receivedAt: string;
  readonly id: string;
}

function encodeCursor(view: InboxItemView): string {
  return Buffer.from(JSON.stringify([view.received_key, view.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(parsed[0]) &&
      /^[0-9a-f-]{36}$/i.test(parsed[1])
    ) {
      return { receivedAt: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the German error below.
  }
  throw new AppError('validation_failed', undefined, [
    { path: 'cursor', message: 'Die Seitenmarke ist ungültig. Bitte laden Sie die Liste neu.' },
  ]);
}

function newerFirst(a: InboxItemView, b: InboxItemView): number {
  const byTime = b.received_at.getTime() - a.received_at.getTime();
  if (byTime !== 0) {
    return byTime;
  }
  // Same millisecond: the text key keeps microseconds (ISO-like, so it compares as a string).
  if (a.received_key !== b.received_key) {
    return a.received_key < b.received_key ? 1 : -1;
  }
  return a.id.localeCompare(b.id);
}

/**
 * Newest received first, keyset-paged. "all" reads both statuses along the index and merges:
 * one sorted index walk per status instead of sorting the whole table.
 */
export async function listInbox(
  db: Kysely<Database>,
  reader: InboxReader,
  query: InboxListQuery,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const scope = await inboxScope(db, reader, 'inbox.read');
  const assigneeId =
    query.assigneeId === undefined
      ? undefined
      : query.assigneeId === 'me'
        ? reader.id
        : query.assigneeId === 'none'
          ? null
          : query.assigneeId;
  const base = {
    scope,
    readerId: reader.id,
    limit: query.limit + 1,
    ...(query.channelId === undefined ? {} : { channelId: query.channelId }),
    ...(query.platform === undefined ? {} : { platform: query.platform }),
    ...(assigneeId === undefined ? {} : { assigneeId }),
    ...(query.orgUnitId === undefined ? {} : { orgUnitId: query.orgUnitId }),
    ...(query.verdict === undefined ? {} : { verdict: query.verdict }),
    ...(query.visibilityState === undefined ? {} : { visibilityState: query.visibilityState }),
    ...(query.kind === undefined ? {} : { kind: query.kind }),
    ...(query.q === undefined ? {} : { q: query.q }),
    ...(query.cursor === undefined ? {} : { after: decodeCursor(query.cursor) }),
  };
  const statuses = query.status === 'all' ? (['open', 'done'] as const) : [query.status];
  const views: InboxItemView[] = [];
  for (const status of statuses) {
    views.push(...(await listItemViews(db, { ...base, status })));
  }
  views.sort(newerFirst);
  const page = views.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toInboxItem),
    nextCursor: views.length > query.limit && last !== undefined ? encodeCursor(last) : null,
  };
}

const ref = (id: string | null, name: string | null) =>
  id === null ? null : { id, name: name ?? '' };

export async function getInboxDetail(
  db: Kysely<Database>,
  reader: InboxReader,
  id: string,
): Promise<InboxDetail> {
  const view = await visibleItem(db, reader, id);
  const thread = await listThreadViews(db, view, THREAD_LIMIT);
  let post: InboxDetail['post'] = null;
  if (view.post_id !== null) {
    const found = await findPostOfItem(db, view.post_id, view.channel_id);
    post = {
      id: view.post_id,
      externalId: found?.external_id ?? view.post_external_id,
      text: found?.text ?? null,
      url: found?.url ?? null,
    };
  } else if (view.post_external_id !== null) {
    post = { id: null, externalId: view.post_external_id, text: null, url: null };
  }
  const notes = await listNoteRows(db, id);
  const replies = await listReplyRows(db, id);
  const actions = await listActionRows(db, id);
  return {
    item: toInboxItem(view),
    post,
    thread: (thread.some((entry) => entry.id === view.id) ? thread : [...thread, view]).map(
      toInboxItem,
    ),
    notes: notes.map((note) => ({
      id: note.id,
      author: ref(note.author_id, note.author_name),
      text: note.text,
      createdAt: note.created_at.toISOString(),
    })),
    replies: replies.map((reply) => ({
      id: reply.id,
      text: reply.text,
      state: reply.state,
      failure: reply.failure,
      author: ref(reply.author_id, reply.author_name),
      createdAt: reply.created_at.toISOString(),
    })),
    actions: actions.map((action) => ({
      id: action.id,
      action: action.action,
      actorKind: action.actor_kind,
      actor: ref(action.actor_id, action.actor_name),
      ruleId: action.rule_id,
      reason: action.reason,
      createdAt: action.created_at.toISOString(),
    })),
    capabilities: {
      reply: canReply(view.platform, view.kind),
      hide: canHide(view.platform, view.kind),
    },
  };
}

type ChannelRow = Awaited<ReturnType<typeof listInboxChannelRows>>[number];

function toInboxChannel(row: ChannelRow): InboxChannel {
  const caps = capabilitiesOf(row.platform);
  return {
    channelId: row.channel_id,
    channelName: row.channel_name,
    platform: row.platform,
    policy: row.policy ?? 'suggest',
    canReadComments: caps.has('read-comments'),
    canHide: caps.has('hide-comment'),
    canReply: caps.has('reply'),
    lastPolledAt: row.last_polled_at?.toISOString() ?? null,
    lastOkAt: row.last_ok_at?.toISOString() ?? null,
    lastError: row.last_error,
  };
}

/** Channels with their moderation policy, as far as the reader may see their items. */
export async function listInboxChannels(
  db: Kysely<Database>,
  reader: InboxReader,
): Promise<InboxChannel[]> {
  const scope = await inboxScope(db, reader, 'inbox.read');
  return (await listInboxChannelRows(db))
    .filter((row) => scope === 'all' || scope.includes(row.org_unit_id))
    .map(toInboxChannel);
}

/** Suggest only, or hide automatically; never automatic where the platform cannot hide. */
export async function setChannelPolicy(
  db: Kysely<Database>,
  actor: Actor,
  channelId: string,
  policy: 'suggest' | 'auto-hide',
): Promise<InboxChannel> {
  return db.transaction().execute(async (trx) => {
    const [row] = await listInboxChannelRows(trx, channelId);
    if (row === undefined) {
      throw notFound('Diesen Kanal gibt es nicht.');
    }
    if (policy === 'auto-hide' && !capabilitiesOf(row.platform).has('hide-comment')) {
      throw conflict(
        'Auf dieser Plattform kann Stadtfunk Kommentare nicht ausblenden. Bitte wählen Sie „nur vorschlagen“.',
      );
    }
    await upsertChannelPolicy(trx, channelId, policy, actor.userId);
    await recordAudit(trx, actor, {
      action: 'inbox.channel.policy',
      objectType: 'channel',
      objectId: channelId,
      summary: `Moderationsregel des Kanals: ${policy}`,
    });
    const [updated] = await listInboxChannelRows(trx, channelId);
    return toInboxChannel(updated ?? row);
  });
}
