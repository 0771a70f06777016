import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { AppError, conflict, notFound } from '../errors/errors.ts';
import { PLATFORM_KEYS } from '../platforms/connector.ts';
import type { ChannelAuth, Connector, PlatformKey } from '../platforms/connector.ts';
import { connectorFor, CONNECTOR_FACTORIES } from '../platforms/connectors.registry.ts';
import { credentialsOf, readChannelCredentials } from '../registry/channels.service.ts';
import { findChannelRow, findPlatformRow } from '../registry/registry.repository.ts';
import type { ChannelRow, PlatformRow } from '../registry/registry.table.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { findPlatformAppRow } from './connections.repository.ts';
import type { PlatformAppRow } from './connections.table.ts';
import { appSecret, DEFAULT_API_BASE_URLS, normaliseBaseUrl } from './platform-apps.service.ts';

/** Keys of the sealed credential map that hold the connection's tokens. */
export const TOKEN_KEYS = ['accessToken', 'refreshToken', 'accountId', 'expiresAt'] as const;

export function asPlatformKey(key: string): PlatformKey | undefined {
  return PLATFORM_KEYS.find((candidate) => candidate === key);
}

export interface ChannelTarget {
  readonly channel: ChannelRow;
  readonly platformKey: PlatformKey;
  readonly baseUrl: string;
  readonly app: PlatformAppRow | undefined;
}

type AppLookup = (platformKey: PlatformKey, baseUrl?: string) => PlatformAppRow | undefined;

/** Where a channel's connector talks to, from rows already read. */
function targetOf(
  channel: ChannelRow,
  platform: PlatformRow | undefined,
  appFor: AppLookup,
): ChannelTarget {
  const platformKey = platform === undefined ? undefined : asPlatformKey(platform.key);
  if (platformKey === undefined || CONNECTOR_FACTORIES[platformKey] === undefined) {
    throw conflict(
      'Diese Plattform hat keine Schnittstelle für Stadtfunk. Bitte erledigen Sie das dort selbst von Hand.',
    );
  }
  if (platformKey === 'mastodon') {
    // Every instance is its own server: the channel's own address says where to connect.
    const baseUrl = normaliseBaseUrl(channel.api_base_url ?? new URL(channel.url).origin);
    return { channel, platformKey, baseUrl, app: appFor('mastodon', baseUrl) };
  }
  const app = appFor(platformKey);
  const baseUrl = channel.api_base_url ?? app?.base_url ?? DEFAULT_API_BASE_URLS[platformKey];
  if (baseUrl === undefined) {
    throw conflict('Für diese Plattform ist keine Schnittstellen-Adresse bekannt.');
  }
  return { channel, platformKey, baseUrl: normaliseBaseUrl(baseUrl), app };
}

/** A channel's platform; a platform without API connector (Xing) is refused with a reason. */
export async function loadChannelTarget(
  db: Kysely<Database>,
  channelId: string,
): Promise<ChannelTarget> {
  const channel = await findChannelRow(db, channelId);
  if (channel === undefined) {
    throw notFound('Diesen Kanal gibt es nicht oder Sie dürfen ihn nicht sehen.');
  }
  const platform = await findPlatformRow(db, { id: channel.platform_id });
  const key = platform === undefined ? undefined : asPlatformKey(platform.key);
  const app =
    key === undefined
      ? undefined
      : await findPlatformAppRow(
          db,
          key,
          key === 'mastodon'
            ? normaliseBaseUrl(channel.api_base_url ?? new URL(channel.url).origin)
            : undefined,
        );
  return targetOf(channel, platform, () => app);
}

/** Connector timeouts for interactive work: a person is waiting. */
export const INTERACTIVE_TIMEOUT_MS = 10_000;

