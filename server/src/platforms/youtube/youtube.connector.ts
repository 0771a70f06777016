import { createHash, randomBytes } from 'node:crypto';

import { z } from 'zod';

import type {
  ChannelAuth,
  Connector,
  PlatformFailure,
  PublishResult,
  TokenSet,
} from '../connector.ts';
import { PlatformError } from '../connector.ts';
import { YouTubeClient } from './youtube.client.ts';
import type { YouTubeTransport } from './youtube.client.ts';
import { moderateOnYouTube, readYouTubeComments, replyOnYouTube } from './youtube.comments.ts';
import {
  refuseYouTubeRequest,
  YOUTUBE_CAPABILITIES,
  YOUTUBE_LIMITS,
  YOUTUBE_TUNING,
} from './youtube.limits.ts';
import { findYouTubeVideo, youtubeVideoUrl } from './youtube.lookup.ts';
import { statusResult, videoStatusSchema, vanished } from './youtube.status.ts';

export const YOUTUBE_API_BASE_URL = 'https://www.googleapis.com';
export const GOOGLE_AUTH_BASE_URL = 'https://accounts.google.com';
export const GOOGLE_TOKEN_BASE_URL = 'https://oauth2.googleapis.com';
export const YOUTUBE_ANALYTICS_BASE_URL = 'https://youtubeanalytics.googleapis.com';

/** Upload, comment moderation (force-ssl), reading, and the Analytics API's aggregate reports. */
export const YOUTUBE_SCOPES = [
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.force-ssl',
  'https://www.googleapis.com/auth/youtube.readonly',
  'https://www.googleapis.com/auth/yt-analytics.readonly',
] as const;

/** Aggregated channel numbers asked from the Analytics API; no per-viewer data exists there. */
export const YOUTUBE_INSIGHT_METRICS = [
  'views',
  'estimatedMinutesWatched',
  'likes',
  'comments',
  'shares',
  'subscribersGained',
  'subscribersLost',
] as const;

export interface YouTubeConnectorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default `https://www.googleapis.com`; a sandbox origin in development and tests. */
  readonly apiBaseUrl?: string;
  /** The Google hosts below default to Google's, or to `apiBaseUrl` when that is changed. */
  readonly authBaseUrl?: string;
  readonly tokenBaseUrl?: string;
  readonly analyticsBaseUrl?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /**
   * Requested visibility. Videos uploaded by API projects that Google has not audited (created
   * after 28 July 2020) are locked private whatever is asked, until the audit is passed.
   */
  readonly privacyStatus?: 'public' | 'unlisted' | 'private';
  /** Default 25, "News & Politics": what a city administration's channel publishes. */
  readonly categoryId?: string;
  readonly uploadChunkBytes?: number;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
});

const channelSchema = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        snippet: z.object({ description: z.string().default('') }).optional(),
      }),
    )
    .default([]),
});

const uploadedSchema = z.object({
  id: z.string().min(1),
  status: z.object({ uploadStatus: z.string() }).optional(),
});

const reportSchema = z.object({
  columnHeaders: z.array(z.object({ name: z.string() })),
  rows: z.array(z.array(z.union([z.number(), z.string()]))).default([]),
});

/**
 * YouTube over the Data API v3 (uploads, comments), Google OAuth 2.0 with PKCE and the Analytics
 * API. There is no idempotency key: a lost answer to the final upload chunk is `outcome-unknown`,
 * never retried here; `findPublished` looks for the video in the channel's uploads playlist.
 * After upload the video is processed: publish answers `pending` and checkStatus follows it.
 */
