import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost, SandboxStore, SandboxToken } from '../sandbox.store.ts';

export const X = 'x';

/** Rate-limited endpoint groups, each with its own 15-minute window per user. */
export type XEndpoint =
  | 'users-me'
  | 'tweets-create'
  | 'tweets-delete'
  | 'users-tweets'
  | 'media-upload'
  | 'media-metadata'
  | 'users-mentions'
  | 'tweets-hidden';

/**
 * Limits as data, because X changes them with every tier (platforms.md §4.3): Basic-tier values
 * as published on docs.x.com rate-limits and quoted in tweepy discussion #2129.
 */
export interface XSandboxOptions {
  /** OAuth 2.0 access tokens live two hours (docs.x.com OAuth 2.0 authorization code flow). */
  readonly accessTokenSeconds: number;
  /** Tweets per user in any 24 hours; beyond it POST /2/tweets answers 429. */
  readonly tweetsPer24h: number;
  readonly windowLimits: Readonly<Record<XEndpoint, number>>;
}

export const DEFAULT_X_SANDBOX_OPTIONS: XSandboxOptions = {
  accessTokenSeconds: 7200,
  tweetsPer24h: 100,
  windowLimits: {
    'users-me': 75,
    'tweets-create': 100,
    'tweets-delete': 50,
    'users-tweets': 900,
    'media-upload': 500,
    'media-metadata': 500,
    // Published per-user limits (docs.x.com rate-limits); Basic showed 10 for mentions in 2023.
    'users-mentions': 300,
    'tweets-hidden': 50,
  },
};

const WINDOW_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface XAuthCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly method: 'S256' | 'plain';
  readonly scopes: readonly string[];
  readonly accountId: string;
  readonly expiresAt: number;
}

export interface XMedia {
  readonly id: string;
  readonly mediaKey: string;
  readonly ownerIds: readonly string[];
  readonly mediaType: string;
  readonly category: string;
  readonly totalBytes: number;
  readonly chunks: Map<number, Uint8Array>;
  readonly expiresAt: number;
  finalized: boolean;
  altText: string | null;
}

/** What X keeps about a tweet beyond the shared post record. */
export interface XTweetMeta {
  readonly inReplyToTweetId: string | null;
  /** Author of the replied-to tweet: X lists the reply among that user's mentions. */
  readonly inReplyToUserId: string | null;
  /** The thread's first tweet; its author may hide replies anywhere in the thread. */
  readonly conversationId: string;
  readonly mediaKeys: readonly string[];
  hidden: boolean;
}

/** Someone other than the city on X: the sandbox's commenters. */
export interface XUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
}

/** The plugin's state for one sandbox store; the shared store keeps posts and tokens. */
export class XState {
  readonly codes = new Map<string, XAuthCode>();
  readonly media = new Map<string, XMedia>();
  readonly tweets = new Map<string, XTweetMeta>();
  readonly windows = new Map<string, { start: number; count: number }>();
  /** Citizens by id; every other account id is one of the city's. */
  readonly citizens = new Map<string, XUser>();
  /** How many comments were generated so far; the next one continues the sequence. */
  generatedComments = 0;

  /** A tweet's meta; tweets stored without one are plain, unhidden originals. */
  metaOf(post: SandboxPost): XTweetMeta {
    let meta = this.tweets.get(post.id);
    if (meta === undefined) {
      meta = {
        inReplyToTweetId: null,
        inReplyToUserId: null,
        conversationId: post.id,
        mediaKeys: [],
        hidden: false,
      };
      this.tweets.set(post.id, meta);
    }
    return meta;
  }

  user(id: string): XUser {
    return this.citizens.get(id) ?? { id, username: xUsername(id), name: `Sandbox ${id}` };
  }
}

export function xUsername(accountId: string): string {
  return `stadtfunk_${accountId.slice(-6)}`;
}

/** One state per store (each createSandbox() starts empty, like the store itself). */
export function xState(store: SandboxStore): XState {
  const extras = store.extrasFor(X);
  const existing = extras.get('state');
  if (existing instanceof XState) {
    return existing;
  }
  const state = new XState();
  extras.set('state', state);
  return state;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * X's generic problem body, e.g. 401
 * `{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}`.
 */
export function problem(status: number, detail?: string): Record<string, unknown> {
  const title = TITLES[status] ?? 'Error';
  return { title, type: 'about:blank', status, detail: detail ?? title };
}

/** X's 400 for invalid parameters: a typed problem with one message per offending parameter. */
export function invalidRequest(messages: readonly string[]): Record<string, unknown> {
  return {
    errors: messages.map((message) => ({ parameters: {}, message })),
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

export function zodMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`,
  );
}

/** Latency and injected faults, answered in X's own error format. */
export function guardX(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  return ctx.guard(X, request, reply, (status) => problem(status));
}

/** The bearer token's record, or null after answering 401 as X does. */
export async function authenticate(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SandboxToken | null> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : undefined;
  const record = ctx.store.validToken(X, token);
  if (record === undefined) {
    await reply.status(401).send(problem(401));
    return null;
  }
  return record;
}

/**
 * OAuth 2.0 scopes of the token (an empty list, as the admin API issues, means all); false after
 * answering X's plain 403, which is what a missing scope gets.
 */
export async function hasScopes(
  token: SandboxToken,
  required: readonly string[],
  reply: FastifyReply,
): Promise<boolean> {
  if (token.scopes.length === 0 || required.every((scope) => token.scopes.includes(scope))) {
    return true;
  }
  await reply.status(403).send(problem(403));
  return false;
}

/** Pagination tokens are opaque to clients; the sandbox's name the oldest id already sent. */
export function encodePageToken(id: string): string {
  return Buffer.from(`older:${id}`).toString('base64url');
}

export function decodePageToken(token: string): bigint | null {
  const match = /^older:(\d{1,19})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : BigInt(match[1]);
}

/** Counts the request in its 15-minute window and sets X's headers; false after answering 429. */
export async function withinRateLimit(
  ctx: SandboxContext,
  options: XSandboxOptions,
  endpoint: XEndpoint,
  accountId: string,
  reply: FastifyReply,
): Promise<boolean> {
  const now = ctx.store.now();
  const windows = xState(ctx.store).windows;
  const key = `${endpoint}:${accountId}`;
  let window = windows.get(key);
  if (window === undefined || now - window.start >= WINDOW_MS) {
    window = { start: now, count: 0 };
    windows.set(key, window);
  }
  window.count += 1;
  const limit = options.windowLimits[endpoint];
  void reply.headers({
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(Math.max(0, limit - window.count)),
    'x-rate-limit-reset': String(Math.ceil((window.start + WINDOW_MS) / 1000)),
  });
  if (window.count > limit) {
    await reply.status(429).send(problem(429));
    return false;
  }
  return true;
}

/** The 24-hour tweet cap per user; deleted tweets still count, as on X. */
export function dailyTweets(
  store: SandboxStore,
  options: XSandboxOptions,
  accountId: string,
): { remaining: number; reset: number } {
  const now = store.now();
  const since = now - DAY_MS;
  const recent = store.posts.filter(
    (post) =>
      post.platform === X && post.accountId === accountId && post.createdAt.getTime() > since,
  );
  const oldest = recent.reduce((min, post) => Math.min(min, post.createdAt.getTime()), now);
  return {
    remaining: Math.max(0, options.tweetsPer24h - recent.length),
    reset: Math.ceil((oldest + DAY_MS) / 1000),
  };
}
