import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { SandboxStore } from '../sandbox.store.ts';

/**
 * The simulated instance's configuration: what `/api/v2/instance` reports and what the endpoints
 * enforce. Values are Mastodon's defaults; the admin API changes them at runtime.
 */
export const mastodonSettingsSchema = z.strictObject({
  maxCharacters: z.number().int().min(1),
  maxMediaAttachments: z.number().int().min(1),
  charactersReservedPerUrl: z.number().int().min(1),
  descriptionLimit: z.number().int().min(1),
  imageSizeLimit: z.number().int().min(1),
  /** Rack::Attack throttles of a stock instance (per token, per account). */
  apiRequestsPer5Minutes: z.number().int().min(1),
  mediaUploadsPer30Minutes: z.number().int().min(1),
  deletesPer30Minutes: z.number().int().min(1),
  /** StatusPinValidator: a local account may pin this many statuses (5 on a stock instance). */
  maxPinnedStatuses: z.number().int().min(0),
});
export type MastodonSettings = z.infer<typeof mastodonSettingsSchema>;

export const DEFAULT_MASTODON_SETTINGS: MastodonSettings = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  descriptionLimit: 1500,
  imageSizeLimit: 16 * 1024 * 1024,
  apiRequestsPer5Minutes: 300,
  mediaUploadsPer30Minutes: 30,
  deletesPer30Minutes: 30,
  maxPinnedStatuses: 5,
};

export const SUPPORTED_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** Idempotency keys live for one hour (PostStatusService: `redis.setex(…, 3_600, …)`). */
export const IDEMPOTENCY_TTL_SECONDS = 3600;

/** The account a sandbox OAuth authorisation approves when no other is named. */
export const CITY_ACCOUNT_ID = '109000000000000001';

export interface MastodonAccount {
  readonly id: string;
  readonly username: string;
  /** null for accounts of this instance. */
  readonly domain: string | null;
  readonly displayName: string;
  readonly note: string;
  readonly fields: readonly { name: string; value: string }[];
  readonly createdAt: Date;
}

export interface MastodonStatusMeta {
  readonly inReplyToId: string | null;
  readonly inReplyToAccountId: string | null;
  readonly visibility: 'public' | 'unlisted' | 'private' | 'direct';
  readonly spoilerText: string;
  readonly language: string | null;
  readonly sensitive: boolean;
}

export interface MastodonMedia {
  readonly id: string;
  readonly accountId: string;
  readonly mimeType: string;
  readonly size: number;
  readonly description: string | null;
  statusId: string | null;
}

/** One version of a status as `GET /api/v1/statuses/:id/history` lists it (StatusEdit). */
export interface MastodonStatusEdit {
  readonly text: string;
  readonly spoilerText: string;
  readonly sensitive: boolean;
  readonly mediaIds: readonly string[];
  readonly createdAt: Date;
}

export interface MastodonApp {
  readonly id: string;
  readonly name: string;
  readonly website: string | null;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
}

export interface MastodonAuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly accountId: string;
  readonly codeChallenge: string | null;
  readonly expiresAt: number;
}

export interface MastodonNotification {
  readonly id: string;
  readonly type: 'mention';
  /** Who is notified. */
  readonly accountId: string;
  readonly fromAccountId: string;
  readonly statusId: string;
  readonly createdAt: Date;
}

/** Everything the Mastodon plugin keeps besides the shared posts and tokens. */
export class MastodonState {
  settings: MastodonSettings = { ...DEFAULT_MASTODON_SETTINGS };
  readonly accounts = new Map<string, MastodonAccount>();
  readonly statusMeta = new Map<string, MastodonStatusMeta>();
  readonly media = new Map<string, MastodonMedia>();
  readonly apps = new Map<string, MastodonApp>();
  readonly codes = new Map<string, MastodonAuthorizationCode>();
  readonly notifications: MastodonNotification[] = [];
  /** Status id → its versions, the original first; empty until the first edit (Mastodon too). */
  readonly edits = new Map<string, MastodonStatusEdit[]>();
  /** Account id → the ids of its pinned statuses, in pinning order. */
  readonly pins = new Map<string, string[]>();
  /** Fixed-window throttle counters: `bucket key` → count and window end. */
  readonly throttles = new Map<string, { count: number; resetsAt: number }>();
  /** How many comments were generated so far; the next one continues the sequence. */
  generatedComments = 0;

