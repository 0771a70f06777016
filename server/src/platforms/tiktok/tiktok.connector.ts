import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type { ChannelAuth, Connector, PublishResult, TokenSet } from '../connector.ts';
import { PlatformError } from '../connector.ts';
import { TikTokClient } from './tiktok.client.ts';
import type { TikTokTransport } from './tiktok.client.ts';
import { TIKTOK_CAPABILITIES, TIKTOK_CHUNKS, TIKTOK_LIMITS } from './tiktok.limits.ts';
import type { TikTokLimits } from './tiktok.limits.ts';
import { fetchPublishStatus, findTikTokPost } from './tiktok.lookup.ts';
import {
  choosePrivacy,
  publishPhotos,
  publishVideo,
  queryCreatorInfo,
  refuseRequest,
} from './tiktok.publish.ts';
import type { TikTokPrivacyLevel } from './tiktok.publish.ts';

export const TIKTOK_API_BASE_URL = 'https://open.tiktokapis.com';
export const TIKTOK_AUTHORIZE_BASE_URL = 'https://www.tiktok.com';

/**
 * Posting (video.publish, video.upload), profile and statistics (user.info.*) and the lookup
 * after an unknown outcome (video.list). TikTok grants each only after app review.
 */
export const TIKTOK_SCOPES = [
  'video.publish',
  'video.upload',
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.list',
] as const;

export interface TikTokConnectorOptions {
  /** TikTok's `client_key`. */
  readonly clientKey: string;
  readonly clientSecret: string;
  /** Default `https://open.tiktokapis.com`; a sandbox origin in development and tests. */
  readonly apiBaseUrl?: string;
  /** Default `https://www.tiktok.com`, or `apiBaseUrl` when that is changed (sandbox). */
  readonly authorizeBaseUrl?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Until TikTok has audited the app, every post is SELF_ONLY (private). */
  readonly auditedApp?: boolean;
  /** The level an audited app posts with; default PUBLIC_TO_EVERYONE. */
  readonly privacyLevel?: TikTokPrivacyLevel;
  readonly chunkSizeBytes?: number;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  open_id: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  refresh_expires_in: z.number().int().positive().optional(),
});

const userSchema = z.object({
  user: z.object({
    bio_description: z.string().optional(),
    profile_deep_link: z.string().optional(),
    follower_count: z.number().optional(),
    following_count: z.number().optional(),
    likes_count: z.number().optional(),
    video_count: z.number().optional(),
  }),
});

/** Aggregated account numbers only (joint controllership: nothing about individual users). */
const STAT_FIELDS = ['follower_count', 'following_count', 'likes_count', 'video_count'] as const;

/**
 * TikTok over the Content Posting API (Direct Post). Every publish asks creator_info first and
 * obeys it; videos go up by FILE_UPLOAD, photos are pulled by TikTok from public URLs. Publishing
 * is asynchronous: `publish` answers `pending` with the publish_id, `checkStatus` polls it.
 * TikTok has no idempotency key and no delete: a lost answer is `outcome-unknown`, never retried
 * here, and `findPublished` looks for the post among the account's public videos.
 */
