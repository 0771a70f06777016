import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import {
  enterGraph,
  field,
  invalidParameter,
  isoSeconds,
  mayActFor,
  META,
  metaState,
  unsupported,
} from './meta-state.sandbox.ts';
import type { MetaComment, MetaSandboxOptions } from './meta-state.sandbox.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const listQuery = z.object({
  since: z.coerce.number().int().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().optional(),
});
const attachedSchema = z.array(z.object({ media_fbid: z.string() })).max(10);
/** Meta's hard cap on a page post (platforms.md §4.1, Postiz). */
const MAX_MESSAGE = 63_206;

function pagePosts(ctx: SandboxContext, pageId: string): SandboxPost[] {
  return ctx.store
    .postsOf(META, pageId)
    .filter((post) => post.extra.network === 'facebook')
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export function renderComment(comment: MetaComment): Record<string, unknown> {
  return comment.network === 'facebook'
    ? {
        id: comment.id,
        message: comment.text,
        created_time: isoSeconds(comment.createdAt),
        from: { id: comment.fromId, name: comment.fromName },
        is_hidden: comment.hidden,
        ...(comment.parentId === null ? {} : { parent: { id: comment.parentId } }),
      }
    : {
        id: comment.id,
        text: comment.text,
        timestamp: isoSeconds(comment.createdAt),
        username: comment.fromName,
        hidden: comment.hidden,
      };
}

/** The page's feed, photos, posts listing, deletes and the comment edges of both networks. */
export function registerMetaGraph(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: MetaSandboxOptions,
): void {
  const state = metaState(ctx.store);

  scope.post('/:id/photos', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.pageId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'post', id);
    }
    const source = request.body instanceof FormData ? request.body.get('source') : null;
    const url = field(request.body, 'url');
    if (!(source instanceof File) && url === undefined) {
      return invalidParameter(reply, 'Requires one of the params: source, url');
    }
    const photoId = newId(ctx.store.now());
    if (field(request.body, 'published') === 'false') {
      state.photos.set(photoId, { pageId: id });
      return reply.send({ id: photoId });
    }
    const post = ctx.store.addPost({
      id: `${id}_${newId(ctx.store.now())}`,
      platform: META,
      accountId: id,
      text: field(request.body, 'message') ?? field(request.body, 'caption') ?? '',
      createdAt: new Date(ctx.store.now()),
      media: [{ id: photoId, description: null }],
      extra: { network: 'facebook' },
    });
    if (ctx.dropAfterWrite(META, reply)) {
      return reply;
    }
    return reply.send({ id: photoId, post_id: post.id });
  });

  scope.post('/:id/feed', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.pageId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'post', id);
    }
    const message = field(request.body, 'message') ?? '';
    const link = field(request.body, 'link');
    let attached: z.infer<typeof attachedSchema> = [];
    const rawAttached = field(request.body, 'attached_media');
    if (rawAttached !== undefined) {
      const parsed = attachedSchema.safeParse(JSON.parse(rawAttached));
      if (!parsed.success || parsed.data.some((entry) => !state.photos.has(entry.media_fbid))) {
        return invalidParameter(reply, 'attached_media must reference unpublished page photos');
      }
      attached = parsed.data;
    }
    if (message === '' && link === undefined && attached.length === 0) {
      return invalidParameter(reply, 'Missing message or attachment');
    }
    if (Array.from(message).length > MAX_MESSAGE) {
      return invalidParameter(reply, 'Message is too long');
    }
    const post = ctx.store.addPost({
      id: `${id}_${newId(ctx.store.now())}`,
      platform: META,
      accountId: id,
      text: message,
      createdAt: new Date(ctx.store.now()),
      media: attached.map((entry) => ({ id: entry.media_fbid, description: null })),
      extra: { network: 'facebook', link: link ?? null },
    });
    for (const entry of attached) {
      state.photos.delete(entry.media_fbid);
    }
    if (ctx.dropAfterWrite(META, reply)) {
      return reply;
    }
    return reply.send({ id: post.id });
  });

  scope.get('/:id/posts', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.pageId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'get', id);
    }
    const query = listQuery.parse(request.query);
    const all = pagePosts(ctx, id).filter(
      (post) => query.since === undefined || post.createdAt.getTime() >= query.since * 1000,
    );
    const offset = query.after === undefined ? 0 : Number(Buffer.from(query.after, 'base64url'));
    const slice = all.slice(offset, offset + query.limit);
    const nextOffset = offset + slice.length;
    const after = Buffer.from(String(nextOffset)).toString('base64url');
    const next = new URL(`http://${request.headers.host ?? 'localhost'}${request.url}`);
    next.searchParams.set('after', after);
    return reply.send({
      data: slice.map((post) => ({
        id: post.id,
        message: post.text,
        created_time: isoSeconds(post.createdAt.getTime()),
        permalink_url: `https://www.facebook.com/${post.id}`,
      })),
      paging: {
        cursors: { after },
        ...(nextOffset < all.length ? { next: next.toString() } : {}),
      },
    });
  });

  scope.get('/:id/comments', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    const post = ctx.store.postById(META, id);
    if (post === undefined || !mayActFor(token, options, post.accountId)) {
      return unsupported(reply, 'get', id);
    }
    const data = [...state.comments.values()]
      .filter((comment) => comment.objectId === id)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(renderComment);
    return reply.send({ data, paging: { cursors: {} } });
  });

  // A comment on a post, or (Facebook) a reply to a comment; Instagram replies use /replies.
  const createComment = (edge: 'comments' | 'replies'): void => {
    scope.post(`/:id/${edge}`, async (request, reply) => {
      const token = await enterGraph(ctx, options, request, reply);
      if (token === null) {
        return reply;
      }
      const { id } = idParams.parse(request.params);
      const post = ctx.store.postById(META, id);
      const parent = state.comments.get(id);
      const network = post?.extra.network ?? parent?.network;
      const owner = post?.accountId ?? (parent === undefined ? undefined : options.pageId);
      const allowed =
        owner !== undefined &&
        mayActFor(token, options, owner) &&
        (edge === 'comments' || parent?.network === 'instagram');
      if (!allowed || (network !== 'facebook' && network !== 'instagram')) {
        return unsupported(reply, 'post', id);
      }
      const message = field(request.body, 'message') ?? '';
      if (message.trim() === '') {
        return invalidParameter(reply, 'Missing message');
      }
      const fromPage = network === 'facebook';
      const comment: MetaComment = {
        id: `${parent?.objectId ?? id}_${newId(ctx.store.now())}`,
        objectId: parent?.objectId ?? id,
        parentId: parent?.id ?? null,
        network,
        fromId: fromPage ? options.pageId : options.igUserId,
        fromName: fromPage ? options.pageName : 'stadt.sandbox',
        text: message,
        createdAt: ctx.store.now(),
        hidden: false,
      };
      state.comments.set(comment.id, comment);
      if (ctx.dropAfterWrite(META, reply)) {
        return reply;
      }
      return reply.send({ id: comment.id });
    });
  };
  createComment('comments');
  createComment('replies');
}
