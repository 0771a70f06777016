import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { findChannelContentRow, listChannelContentRows, listMediaIds } from './posts.repository.ts';

/** What a post says on one channel: its variant, or the master text with link and hashtags. */
export interface ChannelContent {
  readonly text: string;
  readonly title: string | null;
  readonly mediaIds: readonly string[];
}

function hashtag(tag: string): string {
  const bare = tag.trim().replace(/^#+/, '');
  return bare === '' ? '' : `#${bare}`;
}

/**
 * The default variant: the master text, then the link and the hashtags that the text does not
 * already contain, each on its own paragraph.
 */
export function deriveText(master: {
  readonly masterText: string;
  readonly linkUrl: string | null;
  readonly hashtags: readonly string[];
}): string {
  const text = master.masterText.trim();
  const parts = [text];
  if (master.linkUrl !== null && master.linkUrl !== '' && !text.includes(master.linkUrl)) {
    parts.push(master.linkUrl);
  }
  const lower = text.toLowerCase();
  const tags = master.hashtags
    .map(hashtag)
    .filter((tag) => tag !== '' && !lower.includes(tag.toLowerCase()));
  if (tags.length > 0) {
    parts.push(tags.join(' '));
  }
  return parts.join('\n\n');
}

/** The content the outbox delivers to one channel; undefined when the channel is no target. */
export async function contentForChannel(
  db: Kysely<Database>,
  postId: string,
  channelId: string,
): Promise<ChannelContent | undefined> {
  const row = await findChannelContentRow(db, postId, channelId);
  if (row === undefined) {
    return undefined;
  }
  const media = await listMediaIds(db, [postId]);
  return {
    text:
      row.variant_text ??
      deriveText({
        masterText: row.master_text,
        linkUrl: row.link_url,
        hashtags: row.hashtags,
      }),
    title: row.variant_title ?? row.title,
    mediaIds: media.map((m) => m.media_id),
  };
}

/** The content of every target channel of one post, in two queries. */
export async function contentsForPost(
  db: Kysely<Database>,
  postId: string,
): Promise<Map<string, ChannelContent>> {
  const rows = await listChannelContentRows(db, postId);
  const mediaIds = (await listMediaIds(db, [postId])).map((m) => m.media_id);
  return new Map(
    rows.map((row) => [
      row.channel_id,
      {
        text:
          row.variant_text ??
          deriveText({
            masterText: row.master_text,
            linkUrl: row.link_url,
            hashtags: row.hashtags,
          }),
        title: row.variant_title ?? row.title,
        mediaIds,
      },
    ]),
  );
}
