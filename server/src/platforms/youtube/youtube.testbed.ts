import { createYouTubeSandbox } from '../../../../sandbox/src/platforms/youtube.sandbox.ts';
import type { YouTubeSandboxOptions } from '../../../../sandbox/src/platforms/youtube.sandbox.ts';
import { YOUTUBE_SANDBOX_CHANNEL } from '../../../../sandbox/src/platforms/youtube.sandbox.ts';
import type { FaultSettings } from '../../../../sandbox/src/sandbox.faults.ts';
import { startSandboxBed } from '../../../test/sandbox-bed.ts';
import type { ChannelAuth, Connector, MediaItem, PublishRequest } from '../connector.ts';
import { createYouTubeConnector } from './youtube.connector.ts';
import type { YouTubeConnectorOptions } from './youtube.connector.ts';

/** A stored video as `/_sandbox/youtube/posts` lists it. */
export interface YouTubePostView {
  readonly id: string;
  readonly accountId: string;
  readonly text: string;
  readonly extra: { readonly title: string; readonly description: string };
}

export interface YouTubeTestbedOptions {
  readonly sandbox?: Partial<YouTubeSandboxOptions>;
  readonly connector?: Partial<YouTubeConnectorOptions>;
  /** Where the shared clock starts (ms since epoch); default: now. */
  readonly startAt?: number;
}

/** The YouTube sandbox in this process (movable clock) and a connector pointed at it. */
export interface YouTubeTestbed {
  readonly baseUrl: string;
  readonly connector: Connector;
  readonly channel: string;
  advance(ms: number): void;
  now(): Date;
  /** A developer-console token acting for the sandbox channel. */
  token(options?: { withRefresh?: boolean; lifetimeSeconds?: number }): Promise<ChannelAuth>;
  faults(settings: FaultSettings): Promise<void>;
  posts(): Promise<YouTubePostView[]>;
  seedComments(count: number, videoId?: string): Promise<string[]>;
  planProcessing(plan: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

export async function startYouTubeTestbed(
  options: YouTubeTestbedOptions = {},
): Promise<YouTubeTestbed> {
  const bed = await startSandboxBed(createYouTubeSandbox(options.sandbox), options.startAt);
  const { baseUrl, clock, admin } = bed;
  const connector = createYouTubeConnector({
    clientId: 'stadtfunk-youtube.apps.googleusercontent.com',
    clientSecret: 'stadtfunk-youtube-secret',
    apiBaseUrl: baseUrl,
    timeoutMs: 1500,
    now: () => new Date(clock()),
    ...options.connector,
  });
  return {
    baseUrl,
    connector,
    channel: YOUTUBE_SANDBOX_CHANNEL,
    advance: bed.advance,
    now: bed.now,
    async token(tokenOptions = {}) {
      const issued = (await admin('tokens', {
        accountId: YOUTUBE_SANDBOX_CHANNEL,
        lifetimeSeconds: tokenOptions.lifetimeSeconds ?? 3599,
        withRefresh: tokenOptions.withRefresh ?? false,
      })) as { accessToken: string; refreshToken: string | null; expiresAt: string | null };
      return {
        accessToken: issued.accessToken,
        refreshToken: issued.refreshToken,
        expiresAt: issued.expiresAt === null ? null : new Date(issued.expiresAt),
        accountId: YOUTUBE_SANDBOX_CHANNEL,
      };
    },
    async faults(settings) {
      await admin('faults', settings);
    },
    async posts() {
      return ((await admin('posts', undefined, 'GET')) as { items: YouTubePostView[] }).items;
    },
    async seedComments(count, videoId) {
      const body = videoId === undefined ? { count } : { count, videoId };
      return ((await admin('comments', body)) as { items: string[] }).items;
    },
    async planProcessing(plan) {
      await admin('processing', plan);
    },
    close: bed.close,
  };
}

/** Bytes that stand for a video: the sandbox stores them, it does not decode them. */
export function video(bytes = 1024, mimeType = 'video/mp4'): MediaItem {
  const data = new Uint8Array(bytes);
  for (let index = 0; index < bytes; index += 1) {
    data[index] = index % 251;
  }
  return { kind: 'video', mimeType, data, publicUrl: null, altText: null };
}

export function videoRequest(
  title: string | null,
  text: string,
  media: readonly MediaItem[] = [video()],
): PublishRequest {
  return { text, title, media, idempotencyKey: 'post-1:youtube' };
}
