import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost, SandboxToken } from '../sandbox.store.ts';
import {
  enterGraph,
  field,
  hasScope,
  invalidParameter,
  mayActFor,
  META,
  metaState,
  missingPermission,
  unsupported,
} from './meta-state.sandbox.ts';
import type { MetaComment, MetaSandboxOptions } from './meta-state.sandbox.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
/** Meta's hard cap on a page post (platforms.md §4.1, Postiz); an edit is held to it as well. */
const MAX_MESSAGE = 63_206;

/** Which permission moderating a comment of either network needs. */
function moderationScope(comment: MetaComment): string {
  return comment.network === 'facebook' ? 'pages_manage_engagement' : 'instagram_manage_comments';
}

/**
 * Updates on single objects: hide a comment (`is_hidden` on Facebook, `hide` on Instagram), edit a
 * page post's `message`, or switch `comment_enabled` on Instagram media, the only field Instagram
 * lets an app change; its caption stays as published.
 */
function updateObject(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  token: SandboxToken,
  id: string,
  body: unknown,
  reply: FastifyReply,
): FastifyReply | Promise<FastifyReply> {
  const comment = metaState(ctx.store).comments.get(id);
  if (comment !== undefined && mayActFor(token, options, options.pageId)) {
    if (!hasScope(token, moderationScope(comment))) {
      return missingPermission(reply, 200, moderationScope(comment));
    }
    const name = comment.network === 'facebook' ? 'is_hidden' : 'hide';
    const value = field(body, name);
    if (value !== 'true' && value !== 'false') {
      return invalidParameter(reply, `${name} must be a boolean`);
    }
    comment.hidden = value === 'true';
    return reply.send({ success: true });
  }
  const post = ctx.store.postById(META, id);
  if (post === undefined || !mayActFor(token, options, post.accountId)) {
    return unsupported(reply, 'post', id);
  }
  return post.extra.network === 'instagram'
    ? updateMedia(ctx, post, body, reply)
    : editPagePost(ctx, token, post, body, reply);
}

/** Stored posts are immutable records: a change replaces the record, media stay as published. */
function replacePost(
  ctx: SandboxContext,
  post: SandboxPost,
  change: Partial<Pick<SandboxPost, 'text' | 'extra'>>,
): void {
  ctx.store.posts[ctx.store.posts.indexOf(post)] = { ...post, ...change };
}

function editPagePost(
  ctx: SandboxContext,
  token: SandboxToken,
  post: SandboxPost,
  body: unknown,
  reply: FastifyReply,
): FastifyReply {
  if (!hasScope(token, 'pages_manage_posts')) {
    return missingPermission(reply, 200, 'pages_manage_posts');
  }
  const message = field(body, 'message');
  if (message === undefined) {
    return invalidParameter(reply, 'Missing message');
  }
  if (message.trim() === '' && post.media.length === 0) {
    return invalidParameter(reply, 'A post without attachments needs a message');
  }
  if (Array.from(message).length > MAX_MESSAGE) {
    return invalidParameter(reply, 'Message is too long');
  }
  replacePost(ctx, post, {
    text: message,
    extra: { ...post.extra, editedAt: ctx.store.now() },
  });
  return reply.send({ success: true });
}

function updateMedia(
  ctx: SandboxContext,
  post: SandboxPost,
  body: unknown,
  reply: FastifyReply,
): FastifyReply {
  if (field(body, 'caption') !== undefined) {
    return invalidParameter(reply, 'Param caption cannot be updated; only comment_enabled can');
  }
  const enabled = field(body, 'comment_enabled');
  if (enabled !== 'true' && enabled !== 'false') {
    return invalidParameter(reply, 'comment_enabled must be a boolean');
  }
  replacePost(ctx, post, { extra: { ...post.extra, commentEnabled: enabled === 'true' } });
  return reply.send({ success: true });
}

/** Deletes a page post, or a comment (with its replies) on the page's posts or Instagram media. */
function deleteObject(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  token: SandboxToken,
  id: string,
  reply: FastifyReply,
): FastifyReply | Promise<FastifyReply> {
  const state = metaState(ctx.store);
  const comment = state.comments.get(id);
  const commented = comment === undefined ? undefined : ctx.store.postById(META, comment.objectId);
  if (comment !== undefined && commented !== undefined) {
    // Only comments on the page's own posts (or its Instagram media) are the page's to delete.
    if (!mayActFor(token, options, commented.accountId)) {
      return unsupported(reply, 'delete', id);
    }
    if (!hasScope(token, moderationScope(comment))) {
      return missingPermission(reply, 200, moderationScope(comment));
    }
    for (const [key, entry] of state.comments) {
      if (key === id || entry.parentId === id) {
        state.comments.delete(key);
      }
    }
    return reply.send({ success: true });
  }
  const post = ctx.store.postById(META, id);
  // Instagram media cannot be deleted through the API.
  if (
    post === undefined ||
    post.extra.network !== 'facebook' ||
    !mayActFor(token, options, post.accountId)
  ) {
    return unsupported(reply, 'delete', id);
  }
  post.deleted = true;
  return reply.send({ success: true });
}

/** `POST /{id}` and `DELETE /{id}` for posts, media and comments of both networks. */
export function registerMetaObjects(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: MetaSandboxOptions,
): void {
  scope.post('/:id', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    return updateObject(ctx, options, token, id, request.body, reply);
  });

  scope.delete('/:id', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    return deleteObject(ctx, options, token, id, reply);
  });
}
