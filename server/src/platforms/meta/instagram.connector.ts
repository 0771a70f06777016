import { z } from 'zod';

import type {
  ChannelAuth,
  Connector,
  LookupResult,
  PlatformFailure,
  PublishRequest,
  PublishResult,
} from '../connector.ts';
import { PlatformError } from '../connector.ts';
import { metaClientFrom } from './meta.client.ts';
import type { MetaClient, MetaConnectorOptions } from './meta.client.ts';
import {
  metaAuthorizationUrl,
  metaExchangeCode,
  metaRefresh,
  requireAccountId,
} from './meta.auth.ts';
import {
  deleteMetaComment,
  replyToMetaComment,
  hideMetaComment,
  readMetaComments,
} from './meta.comments.ts';
import type { CommentSource } from './meta.comments.ts';
import { readInstagramInsights } from './meta.insights.ts';
import { LOOKUP_CLOCK_SKEW_MS, normaliseText } from './meta.lookup.ts';
import { INSTAGRAM_CAPABILITIES, INSTAGRAM_LIMITS, META_IMAGE_TYPES } from './meta.limits.ts';

export const INSTAGRAM_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  // Account insights (aggregated numbers only).
  'instagram_manage_insights',
] as const;

const idSchema = z.object({ id: z.string() });
const containerSchema = z.object({
  id: z.string(),
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
  status: z.string().optional(),
});
const limitSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z.object({ quota_total: z.number(), quota_duration: z.number() }).optional(),
    }),
  ),
});
const mediaSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      caption: z.string().optional(),
      timestamp: z.string(),
      permalink: z.string().optional(),
    }),
  ),
  paging: z.object({ next: z.string().optional() }).optional(),
});
const commentSchema = z.object({
  id: z.string(),
  text: z.string(),
  timestamp: z.string(),
  username: z.string().optional(),
});

const INSTAGRAM_COMMENTS: CommentSource<z.infer<typeof commentSchema>> = {
  postsEdge: 'media',
  commentParams: { fields: 'id,text,timestamp,username' },
  schema: z.object({ data: z.array(commentSchema) }),
  toComment: (comment, postId) => ({
    externalId: comment.id,
    parentExternalId: null,
    postExternalId: postId,
    authorHandle: comment.username ?? 'unknown',
    authorName: null,
    text: comment.text,
    createdAt: new Date(comment.timestamp),
    kind: 'comment',
  }),
};

/**
 * Instagram professional account over the Content Publishing API: containers are created from
 * public media URLs, Meta fetches and processes them, and only a FINISHED container is published.
 * `publish` answers `pending` with the container id while Meta is still processing.
 */
export function createInstagramConnector(options: MetaConnectorOptions): Connector {
  const client = metaClientFrom(options);
  const app = { ...options, scopes: INSTAGRAM_SCOPES };

  return {
    key: 'instagram',
    mode: 'api',
    capabilities: INSTAGRAM_CAPABILITIES,
    limits: () => Promise.resolve(INSTAGRAM_LIMITS),
    authorizationUrl: (redirectUri) =>
      Promise.resolve(metaAuthorizationUrl(client, app, redirectUri)),
    exchangeCode: (code, redirectUri) =>
      metaExchangeCode(client, app, code, redirectUri, 'instagram'),
    refresh: metaRefresh,

    publish: (auth, request) =>
      failedOnError(async () => {
        const userId = requireAccountId(auth.accountId);
        const refused = refuse(request);
        if (refused !== null) {
          return { status: 'failed', failure: refused };
        }
        await ensureQuota(client, auth.accessToken, userId);
        const containerId = await createContainer(client, auth.accessToken, userId, request);
        return advance(client, auth, userId, containerId);
      }),

    checkStatus: (auth, pendingRef) =>
      failedOnError(() => advance(client, auth, requireAccountId(auth.accountId), pendingRef)),

    async findPublished(auth, request, since): Promise<LookupResult> {
      if (auth.accountId === null) {
        return { status: 'undecidable' };
      }
      const wanted = normaliseText(request.text);
      const from = since.getTime() - LOOKUP_CLOCK_SKEW_MS;
      let listing: z.infer<typeof mediaSchema>;
      try {
        listing = await client.call({
          method: 'GET',
          path: `/${auth.accountId}/media`,
          token: auth.accessToken,
          params: { fields: 'id,caption,timestamp,permalink', limit: '50' },
          schema: mediaSchema,
          kind: 'read',
        });
      } catch {
        return { status: 'undecidable' };
      }
      // The edge lists newest first; once a post is older than the window, the rest are too.
      for (const media of listing.data) {
        if (Date.parse(media.timestamp) < from) {
          return { status: 'absent' };
        }
        if (normaliseText(media.caption ?? '') === wanted) {
          return { status: 'found', externalId: media.id, url: media.permalink ?? null };
        }
      }
      return listing.paging?.next === undefined ? { status: 'absent' } : { status: 'undecidable' };
    },

    readComments: (auth) => readMetaComments(client, auth, INSTAGRAM_COMMENTS),

    reply: (auth, toExternalId, text) =>
      replyToMetaComment(client, auth, toExternalId, 'replies', text),

    hideComment: (auth, externalId, hidden) =>
      hideMetaComment(client, auth, externalId, 'hide', hidden),

    deleteComment: (auth, externalId) => deleteMetaComment(client, auth, externalId),

    insights: (auth, from, to) => readInstagramInsights(client, auth, from, to),
  };
}

