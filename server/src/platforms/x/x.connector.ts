import type { SendTweetV2Params, TwitterApi } from 'twitter-api-v2';

import type {
  AuthorizationStart,
  ChannelAuth,
  Connector,
  LookupResult,
  MediaItem,
  Page,
  PlatformFailure,
  PublishResult,
  RemoteComment,
  TokenSet,
} from '../connector.ts';
import { PlatformError } from '../connector.ts';
import { xAppClient, xClientSettings, xUserClient } from './x.client.ts';
import { xFailureFrom } from './x.errors.ts';
import type { XRequestPhase } from './x.errors.ts';
import { isXImageType, X_CAPABILITIES, X_LIMITS } from './x.limits.ts';
import { findTweet, xTweetUrl } from './x.lookup.ts';
import { readXMentions } from './x.mentions.ts';

export const X_API_BASE_URL = 'https://api.x.com';
export const X_AUTHORIZE_BASE_URL = 'https://x.com';

/**
 * `offline.access` yields the refresh token; `media.write` is required by v2 media upload,
 * `tweet.moderate.write` by hiding replies (PUT /2/tweets/:id/hidden).
 */
export const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'media.write',
  'tweet.moderate.write',
  'offline.access',
] as const;

export interface XConnectorOptions {
  /** OAuth 2.0 client id from the X developer console. */
  readonly clientId: string;
  /** Present for a confidential client; X then expects HTTP Basic on the token endpoint. */
  readonly clientSecret: string | null;
  /** Origin of the API; a sandbox origin in development and tests. Default `https://api.x.com`. */
  readonly apiBaseUrl?: string;
  /** Origin of the consent page. Default `https://x.com`, or `apiBaseUrl` when that is changed. */
  readonly authorizeBaseUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * X (crisis channel) over twitter-api-v2 and OAuth 2.0 with PKCE. X has no idempotency key:
 * a tweet whose answer was lost is reported as `outcome-unknown` and never retried here;
 * `findPublished` then looks for it among the account's recent tweets.
 */
export function createXConnector(options: XConnectorOptions): Connector {
  const apiBaseUrl = options.apiBaseUrl ?? X_API_BASE_URL;
  const authorizeBaseUrl =
    options.authorizeBaseUrl ?? (apiBaseUrl === X_API_BASE_URL ? X_AUTHORIZE_BASE_URL : apiBaseUrl);
  const settings = xClientSettings({ apiBaseUrl, timeoutMs: options.timeoutMs ?? 30_000 });
  const app = (): TwitterApi => xAppClient(options.clientId, options.clientSecret, settings);
  const user = (auth: ChannelAuth): TwitterApi => xUserClient(auth.accessToken, settings);

  return {
    key: 'x',
    mode: 'api',
    capabilities: X_CAPABILITIES,

    limits: () => Promise.resolve(X_LIMITS),

    authorizationUrl(redirectUri: string): Promise<AuthorizationStart> {
      const link = app().generateOAuth2AuthLink(redirectUri, { scope: [...X_SCOPES] });
      // twitter-api-v2 hard-codes https://x.com; only the origin changes, the query stays intact.
      const url = new URL(link.url);
      const base = new URL(authorizeBaseUrl);
      url.protocol = base.protocol;
      url.host = base.host;
      return Promise.resolve({
        url: url.toString(),
        state: link.state,
        codeVerifier: link.codeVerifier,
      });
    },

    async exchangeCode(code, redirectUri, codeVerifier): Promise<TokenSet> {
      if (codeVerifier === null) {
        throw new PlatformError({
          kind: 'rejected',
          reason: 'X requires PKCE: the code verifier of this authorisation is missing.',
          platformCode: null,
        });
      }
      const result = await attempt('token', () =>
        app().loginWithOAuth2({ code, codeVerifier, redirectUri }),
      );
      return tokenSet(result, await accountIdOf(result.client));
    },

    async refresh(auth): Promise<TokenSet> {
      const refreshToken = auth.refreshToken;
      if (refreshToken === null) {
        throw new PlatformError({ kind: 'auth-expired', platformCode: null });
      }
      // X rotates the refresh token: the old one is void once this answer arrives.
      const result = await attempt('token', () => app().refreshOAuth2Token(refreshToken));
      return tokenSet(result, auth.accountId ?? (await accountIdOf(result.client)));
    },

    async publish(auth, request): Promise<PublishResult> {
      const refused = refuseMedia(request.media);
      if (refused !== null) {
        return { status: 'failed', failure: refused };
      }
      const client = user(auth);
      try {
        const mediaIds = await attempt('safe', () => uploadImages(client, request.media));
        const payload: SendTweetV2Params = {
          text: request.text,
          ...(request.inReplyTo ? { reply: { in_reply_to_tweet_id: request.inReplyTo } } : {}),
        };
        if (mediaIds.length > 0) {
          // refuseMedia() has capped the count at 4, which is what the library's tuple type encodes.
          payload.media = {
            media_ids: mediaIds as NonNullable<SendTweetV2Params['media']>['media_ids'],
          };
        }
        const created = await attempt('write', () => client.v2.tweet(payload));
        return {
          status: 'published',
          externalId: created.data.id,
          url: xTweetUrl(created.data.id),
        };
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    checkStatus(): Promise<PublishResult> {
      // X creates a tweet synchronously; publish never answers `pending`.
      return Promise.reject(new Error('X has no pending publications to check.'));
    },

    async findPublished(auth, request, since): Promise<LookupResult> {
      const client = user(auth);
      let userId = auth.accountId;
      if (userId === null) {
        try {
          userId = (await client.v2.me()).data.id;
        } catch {
          return { status: 'undecidable' };
        }
      }
      return findTweet(client, userId, request, since);
    },

    async readComments(auth, cursor): Promise<Page<RemoteComment>> {
      const client = user(auth);
      const userId = auth.accountId ?? (await attempt('safe', () => client.v2.me())).data.id;
      return attempt('safe', () => readXMentions(client, userId, cursor));
    },

    /** Only replies in a conversation the city started can be hidden; X refuses others (403). */
    async hideComment(auth, externalId, hidden): Promise<void> {
      // Hiding twice is harmless (X answers success), so a lost answer is merely transient.
      const result = await attempt('safe', () => user(auth).v2.hideReply(externalId, hidden));
      if (result.data.hidden !== hidden) {
        throw new PlatformError({
          kind: 'rejected',
          reason: `X did not ${hidden ? 'hide' : 'unhide'} reply ${externalId}.`,
          platformCode: null,
        });
      }
    },

    async deletePost(auth, externalId): Promise<void> {
      // Deleting twice is harmless, so a lost answer is merely transient.
      const result = await attempt('safe', () => user(auth).v2.deleteTweet(externalId));
      if (!result.data.deleted) {
        throw new PlatformError({
          kind: 'rejected',
          reason: `X did not delete tweet ${externalId}.`,
          platformCode: null,
        });
      }
    },

    async reply(auth, toExternalId, text): Promise<{ externalId: string }> {
      const created = await attempt('write', () => user(auth).v2.reply(text, toExternalId));
      return { externalId: created.data.id };
    },
  };
}

/** Runs one X call and turns whatever twitter-api-v2 throws into a classified PlatformError. */
async function attempt<T>(phase: XRequestPhase, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PlatformError) {
      throw error;
    }
    throw new PlatformError(xFailureFrom(error, phase));
  }
}

/**
 * The user id behind fresh tokens, or null when /2/users/me fails: the code (or the rotated refresh
 * token) is already spent, so the tokens must be kept; findPublished asks for the id again.
 */
async function accountIdOf(client: TwitterApi): Promise<string | null> {
  try {
    return (await client.v2.me()).data.id;
  } catch {
    return null;
  }
}

function tokenSet(
  result: { accessToken: string; refreshToken?: string; expiresIn: number },
  accountId: string | null,
): TokenSet {
  return {
    accessToken: result.accessToken,
    refreshToken: result.refreshToken ?? null,
    expiresAt: new Date(Date.now() + result.expiresIn * 1000),
    accountId,
  };
}

/** What X would refuse anyway is refused before any upload, so nothing is half-sent. */
function refuseMedia(media: readonly MediaItem[]): PlatformFailure | null {
  const reasons: string[] = [];
  if (media.length > X_LIMITS.maxImages) {
    reasons.push(`X takes at most ${X_LIMITS.maxImages} images per post.`);
  }
  for (const item of media) {
    if (item.kind !== 'image' || !isXImageType(item.mimeType)) {
      reasons.push(`X connector cannot post ${item.mimeType} (${item.kind}).`);
    }
    if (item.altText !== null && item.altText.length > (X_LIMITS.maxAltTextLength ?? 0)) {
      reasons.push(`Alt text longer than ${X_LIMITS.maxAltTextLength ?? 0} characters.`);
    }
  }
  return reasons.length === 0
    ? null
    : { kind: 'rejected', reason: reasons.join(' '), platformCode: null };
}

/** Uploads images one by one (v2 chunked upload), then attaches alt text to each. */
async function uploadImages(client: TwitterApi, media: readonly MediaItem[]): Promise<string[]> {
  const ids: string[] = [];
  for (const item of media) {
    if (!isXImageType(item.mimeType)) {
      continue;
    }
    const id = await client.v2.uploadMedia(Buffer.from(item.data), {
      media_type: item.mimeType,
      media_category: 'tweet_image',
    });
    if (item.altText !== null && item.altText !== '') {
      await client.v2.createMediaMetadata(id, { alt_text: { text: item.altText } });
    }
    ids.push(id);
  }
  return ids;
}
