import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxStore, SandboxToken } from '../sandbox.store.ts';

export const YOUTUBE = 'youtube';

/** The channel the sandbox's Google account owns (YouTube channel ids: `UC` + 22 characters). */
export const YOUTUBE_SANDBOX_CHANNEL = 'UCstadtfunkSandbox0000001';

export const YOUTUBE_SCOPES = {
  youtube: 'https://www.googleapis.com/auth/youtube',
  upload: 'https://www.googleapis.com/auth/youtube.upload',
  forceSsl: 'https://www.googleapis.com/auth/youtube.force-ssl',
  readonly: 'https://www.googleapis.com/auth/youtube.readonly',
  analytics: 'https://www.googleapis.com/auth/yt-analytics.readonly',
} as const;

/** Methods whose Data API quota cost the sandbox charges (determine_quota_cost). */
export type YouTubeMethod =
  | 'channels.list'
  | 'videos.list'
  | 'videos.delete'
  | 'playlistItems.list'
  | 'commentThreads.list'
  | 'comments.insert'
  | 'comments.delete'
  | 'comments.setModerationStatus';

/** Limits and quotas as data: Google changes them (the insert cost was once 1 600 units). */
export interface YouTubeSandboxOptions {
  /** Google access tokens live one hour (3 599 s in token responses). */
  readonly accessTokenSeconds: number;
  /** Default project quota: 10 000 units per Pacific day for everything but inserts. */
  readonly quotaUnitsPerDay: number;
  /** `videos.insert` has its own bucket: 100 calls per day (current quota page). */
  readonly insertsPerDay: number;
  readonly costs: Readonly<Record<YouTubeMethod, number>>;
  /** Status polls (`videos.list` with status) before an upload counts as processed. */
  readonly processingPolls: number;
  readonly channelTitle: string;
  readonly channelDescription: string;
}

export const DEFAULT_YOUTUBE_SANDBOX_OPTIONS: YouTubeSandboxOptions = {
  accessTokenSeconds: 3599,
  quotaUnitsPerDay: 10_000,
  insertsPerDay: 100,
  costs: {
    'channels.list': 1,
    'videos.list': 1,
    'videos.delete': 50,
    'playlistItems.list': 1,
    'commentThreads.list': 1,
    'comments.insert': 50,
    'comments.delete': 50,
    'comments.setModerationStatus': 50,
  },
  processingPolls: 2,
  channelTitle: 'Stadt Stuttgart (Sandbox)',
  channelDescription: 'Offizieller Kanal der Landeshauptstadt – Sandbox-Kopie.',
};

export interface YouTubeAuthCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly challenge: string | null;
  readonly offline: boolean;
  readonly expiresAt: number;
}

export type UploadStatus = 'uploaded' | 'processed' | 'failed' | 'rejected' | 'deleted';

/** What processing will end in; set per video over the admin API. */
export type ProcessingPlan =
  | { readonly uploadStatus: 'processed' }
  | { readonly uploadStatus: 'failed'; readonly failureReason: string }
  | { readonly uploadStatus: 'rejected'; readonly rejectionReason: string };

export interface YouTubeVideo {
  readonly id: string;
  readonly channelId: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly privacyStatus: string;
  readonly publishedAt: number;
  readonly bytes: number;
  uploadStatus: UploadStatus;
  failureReason: string | null;
  rejectionReason: string | null;
  polls: number;
  plan: ProcessingPlan;
}

export interface YouTubeUploadSession {
  readonly channelId: string;
  readonly metadata: {
    readonly title: string;
    readonly description: string;
    readonly tags: readonly string[];
    readonly privacyStatus: string;
  };
  readonly declaredLength: number | null;
  readonly chunks: Buffer[];
  received: number;
}

export interface YouTubeComment {
  readonly id: string;
  readonly videoId: string;
  /** The channel that owns the video (allThreadsRelatedToChannelId). */
  readonly videoChannelId: string;
  readonly parentId: string | null;
  readonly authorChannelId: string;
  readonly authorDisplayName: string;
  readonly text: string;
  readonly publishedAt: number;
  moderationStatus: 'published' | 'heldForReview' | 'rejected';
  deleted: boolean;
}

export interface YouTubeState {
  readonly codes: Map<string, YouTubeAuthCode>;
  readonly uploads: Map<string, YouTubeUploadSession>;
  readonly videos: Map<string, YouTubeVideo>;
  readonly comments: YouTubeComment[];
  /** Quota used on the Pacific day `day` (YYYY-MM-DD). */
  quota: { day: string; units: number; inserts: number };
  generatedComments: number;
}

