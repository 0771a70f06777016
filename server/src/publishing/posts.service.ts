import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { rolesOfUsers } from '../access/users.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import { channelScopeFor, inScope } from '../registry/channels.access.ts';
import type { ChannelFilter } from '../registry/registry.repository.ts';
import { deriveText } from './posts.content.ts';
import {
  deletePostRow,
  findPostRow,
  insertPostRow,
  isWarningPost,
  listChannelsWithPlatform,
  listMediaIds,
  listPostRows,
  listTargetChannels,
  lockPostRow,
  replaceMedia,
  replaceTargets,
  updatePostRow,
  userNames,
} from './posts.repository.ts';
import type { CreatePostInput, Post, PostListQuery, UpdatePostInput } from './posts.schema.ts';
import { EDITABLE, needsApproval, statusAfterEdit } from './posts.rules.ts';
import type { PostRow } from './posts.table.ts';

export interface Reader {
  readonly id: string;
  readonly roles: readonly RoleGrant[];
}

const LIST_LIMIT = 500;
const NOT_FOUND = 'Diesen Beitrag gibt es nicht oder Sie dürfen ihn nicht sehen.';

async function rolesOf(db: Kysely<Database>, userId: string): Promise<RoleGrant[]> {
  return (await rolesOfUsers(db, [userId])).map((row) => ({
    role: row.role,
    orgUnitId: row.org_unit_id,
  }));
}

/** Posts (with targets) as the API shows them. */
export async function toPosts(db: Kysely<Database>, rows: readonly PostRow[]): Promise<Post[]> {
  const ids = rows.map((row) => row.id);
  const targets = await listTargetChannels(db, ids);
  const media = await listMediaIds(db, ids);
  const names = await userNames(
    db,
    rows.flatMap((row) =>
      [row.created_by, row.submitted_by, row.approved_by].filter((id): id is string => id !== null),
    ),
  );
  const nameOf = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  const creatorScopes = new Map<string, { roles: RoleGrant[]; scope: ChannelFilter | 'all' }>();
  const creators = rows.map((row) => row.created_by).filter((id): id is string => id !== null);
  for (const creator of new Set(creators)) {
    const roles = await rolesOf(db, creator);
    creatorScopes.set(creator, { roles, scope: await channelScopeFor(db, { id: creator, roles }) });
  }
  return rows.map((row) => {
    const own = targets.filter((target) => target.post_id === row.id);
    const creator = (row.created_by === null ? undefined : creatorScopes.get(row.created_by)) ?? {
      roles: [],
      scope: 'all' as const,
    };
    return {
      id: row.id,
      title: row.title,
      masterText: row.master_text,
      linkUrl: row.link_url,
      hashtags: row.hashtags,
      campaign: row.campaign,
      goal: row.goal as Post['goal'],
      status: row.status,
      scheduledAt: row.scheduled_at?.toISOString() ?? null,
      priority: row.priority,
      targets: own.map((target) => ({
        channelId: target.channel_id,
        channelName: target.name,
        channelHandle: target.handle,
        platformKey: target.platform_key,
        variantText: target.variant_text,
        variantTitle: target.variant_title,
        effectiveText:
          target.variant_text ??
          deriveText({
            masterText: row.master_text,
            linkUrl: row.link_url,
            hashtags: row.hashtags,
          }),
      })),
      mediaIds: media.filter((m) => m.post_id === row.id).map((m) => m.media_id),
      createdBy: row.created_by,
      createdByName: nameOf(row.created_by),
      submittedBy: row.submitted_by,
      submittedByName: nameOf(row.submitted_by),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      approvedBy: row.approved_by,
      approvedByName: nameOf(row.approved_by),
      approvedAt: row.approved_at?.toISOString() ?? null,
      rejectionReason: row.rejection_reason,
      needsApproval: needsApproval(creator.roles, creator.scope, own),
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  });
}

export async function toPost(db: Kysely<Database>, row: PostRow): Promise<Post> {
  const [post] = await toPosts(db, [row]);
  if (post === undefined) {
    throw notFound(NOT_FOUND);
  }
  return post;
}

/** A post the reader may see: one of its channels is in their scope, or they wrote it. */
export async function visiblePostRow(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
  lock = false,
): Promise<PostRow> {
  const row = lock ? await lockPostRow(db, id) : await findPostRow(db, id);
  if (row === undefined) {
    throw notFound(NOT_FOUND);
  }
  if (lock && (await isWarningPost(db, id))) {
    // Official wording, approval with source hash and legal basis: only the crisis module.
    throw conflict('Warnbeiträge werden unter „Krise“ geprüft und freigegeben.');
  }
  if (row.created_by === reader.id) {
    return row;
  }
  const scope = await channelScopeFor(db, reader);
  const targets = await listTargetChannels(db, [id]);
  if (
    !targets.some((target) =>
      inScope(scope, { id: target.channel_id, org_unit_id: target.org_unit_id }),
    )
  ) {
    throw notFound(NOT_FOUND);
  }
  return row;
}

/** Every target must be a channel the person may draft for (agencies: assigned ones only). */
async function checkTargets(
  db: Kysely<Database>,
  reader: Reader,
  channelIds: readonly string[],
): Promise<void> {
  const unique = new Set(channelIds);
  if (unique.size !== channelIds.length) {
    throw invalid([{ path: 'targets', message: 'Jeder Kanal darf nur einmal vorkommen.' }]);
  }
  const scope = await channelScopeFor(db, reader);
  const channels = await listChannelsWithPlatform(db, channelIds);
  channelIds.forEach((channelId, index) => {
    const channel = channels.find((c) => c.channel_id === channelId);
    if (
      channel === undefined ||
      !inScope(scope, { id: channelId, org_unit_id: channel.org_unit_id })
    ) {
      throw invalid([
        {
          path: `targets.${index}.channelId`,
          message: 'Für diesen Kanal dürfen Sie keine Beiträge schreiben.',
        },
      ]);
    }
  });
}

export async function createPost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  input: CreatePostInput,
  now: Date = new Date(),
): Promise<Post> {
  await checkTargets(
    db,
    reader,
    input.targets.map((target) => target.channelId),
  );
  return db.transaction().execute(async (trx) => {
    const row = await insertPostRow(trx, {
      title: input.title,
      master_text: input.masterText,
      link_url: input.linkUrl,
      hashtags: input.hashtags,
      campaign: input.campaign,
      goal: input.goal,
      status: 'draft',
      scheduled_at: input.scheduledAt === null ? null : new Date(input.scheduledAt),
      created_by: reader.id,
      submitted_by: null,
      submitted_at: null,
      approved_by: null,
      approved_at: null,
      rejection_reason: null,
      created_at: now,
      updated_at: now,
    });
    await replaceTargets(
      trx,
      row.id,
      input.targets.map((target) => ({
        channel_id: target.channelId,
        variant_text: target.variantText,
        variant_title: target.variantTitle,
      })),
    );
    await replaceMedia(trx, row.id, input.mediaIds);
    await recordAudit(
      trx,
      actor,
      {
        action: 'post.created',
        objectType: 'post',
        objectId: row.id,
        summary: `Beitrag angelegt (${input.targets.length} Kanäle)`,
      },
      now,
    );
    return toPost(trx, row);
  });
}

