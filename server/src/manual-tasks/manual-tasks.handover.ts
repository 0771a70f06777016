import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import type { Database } from '../database/database.types.ts';
import { isManualPlatform } from '../platforms/xing/xing.descriptor.ts';
import { updateOutboxItemRow } from '../publishing/outbox.repository.ts';
import type { OutboxItemRow } from '../publishing/outbox.table.ts';
import { contentForChannel } from '../publishing/posts.content.ts';
import { findPostRow, listChannelsWithPlatform } from '../publishing/posts.repository.ts';
import { MANUAL_PENDING_PREFIX } from './manual-tasks.outbox.ts';
import { createManualTask } from './manual-tasks.service.ts';

export async function isManualChannel(db: Kysely<Database>, channelId: string): Promise<boolean> {
  const [channel] = await listChannelsWithPlatform(db, [channelId]);
  return channel !== undefined && isManualPlatform(channel.platform_key);
}

/**
 * A post for a channel without API (Xing): the outbox item waits as "processing" while a person
 * publishes the task's text by hand; completing or cancelling the task settles the item.
 */
export async function handOverToPerson(
  db: Kysely<Database>,
  item: OutboxItemRow,
  now: Date,
): Promise<'processing' | 'cancelled'> {
  const content = await contentForChannel(db, item.post_id, item.channel_id);
  const post = await findPostRow(db, item.post_id);
  if (content === undefined || post === undefined) {
    await updateOutboxItemRow(db, item.id, 'sending', { status: 'cancelled', updated_at: now });
    return 'cancelled';
  }
  const task = await createManualTask(
    db,
    systemActor(),
    {
      channelId: item.channel_id,
      title: post.title,
      text: content.text,
      mediaNotes: [],
      dueAt: post.scheduled_at ?? now,
      source: { kind: 'outbox', ref: item.id },
    },
    { now },
  );
  await updateOutboxItemRow(db, item.id, 'sending', {
    status: 'processing',
    pending_ref: `${MANUAL_PENDING_PREFIX}${task.id}`,
    first_sent_at: now,
    updated_at: now,
  });
  return 'processing';
}
