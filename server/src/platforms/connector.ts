/**
 * The one contract every platform connector implements. Capabilities and limits are data, so the
 * composer, the outbox and the inbox branch on them instead of on platform names.
 */

export const PLATFORM_KEYS = [
  'mastodon',
  'x',
  'facebook',
  'instagram',
  'linkedin',
  'youtube',
  'tiktok',
  'xing',
] as const;
export type PlatformKey = (typeof PLATFORM_KEYS)[number];

export const CAPABILITIES = [
  'text',
  'images',
  'video',
  'carousel',
  'alt-text',
  'edit',
  'delete',
  'pin',
  'reply',
  'read-comments',
  'hide-comment',
  'delete-comment',
  'read-direct-messages',
  'read-profile',
  'insights',
  'idempotency-key',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/** How a text's length is counted: X weighs characters and URLs, others count code points. */
export type LengthCounter = (text: string) => number;

export interface PlatformLimits {
  readonly maxTextLength: number;
  readonly countLength: LengthCounter;
  readonly maxImages: number;
  readonly maxVideos: number;
  readonly maxAltTextLength: number | null;
  readonly maxHashtags: number | null;
  /** True when a post must carry at least one image or video (Instagram, TikTok, YouTube). */
  readonly mediaRequired: boolean;
  readonly maxTitleLength: number | null;
}

export interface ConnectorDescriptor {
  readonly key: PlatformKey;
  readonly capabilities: ReadonlySet<Capability>;
  /** `manual`: a person publishes (Xing); the connector only creates tasks. */
  readonly mode: 'api' | 'manual';
}

/** The closed set of failure kinds, decided from HTTP status and platform error codes. */
export type PlatformFailure =
  | { readonly kind: 'auth-expired'; readonly platformCode: string | null }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number | null }
  | { readonly kind: 'transient'; readonly platformCode: string | null }
  | { readonly kind: 'rejected'; readonly reason: string; readonly platformCode: string | null }
  | { readonly kind: 'outcome-unknown' };

export class PlatformError extends Error {
  constructor(readonly failure: PlatformFailure) {
    super(`platform failure: ${failure.kind}`);
    this.name = 'PlatformError';
  }
}

export interface ChannelAuth {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
  /** Platform account id (page id, user id, author URN …) the channel publishes as. */
  readonly accountId: string | null;
}

export interface MediaItem {
  readonly kind: 'image' | 'video';
  readonly mimeType: string;
  /** Bytes for upload-based platforms. */
  readonly data: Uint8Array;
  /** A public, signed, expiring URL for platforms that fetch media themselves (Instagram). */
  readonly publicUrl: string | null;
  readonly altText: string | null;
}

export interface PublishRequest {
  readonly text: string;
  readonly title: string | null;
  readonly media: readonly MediaItem[];
  /** Deterministic per (post, channel): the same on every retry. */
  readonly idempotencyKey: string;
  /**
   * The account's own earlier post this one continues (crisis updates as a thread). Honoured by
   * connectors with the `reply` capability; others publish a post of its own.
   */
  readonly inReplyTo?: string | null;
}

export type PublishResult =
  | { readonly status: 'published'; readonly externalId: string; readonly url: string | null }
  | { readonly status: 'pending'; readonly pendingRef: string }
  | { readonly status: 'failed'; readonly failure: PlatformFailure };

/** What a connector found when it looked for a post whose publish outcome was unknown. */
export type LookupResult =
  | { readonly status: 'found'; readonly externalId: string; readonly url: string | null }
  | { readonly status: 'absent' }
  | { readonly status: 'undecidable' };

export interface AuthorizationStart {
  readonly url: string;
  /** Kept server-side between redirect and callback (PKCE verifier, state). */
  readonly state: string;
  readonly codeVerifier: string | null;
}

export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
  readonly accountId: string | null;
}

export interface RemoteComment {
  readonly externalId: string;
  readonly parentExternalId: string | null;
  readonly postExternalId: string | null;
  readonly authorHandle: string;
  readonly authorName: string | null;
  readonly text: string;
  readonly createdAt: Date;
  readonly kind: 'comment' | 'mention' | 'direct-message';
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface Insights {
  readonly periodStart: Date;
  readonly periodEnd: Date;
  /** Aggregated numbers only (joint controllership: no personal data). */
  readonly metrics: Readonly<Record<string, number>>;
}

/** Everything a platform offers; optional methods exist only where the capability is declared. */
export interface Connector extends ConnectorDescriptor {
  limits(auth: ChannelAuth): Promise<PlatformLimits>;
  authorizationUrl(redirectUri: string): Promise<AuthorizationStart>;
  exchangeCode(code: string, redirectUri: string, codeVerifier: string | null): Promise<TokenSet>;
  refresh(auth: ChannelAuth): Promise<TokenSet>;
  publish(auth: ChannelAuth, request: PublishRequest): Promise<PublishResult>;
  checkStatus(auth: ChannelAuth, pendingRef: string): Promise<PublishResult>;
  /** Looks for a post among the account's recent ones after an unknown outcome. */
  findPublished(auth: ChannelAuth, request: PublishRequest, since: Date): Promise<LookupResult>;
  deletePost?(auth: ChannelAuth, externalId: string): Promise<void>;
  /** Replaces a published post's text (capability `edit`); media stay as published. */
  editPost?(auth: ChannelAuth, externalId: string, text: string): Promise<void>;
  /** Pins or unpins a post on the account's profile (capability `pin`). */
  pinPost?(auth: ChannelAuth, externalId: string, pinned: boolean): Promise<void>;
  /** Removes a comment on the city's post (capability `delete-comment`); hiding is preferred. */
  deleteComment?(auth: ChannelAuth, externalId: string): Promise<void>;
  readComments?(auth: ChannelAuth, cursor: string | null): Promise<Page<RemoteComment>>;
  reply?(auth: ChannelAuth, toExternalId: string, text: string): Promise<{ externalId: string }>;
  hideComment?(auth: ChannelAuth, externalId: string, hidden: boolean): Promise<void>;
  readProfile?(auth: ChannelAuth): Promise<{ bio: string; links: readonly string[] }>;
  insights?(auth: ChannelAuth, from: Date, to: Date): Promise<Insights>;
}
