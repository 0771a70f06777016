import { createLinkedInSandbox } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import type { LinkedInSandboxOptions } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import { LINKEDIN_SANDBOX_ORGANIZATION } from '../../../../sandbox/src/platforms/linkedin.sandbox.ts';
import type { FaultSettings } from '../../../../sandbox/src/sandbox.faults.ts';
import { startSandboxBed } from '../../../test/sandbox-bed.ts';
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
  const bed = await startSandboxBed(createLinkedInSandbox(options));
  const { baseUrl, clock, admin } = bed;
  const connector = createLinkedInConnector({
    clientId: 'stadtfunk-linkedin',
    clientSecret: 'stadtfunk-linkedin-secret',
    apiBaseUrl: baseUrl,
    timeoutMs: 1500,
    now: () => new Date(clock()),
  });
  return {
    baseUrl,
    connector,
    organization: LINKEDIN_SANDBOX_ORGANIZATION,
    advance: bed.advance,
    now: bed.now,
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
    close: bed.close,
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
