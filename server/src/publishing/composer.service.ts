import type { Kysely } from 'kysely';
import { z } from 'zod';

import type { Database } from '../database/database.types.ts';
import { isManualPlatform } from '../platforms/xing/xing.descriptor.ts';
import { channelScopeFor } from '../registry/channels.access.ts';
import { listChannelRows, listPlatformRows } from '../registry/registry.repository.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { canPublishOn } from './posts.rules.ts';
import type { Reader } from './posts.service.ts';
import { limitsForChannel, platformName } from './posts.validation.ts';

export const composerChannelSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  handle: z.string(),
  orgUnitId: z.uuid(),
  platformKey: z.string(),
  platformName: z.string(),
  manual: z.boolean(),
  connected: z.boolean(),
  /** True when this person's post goes out here without communications' approval. */
  publishesWithoutApproval: z.boolean(),
  limits: z
    .object({
      maxTextLength: z.number(),
      maxImages: z.number(),
      maxVideos: z.number(),
      maxAltTextLength: z.number().nullable(),
      maxHashtags: z.number().nullable(),
      mediaRequired: z.boolean(),
      maxTitleLength: z.number().nullable(),
    })
    .nullable(),
});
export type ComposerChannel = z.infer<typeof composerChannelSchema>;

/** The active channels a person may write for, with the limits the editor shows as they type. */
export async function composerChannels(
  db: Kysely<Database>,
  reader: Reader,
  keys: readonly EncryptionKey[],
): Promise<ComposerChannel[]> {
  const scope = await channelScopeFor(db, reader);
  const platforms = new Map((await listPlatformRows(db)).map((p) => [p.id, p.key]));
  const result: ComposerChannel[] = [];
  for (const channel of await listChannelRows(db, scope)) {
    if (channel.status !== 'active') {
      continue;
    }
    const platformKey = platforms.get(channel.platform_id) ?? '';
    const limits = await limitsForChannel(
      db,
      {
        channel_id: channel.id,
        platform_key: platformKey,
        connection_status: channel.connection_status,
      },
      keys,
    );
    result.push({
      id: channel.id,
      name: channel.name,
      handle: channel.handle,
      orgUnitId: channel.org_unit_id,
      platformKey,
      platformName: platformName(platformKey),
      manual: isManualPlatform(platformKey),
      connected: channel.connection_status === 'connected',
      publishesWithoutApproval: canPublishOn(reader.roles, scope, {
        channel_id: channel.id,
        org_unit_id: channel.org_unit_id,
        self_publishing: channel.self_publishing,
      }),
      limits:
        limits === undefined
          ? null
          : {
              maxTextLength: limits.maxTextLength,
              maxImages: limits.maxImages,
              maxVideos: limits.maxVideos,
              maxAltTextLength: limits.maxAltTextLength,
              maxHashtags: limits.maxHashtags,
              mediaRequired: limits.mediaRequired,
              maxTitleLength: limits.maxTitleLength,
            },
    });
  }
  return result;
}