/** YouTube's plugin state inside the shared store's extras. */
export function youtubeState(store: SandboxStore): YouTubeState {
  const extras = store.extrasFor(YOUTUBE);
  let state = extras.get('state') as YouTubeState | undefined;
  if (state === undefined) {
    state = {
      codes: new Map(),
      uploads: new Map(),
      videos: new Map(),
      comments: [],
      quota: { day: '', units: 0, inserts: 0 },
      generatedComments: 0,
    };
    extras.set('state', state);
  }
  return state;
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Google's JSON error body: `{error: {code, message, errors: [{domain, reason}], status}}`. */
export function googleError(
  code: number,
  reason: string,
  message: string,
  domain = 'youtube.api',
): Record<string, unknown> {
  return {
    error: {
      code,
      message,
      errors: [{ message, domain, reason }],
      ...(STATUS_NAMES[code] === undefined ? {} : { status: STATUS_NAMES[code] }),
    },
  };
}

export async function sendGoogleError(
  reply: FastifyReply,
  code: number,
  reason: string,
  message: string,
  domain?: string,
): Promise<FastifyReply> {
  return reply.status(code).send(googleError(code, reason, message, domain));
}

/** What the guard sends for injected faults, in Google's shape. */
export function faultBody(status: number): Record<string, unknown> {
  if (status === 429) {
    return googleError(429, 'rateLimitExceeded', 'Rate Limit Exceeded', 'usageLimits');
  }
  return googleError(status, 'backendError', 'Backend Error', 'global');
}

export function guardYouTube(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  return ctx.guard(YOUTUBE, request, reply, faultBody);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : undefined;
}

/**
 * Guard, bearer token and scope check every Data API call passes. Any one of `scopes` suffices
 * (Google lists alternatives per method); admin-issued tokens (no scopes) may do everything.
 */
export async function authorizeGoogle(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scopes: readonly string[],
): Promise<SandboxToken | undefined> {
  if (!(await guardYouTube(ctx, request, reply))) {
    return undefined;
  }
  const token = ctx.store.validToken(YOUTUBE, bearer(request));
  if (token === undefined) {
    await reply
      .status(401)
      .send(
        googleError(
          401,
          'authError',
          'Request had invalid authentication credentials. Expected OAuth 2 access token.',
          'global',
        ),
      );
    return undefined;
  }
  if (token.scopes.length > 0 && !scopes.some((scope) => token.scopes.includes(scope))) {
    await sendGoogleError(
      reply,
      403,
      'insufficientPermissions',
      'Request had insufficient authentication scopes.',
      'global',
    );
    return undefined;
  }
  return token;
}

/** The calendar day in Pacific time, when YouTube's quotas reset. */
export function pacificDay(now: number): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now));
}

function currentQuota(ctx: SandboxContext): YouTubeState['quota'] {
  const state = youtubeState(ctx.store);
  const day = pacificDay(ctx.store.now());
  if (state.quota.day !== day) {
    state.quota = { day, units: 0, inserts: 0 };
  }
  return state.quota;
}

async function quotaExceeded(reply: FastifyReply): Promise<false> {
  await sendGoogleError(
    reply,
    403,
    'quotaExceeded',
    'The request cannot be completed because you have exceeded your quota.',
    'youtube.quota',
  );
  return false;
}

/** Charges a method's cost; answers 403 quotaExceeded (and returns false) when the day is spent. */
export async function chargeQuota(
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
  reply: FastifyReply,
  method: YouTubeMethod,
): Promise<boolean> {
  const quota = currentQuota(ctx);
  const cost = options.costs[method];
  if (quota.units + cost > options.quotaUnitsPerDay) {
    return quotaExceeded(reply);
  }
  quota.units += cost;
  return true;
}

/** `videos.insert` draws from its own daily bucket of calls. */
export async function chargeInsert(
  ctx: SandboxContext,
  options: YouTubeSandboxOptions,
  reply: FastifyReply,
): Promise<boolean> {
  const quota = currentQuota(ctx);
  if (quota.inserts + 1 > options.insertsPerDay) {
    return quotaExceeded(reply);
  }
  quota.inserts += 1;
  return true;
}

/** The channel's uploads playlist id: `UU` followed by the channel id without its `UC`. */
export function uploadsPlaylistOf(channelId: string): string {
  return `UU${channelId.slice(2)}`;
}

/** Splits `part=snippet,status` into its names. */
export function partsOf(value: string): Set<string> {
  return new Set(
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== ''),
  );
}

/** Page tokens are opaque on YouTube; the sandbox encodes the offset. */
export function pageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function offsetOf(token: string | undefined): number | null {
  if (token === undefined || token === '') {
    return 0;
  }
  const match = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match === null ? null : Number(match[1]);
}
