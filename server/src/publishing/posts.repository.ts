import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { ChannelFilter } from '../registry/registry.repository.ts';
import type {
  NewPostRow,
  PostCommentRow,
  PostRow,
  PostTargetRow,
  PostUpdate,
  PublishingSettingsRow,
} from './posts.table.ts';

export interface TargetChannelRow {
  readonly channel_id: string;
  readonly variant_text: string | null;
  readonly variant_title: string | null;
  readonly name: string;
  readonly handle: string;
  readonly org_unit_id: string;
  readonly self_publishing: boolean;
  readonly status: string;
  readonly connection_status: string;
  readonly platform_key: string;
}

export async function insertPostRow(db: Kysely<Database>, row: NewPostRow): Promise<PostRow> {
  return db.insertInto('posts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPostRow(db: Kysely<Database>, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the post for the rest of the transaction, so two transitions cannot interleave. */
export async function lockPostRow(db: Kysely<Database>, id: string): Promise<PostRow | undefined> {
  return db.selectFrom('posts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updatePostRow(
  db: Kysely<Database>,
  id: string,
  patch: PostUpdate,
): Promise<PostRow | undefined> {
  return db.updateTable('posts').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deletePostRow(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('posts').where('id', '=', id).execute();
}

export async function replaceTargets(
  db: Kysely<Database>,
  postId: string,
  targets: readonly Omit<PostTargetRow, 'post_id'>[],
): Promise<void> {
  await db.deleteFrom('post_targets').where('post_id', '=', postId).execute();
  if (targets.length > 0) {
    await db
      .insertInto('post_targets')
      .values(targets.map((target) => ({ ...target, post_id: postId })))
      .execute();
  }
}

export async function replaceMedia(
  db: Kysely<Database>,
  postId: string,
  mediaIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('post_media').where('post_id', '=', postId).execute();
  if (mediaIds.length > 0) {
    await db
      .insertInto('post_media')
      .values(
        mediaIds.map((mediaId, position) => ({ post_id: postId, media_id: mediaId, position })),
      )
      .execute();
  }
}

/** Targets with what the rules need of each channel and its platform. */
export async function listTargetChannels(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<(TargetChannelRow & { post_id: string })[]> {
  if (postIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('post_targets')
    .innerJoin('channels', 'channels.id', 'post_targets.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select([
      'post_targets.post_id',
      'post_targets.channel_id',
      'post_targets.variant_text',
      'post_targets.variant_title',
      'channels.name',
      'channels.handle',
      'channels.org_unit_id',
      'channels.self_publishing',
      'channels.status',
      'channels.connection_status',
      'platforms.key as platform_key',
    ])
    .where('post_targets.post_id', 'in', [...postIds])
    .orderBy('channels.name')
    .execute();
}

/** The channels named in an input, with their platform (for rules before anything is stored). */
export async function listChannelsWithPlatform(
  db: Kysely<Database>,
  channelIds: readonly string[],
): Promise<Omit<TargetChannelRow, 'variant_text' | 'variant_title'>[]> {
  if (channelIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('channels')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select([
      'channels.id as channel_id',
      'channels.name',
      'channels.handle',
      'channels.org_unit_id',
      'channels.self_publishing',
      'channels.status',
      'channels.connection_status',
      'platforms.key as platform_key',
    ])
    .where('channels.id', 'in', [...channelIds])
    .execute();
}

export async function listMediaIds(
  db: Kysely<Database>,
  postIds: readonly string[],
): Promise<{ post_id: string; media_id: string }[]> {
  if (postIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('post_media')
    .select(['post_id', 'media_id'])
    .where('post_id', 'in', [...postIds])
    .orderBy('post_id')
    .orderBy('position')
    .execute();
}

export interface PostFilter {
  readonly scope: ChannelFilter | 'all';
  readonly readerId: string;
  readonly status?: string;
  readonly channelId?: string;
  readonly orgUnitId?: string;
  readonly campaign?: string;
  readonly from?: Date;
  readonly to?: Date;
}

/** Posts the reader may see: any target channel in scope, or written by the reader. */
export async function listPostRows(
  db: Kysely<Database>,
  filter: PostFilter,
  limit: number,
): Promise<PostRow[]> {
  let q = db.selectFrom('posts').selectAll('posts');
  const { scope } = filter;
  if (scope !== 'all') {
    q = q.where((eb) =>
      eb.or([
        eb('posts.created_by', '=', filter.readerId),
        eb.exists(
          eb
            .selectFrom('post_targets')
            .innerJoin('channels', 'channels.id', 'post_targets.channel_id')
            .select('post_targets.post_id')
            .whereRef('post_targets.post_id', '=', 'posts.id')
            .where((inner) =>
              inner.or([
                ...(scope.orgUnitIds.length > 0
                  ? [inner('channels.org_unit_id', 'in', [...scope.orgUnitIds])]
                  : []),
                ...(scope.channelIds.length > 0
                  ? [inner('channels.id', 'in', [...scope.channelIds])]
                  : []),
                // An empty scope matches nothing (IN () is invalid SQL).
                inner.val(false),
              ]),
            ),
        ),
      ]),
    );
  }
  if (filter.status !== undefined) {
    q = q.where('posts.status', '=', filter.status as PostRow['status']);
  }
  if (filter.campaign !== undefined) {
    q = q.where('posts.campaign', '=', filter.campaign);
  }
  if (filter.channelId !== undefined || filter.orgUnitId !== undefined) {
    const { channelId, orgUnitId } = filter;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('post_targets')
          .innerJoin('channels', 'channels.id', 'post_targets.channel_id')
          .select('post_targets.post_id')
          .whereRef('post_targets.post_id', '=', 'posts.id')
          .$if(channelId !== undefined, (sub) =>
            sub.where('post_targets.channel_id', '=', channelId ?? ''),
          )
          .$if(orgUnitId !== undefined, (sub) =>
            sub.where('channels.org_unit_id', '=', orgUnitId ?? ''),
          ),
      ),
    );
  }
  if (filter.from !== undefined) {
    q = q.where('posts.scheduled_at', '>=', filter.from);
  }
  if (filter.to !== undefined) {
    q = q.where('posts.scheduled_at', '<', filter.to);
  }
  return q
    .orderBy('posts.scheduled_at', (ob) => ob.asc().nullsLast())
    .orderBy('posts.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function insertCommentRow(
  db: Kysely<Database>,
  row: { post_id: string; author_id: string | null; body: string; created_at: Date },
): Promise<PostCommentRow> {
  return db.insertInto('post_comments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listCommentRows(
  db: Kysely<Database>,
  postId: string,
): Promise<(PostCommentRow & { author_name: string | null })[]> {
  return db
    .selectFrom('post_comments')
    .leftJoin('users', 'users.id', 'post_comments.author_id')
    .selectAll('post_comments')
    .select('users.display_name as author_name')
    .where('post_comments.post_id', '=', postId)
    .orderBy('post_comments.created_at')
    .execute();
}

export async function userNames(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

export async function findPublishingSettings(
  db: Kysely<Database>,
): Promise<PublishingSettingsRow | undefined> {
  return db.selectFrom('publishing_settings').selectAll().executeTakeFirst();
}

/** The content rows of one target: what `contentForChannel` derives the text from. */
export async function findChannelContentRow(
  db: Kysely<Database>,
  postId: string,
  channelId: string,
) {
  return db
    .selectFrom('post_targets')
    .innerJoin('posts', 'posts.id', 'post_targets.post_id')
    .select([
      'posts.master_text',
      'posts.link_url',
      'posts.hashtags',
      'posts.title',
      'post_targets.variant_text',
      'post_targets.variant_title',
    ])
    .where('post_targets.post_id', '=', postId)
    .where('post_targets.channel_id', '=', channelId)
    .executeTakeFirst();
}

/** Every target's content row of one post (the crisis fan-out reads them at once). */
export async function listChannelContentRows(db: Kysely<Database>, postId: string) {
  return db
    .selectFrom('post_targets')
    .innerJoin('posts', 'posts.id', 'post_targets.post_id')
    .select([
      'post_targets.channel_id',
      'posts.master_text',
      'posts.link_url',
      'posts.hashtags',
      'posts.title',
      'post_targets.variant_text',
      'post_targets.variant_title',
    ])
    .where('post_targets.post_id', '=', postId)
    .execute();
}

/** Warning posts drafted by the crisis module are changed and approved only there. */
export async function isWarningPost(db: Kysely<Database>, postId: string): Promise<boolean> {
  const row = await db
    .selectFrom('crisis_posts')
    .select('post_id')
    .where('post_id', '=', postId)
    .executeTakeFirst();
  return row !== undefined;
}