  constructor(private readonly now: () => number) {
    this.accounts.set(CITY_ACCOUNT_ID, {
      id: CITY_ACCOUNT_ID,
      username: 'stadt_stuttgart',
      domain: null,
      displayName: 'Landeshauptstadt Stuttgart',
      note: 'Offizieller Kanal der Landeshauptstadt Stuttgart. Impressum und Datenschutz: siehe Links.',
      fields: [
        { name: 'Website', value: 'https://www.stuttgart.de' },
        { name: 'Impressum', value: 'https://www.stuttgart.de/impressum' },
        { name: 'Datenschutz', value: 'https://www.stuttgart.de/datenschutz' },
      ],
      createdAt: new Date(now()),
    });
  }

  /** Every token names an account; unknown ids become a plain local account on first use. */
  account(id: string): MastodonAccount {
    let account = this.accounts.get(id);
    if (account === undefined) {
      account = {
        id,
        username: `konto_${id.replace(/[^a-z0-9_]/gi, '').slice(-12) || 'sandbox'}`,
        domain: null,
        displayName: 'Sandbox-Konto',
        note: '',
        fields: [],
        createdAt: new Date(this.now()),
      };
      this.accounts.set(id, account);
    }
    return account;
  }

  /** A remote account (a commenter from another instance), created once per handle. */
  remoteAccount(
    username: string,
    domain: string,
    displayName: string,
    id: string,
  ): MastodonAccount {
    for (const account of this.accounts.values()) {
      if (account.username === username && account.domain === domain) {
        return account;
      }
    }
    const account: MastodonAccount = {
      id,
      username,
      domain,
      displayName,
      note: '',
      fields: [],
      createdAt: new Date(this.now()),
    };
    this.accounts.set(id, account);
    return account;
  }

  registerApp(input: Omit<MastodonApp, 'clientId' | 'clientSecret'>): MastodonApp {
    const app: MastodonApp = {
      ...input,
      clientId: randomBytes(24).toString('base64url'),
      clientSecret: randomBytes(32).toString('base64url'),
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  /**
   * Counts one request against a fixed window, as Rack::Attack does. Returns the numbers for the
   * X-RateLimit headers; `allowed` is false once the limit is exceeded.
   */
  throttle(
    bucket: string,
    key: string,
    limit: number,
    periodSeconds: number,
  ): { allowed: boolean; limit: number; remaining: number; resetsAt: number } {
    const now = this.now();
    const id = `${bucket} ${key}`;
    let entry = this.throttles.get(id);
    if (entry === undefined || entry.resetsAt <= now) {
      const periodMs = periodSeconds * 1000;
      entry = { count: 0, resetsAt: now - (now % periodMs) + periodMs };
      this.throttles.set(id, entry);
    }
    entry.count += 1;
    return {
      allowed: entry.count <= limit,
      limit,
      remaining: Math.max(0, limit - entry.count),
      resetsAt: entry.resetsAt,
    };
  }
}

/** The plugin's state for this sandbox (one per store, so parallel sandboxes stay apart). */
export function mastodonState(store: SandboxStore): MastodonState {
  const extras = store.extrasFor('mastodon');
  const existing = extras.get('state');
  if (existing instanceof MastodonState) {
    return existing;
  }
  const state = new MastodonState(store.now);
  extras.set('state', state);
  return state;
}

/** Mastodon's scope rule: `read` grants every `read:*`, `write` every `write:*`. */
export function scopeGranted(granted: readonly string[], required: string): boolean {
  if (granted.length === 0) {
    return true;
  }
  const [family] = required.split(':');
  return granted.includes(required) || (family !== undefined && granted.includes(family));
}
