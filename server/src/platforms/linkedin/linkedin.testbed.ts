import { createLinkedInSandbox } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import type { LinkedInSandboxOptions } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import { LINKEDIN_SANDBOX_ORGANIZATION } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import type { FaultSettings } from '../../../../sandbox/src/sandbox.faults.ts';
import { createSandbox } from '../../../../sandbox/src/sandbox.server.ts';
import { SandboxStore } from '../../../../sandbox/src/sandbox.store.ts';
import type { ChannelAuth, Connector, MediaItem, PublishRequest } from '../connector.ts';
import { createLinkedInConnector } from './linkedin.connector.ts';

/** A stored post as `/_sandbox/linkedin/posts` lists it. */
export interface LinkedInPostView {
  readonly id: string;
  readonly accountId: string;
  readonly text: string;
  readonly media: readonly { id: string; description: string | null }[];
}

/** The LinkedIn sandbox in this process (movable clock) and a connector pointed at it. */
export interface LinkedInTestbed {
  readonly baseUrl: string;
  readonly connector: Connector;
  readonly organization: string;
  advance(ms: number): void;
  now(): Date;
  /** A developer-console token acting for the sandbox organization. */
  token(options?: { withRefresh?: boolean; lifetimeSeconds?: number }): Promise<ChannelAuth>;
  faults(settings: FaultSettings): Promise<void>;
  posts(): Promise<LinkedInPostView[]>;
  seedComments(postUrn: string, count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLinkedInTestbed(
  options: Partial<LinkedInSandboxOptions> = {},
): Promise<LinkedInTestbed> {
  let offsetMs = 0;
  const clock = (): number => Date.now() + offsetMs;
  const store = new SandboxStore({ now: clock });
  const { app } = createSandbox([createLinkedInSandbox(options)], store);
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const connector = createLinkedInConnector({
    clientId: 'stadtfunk-linkedin',
    clientSecret: 'stadtfunk-linkedin-secret',
    apiBaseUrl: baseUrl,
    timeoutMs: 1500,
    now: () => new Date(clock()),
  });
  const admin = async (path: string, body?: unknown, method = 'POST'): Promise<unknown> => {
    const response = await fetch(`${baseUrl}/_sandbox/linkedin/${path}`, {
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
    connector,
    organization: LINKEDIN_SANDBOX_ORGANIZATION,
    advance(ms) {
      offsetMs += ms;
    },
    now: () => new Date(clock()),
    async token(tokenOptions = {}) {
      const issued = (await admin('tokens', {
        accountId: 'urn:li:person:sandbox-member',
        lifetimeSeconds: tokenOptions.lifetimeSeconds ?? 5_184_000,
        withRefresh: tokenOptions.withRefresh ?? false,
      })) as { accessToken: string; refreshToken: string | null; expiresAt: string | null };
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: issued.expiresAt === null ? null : new Date(issued.expiresAt),
        accountId: LINKEDIN_SANDBOX_ORGANIZATION,
      };
    },
    async faults(settings) {
      await admin('faults', settings);
    },
    async posts() {
      return ((await admin('posts', undefined, 'GET')) as { items: LinkedInPostView[] }).items;
    },
    async seedComments(postUrn, count) {
      await admin('comments', { postUrn, count });
    },
    close: () => app.close(),
  };
}

// A 1×1 PNG: the sandbox stores bytes, it does not decode them.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export function image(altText: string | null = null, mimeType = 'image/png'): MediaItem {
  return { kind: 'image', mimeType, data: PNG, publicUrl: null, altText };
}

export function publishRequest(text: string, media: readonly MediaItem[] = []): PublishRequest {
  return { text, title: null, media, idempotencyKey: 'post-1:linkedin' };
}
