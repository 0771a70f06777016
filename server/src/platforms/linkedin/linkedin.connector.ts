import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import type {
  ChannelAuth,
  Connector,
  MediaItem,
  Page,
  PlatformFailure,
  PublishResult,
  RemoteComment,
  TokenSet,
} from '../connector.ts';
import { PlatformError } from '../connector.ts';
import { LinkedInClient } from './linkedin.client.ts';
import type { LinkedInTransport } from './linkedin.client.ts';
import {
  codePointLength,
  escapeLittleText,
  isLinkedInImageType,
  LINKEDIN_CAPABILITIES,
  LINKEDIN_LIMITS,
  LINKEDIN_LOOKUP,
} from './linkedin.limits.ts';
import { findLinkedInPost, linkedInPostUrl, listRecentPosts } from './linkedin.lookup.ts';

export const LINKEDIN_API_BASE_URL = 'https://api.linkedin.com';
export const LINKEDIN_OAUTH_BASE_URL = 'https://www.linkedin.com';
/**
 * Bump within a year: LinkedIn retires `LinkedIn-Version` values after about twelve months and
 * then answers 426 (classified as rejected: an administrator must act, retrying cannot help).
 */
export const LINKEDIN_API_VERSION = '202610';

/**
 * Posting and reading for an organization (Page). `r_organization_social` belongs to the
 * Community Management API, which LinkedIn grants only after review.
 */
export const LINKEDIN_SCOPES = [
  'w_organization_social',
  'r_organization_social',
  'rw_organization_admin',
] as const;

/** Roles that may post for a Page (organizationAcls). */
const POSTING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);

export interface LinkedInConnectorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Default `https://api.linkedin.com`; a sandbox origin in development and tests. */
  readonly apiBaseUrl?: string;
  /** Default `https://www.linkedin.com`, or `apiBaseUrl` when that is changed (sandbox). */
  readonly oauthBaseUrl?: string;
  readonly apiVersion?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
});

const aclSchema = z.object({
  elements: z.array(
    z.object({ organization: z.string(), role: z.string(), state: z.string().optional() }),
  ),
});

const imageInitSchema = z.object({
  value: z.object({ uploadUrl: z.url(), image: z.string().startsWith('urn:li:image:') }),
});

const commentSchema = z.object({
  id: z.string(),
  commentUrn: z.string().optional(),
  $URN: z.string().optional(),
  actor: z.string(),
  object: z.string(),
  message: z.object({ text: z.string() }),
  created: z.object({ time: z.number() }),
  parentComment: z.string().optional(),
});
const commentsPageSchema = z.object({ elements: z.array(commentSchema) });

/** `urn:li:comment:(<post>,<id>)`: a reply names the comment and the post it hangs under. */
const COMMENT_URN = /^urn:li:comment:\((urn:li:[a-zA-Z]+:[^,]+),([^)]+)\)$/;

/**
 * LinkedIn Pages over the REST Posts API. LinkedIn has no idempotency key: a post whose answer
 * was lost is `outcome-unknown` and never retried here; `findPublished` looks for it among the
 * Page's recent posts. Tokens last 60 days and, for ordinary apps, cannot be refreshed.
 */
