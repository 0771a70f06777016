import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { findPlatformAppRow } from '../connections/connections.repository.ts';
import { SELF_REGISTERING, storePlatformApp } from '../connections/platform-apps.service.ts';
import type { Database } from '../database/database.types.ts';
import type { PlatformKey } from '../platforms/connector.ts';
import { CONNECTOR_FACTORIES } from '../platforms/connectors.registry.ts';
import { updateChannel } from '../registry/channels.service.ts';
import { findPlatformRow, listChannelRows } from '../registry/registry.repository.ts';
import type { EncryptionKey } from '../shared/crypto.ts';

/** The sandbox accepts any client; these make its app registrations recognisable in the UI. */
export const SANDBOX_CLIENT_ID = 'stadtfunk-sandbox';
const SANDBOX_CLIENT_SECRET = 'sandbox-secret';

export interface SandboxSeedResult {
  readonly apps: number;
  readonly channels: number;
}

/**
 * For `npm start`: every API platform without an app of its own gets the sandbox as its app,
 * and Mastodon channels not yet connected talk to the sandbox instance. Real registrations
 * entered by the city are never replaced; the step is idempotent.
 */
export async function seedSandboxConnections(
  db: Kysely<Database>,
  sandboxUrl: string,
  key: EncryptionKey,
  now: Date = new Date(),
): Promise<SandboxSeedResult> {
  let apps = 0;
  const platforms = Object.keys(CONNECTOR_FACTORIES) as PlatformKey[];
  for (const platformKey of platforms) {
    if (SELF_REGISTERING.has(platformKey)) {
      continue;
    }
    if ((await findPlatformAppRow(db, platformKey)) !== undefined) {
      continue;
    }
    await storePlatformApp(
      db,
      systemActor(),
      {
        platformKey,
        baseUrl: sandboxUrl,
        clientId: SANDBOX_CLIENT_ID,
        clientSecret: SANDBOX_CLIENT_SECRET,
        source: 'sandbox',
      },
      key,
      now,
    );
    apps += 1;
  }
  let channels = 0;
  const mastodon = await findPlatformRow(db, { key: 'mastodon' });
  if (mastodon !== undefined) {
    for (const channel of await listChannelRows(db, 'all', mastodon.id)) {
      if (channel.api_base_url !== null || channel.connection_status !== 'not-connected') {
        continue;
      }
      await updateChannel(db, systemActor(), channel.id, { apiBaseUrl: sandboxUrl }, now);
      channels += 1;
    }
  }
  return { apps, channels };
}
