import type { Kysely } from 'kysely';

import { systemActor } from '../src/access/actor.ts';
import type { Database } from '../src/database/database.types.ts';
import { setChannelCredentials } from '../src/registry/channels.service.ts';
import type { Channel, CreateChannelInput } from '../src/registry/registry.schema.ts';
import type { EncryptionKey } from '../src/shared/crypto.ts';
import { buildChannel, buildPlatform } from './registry-factories.ts';

/** One platform row per key per database: the registry keys platforms uniquely. */
async function platformId(db: Kysely<Database>, key: string): Promise<string> {
  const existing = await db
    .selectFrom('platforms')
    .select('id')
    .where('key', '=', key)
    .executeTakeFirst();
  return existing?.id ?? (await buildPlatform(db, { key })).id;
}

/**
 * A channel on a platform with a (fake) token, so it counts as connected: the publishing rules
 * refuse unconnected channels. Nothing reaches a platform through these tokens in rule tests.
 */
export async function buildConnectedChannel(
  db: Kysely<Database>,
  key: EncryptionKey,
  platformKey: string,
  overrides: Partial<CreateChannelInput> = {},
): Promise<Channel> {
  const channel = await buildChannel(db, {
    platformId: await platformId(db, platformKey),
    ...overrides,
  });
  if (platformKey === 'xing') {
    return channel;
  }
  return setChannelCredentials(
    db,
    systemActor(),
    channel.id,
    { accessToken: `token-${channel.id}`, baseUrl: 'http://127.0.0.1:9' },
    key,
  );
}