async function failedOnError(run: () => Promise<PublishResult>): Promise<PublishResult> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof PlatformError) {
      return { status: 'failed', failure: error.failure };
    }
    throw error;
  }
}

function refuse(request: PublishRequest): PlatformFailure | null {
  const reasons: string[] = [];
  if (request.media.length === 0) {
    reasons.push('An Instagram post needs at least one image.');
  }
  if (request.media.length > INSTAGRAM_LIMITS.maxImages) {
    reasons.push(`A carousel takes at most ${INSTAGRAM_LIMITS.maxImages} images.`);
  }
  for (const item of request.media) {
    if (item.kind !== 'image' || !META_IMAGE_TYPES.includes(item.mimeType)) {
      reasons.push(`Instagram connector cannot post ${item.mimeType} (${item.kind}).`);
    }
    if (item.publicUrl === null) {
      reasons.push('Instagram fetches media itself: every image needs a public URL.');
    }
  }
  return reasons.length === 0
    ? null
    : { kind: 'rejected', reason: [...new Set(reasons)].join(' '), platformCode: null };
}

/** Refuses before any container exists when the 24-hour publishing cap is used up. */
async function ensureQuota(client: MetaClient, token: string, userId: string): Promise<void> {
  const limit = await client.call({
    method: 'GET',
    path: `/${userId}/content_publishing_limit`,
    token,
    params: { fields: 'quota_usage,config' },
    schema: limitSchema,
    kind: 'read',
  });
  const entry = limit.data[0];
  if (entry?.config !== undefined && entry.quota_usage >= entry.config.quota_total) {
    // A moving window: the oldest post leaves it at the latest after the whole duration.
    throw new PlatformError({
      kind: 'rate-limited',
      retryAfterSeconds: entry.config.quota_duration,
    });
  }
}

/** Containers are invisible until published, so a lost answer here is merely transient. */
async function createContainer(
  client: MetaClient,
  token: string,
  userId: string,
  request: PublishRequest,
): Promise<string> {
  const container = (params: Record<string, string | undefined>): Promise<string> =>
    client
      .call({
        method: 'POST',
        path: `/${userId}/media`,
        token,
        params,
        schema: idSchema,
        kind: 'read',
      })
      .then((created) => created.id);
  const [only] = request.media;
  if (request.media.length === 1 && only !== undefined) {
    return container({
      image_url: only.publicUrl ?? undefined,
      caption: request.text,
      alt_text: only.altText ?? undefined,
    });
  }
  const children: string[] = [];
  for (const item of request.media) {
    children.push(
      await container({
        image_url: item.publicUrl ?? undefined,
        is_carousel_item: 'true',
        alt_text: item.altText ?? undefined,
      }),
    );
  }
  return container({ media_type: 'CAROUSEL', children: children.join(','), caption: request.text });
}

/** One look at the container; publishes it once Meta has finished processing. */
async function advance(
  client: MetaClient,
  auth: ChannelAuth,
  userId: string,
  containerId: string,
): Promise<PublishResult> {
  const container = await client.call({
    method: 'GET',
    path: `/${containerId}`,
    token: auth.accessToken,
    params: { fields: 'id,status_code,status' },
    schema: containerSchema,
    kind: 'read',
  });
  switch (container.status_code) {
    case 'IN_PROGRESS':
      return { status: 'pending', pendingRef: containerId };
    case 'ERROR':
    case 'EXPIRED':
      return {
        status: 'failed',
        failure: {
          kind: 'rejected',
          reason: container.status ?? `Instagram container ${container.status_code}`,
          platformCode: `container-${container.status_code.toLowerCase()}`,
        },
      };
    case 'PUBLISHED':
      // Published by an earlier attempt whose answer was lost: findPublished locates the post.
      return { status: 'failed', failure: { kind: 'outcome-unknown' } };
    case 'FINISHED': {
      const published = await client.call({
        method: 'POST',
        path: `/${userId}/media_publish`,
        token: auth.accessToken,
        params: { creation_id: containerId },
        schema: idSchema,
        kind: 'write',
      });
      return { status: 'published', externalId: published.id, url: null };
    }
  }
}
