import { z } from 'zod';

import type {
  Connector,
  LookupResult,
  PublishRequest,
  PlatformFailure,
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
import { readPageInsights } from './meta.insights.ts';
import { LOOKUP_CLOCK_SKEW_MS, normaliseText } from './meta.lookup.ts';
import { FACEBOOK_CAPABILITIES, FACEBOOK_LIMITS, META_IMAGE_TYPES } from './meta.limits.ts';

export const FACEBOOK_SCOPES = [
  'pages_show_list',
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_manage_engagement',
  'pages_read_user_content',
  // Page Insights (aggregated numbers only).
  'read_insights',
] as const;

const idSchema = z.object({ id: z.string() });
const photoSchema = z.object({ id: z.string(), post_id: z.string().optional() });
const successSchema = z.object({ success: z.boolean() });
const postsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      created_time: z.string(),
      permalink_url: z.string().optional(),
    }),
  ),
  paging: z.object({ next: z.string().optional() }).optional(),
});
const commentSchema = z.object({
  id: z.string(),
  message: z.string(),
  created_time: z.string(),
  from: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  parent: z.object({ id: z.string() }).optional(),
});

const FACEBOOK_COMMENTS: CommentSource<z.infer<typeof commentSchema>> = {
  postsEdge: 'posts',
  commentParams: { fields: 'id,message,created_time,from,parent', filter: 'stream' },
  schema: z.object({ data: z.array(commentSchema) }),
  toComment: (comment, postId) => ({
    externalId: comment.id,
    parentExternalId: comment.parent?.id ?? null,
    postExternalId: postId,
    // Without pages_read_user_content approval Meta omits `from` (privacy).
    authorHandle: comment.from?.id ?? 'unknown',
    authorName: comment.from?.name ?? null,
    text: comment.message,
    createdAt: new Date(comment.created_time),
    kind: 'comment',
  }),
};

/** Pages of 100 posts findPublished reads before it gives up. */
const LOOKUP_MAX_PAGES = 3;

/**
 * A Facebook Page over the Graph API. Meta has no idempotency key: a post whose answer was lost
 * is `outcome-unknown`, and findPublished looks for it among the page's recent posts.
 */
export function createFacebookConnector(options: MetaConnectorOptions): Connector {
  const client = metaClientFrom(options);
  const app = { ...options, scopes: FACEBOOK_SCOPES };

  return {
    key: 'facebook',
    mode: 'api',
    capabilities: FACEBOOK_CAPABILITIES,
    limits: () => Promise.resolve(FACEBOOK_LIMITS),
    authorizationUrl: (redirectUri) =>
      Promise.resolve(metaAuthorizationUrl(client, app, redirectUri)),
    exchangeCode: (code, redirectUri) => metaExchangeCode(client, app, code, redirectUri, 'page'),
    refresh: metaRefresh,

    async publish(auth, request): Promise<PublishResult> {
      try {
        const pageId = requireAccountId(auth.accountId);
        const refused = refuse(request);
        if (refused !== null) {
          return { status: 'failed', failure: refused };
        }
        const id = await publishToPage(client, auth.accessToken, pageId, request);
        return { status: 'published', externalId: id, url: postUrl(id) };
      } catch (error) {
        if (error instanceof PlatformError) {
          return { status: 'failed', failure: error.failure };
        }
        throw error;
      }
    },

    checkStatus(): Promise<PublishResult> {
      return Promise.reject(new Error('Facebook publishes synchronously; nothing is pending.'));
    },

    async findPublished(auth, request, since): Promise<LookupResult> {
      if (auth.accountId === null) {
        return { status: 'undecidable' };
      }
      const wanted = normaliseText(request.text);
      const sinceSeconds = Math.floor((since.getTime() - LOOKUP_CLOCK_SKEW_MS) / 1000);
      let after: string | undefined;
      for (let page = 0; page < LOOKUP_MAX_PAGES; page += 1) {
        let listing: z.infer<typeof postsSchema>;
        try {
          listing = await client.call({
            method: 'GET',
            path: `/${auth.accountId}/posts`,
            token: auth.accessToken,
            params: {
              fields: 'id,message,created_time,permalink_url',
              since: String(sinceSeconds),
              limit: '100',
              after,
            },
            schema: postsSchema,
            kind: 'read',
          });
        } catch {
          // A listing that failed proves nothing either way: a person decides.
          return { status: 'undecidable' };
        }
        const hit = listing.data.find((post) => normaliseText(post.message ?? '') === wanted);
        if (hit !== undefined) {
          return { status: 'found', externalId: hit.id, url: hit.permalink_url ?? postUrl(hit.id) };
        }
        const next = listing.paging?.next;
        if (next === undefined) {
          return { status: 'absent' };
        }
        after = new URL(next).searchParams.get('after') ?? undefined;
        if (after === undefined) {
          return { status: 'undecidable' };
        }
      }
      return { status: 'undecidable' };
    },

    async deletePost(auth, externalId): Promise<void> {
      // Deleting twice is harmless, so a lost answer is only transient.
      const result = await client.call({
        method: 'DELETE',
        path: `/${externalId}`,
        token: auth.accessToken,
        schema: successSchema,
        kind: 'read',
      });
      if (!result.success) {
        throw new PlatformError({
          kind: 'rejected',
          reason: `Facebook did not delete ${externalId}.`,
          platformCode: null,
        });
      }
    },

    readComments: (auth) => readMetaComments(client, auth, FACEBOOK_COMMENTS),

    reply: (auth, toExternalId, text) =>
      replyToMetaComment(client, auth, toExternalId, 'comments', text),

    hideComment: (auth, externalId, hidden) =>
      hideMetaComment(client, auth, externalId, 'is_hidden', hidden),

    deleteComment: (auth, externalId) => deleteMetaComment(client, auth, externalId),

    async editPost(auth, externalId, text): Promise<void> {
      const refused = refuseEdit(text);
      if (refused !== null) {
        throw new PlatformError(refused);
      }
      // Meta changes only the text of a page post; attached photos stay as published. Setting the
      // same text again is harmless, so a lost answer is only transient.
      await client.call({
        method: 'POST',
        path: `/${externalId}`,
        token: auth.accessToken,
        params: { message: text },
        schema: successSchema,
        kind: 'read',
      });
    },

    insights: (auth, from, to) => readPageInsights(client, auth, from, to),
  };
}