export function createYouTubeConnector(options: YouTubeConnectorOptions): Connector {
  const apiBaseUrl = options.apiBaseUrl ?? YOUTUBE_API_BASE_URL;
  // The sandbox serves every Google host on one origin.
  const follow = (own: string | undefined, google: string): string =>
    own ?? (apiBaseUrl === YOUTUBE_API_BASE_URL ? google : apiBaseUrl);
  const now = options.now ?? (() => new Date());
  const transport: YouTubeTransport = {
    apiBaseUrl,
    authBaseUrl: follow(options.authBaseUrl, GOOGLE_AUTH_BASE_URL),
    tokenBaseUrl: follow(options.tokenBaseUrl, GOOGLE_TOKEN_BASE_URL),
    analyticsBaseUrl: follow(options.analyticsBaseUrl, YOUTUBE_ANALYTICS_BASE_URL),
    timeoutMs: options.timeoutMs ?? 30_000,
    now,
  };
  const client = (auth: ChannelAuth | null): YouTubeClient =>
    new YouTubeClient(transport, auth?.accessToken ?? null);
  const channelOf = (auth: ChannelAuth): string => {
    if (auth.accountId === null) {
      throw new PlatformError(noChannel());
    }
    return auth.accountId;
  };

  const tokenSet = async (
    form: Record<string, string>,
    previous: ChannelAuth | null,
  ): Promise<TokenSet> => {
    const issuedAt = now().getTime();
    const token = await client(null).token(
      { ...form, client_id: options.clientId, client_secret: options.clientSecret },
      tokenSchema,
    );
    return {
      accessToken: token.access_token,
      // Google's refresh tokens do not rotate: a refresh answer carries none, the old one holds.
      refreshToken: token.refresh_token ?? previous?.refreshToken ?? null,
      expiresAt: new Date(issuedAt + token.expires_in * 1000),
      accountId:
        previous?.accountId ??
        (await channelIdOf(new YouTubeClient(transport, token.access_token))),
    };
  };

  return {
    key: 'youtube',
    mode: 'api',
    capabilities: YOUTUBE_CAPABILITIES,

    limits: () => Promise.resolve(YOUTUBE_LIMITS),

    authorizationUrl(redirectUri) {
      const state = randomBytes(24).toString('base64url');
      const codeVerifier = randomBytes(48).toString('base64url');
      const url = new URL('/o/oauth2/v2/auth', transport.authBaseUrl);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: redirectUri,
        scope: YOUTUBE_SCOPES.join(' '),
        state,
        // offline + consent: Google hands out a refresh token only then (and every time then).
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: 'true',
        code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      return Promise.resolve({ url: url.toString(), state, codeVerifier });
    },

    exchangeCode(code, redirectUri, codeVerifier) {
      return tokenSet(
        {
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          ...(codeVerifier === null ? {} : { code_verifier: codeVerifier }),
        },
        null,
      );
    },

    refresh(auth) {
      if (auth.refreshToken === null) {
        return Promise.reject(new PlatformError({ kind: 'auth-expired', platformCode: null }));
      }
      return tokenSet({ grant_type: 'refresh_token', refresh_token: auth.refreshToken }, auth);
    },

    async publish(auth, request): Promise<PublishResult> {
      const refused = refuseYouTubeRequest(request.title, request.text, request.media);
      const [video] = request.media;
      if (refused !== null || video === undefined || auth.accountId === null) {
        return { status: 'failed', failure: refused ?? noChannel() };
      }
      const api = client(auth);
      try {
        const session = await api.startUpload(
          {
            snippet: {
              title: request.title,
              description: request.text,
              categoryId: options.categoryId ?? '25',
            },
            status: {
              privacyStatus: options.privacyStatus ?? 'public',
              selfDeclaredMadeForKids: false,
            },
          },
          video.data.length,
          video.mimeType,
        );
        const uploaded = await api.upload(
          session,
          video.data,
          options.uploadChunkBytes ?? YOUTUBE_TUNING.uploadChunkBytes,
          uploadedSchema,
        );
        if (uploaded.status?.uploadStatus === 'processed') {
          return {
            status: 'published',
            externalId: uploaded.id,
            url: youtubeVideoUrl(uploaded.id),
          };
        }
        // Processing takes minutes; the outbox polls checkStatus with the video id.
        return { status: 'pending', pendingRef: uploaded.id };
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    async checkStatus(auth, pendingRef): Promise<PublishResult> {
      try {
        const answer = await client(auth).api({
          method: 'GET',
          path: '/youtube/v3/videos',
          query: { part: 'status,processingDetails', id: pendingRef },
          schema: videoStatusSchema,
          kind: 'read',
        });
        const video = answer?.items.find((item) => item.id === pendingRef);
        return video === undefined ? vanished() : statusResult(video);
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    findPublished(auth, request, since) {
      return findYouTubeVideo(client(auth), request, since);
    },

    async deletePost(auth, externalId) {
      try {
        await client(auth).api({
          method: 'DELETE',
          path: '/youtube/v3/videos',
          query: { id: externalId },
          // Deleting twice changes nothing visible, so a lost answer is merely transient.
          kind: 'read',
        });
      } catch (error) {
        // A repeated delete (after a lost answer) finds nothing: what was asked is done.
        const failure = error instanceof PlatformError ? error.failure : null;
        if (failure?.kind !== 'rejected' || failure.platformCode !== 'videoNotFound') {
          throw error;
        }
      }
    },

    async readComments(auth, cursor) {
      return readYouTubeComments(client(auth), channelOf(auth), cursor);
    },

    reply(auth, toExternalId, text) {
      return replyOnYouTube(client(auth), toExternalId, text);
    },

    hideComment(auth, externalId, hidden) {
      return moderateOnYouTube(client(auth), externalId, hidden);
    },

    async readProfile(auth) {
      const answer = await client(auth).api({
        method: 'GET',
        path: '/youtube/v3/channels',
        query: { part: 'snippet', mine: 'true' },
        schema: channelSchema,
        kind: 'read',
      });
      const channel = answer?.items[0];
      if (channel === undefined) {
        throw new PlatformError(noChannel());
      }
      // The Data API does not expose the channel's header links, so none are reported.
      return { bio: channel.snippet?.description ?? '', links: [] };
    },

    async insights(auth, from, to) {
      const answer = await client(auth).api({
        method: 'GET',
        path: '/v2/reports',
        origin: 'analytics',
        query: {
          ids: 'channel==MINE',
          startDate: pacificDate(from),
          endDate: pacificDate(to),
          metrics: YOUTUBE_INSIGHT_METRICS.join(','),
        },
        schema: reportSchema,
        kind: 'read',
      });
      // Without dimensions the report is one row of totals for the whole period.
      const [row = []] = answer?.rows ?? [];
      const metrics: Record<string, number> = {};
      (answer?.columnHeaders ?? []).forEach((header, index) => {
        metrics[header.name] = Number(row[index] ?? 0);
      });
      return { periodStart: from, periodEnd: to, metrics };
    },
  };
}

/** The channel id of the token's Google account; null when it has no channel (or lookup fails). */
async function channelIdOf(api: YouTubeClient): Promise<string | null> {
  try {
    const answer = await api.api({
      method: 'GET',
      path: '/youtube/v3/channels',
      query: { part: 'id', mine: 'true' },
      schema: channelSchema,
      kind: 'read',
    });
    return answer?.items[0]?.id ?? null;
  } catch (error) {
    // The code is spent: keep the token even when the lookup fails; it can be repeated.
    if (error instanceof PlatformError) {
      return null;
    }
    throw error;
  }
}

function noChannel(): PlatformFailure {
  return {
    kind: 'rejected',
    reason: 'Zu diesem Google-Konto gehört kein YouTube-Kanal.',
    platformCode: null,
  };
}

/** Analytics reports count days in Pacific time, YouTube's reporting day. */
function pacificDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}