export async function updatePost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  input: UpdatePostInput,
  now: Date = new Date(),
): Promise<Post> {
  if (input.targets !== undefined) {
    await checkTargets(
      db,
      reader,
      input.targets.map((target) => target.channelId),
    );
  }
  return db.transaction().execute(async (trx) => {
    const current = await visiblePostRow(trx, reader, id, true);
    if (!EDITABLE.has(current.status)) {
      throw conflict(
        'Dieser Beitrag wird schon veröffentlicht und kann nicht mehr geändert werden.',
      );
    }
    if (current.version !== input.version) {
      throw conflict(
        'Jemand anderes hat den Beitrag inzwischen geändert. Bitte laden Sie ihn neu und übernehmen Sie Ihre Änderungen.',
      );
    }
    if (input.targets !== undefined) {
      await replaceTargets(
        trx,
        id,
        input.targets.map((target) => ({
          channel_id: target.channelId,
          variant_text: target.variantText,
          variant_title: target.variantTitle,
        })),
      );
    }
    if (input.mediaIds !== undefined) {
      await replaceMedia(trx, id, input.mediaIds);
    }
    const scope = await channelScopeFor(trx, reader);
    const channels = await listTargetChannels(trx, [id]);
    const status = statusAfterEdit(current.status, needsApproval(reader.roles, scope, channels));
    const backToReview = status !== current.status;
    const row = await updatePostRow(trx, id, {
      title: input.title,
      master_text: input.masterText,
      link_url: input.linkUrl,
      hashtags: input.hashtags,
      campaign: input.campaign,
      goal: input.goal,
      scheduled_at:
        input.scheduledAt === undefined
          ? undefined
          : input.scheduledAt === null
            ? null
            : new Date(input.scheduledAt),
      status,
      ...(backToReview ? { approved_by: null, approved_at: null } : {}),
      version: current.version + 1,
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound(NOT_FOUND);
    }
    const fields = Object.keys(input)
      .filter((key) => key !== 'version')
      .sort();
    await recordAudit(
      trx,
      actor,
      {
        action: backToReview ? 'post.returned_to_review' : 'post.updated',
        objectType: 'post',
        objectId: id,
        summary: `Geändert: ${fields.join(', ') || 'nichts'}${backToReview ? ' – zurück in die Freigabe' : ''}`,
      },
      now,
    );
    return toPost(trx, row);
  });
}

export async function getPost(db: Kysely<Database>, reader: Reader, id: string): Promise<Post> {
  return toPost(db, await visiblePostRow(db, reader, id));
}

export async function listPosts(
  db: Kysely<Database>,
  reader: Reader,
  query: PostListQuery,
): Promise<Post[]> {
  const rows = await listPostRows(
    db,
    {
      scope: await channelScopeFor(db, reader),
      readerId: reader.id,
      status: query.status,
      channelId: query.channelId,
      orgUnitId: query.orgUnitId,
      campaign: query.campaign,
      from: query.from === undefined ? undefined : new Date(query.from),
      to: query.to === undefined ? undefined : new Date(query.to),
    },
    LIST_LIMIT,
  );
  return toPosts(db, rows);
}

/** Drafts and posts not yet handed to the outbox can be deleted; the audit log keeps the fact. */
export async function deletePost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await visiblePostRow(trx, reader, id, true);
    if (!EDITABLE.has(row.status)) {
      throw conflict(
        'Ein Beitrag, der veröffentlicht wird oder wurde, kann nicht gelöscht werden.',
      );
    }
    await deletePostRow(trx, id);
    await recordAudit(
      trx,
      actor,
      { action: 'post.deleted', objectType: 'post', objectId: id, summary: 'Beitrag gelöscht' },
      now,
    );
  });
}
