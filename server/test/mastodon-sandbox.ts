import { mastodonSandbox } from '../../sandbox/src/platforms/mastodon.sandbox.ts';
import type { FaultSettings } from '../../sandbox/src/sandbox.faults.ts';
import { createSandbox } from '../../sandbox/src/sandbox.server.ts';
import { SandboxStore } from '../../sandbox/src/sandbox.store.ts';
import type {
  ChannelAuth,
  Connector,
  MediaItem,
  PublishRequest,
} from '../src/platforms/connector.ts';
import { createMastodonConnector } from '../src/platforms/mastodon/mastodon.connector.ts';
import type { MastodonConnectorOptions } from '../src/platforms/mastodon/mastodon.connector.ts';

/** A stored status as `/_sandbox/mastodon/posts` lists it. */
export interface SandboxPostView {
  readonly id: string;
  readonly accountId: string;
  readonly text: string;
  readonly media: readonly { id: string; description: string | null }[];
  readonly extra: { readonly inReplyToId?: string | null };
}

/**
 * The Mastodon sandbox on 127.0.0.1 with a random port, and connectors pointed at it over real
 * HTTP. Its clock is movable (`advance`) for idempotency-key and cache expiry.
 */
export interface MastodonTestbed {
  readonly baseUrl: string;
  readonly store: SandboxStore;
  advance(ms: number): void;
  now(): Date;
  connector(overrides?: Partial<MastodonConnectorOptions>): Connector;
  /** A token for a fresh account (so tests do not see each other's statuses). */
  token(options?: {
    accountId?: string;
    scopes?: string[];
    withRefresh?: boolean;
    lifetimeSeconds?: number;
  }): Promise<ChannelAuth>;
  faults(settings: FaultSettings): Promise<void>;
  resetFaults(): Promise<void>;
  posts(accountId?: string): Promise<SandboxPostView[]>;
  admin(path: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

let accounts = 0;

export async function startMastodonTestbed(): Promise<MastodonTestbed> {
  let offsetMs = 0;
  const clock = (): number => Date.now() + offsetMs;
  const store = new SandboxStore({ now: clock });
  const { app } = createSandbox([mastodonSandbox], store);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  const admin = async (path: string, body: unknown, method = 'POST'): Promise<unknown> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!response.ok) {
      throw new Error(`sandbox admin ${path}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? null : response.json();
  };

  return {
    baseUrl,
    store,
    advance(ms) {
      offsetMs += ms;
    },
    now: () => new Date(clock()),
    connector: (overrides = {}) =>
      createMastodonConnector({
        instanceUrl: baseUrl,
        clientId: 'sandbox-client',
        clientSecret: 'sandbox-secret',
        timeoutMs: 1500,
        now: () => new Date(clock()),
        ...overrides,
      }),
    async token(options = {}) {
      accounts += 1;
      const accountId = options.accountId ?? `1100000000000${String(accounts).padStart(5, '0')}`;
      const issued = (await admin('/_sandbox/mastodon/tokens', {
        accountId,
        scopes: options.scopes ?? [],
        withRefresh: options.withRefresh ?? false,
        lifetimeSeconds: options.lifetimeSeconds ?? null,
      })) as { accessToken: string; refreshToken: string | null; expiresAt: string | null };
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: issued.expiresAt === null ? null : new Date(issued.expiresAt),
        accountId,
      };
    },
    async faults(settings) {
      await admin('/_sandbox/mastodon/faults', settings);
    },
    async resetFaults() {
      await admin('/_sandbox/mastodon/faults', undefined, 'DELETE');
    },
    async posts(accountId) {
      const query = accountId === undefined ? '' : `?accountId=${encodeURIComponent(accountId)}`;
      const listed = (await admin(`/_sandbox/mastodon/posts${query}`, undefined, 'GET')) as {
        items: SandboxPostView[];
      };
      return listed.items;
    },
    admin: (path, body) => admin(path, body),
    close: () => app.close(),
  };
}

/** A 1×1 PNG: the sandbox checks type and size, not pixels. */
export function pngImage(altText: string | null): MediaItem {
  const bytes = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  return { kind: 'image', mimeType: 'image/png', data: bytes, publicUrl: null, altText };
}

let keys = 0;

export function publishRequest(
  text: string,
  overrides: Partial<PublishRequest> = {},
): PublishRequest {
  keys += 1;
  return { text, title: null, media: [], idempotencyKey: `post-${keys}-channel-1`, ...overrides };
}
