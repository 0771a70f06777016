import { randomBytes } from 'node:crypto';

import { emptyFaults } from './sandbox.faults.ts';
import type { FaultState } from './sandbox.faults.ts';

/** One post as the sandbox platform stored it; shown on the platform's wall page. */
export interface SandboxPost {
  readonly id: string;
  readonly platform: string;
  readonly accountId: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly media: readonly { id: string; description: string | null }[];
  readonly extra: Readonly<Record<string, unknown>>;
  deleted: boolean;
}

export interface SandboxToken {
  readonly token: string;
  readonly platform: string;
  readonly accountId: string;
  readonly issuedAt: number;
  readonly expiresAt: number | null;
  readonly refreshToken: string | null;
  /** Empty means "everything", as for a developer-console token issued over the admin API. */
  readonly scopes: readonly string[];
}

export interface TokenOptions {
  readonly lifetimeSeconds: number | null;
  readonly withRefresh: boolean;
  readonly scopes?: readonly string[];
}

export interface SandboxStoreOptions {
  /** The sandbox's clock (ms since epoch); tests move it to expire tokens and idempotency keys. */
  readonly now?: () => number;
}

/** In-memory state of all simulated platforms; a restart starts empty, like a fresh test account. */
export class SandboxStore {
  readonly now: () => number;
  readonly posts: SandboxPost[] = [];
  readonly tokens = new Map<string, SandboxToken>();
  readonly refreshTokens = new Map<string, SandboxToken>();
  /** `platform scope key` → the post the key created and when the platform forgets the key. */
  readonly idempotency = new Map<string, { postId: string; expiresAt: number }>();
  readonly faults = new Map<string, FaultState>();
  /** Platform-specific state a plugin wants to keep (media uploads, containers, …). */
  readonly extras = new Map<string, Map<string, unknown>>();

  constructor(options: SandboxStoreOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  faultsFor(platform: string): FaultState {
    let state = this.faults.get(platform);
    if (state === undefined) {
      state = emptyFaults();
      this.faults.set(platform, state);
    }
    return state;
  }

  extrasFor(platform: string): Map<string, unknown> {
    let map = this.extras.get(platform);
    if (map === undefined) {
      map = new Map();
      this.extras.set(platform, map);
    }
    return map;
  }

  issueToken(platform: string, accountId: string, options: TokenOptions): SandboxToken {
    const now = this.now();
    const token: SandboxToken = {
      token: `${platform}-${randomBytes(18).toString('base64url')}`,
      platform,
      accountId,
      issuedAt: now,
      expiresAt: options.lifetimeSeconds === null ? null : now + options.lifetimeSeconds * 1000,
      refreshToken: options.withRefresh
        ? `${platform}-r-${randomBytes(18).toString('base64url')}`
        : null,
      scopes: options.scopes ?? [],
    };
    this.tokens.set(token.token, token);
    if (token.refreshToken !== null) {
      this.refreshTokens.set(token.refreshToken, token);
    }
    return token;
  }

  /**
   * Redeems a refresh token: a new access token with the same account, scopes and lifetime, and a
   * new refresh token (the old one is used up, as most platforms rotate them).
   */
  redeemRefreshToken(platform: string, refreshToken: string): SandboxToken | undefined {
    const previous = this.refreshTokens.get(refreshToken);
    if (previous === undefined || previous.platform !== platform) {
      return undefined;
    }
    this.refreshTokens.delete(refreshToken);
    const lifetimeMs = previous.expiresAt === null ? null : previous.expiresAt - previous.issuedAt;
    return this.issueToken(platform, previous.accountId, {
      lifetimeSeconds: lifetimeMs === null ? null : Math.max(1, Math.round(lifetimeMs / 1000)),
      withRefresh: true,
      scopes: previous.scopes,
    });
  }

  /** The token's record when it is known, belongs to the platform and has not expired. */
  validToken(platform: string, token: string | undefined): SandboxToken | undefined {
    if (token === undefined) {
      return undefined;
    }
    const record = this.tokens.get(token);
    if (record === undefined || record.platform !== platform) {
      return undefined;
    }
    if (record.issuedAt <= this.faultsFor(platform).tokensValidAfter) {
      return undefined;
    }
    if (record.expiresAt !== null && record.expiresAt <= this.now()) {
      return undefined;
    }
    return record;
  }

  /** Remembers which post an idempotency key created; `scope` is whatever the platform keys by. */
  rememberIdempotencyKey(
    platform: string,
    scope: string,
    key: string,
    postId: string,
    ttlSeconds: number,
  ): void {
    this.idempotency.set(`${platform} ${scope} ${key}`, {
      postId,
      expiresAt: this.now() + ttlSeconds * 1000,
    });
  }

  /** The post an unexpired idempotency key created, if any. */
  idempotentPostId(platform: string, scope: string, key: string): string | undefined {
    const entry = this.idempotency.get(`${platform} ${scope} ${key}`);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.idempotency.delete(`${platform} ${scope} ${key}`);
      return undefined;
    }
    return entry.postId;
  }

  addPost(post: Omit<SandboxPost, 'deleted'>): SandboxPost {
    const stored: SandboxPost = { ...post, deleted: false };
    this.posts.push(stored);
    return stored;
  }

  postById(platform: string, id: string): SandboxPost | undefined {
    return this.posts.find((post) => post.platform === platform && post.id === id && !post.deleted);
  }

  postsOf(platform: string, accountId?: string): SandboxPost[] {
    return this.posts.filter(
      (post) =>
        post.platform === platform &&
        !post.deleted &&
        (accountId === undefined || post.accountId === accountId),
    );
  }
}

let lastId = 0n;

/**
 * Snowflake-like numeric ids, as most platforms use. Strictly increasing, so cursors such as
 * Mastodon's `max_id`/`since_id` can compare them.
 */
export function newId(now: number = Date.now()): string {
  const candidate = BigInt(Math.max(0, Math.floor(now))) * 65_536n;
  lastId = candidate > lastId ? candidate : lastId + 1n;
  return lastId.toString();
}

/** Compares two numeric ids (as strings) without losing precision. */
export function compareIds(a: string, b: string): number {
  const left = BigInt(a);
  const right = BigInt(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
