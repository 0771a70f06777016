import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict } from '../errors/errors.ts';
import type { PlatformKey } from '../platforms/connector.ts';
import { CONNECTOR_FACTORIES } from '../platforms/connectors.registry.ts';
import { open, seal } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import {
  deleteOtherPlatformApps,
  listPlatformAppRows,
  upsertPlatformAppRow,
} from './connections.repository.ts';
import type { PlatformApp, SavePlatformAppInput } from './connections.schema.ts';
import type { PlatformAppRow, PlatformAppSource } from './connections.table.ts';

/** The real APIs; a platform app may point elsewhere (the sandbox) by its own base URL. */
export const DEFAULT_API_BASE_URLS: Readonly<Partial<Record<PlatformKey, string>>> = {
  x: 'https://api.x.com',
  facebook: 'https://graph.facebook.com',
  instagram: 'https://graph.facebook.com',
  linkedin: 'https://api.linkedin.com',
  youtube: 'https://www.googleapis.com',
  tiktok: 'https://open.tiktokapis.com',
};

/** Mastodon registers one app per instance by itself; every other platform has one app. */
export const SELF_REGISTERING: ReadonlySet<PlatformKey> = new Set(['mastodon']);

export function appSecretContext(platformKey: string, baseUrl: string): string {
  return `platform-app:${platformKey}:${baseUrl}`;
}

export function toPlatformApp(row: PlatformAppRow): PlatformApp {
  return {
    id: row.id,
    platformKey: row.platform_key,
    baseUrl: row.base_url,
    clientId: row.client_id,
    hasSecret: row.client_secret_encrypted !== null,
    source: row.source,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function appSecret(row: PlatformAppRow, keys: readonly EncryptionKey[]): string {
  return row.client_secret_encrypted === null
    ? ''
    : open(row.client_secret_encrypted, keys, appSecretContext(row.platform_key, row.base_url));
}

export async function listPlatformApps(db: Kysely<Database>): Promise<PlatformApp[]> {
  return (await listPlatformAppRows(db)).map(toPlatformApp);
}

/** Normalises a base URL: origin plus path, without a trailing slash. */
export function normaliseBaseUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** Stores an app (and, for one-app platforms, replaces the previous one), sealed, audited. */
export async function storePlatformApp(
  db: Kysely<Database>,
  actor: Actor,
  input: {
    readonly platformKey: PlatformKey;
    readonly baseUrl: string;
    readonly clientId: string;
    readonly clientSecret: string | null;
    readonly source: PlatformAppSource;
    readonly scopes?: string;
  },
  key: EncryptionKey,
  now: Date = new Date(),
): Promise<PlatformApp> {
  const baseUrl = normaliseBaseUrl(input.baseUrl);
  return db.transaction().execute(async (trx) => {
    const row = await upsertPlatformAppRow(
      trx,
      {
        platform_key: input.platformKey,
        base_url: baseUrl,
        client_id: input.clientId,
        client_secret_encrypted:
          input.clientSecret === null || input.clientSecret === ''
            ? null
            : seal(input.clientSecret, key, appSecretContext(input.platformKey, baseUrl)),
        source: input.source,
        scopes: input.scopes ?? null,
      },
      now,
    );
    if (!SELF_REGISTERING.has(input.platformKey)) {
      await deleteOtherPlatformApps(trx, input.platformKey, row.id);
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'platform_app.saved',
        objectType: 'platform_app',
        objectId: row.id,
        summary: `App-Zugang für ${input.platformKey} gespeichert (${baseUrl}, Quelle ${input.source})`,
      },
      now,
    );
    return toPlatformApp(row);
  });
}

/** The admin form: every API platform except the self-registering ones. */
export async function savePlatformApp(
  db: Kysely<Database>,
  actor: Actor,
  platformKey: PlatformKey,
  input: SavePlatformAppInput,
  key: EncryptionKey,
  now: Date = new Date(),
): Promise<PlatformApp> {
  if (CONNECTOR_FACTORIES[platformKey] === undefined) {
    throw conflict('Diese Plattform hat keine Schnittstelle; ein App-Zugang ist nicht nötig.');
  }
  const baseUrl = input.baseUrl ?? DEFAULT_API_BASE_URLS[platformKey];
  if (baseUrl === undefined) {
    throw conflict(
      'Für Mastodon wird der App-Zugang beim ersten Verbinden auf der Instanz angelegt.',
    );
  }
  return storePlatformApp(
    db,
    actor,
    {
      platformKey,
      baseUrl,
      clientId: input.clientId,
      clientSecret: input.clientSecret ?? null,
      source: 'manual',
    },
    key,
    now,
  );
}