function postUrl(id: string): string {
  return `https://www.facebook.com/${id}`;
}

function refuseEdit(text: string): PlatformFailure | null {
  if (FACEBOOK_LIMITS.countLength(text) > FACEBOOK_LIMITS.maxTextLength) {
    return {
      kind: 'rejected',
      reason: `Ein Facebook-Beitrag darf höchstens ${FACEBOOK_LIMITS.maxTextLength} Zeichen haben.`,
      platformCode: null,
    };
  }
  return null;
}

function refuse(request: PublishRequest): PlatformFailure | null {
  const reasons: string[] = [];
  if (request.text.trim() === '' && request.media.length === 0) {
    reasons.push('A Facebook post needs text or an image.');
  }
  if (request.media.length > FACEBOOK_LIMITS.maxImages) {
    reasons.push(`Facebook takes at most ${FACEBOOK_LIMITS.maxImages} photos per post.`);
  }
  for (const item of request.media) {
    if (item.kind !== 'image' || !META_IMAGE_TYPES.includes(item.mimeType)) {
      reasons.push(`Facebook connector cannot post ${item.mimeType} (${item.kind}).`);
    }
  }
  return reasons.length === 0
    ? null
    : { kind: 'rejected', reason: reasons.join(' '), platformCode: null };
}

/**
 * Text → /feed. One photo → /photos with the text as caption. Several photos → unpublished
 * photos (invisible, so a lost answer is only transient), then one /feed post attaching them.
 */
async function publishToPage(
  client: MetaClient,
  token: string,
  pageId: string,
  request: PublishRequest,
): Promise<string> {
  const upload = async (
    index: number,
    published: boolean,
  ): Promise<z.infer<typeof photoSchema>> => {
    const item = request.media[index];
    if (item === undefined) {
      throw new Error(`no media item ${index}`);
    }
    const form = new FormData();
    form.set('source', new Blob([item.data], { type: item.mimeType }), `image-${index}`);
    return client.call({
      method: 'POST',
      path: `/${pageId}/photos`,
      token,
      params: { published: String(published), message: published ? request.text : undefined },
      form,
      schema: photoSchema,
      kind: published ? 'write' : 'read',
    });
  };
  if (request.media.length === 1) {
    const photo = await upload(0, true);
    return photo.post_id ?? photo.id;
  }
  const attached: string[] = [];
  for (let index = 0; index < request.media.length; index += 1) {
    attached.push((await upload(index, false)).id);
  }
  const created = await client.call({
    method: 'POST',
    path: `/${pageId}/feed`,
    token,
    params: {
      message: request.text,
      attached_media:
        attached.length === 0
          ? undefined
          : JSON.stringify(attached.map((id) => ({ media_fbid: id }))),
    },
    schema: idSchema,
    kind: 'write',
  });
  return created.id;
}
