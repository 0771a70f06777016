import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { COMMENT_KINDS, germanComment } from '../sandbox.comments.ts';
import type { GeneratedComment } from '../sandbox.comments.ts';
import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxCommentEvent } from '../sandbox.webhooks.ts';
import {
  authorizeRest,
  forbidden,
  hasScope,
  LINKEDIN,
  linkedInState,
  restError,
} from './linkedin-common.sandbox.ts';
import type { LinkedInComment, LinkedInSandboxOptions } from './linkedin-common.sandbox.ts';

const urnParams = z.object({ urn: z.string().min(1) });

const commentBody = z.object({
  actor: z.string().regex(/^urn:li:(organization|person):/),
  object: z.string().min(1),
  message: z.object({ text: z.string().min(1).max(1250) }),
  parentComment: z.string().optional(),
});

const pagingQuery = z.object({
  start: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(100).default(10),
});

const seedBody = z.strictObject({
  postUrn: z.string().min(1),
  count: z.number().int().min(1).max(50).default(1),
  kinds: z.array(z.enum(COMMENT_KINDS)).default([]),
});

/** `urn:li:comment:(<object>,<id>)`: LinkedIn's comment URNs embed the post they belong to. */
export function commentUrn(object: string, id: string): string {
  return `urn:li:comment:(${object},${id})`;
}

/** A member of the public comments on `postUrn`; returns the comment and its (unannounced) event. */
function addMemberComment(
  ctx: SandboxContext,
  postUrn: string,
  generated: GeneratedComment,
): { comment: LinkedInComment; event: SandboxCommentEvent } {
  const id = newId(ctx.store.now());
  const comment: LinkedInComment = {
    id,
    urn: commentUrn(postUrn, id),
    object: postUrn,
    actor: `urn:li:person:${generated.author.username}`,
    text: generated.text,
    parentComment: null,
    createdAt: ctx.store.now(),
  };
  linkedInState(ctx.store).comments.push(comment);
  const event: SandboxCommentEvent = {
    platform: LINKEDIN,
    network: LINKEDIN,
    accountId: ctx.store.postById(LINKEDIN, postUrn)?.accountId ?? '',
    kind: 'comment',
    commentId: comment.urn,
    postId: postUrn,
    text: comment.text,
    authorId: comment.actor,
    authorName: generated.author.displayName,
    createdAt: new Date(comment.createdAt),
  };
  return { comment, event };
}

/** The stream's hook: a member comments on the newest post of one of the city's organizations. */
export function generateLinkedInComment(
  ctx: SandboxContext,
  options: LinkedInSandboxOptions,
  generated: GeneratedComment,
): SandboxCommentEvent | undefined {
  const newest = ctx.store
    .postsOf(LINKEDIN)
    .filter((post) => options.organizations.includes(post.accountId))
    .at(-1);
  return newest === undefined ? undefined : addMemberComment(ctx, newest.id, generated).event;
}

function commentView(comment: LinkedInComment): Record<string, unknown> {
  const stamp = { actor: comment.actor, time: comment.createdAt };
  return {
    id: comment.id,
    commentUrn: comment.urn,
    $URN: comment.urn,
    actor: comment.actor,
    object: comment.object,
    message: { text: comment.text, attributes: [] },
    created: stamp,
    lastModified: stamp,
    ...(comment.parentComment === null ? {} : { parentComment: comment.parentComment }),
  };
}

export function registerLinkedInComments(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: LinkedInSandboxOptions,
): void {
  const state = linkedInState(ctx.store);
  let generated = 0;

  // Comments on a post, or replies to a comment when the path names a comment URN.
  scope.get('/rest/socialActions/:urn/comments', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    // Reading comments is the Community Management API's r_organization_social permission.
    if (!hasScope(token, 'r_organization_social')) {
      return forbidden(reply, 'socialActions.comments');
    }
    const target = urnParams.parse(request.params).urn;
    const { start, count } = pagingQuery.parse(request.query);
    const all = state.comments
      .filter((comment) =>
        target.startsWith('urn:li:comment:')
          ? comment.parentComment === target
          : comment.object === target && comment.parentComment === null,
      )
      .sort((a, b) => a.createdAt - b.createdAt);
    return reply.send({
      elements: all.slice(start, start + count).map(commentView),
      paging: { start, count, total: all.length, links: [] },
    });
  });

  scope.post('/rest/socialActions/:urn/comments', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    const parsed = commentBody.safeParse(request.body);
    if (!parsed.success) {
      return reply.status(400).send(restError(400, 'ILLEGAL_ARGUMENT', parsed.error.message));
    }
    const body = parsed.data;
    const allowed = body.actor === token.accountId || options.organizations.includes(body.actor);
    if (!hasScope(token, 'w_organization_social') || !allowed) {
      return forbidden(reply, 'socialActions.comments');
    }
    const target = urnParams.parse(request.params).urn;
    const parent = body.parentComment ?? null;
    const consistent = parent === null ? target === body.object : target === parent;
    const parentKnown = parent === null || state.comments.some((comment) => comment.urn === parent);
    if (!consistent || !parentKnown || ctx.store.postById(LINKEDIN, body.object) === undefined) {
      return reply.status(404).send(restError(404, 'NOT_FOUND', 'Not Found'));
    }
    const id = newId(ctx.store.now());
    const comment: LinkedInComment = {
      id,
      urn: commentUrn(body.object, id),
      object: body.object,
      actor: body.actor,
      text: body.message.text,
      parentComment: parent,
      createdAt: ctx.store.now(),
    };
    state.comments.push(comment);
    if (ctx.dropAfterWrite(LINKEDIN, reply)) {
      return reply;
    }
    return reply.status(201).header('x-restli-id', comment.urn).send(commentView(comment));
  });

  // Admin: members of the public comment on a post (German texts from sandbox.comments.ts).
  scope.post('/_sandbox/linkedin/comments', async (request, reply) => {
    const body = seedBody.parse(request.body);
    if (ctx.store.postById(LINKEDIN, body.postUrn) === undefined) {
      return reply.status(404).send({ error: 'unknown post' });
    }
    const created = [];
    for (let index = 0; index < body.count; index += 1) {
      const { comment, event } = addMemberComment(
        ctx,
        body.postUrn,
        germanComment(generated, body.kinds),
      );
      generated += 1;
      ctx.notifyComment(event);
      created.push(commentView(comment));
    }
    return reply.send({ items: created });
  });
}
