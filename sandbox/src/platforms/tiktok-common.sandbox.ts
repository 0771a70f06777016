import { randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxStore, SandboxToken } from '../sandbox.store.ts';

export const TIKTOK = 'tiktok';

/** The creator who "logs in" on the sandbox consent page. */
export const TIKTOK_SANDBOX_OPEN_ID = '-000sandboxOpenIdStadtfunk';
export const TIKTOK_SANDBOX_USERNAME = 'stadt.sandbox';

/** Everything TikTok decides per app or account, as data. */
export interface TikTokSandboxOptions {
  /** Access tokens live 24 hours (Login Kit token management, v2). */
  readonly accessTokenSeconds: number;
  /** Refresh tokens live 365 days and are rotated on use. */
  readonly refreshTokenSeconds: number;
  /** An unaudited client may post SELF_ONLY only, and only to private accounts. */
  readonly auditedClient: boolean;
  /** Whether the creator's account is private (changes the privacy options TikTok offers). */
  readonly accountPrivate: boolean;
  readonly bannedFromPosting: boolean;
  readonly commentDisabled: boolean;
  readonly duetDisabled: boolean;
  readonly stitchDisabled: boolean;
  readonly maxVideoPostDurationSec: number;
  /** Posts per creator per 24 hours before spam_risk_too_many_posts (TikTok publishes none). */
  readonly postsPerDay: number;
  /** Status polls a publish stays in PROCESSING_* before it completes. */
  readonly processingPolls: number;
  /** …or this much sandbox time after the media arrived, whichever comes first. */
  readonly processingMs: number;
  /** URL prefixes verified as the app's own (PULL_FROM_URL refuses all others). */
  readonly verifiedUrlPrefixes: readonly string[];
  readonly bio: string;
  readonly followerCount: number;
  readonly followingCount: number;
  readonly likesCount: number;
}

export const DEFAULT_TIKTOK_SANDBOX_OPTIONS: TikTokSandboxOptions = {
  accessTokenSeconds: 86_400,
  refreshTokenSeconds: 31_536_000,
  auditedClient: false,
  accountPrivate: true,
  bannedFromPosting: false,
  commentDisabled: false,
  duetDisabled: false,
  stitchDisabled: false,
  maxVideoPostDurationSec: 600,
  postsPerDay: 20,
  processingPolls: 2,
  processingMs: 60_000,
  verifiedUrlPrefixes: ['https://media.stadtfunk.example/'],
  bio: 'Die Stadt auf TikTok. Impressum: https://stadt.example/impressum',
  followerCount: 1200,
  followingCount: 12,
  likesCount: 34_000,
};

/** Per-token call limits per minute (Content Posting API reference). */
export const TIKTOK_RATE_LIMITS = { init: 6, creatorInfo: 20, status: 30 } as const;
export type TikTokRateBucket = keyof typeof TIKTOK_RATE_LIMITS;

export interface TikTokAuthCode {
  readonly clientKey: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

export type TikTokPublishStatus =
  'PROCESSING_UPLOAD' | 'PROCESSING_DOWNLOAD' | 'PUBLISH_COMPLETE' | 'FAILED';

/** One Direct Post as TikTok tracks it between init and completion. */
export interface TikTokPublish {
  readonly publishId: string;
  readonly accountId: string;
  readonly mediaType: 'VIDEO' | 'PHOTO';
  readonly caption: string;
  readonly title: string;
  readonly privacyLevel: string;
  readonly mediaCount: number;
  readonly videoSize: number;
  readonly chunkSize: number;
  readonly totalChunkCount: number;
  readonly uploadToken: string;
  readonly createdAt: number;
  uploaded: Buffer[];
  uploadedBytes: number;
  /** When the media was complete (last chunk arrived, or photos pulled). */
  mediaReadyAt: number | null;
  polls: number;
  status: TikTokPublishStatus;
  failReason: string | null;
  postId: string | null;
}

export interface TikTokState {
  readonly codes: Map<string, TikTokAuthCode>;
  readonly publishes: Map<string, TikTokPublish>;
  /** `bucket token` → call times within the last minute. */
  readonly calls: Map<string, number[]>;
}

export function tiktokState(store: SandboxStore): TikTokState {
  const extras = store.extrasFor(TIKTOK);
  let state = extras.get('state') as TikTokState | undefined;
  if (state === undefined) {
    state = { codes: new Map(), publishes: new Map(), calls: new Map() };
    extras.set('state', state);
  }
  return state;
}

/** TikTok's Open API envelope for an error: empty data, a machine code, a log id. */
export function apiError(code: string, message: string): Record<string, unknown> {
  return { data: {}, error: { code, message, log_id: logId() } };
}

/** The success envelope: `error.code` is `ok` even on success. */
export function apiOk(data: unknown): Record<string, unknown> {
  return { data, error: { code: 'ok', message: '', log_id: logId() } };
}

export function oauthError(error: string, description: string): Record<string, string> {
  return { error, error_description: description, log_id: logId() };
}

function logId(): string {
  return `2026${randomBytes(12).toString('hex').toUpperCase()}`;
}

export function faultBody(status: number): Record<string, unknown> {
  return status === 429
    ? apiError('rate_limit_exceeded', 'The API rate limit was exceeded. Please try again later.')
    : apiError('internal_error', 'Something went wrong. Please try again later.');
}

export function guardTikTok(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  return ctx.guard(TIKTOK, request, reply, faultBody);
}

/** A token from the admin API has no scopes, which means "everything". */
export function hasScope(token: SandboxToken, scope: string): boolean {
  return token.scopes.length === 0 || token.scopes.includes(scope);
}

/**
 * The checks every Open API call passes: the fault guard, a live bearer token (else 401
 * access_token_invalid) and the endpoint's scopes (else 401 scope_not_authorized).
 */
export async function authorizeApi(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
  scopes: readonly string[],
): Promise<SandboxToken | undefined> {
  if (!(await guardTikTok(ctx, request, reply))) {
    return undefined;
  }
  const header = request.headers.authorization;
  const presented = header?.startsWith('Bearer ') === true ? header.slice(7) : undefined;
  const token = ctx.store.validToken(TIKTOK, presented);
  if (token === undefined) {
    await reply
      .status(401)
      .send(
        apiError(
          'access_token_invalid',
          'The access token is invalid or not found in the request.',
        ),
      );
    return undefined;
  }
  const missing = scopes.find((scope) => !hasScope(token, scope));
  if (missing !== undefined) {
    await reply
      .status(401)
      .send(
        apiError(
          'scope_not_authorized',
          `The user did not authorize the scope required for completing this request: ${missing}.`,
        ),
      );
    return undefined;
  }
  return token;
}

/** Sliding one-minute window per token and endpoint group; false after answering 429. */
export async function withinRate(
  ctx: SandboxContext,
  token: SandboxToken,
  bucket: TikTokRateBucket,
  reply: FastifyReply,
): Promise<boolean> {
  const calls = tiktokState(ctx.store).calls;
  const key = `${bucket} ${token.token}`;
  const now = ctx.store.now();
  const recent = (calls.get(key) ?? []).filter((at) => at > now - 60_000);
  if (recent.length >= TIKTOK_RATE_LIMITS[bucket]) {
    calls.set(key, recent);
    await reply
      .status(429)
      .send(
        apiError('rate_limit_exceeded', 'The API rate limit was exceeded. Please try again later.'),
      );
    return false;
  }
  recent.push(now);
  calls.set(key, recent);
  return true;
}

export async function invalidParam(reply: FastifyReply, message: string): Promise<FastifyReply> {
  return reply.status(400).send(apiError('invalid_param', message));
}

export function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}