export function createTikTokConnector(options: TikTokConnectorOptions): Connector {
  const apiBaseUrl = options.apiBaseUrl ?? TIKTOK_API_BASE_URL;
  const authorizeBaseUrl =
    options.authorizeBaseUrl ??
    (apiBaseUrl === TIKTOK_API_BASE_URL ? TIKTOK_AUTHORIZE_BASE_URL : apiBaseUrl);
  const transport: TikTokTransport = { apiBaseUrl, timeoutMs: options.timeoutMs ?? 30_000 };
  const now = options.now ?? (() => new Date());
  const auditedApp = options.auditedApp ?? false;
  const policy = {
    auditedApp,
    privacyLevel: options.privacyLevel ?? 'PUBLIC_TO_EVERYONE',
    chunkSizeBytes: options.chunkSizeBytes ?? TIKTOK_CHUNKS.defaultBytes,
  } as const;
  // Only public posts get a post id and appear in video.list; everything else stays private.
  const postsArePublic = auditedApp && policy.privacyLevel === 'PUBLIC_TO_EVERYONE';
  const client = (auth: ChannelAuth | null): TikTokClient =>
    new TikTokClient(transport, auth?.accessToken ?? null);

  const tokenSet = async (form: Record<string, string>): Promise<TokenSet> => {
    const issuedAt = now().getTime();
    const token = await client(null).token(
      { ...form, client_key: options.clientKey, client_secret: options.clientSecret },
      tokenSchema,
    );
    return {
      accessToken: token.access_token,
      // TikTok rotates refresh tokens: always keep the newest one.
      refreshToken: token.refresh_token ?? null,
      expiresAt: new Date(issuedAt + token.expires_in * 1000),
      accountId: token.open_id,
    };
  };

  const userInfo = async (auth: ChannelAuth, fields: readonly string[]) =>
    (
      await client(auth).api({
        method: 'GET',
        path: '/v2/user/info/',
        query: { fields: fields.join(',') },
        schema: userSchema,
        kind: 'read',
      })
    ).data.user;

  return {
    key: 'tiktok',
    mode: 'api',
    capabilities: TIKTOK_CAPABILITIES,

    async limits(auth): Promise<TikTokLimits> {
      try {
        const info = await queryCreatorInfo(client(auth));
        return {
          ...TIKTOK_LIMITS,
          maxVideoDurationSeconds: info.max_video_post_duration_sec ?? null,
        };
      } catch (error) {
        // The text limits hold regardless; only the creator's duration cap is then unknown.
        if (error instanceof PlatformError) {
          return TIKTOK_LIMITS;
        }
        throw error;
      }
    },

    authorizationUrl(redirectUri) {
      // No PKCE: TikTok uses it for mobile and desktop apps only; a web app proves itself by
      // its client secret at the token endpoint.
      const state = randomBytes(24).toString('base64url');
      const url = new URL('/v2/auth/authorize/', authorizeBaseUrl);
      url.search = new URLSearchParams({
        client_key: options.clientKey,
        response_type: 'code',
        scope: TIKTOK_SCOPES.join(','),
        redirect_uri: redirectUri,
        state,
      }).toString();
      return Promise.resolve({ url: url.toString(), state, codeVerifier: null });
    },

    exchangeCode(code, redirectUri) {
      return tokenSet({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
    },

    refresh(auth) {
      if (auth.refreshToken === null) {
        return Promise.reject(new PlatformError({ kind: 'auth-expired', platformCode: null }));
      }
      return tokenSet({ grant_type: 'refresh_token', refresh_token: auth.refreshToken });
    },

    async publish(auth, request): Promise<PublishResult> {
      const refused = refuseRequest(request);
      if (refused !== null) {
        return { status: 'failed', failure: refused };
      }
      const api = client(auth);
      try {
        const info = await queryCreatorInfo(api);
        const privacy = choosePrivacy(info, policy);
        if (typeof privacy !== 'string') {
          return { status: 'failed', failure: privacy };
        }
        const [first] = request.media;
        const publishId =
          first?.kind === 'video'
            ? await publishVideo(api, request, first, info, privacy, policy.chunkSizeBytes)
            : await publishPhotos(api, request, info, privacy);
        return { status: 'pending', pendingRef: publishId };
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    async checkStatus(auth, pendingRef): Promise<PublishResult> {
      try {
        return await fetchPublishStatus(client(auth), pendingRef, postsArePublic);
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    async findPublished(auth, request, since) {
      // video.list shows public videos only: a private post can never be found there.
      if (!postsArePublic) {
        return { status: 'undecidable' };
      }
      return findTikTokPost(client(auth), request, since, now());
    },

    async readProfile(auth) {
      const user = await userInfo(auth, ['bio_description', 'profile_deep_link']);
      const bio = user.bio_description ?? '';
      // TikTok's API does not expose the profile's website field; links are those in the bio.
      return { bio, links: linksIn(bio) };
    },

    async insights(auth) {
      const user = await userInfo(auth, STAT_FIELDS);
      const metrics: Record<string, number> = {};
      for (const field of STAT_FIELDS) {
        const value = user[field];
        if (value !== undefined) {
          metrics[field] = value;
        }
      }
      // Lifetime totals as of now: TikTok offers no history, so the period is this instant.
      const at = now();
      return { periodStart: at, periodEnd: at, metrics };
    },
  };
}

function linksIn(text: string): string[] {
  const links = [...text.matchAll(/https?:\/\/[^\s<>"]+/gu)].map((match) =>
    match[0].replace(/[.,;:!?'")\]]+$/u, ''),
  );
  return [...new Set(links)];
}