export function createLinkedInConnector(options: LinkedInConnectorOptions): Connector {
  const apiBaseUrl = options.apiBaseUrl ?? LINKEDIN_API_BASE_URL;
  const transport: LinkedInTransport = {
    apiBaseUrl,
    oauthBaseUrl:
      options.oauthBaseUrl ??
      (apiBaseUrl === LINKEDIN_API_BASE_URL ? LINKEDIN_OAUTH_BASE_URL : apiBaseUrl),
    apiVersion: options.apiVersion ?? LINKEDIN_API_VERSION,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const now = options.now ?? (() => new Date());
  const client = (auth: ChannelAuth | null): LinkedInClient =>
    new LinkedInClient(transport, auth?.accessToken ?? null);

  const tokenSet = async (
    form: Record<string, string>,
    accountId: string | null,
  ): Promise<TokenSet> => {
    const issuedAt = now().getTime();
    const token = await client(null).token(
      { ...form, client_id: options.clientId, client_secret: options.clientSecret },
      tokenSchema,
    );
    return {
      accessToken: token.access_token,
      refreshToken: token.refresh_token ?? null,
      // 5 184 000 s = 60 days; the reconnection reminder works from this date.
      expiresAt: new Date(issuedAt + token.expires_in * 1000),
      accountId:
        accountId ?? (await organizationOf(new LinkedInClient(transport, token.access_token))),
    };
  };

  return {
    key: 'linkedin',
    mode: 'api',
    capabilities: LINKEDIN_CAPABILITIES,

    limits: () => Promise.resolve(LINKEDIN_LIMITS),

    authorizationUrl(redirectUri) {
      // No PKCE: LinkedIn offers it only to native apps; a server app proves itself by its secret.
      const state = randomBytes(24).toString('base64url');
      const url = new URL('/oauth/v2/authorization', transport.oauthBaseUrl);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: redirectUri,
        state,
        scope: LINKEDIN_SCOPES.join(' '),
      }).toString();
      return Promise.resolve({ url: url.toString(), state, codeVerifier: null });
    },

    exchangeCode(code, redirectUri) {
      return tokenSet({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }, null);
    },

    refresh(auth) {
      // Only approved partners get refresh tokens; everyone else must reconnect in the UI.
      if (auth.refreshToken === null) {
        return Promise.reject(new PlatformError({ kind: 'auth-expired', platformCode: null }));
      }
      return tokenSet(
        { grant_type: 'refresh_token', refresh_token: auth.refreshToken },
        auth.accountId,
      );
    },

    async publish(auth, request): Promise<PublishResult> {
      const refused = refuseRequest(request.text, request.media);
      if (refused !== null || auth.accountId === null) {
        return { status: 'failed', failure: refused ?? noOrganization() };
      }
      const author = auth.accountId;
      const api = client(auth);
      try {
        const images: { id: string; altText?: string }[] = [];
        for (const item of request.media) {
          const id = await uploadImage(api, author, item);
          images.push(
            item.altText === null || item.altText === '' ? { id } : { id, altText: item.altText },
          );
        }
        const [single] = images;
        const created = await api.rest({
          method: 'POST',
          path: '/rest/posts',
          json: {
            author,
            commentary: escapeLittleText(request.text),
            visibility: 'PUBLIC',
            distribution: {
              feedDistribution: 'MAIN_FEED',
              targetEntities: [],
              thirdPartyDistributionChannels: [],
            },
            lifecycleState: 'PUBLISHED',
            isReshareDisabledByAuthor: false,
            ...(single === undefined
              ? {}
              : images.length === 1
                ? { content: { media: single } }
                : { content: { multiImage: { images } } }),
          },
          kind: 'write',
        });
        const urn = created.headers.get('x-restli-id');
        if (urn === null || urn === '') {
          // Created, but LinkedIn did not say as what: findPublished must look for it.
          return { status: 'failed', failure: { kind: 'outcome-unknown' } };
        }
        return { status: 'published', externalId: urn, url: linkedInPostUrl(urn) };
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    checkStatus() {
      // The Posts API creates synchronously; publish never answers `pending`.
      return Promise.reject(new Error('LinkedIn has no pending publications to check.'));
    },

    async findPublished(auth, request, since) {
      if (auth.accountId === null) {
        return { status: 'undecidable' };
      }
      return findLinkedInPost(client(auth), auth.accountId, request, since);
    },

    async deletePost(auth, externalId) {
      // Deleting twice changes nothing visible, so a lost answer is merely transient.
      await client(auth).rest({
        method: 'DELETE',
        path: `/rest/posts/${encodeURIComponent(externalId)}`,
        kind: 'read',
      });
    },

    async readComments(auth, cursor): Promise<Page<RemoteComment>> {
      if (auth.accountId === null) {
        throw new PlatformError(noOrganization());
      }
      const api = client(auth);
      // The cursor is the newest comment time already seen (ms); LinkedIn has no comment feed.
      const seenUntil = cursor === null ? 0 : Number(cursor);
      const posts = await listRecentPosts(api, auth.accountId, 0, LINKEDIN_LOOKUP.pageSize);
      const items: RemoteComment[] = [];
      for (const post of posts) {
        const answer = await api.rest({
          method: 'GET',
          path: `/rest/socialActions/${encodeURIComponent(post.id)}/comments`,
          query: { start: 0, count: 100 },
          schema: commentsPageSchema,
          kind: 'read',
        });
        for (const comment of answer.data?.elements ?? []) {
          // The Page's own replies are ours already; the inbox wants the public's comments.
          if (comment.created.time > seenUntil && comment.actor !== auth.accountId) {
            items.push(toRemoteComment(comment, post.id));
          }
        }
      }
      items.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const newest = items.at(-1)?.createdAt.getTime();
      return { items, nextCursor: newest === undefined ? cursor : String(newest) };
    },

    async reply(auth, toExternalId, text) {
      if (auth.accountId === null) {
        throw new PlatformError(noOrganization());
      }
      const nested = COMMENT_URN.exec(toExternalId);
      const answer = await client(auth).rest({
        method: 'POST',
        path: `/rest/socialActions/${encodeURIComponent(toExternalId)}/comments`,
        json: {
          actor: auth.accountId,
          object: nested?.[1] ?? toExternalId,
          message: { text },
          ...(nested === null ? {} : { parentComment: toExternalId }),
        },
        schema: commentSchema,
        kind: 'write',
      });
      const urn = answer.headers.get('x-restli-id') ?? answer.data?.commentUrn ?? answer.data?.$URN;
      if (urn === undefined || urn === '') {
        throw new PlatformError({ kind: 'outcome-unknown' });
      }
      return { externalId: urn };
    },
  };
}

/** The first Page the member may post for; null when none (the UI then explains the role). */
async function organizationOf(api: LinkedInClient): Promise<string | null> {
  try {
    const answer = await api.rest({
      method: 'GET',
      path: '/rest/organizationAcls',
      query: { q: 'roleAssignee', state: 'APPROVED' },
      schema: aclSchema,
      kind: 'read',
    });
    const acl = answer.data?.elements.find(
      (entry) => POSTING_ROLES.has(entry.role) && (entry.state ?? 'APPROVED') === 'APPROVED',
    );
    return acl?.organization ?? null;
  } catch (error) {
    // The code is spent: keep the token even when the ACL lookup fails; it can be repeated.
    if (error instanceof PlatformError) {
      return null;
    }
    throw error;
  }
}

/** initializeUpload, then PUT the bytes; the image URN is usable in a post afterwards. */
async function uploadImage(api: LinkedInClient, owner: string, item: MediaItem): Promise<string> {
  const init = await api.rest({
    method: 'POST',
    path: '/rest/images',
    query: { action: 'initializeUpload' },
    json: { initializeUploadRequest: { owner } },
    schema: imageInitSchema,
    // An uploaded image is invisible until a post uses it: nothing to lose on a retry.
    kind: 'read',
  });
  if (init.data === undefined) {
    throw new PlatformError({ kind: 'transient', platformCode: 'unexpected-response' });
  }
  await api.upload(init.data.value.uploadUrl, item.data);
  return init.data.value.image;
}

function toRemoteComment(comment: z.infer<typeof commentSchema>, postUrn: string): RemoteComment {
  return {
    externalId: comment.commentUrn ?? comment.$URN ?? `urn:li:comment:(${postUrn},${comment.id})`,
    parentExternalId: comment.parentComment ?? null,
    postExternalId: postUrn,
    authorHandle: comment.actor,
    // Names need a profile lookup (r_liteprofile of strangers is not granted): left empty.
    authorName: null,
    text: comment.message.text,
    createdAt: new Date(comment.created.time),
    kind: 'comment',
  };
}

function noOrganization(): PlatformFailure {
  return {
    kind: 'rejected',
    reason: 'No LinkedIn Page is linked to this channel: the member administers none.',
    platformCode: null,
  };
}

/** What LinkedIn would refuse anyway is refused before any upload, so nothing is half-sent. */
function refuseRequest(text: string, media: readonly MediaItem[]): PlatformFailure | null {
  const reasons: string[] = [];
  if (LINKEDIN_LIMITS.countLength(text) > LINKEDIN_LIMITS.maxTextLength) {
    reasons.push(`LinkedIn takes at most ${LINKEDIN_LIMITS.maxTextLength} characters.`);
  }
  if (media.length > LINKEDIN_LIMITS.maxImages) {
    reasons.push(`LinkedIn takes at most ${LINKEDIN_LIMITS.maxImages} images per post.`);
  }
  for (const item of media) {
    if (item.kind !== 'image' || !isLinkedInImageType(item.mimeType)) {
      reasons.push(`LinkedIn connector cannot post ${item.mimeType} (${item.kind}).`);
    }
    const maxAlt = LINKEDIN_LIMITS.maxAltTextLength ?? 0;
    if (item.altText !== null && codePointLength(item.altText) > maxAlt) {
      reasons.push(`Alt text longer than ${maxAlt} characters.`);
    }
  }
  return reasons.length === 0
    ? null
    : { kind: 'rejected', reason: reasons.join(' '), platformCode: null };
}
