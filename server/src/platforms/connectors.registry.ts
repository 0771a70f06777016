import type { Connector, PlatformKey } from './connector.ts';
import { createLinkedInConnector } from './linkedin/linkedin.connector.ts';
import { createMastodonConnector } from './mastodon/mastodon.connector.ts';
import { createXConnector } from './x/x.connector.ts';
import { createFacebookConnector } from './meta/facebook.connector.ts';
import { createInstagramConnector } from './meta/instagram.connector.ts';
import { createTikTokConnector } from './tiktok/tiktok.connector.ts';
import { createYouTubeConnector } from './youtube/youtube.connector.ts';

/**
 * Where a connector talks to and as which app. Per channel for Mastodon (every instance has its
 * own app registration and URL); per deployment for platforms with one global app. `baseUrl`
 * points at the real platform or at the sandbox: connectors have no test-only branch.
 */
export interface ConnectorSettings {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly timeoutMs: number;
}

export type ConnectorFactory = (settings: ConnectorSettings) => Connector;

/** One line per platform with an API connector; platforms without one are absent. */
export const CONNECTOR_FACTORIES: Readonly<Partial<Record<PlatformKey, ConnectorFactory>>> = {
  mastodon: (settings) =>
    createMastodonConnector({
      instanceUrl: settings.baseUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      timeoutMs: settings.timeoutMs,
    }),
  x: (settings) =>
    createXConnector({
      apiBaseUrl: settings.baseUrl,
      clientId: settings.clientId,
      // X apps registered as public (native) clients have no secret.
      clientSecret: settings.clientSecret === '' ? null : settings.clientSecret,
      timeoutMs: settings.timeoutMs,
    }),
  // One Meta app serves both; the Graph version stays the connector's default.
  facebook: (settings) => createFacebookConnector(settings),
  instagram: (settings) => createInstagramConnector(settings),
  linkedin: (settings) =>
    createLinkedInConnector({
      apiBaseUrl: settings.baseUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      timeoutMs: settings.timeoutMs,
    }),
  youtube: (settings) =>
    createYouTubeConnector({
      apiBaseUrl: settings.baseUrl,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      timeoutMs: settings.timeoutMs,
    }),
  tiktok: (settings) =>
    createTikTokConnector({
      apiBaseUrl: settings.baseUrl,
      clientKey: settings.clientId,
      clientSecret: settings.clientSecret,
      timeoutMs: settings.timeoutMs,
    }),
};

export class UnknownConnectorError extends Error {
  constructor(readonly platform: PlatformKey) {
    super(`no connector for platform ${platform}`);
    this.name = 'UnknownConnectorError';
  }
}

/** The connector for a platform; throws when the platform has none (yet, or by design: Xing). */
export function connectorFor(platform: PlatformKey, settings: ConnectorSettings): Connector {
  const factory = CONNECTOR_FACTORIES[platform];
  if (factory === undefined) {
    throw new UnknownConnectorError(platform);
  }
  return factory(settings);
}