export function connectorForTarget(
  target: ChannelTarget,
  keys: readonly EncryptionKey[],
  overrides: Readonly<Record<string, string>> = {},
  timeoutMs: number = INTERACTIVE_TIMEOUT_MS,
): Connector {
  return connectorFor(target.platformKey, {
    baseUrl: overrides['baseUrl'] ?? target.baseUrl,
    clientId: overrides['clientId'] ?? target.app?.client_id ?? '',
    clientSecret:
      overrides['clientSecret'] ?? (target.app === undefined ? '' : appSecret(target.app, keys)),
    timeoutMs,
  });
}

export function authFromCredentials(
  credentials: Readonly<Record<string, string>>,
  row: ChannelRow,
): ChannelAuth | undefined {
  const accessToken = credentials['accessToken'];
  if (accessToken === undefined || accessToken === '') {
    return undefined;
  }
  return {
    accessToken,
    refreshToken: credentials['refreshToken'] ?? null,
    expiresAt: row.token_expires_at,
    accountId: credentials['accountId'] ?? row.connected_account_id,
  };
}

export interface ChannelConnector {
  readonly target: ChannelTarget;
  readonly connector: Connector;
  readonly auth: ChannelAuth;
}

/**
 * The connectors of many channels in three queries (the crisis fan-out prepares 28 at once).
 * Each entry is the channel's connector, or the error `channelConnector` would have thrown.
 */
export async function channelConnectors(
  db: Kysely<Database>,
  channelIds: readonly string[],
  keys: readonly EncryptionKey[],
  timeoutMs: number,
): Promise<Map<string, ChannelConnector | AppError>> {
  const result = new Map<string, ChannelConnector | AppError>();
  if (channelIds.length === 0) {
    return result;
  }
  const channels = await db
    .selectFrom('channels')
    .selectAll()
    .where('id', 'in', [...channelIds])
    .execute();
  const platforms = await db.selectFrom('platforms').selectAll().execute();
  // Newest first, as `findPlatformAppRow` picks them.
  const apps = await db
    .selectFrom('platform_apps')
    .selectAll()
    .orderBy('updated_at', 'desc')
    .execute();
  const appFor: AppLookup = (platformKey, baseUrl) =>
    apps.find(
      (app) =>
        app.platform_key === platformKey && (baseUrl === undefined || app.base_url === baseUrl),
    );
  for (const id of channelIds) {
    const channel = channels.find((row) => row.id === id);
    try {
      if (channel === undefined) {
        throw notFound('Diesen Kanal gibt es nicht oder Sie dürfen ihn nicht sehen.');
      }
      const target = targetOf(
        channel,
        platforms.find((row) => row.id === channel.platform_id),
        appFor,
      );
      const credentials = credentialsOf(channel, keys) ?? {};
      const auth = authFromCredentials(credentials, channel);
      if (auth === undefined) {
        throw conflict('Dieser Kanal ist nicht verbunden. Bitte verbinden Sie ihn im Register.');
      }
      result.set(id, {
        target,
        connector: connectorForTarget(target, keys, credentials, timeoutMs),
        auth,
      });
    } catch (error) {
      if (!(error instanceof AppError)) {
        throw error;
      }
      result.set(id, error);
    }
  }
  return result;
}

/**
 * What every feature uses to act for a channel: the connector at the channel's platform app and
 * the decrypted tokens. Credentials typed in by hand (baseUrl, clientId …) take precedence.
 */
export async function channelConnector(
  db: Kysely<Database>,
  channelId: string,
  keys: readonly EncryptionKey[],
  timeoutMs: number = INTERACTIVE_TIMEOUT_MS,
): Promise<ChannelConnector> {
  const target = await loadChannelTarget(db, channelId);
  const credentials = (await readChannelCredentials(db, channelId, keys)) ?? {};
  const auth = authFromCredentials(credentials, target.channel);
  if (auth === undefined) {
    throw conflict('Dieser Kanal ist nicht verbunden. Bitte verbinden Sie ihn im Register.');
  }
  return { target, connector: connectorForTarget(target, keys, credentials, timeoutMs), auth };
}
