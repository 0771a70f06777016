import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { mediaIssuesFor } from '../media/media.issues.ts';
import { findMediaRows } from '../media/media.repository.ts';
import { PLATFORM_KEYS } from '../platforms/connector.ts';
import { isManualPlatform } from '../platforms/xing/xing.descriptor.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { listChannelsWithPlatform } from './posts.repository.ts';
import { isInPast } from './posts.rules.ts';
import type { PostIssue, ValidatePostInput } from './posts.schema.ts';
import { channelIssues, limitsForChannel, textIssues } from './posts.validation.ts';

/**
 * Every problem that would stop a post on one of its channels, with German messages naming the
 * field and the fix. The editor calls it while typing; submit and approval refuse on any issue.
 */
export async function checkPostContent(
  db: Kysely<Database>,
  input: ValidatePostInput,
  keys: readonly EncryptionKey[],
  options: { readonly requireTargets: boolean },
): Promise<PostIssue[]> {
  const issues: PostIssue[] = [];
  if (options.requireTargets && input.targets.length === 0) {
    issues.push({
      channelId: null,
      path: 'targets',
      message: 'Bitte wählen Sie mindestens einen Kanal.',
    });
  }
  if (input.scheduledAt !== null && isInPast(new Date(input.scheduledAt), new Date())) {
    issues.push({
      channelId: null,
      path: 'scheduledAt',
      message: 'Der Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.',
    });
  }
  const media = await findMediaRows(db, input.mediaIds);
  if (media.length !== input.mediaIds.length) {
    issues.push({
      channelId: null,
      path: 'mediaIds',
      message: 'Ein Medium gibt es nicht mehr. Bitte entfernen Sie es und laden Sie es neu hoch.',
    });
  }
  const seen = new Set<string>();
  const channels = await listChannelsWithPlatform(
    db,
    input.targets.map((target) => target.channelId),
  );
  for (const [index, target] of input.targets.entries()) {
    const channel = channels.find((c) => c.channel_id === target.channelId);
    if (channel === undefined) {
      issues.push({
        channelId: target.channelId,
        path: `targets.${index}.channelId`,
        message: 'Diesen Kanal gibt es nicht (mehr). Bitte entfernen Sie ihn.',
      });
      continue;
    }
    issues.push(
      ...channelIssues({
        index,
        channelId: channel.channel_id,
        channelName: channel.name,
        status: channel.status,
        connectionStatus: channel.connection_status,
        manual: isManualPlatform(channel.platform_key),
      }),
    );
    const limits = await limitsForChannel(db, channel, keys);
    if (limits === undefined) {
      continue;
    }
    issues.push(
      ...textIssues(
        {
          masterText: input.masterText,
          linkUrl: input.linkUrl,
          hashtags: input.hashtags,
          title: input.title,
          mediaCount: input.mediaIds.length,
        },
        {
          index,
          channelId: channel.channel_id,
          channelName: channel.name,
          platformKey: channel.platform_key,
          variantText: target.variantText,
          variantTitle: target.variantTitle,
        },
        limits,
      ),
    );
    const platformKey = PLATFORM_KEYS.find((key) => key === channel.platform_key);
    if (platformKey === undefined) {
      continue;
    }
    for (const issue of mediaIssuesFor(platformKey, limits, media)) {
      // The media are shared by all channels: a missing alt text is said once, not per channel.
      const key = `${issue.path}\u0000${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push({ channelId: channel.channel_id, ...issue });
      }
    }
  }
  return issues;
}
