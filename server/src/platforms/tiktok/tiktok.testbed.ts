import { createTikTokSandbox } from '../../../../sandbox/src/platforms/tiktok.sandbox.ts';
import type { TikTokSandboxOptions } from '../../../../sandbox/src/platforms/tiktok.sandbox.ts';
import { TIKTOK_SANDBOX_OPEN_ID } from '../../../../sandbox/src/platforms/tiktok.sandbox.ts';
import type { FaultSettings } from '../../../../sandbox/src/sandbox.faults.ts';
import { startSandboxBed } from '../../../test/sandbox-bed.ts';
import type { ChannelAuth, Connector, MediaItem, PublishRequest } from '../connector.ts';
import { createTikTokConnector } from './tiktok.connector.ts';
import type { TikTokConnectorOptions } from './tiktok.connector.ts';

/** A publish as `/_sandbox/tiktok/publishes` lists it. */
export interface TikTokPublishView {
  readonly publishId: string;
  readonly mediaType: 'VIDEO' | 'PHOTO';
  readonly caption: string;
  readonly title: string;
  readonly privacyLevel: string;
  readonly status: string;
  readonly failReason: string | null;
  readonly postId: string | null;
  readonly uploadedBytes: number;
}

export interface TikTokTestbedOptions {
  readonly sandbox?: Partial<TikTokSandboxOptions>;
  readonly connector?: Partial<TikTokConnectorOptions>;
}

/** The TikTok sandbox in this process (movable clock) and a connector pointed at it. */
export interface TikTokTestbed {
  readonly baseUrl: string;
  readonly connector: Connector;
  readonly openId: string;
  advance(ms: number): void;
  now(): Date;
  /** A developer-console token for the sandbox creator; no scopes means all scopes. */
  token(options?: { scopes?: readonly string[]; lifetimeSeconds?: number }): Promise<ChannelAuth>;
  faults(settings: FaultSettings): Promise<void>;
  dropNextVideoInit(): Promise<void>;
  publishes(): Promise<TikTokPublishView[]>;
  close(): Promise<void>;
}

export async function startTikTokTestbed(
  options: TikTokTestbedOptions = {},
): Promise<TikTokTestbed> {
  const bed = await startSandboxBed(createTikTokSandbox(options.sandbox));
  const { baseUrl, clock, admin } = bed;
  const connector = createTikTokConnector({
    clientKey: 'stadtfunk-tiktok',
    clientSecret: 'stadtfunk-tiktok-secret',
    apiBaseUrl: baseUrl,
    timeoutMs: 1500,
    now: () => new Date(clock()),
    ...options.connector,
  });
  return {
    baseUrl,
    connector,
    openId: TIKTOK_SANDBOX_OPEN_ID,
    advance: bed.advance,
    now: bed.now,
    async token(tokenOptions = {}) {
      const issued = (await admin('tokens', {
        accountId: TIKTOK_SANDBOX_OPEN_ID,
        lifetimeSeconds: tokenOptions.lifetimeSeconds ?? 86_400,
        withRefresh: true,
        scopes: tokenOptions.scopes ?? [],
      })) as { accessToken: string; refreshToken: string | null; expiresAt: string | null };
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: issued.expiresAt === null ? null : new Date(issued.expiresAt),
        accountId: TIKTOK_SANDBOX_OPEN_ID,
      };
    },
    async faults(settings) {
      await admin('faults', settings);
    },
    async dropNextVideoInit() {
      await admin('drop-next-video-init');
    },
    async publishes() {
      return ((await admin('publishes', undefined, 'GET')) as { items: TikTokPublishView[] }).items;
    },
    close: bed.close,
  };
}

/** Bytes that pass the sandbox's format check: an MP4 `ftyp` box, then filler. */
export function mp4Bytes(size = 2048): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
  return bytes;
}

export function video(data: Uint8Array = mp4Bytes(), mimeType = 'video/mp4'): MediaItem {
  return { kind: 'video', mimeType, data, publicUrl: null, altText: null };
}

export function photo(
  name: string,
  publicUrl: string | null = `https://media.stadtfunk.example/${name}.jpeg`,
  mimeType = 'image/jpeg',
): MediaItem {
  return {
    kind: 'image',
    mimeType,
    data: new Uint8Array([0xff, 0xd8, 0xff]),
    publicUrl,
    altText: null,
  };
}

export function publishRequest(
  text: string,
  media: readonly MediaItem[],
  title: string | null = null,
): PublishRequest {
  return { text, title, media, idempotencyKey: 'post-1:tiktok' };
}

/** Polls checkStatus until the publish leaves `pending` (bounded, the sandbox is quick). */
export async function pollUntilSettled(
  connector: Connector,
  auth: ChannelAuth,
  pendingRef: string,
  maxPolls = 5,
): ReturnType<Connector['checkStatus']> {
  let result = await connector.checkStatus(auth, pendingRef);
  for (let poll = 1; poll < maxPolls && result.status === 'pending'; poll += 1) {
    result = await connector.checkStatus(auth, pendingRef);
  }
  return result;
}
