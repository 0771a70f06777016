import { randomBytes } from 'node:crypto';

import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { GeneratedComment } from '../sandbox.comments.ts';
import type { SandboxContext, SandboxPlugin } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import type { SandboxPost, SandboxStore } from '../sandbox.store.ts';
import type { SandboxCommentEvent } from '../sandbox.webhooks.ts';
import { registerMetaGraph } from './meta-graph.sandbox.ts';
import { registerMetaInsights } from './meta-insights.sandbox.ts';
import { registerMetaInstagram } from './meta-instagram.sandbox.ts';
import { registerMetaObjects } from './meta-objects.sandbox.ts';
import {
  DEFAULT_META_SANDBOX_OPTIONS,
  enterGraph,
  graphError,
  META,
  metaState,
} from './meta-state.sandbox.ts';
import type { MetaComment, MetaSandboxOptions } from './meta-state.sandbox.ts';

export { DEFAULT_META_SANDBOX_OPTIONS, META, metaState } from './meta-state.sandbox.ts';
export type { MetaSandboxOptions } from './meta-state.sandbox.ts';

const dialogQuery = z.object({
  client_id: z.string().min(1),
  redirect_uri: z.url(),
  state: z.string().optional(),
  scope: z.string().optional(),
});
const tokenQuery = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  redirect_uri: z.string().optional(),
  code: z.string().optional(),
  grant_type: z.string().optional(),
  fb_exchange_token: z.string().optional(),
});
const injectBody = z.strictObject({
  code: z.number().int(),
  subcode: z.number().int().nullable().default(null),
  status: z.number().int().min(400).max(599).default(400),
  count: z.number().int().min(1).default(1),
});
const commentParams = z.object({ id: z.string().min(1) });
const editBody = z.strictObject({ text: z.string().min(1) });
const commentBody = z.strictObject({
  objectId: z.string().min(1),
  text: z.string().min(1),
  fromName: z.string().min(1).default('Erika Mustermann'),
});

/**
 * A member of the public comments on a page post (Facebook) or media (Instagram); the network is
 * the owner's. Returns the stored comment and its event (not yet announced).
 */
function addPublicComment(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  post: SandboxPost,
  from: { readonly name: string; readonly text: string },
): { comment: MetaComment; event: SandboxCommentEvent } {
  const network = post.accountId === options.igUserId ? 'instagram' : 'facebook';
  const id = `${post.id}_${newId(ctx.store.now())}`;
  const comment: MetaComment = {
    id,
    objectId: post.id,
    parentId: null,
    network,
    fromId: newId(ctx.store.now()),
    fromName: from.name,
    text: from.text,
    createdAt: ctx.store.now(),
    hidden: false,
  };
  metaState(ctx.store).comments.set(id, comment);
  const event: SandboxCommentEvent = {
    platform: META,
    network,
    accountId: post.accountId,
    kind: 'comment',
    commentId: id,
    postId: post.id,
    text: comment.text,
    authorId: comment.fromId,
    authorName: comment.fromName,
    createdAt: new Date(comment.createdAt),
  };
  return { comment, event };
}

/** How many comments the stream made per sandbox; it alternates between the two networks. */
const streamed = new WeakMap<SandboxStore, number>();

/** The stream's hook: a comment on the newest page post or IG media, alternating networks. */
function generateMetaComment(
  ctx: SandboxContext,
  options: MetaSandboxOptions,
  generated: GeneratedComment,
): SandboxCommentEvent | undefined {
  const newest = (owner: string): SandboxPost | undefined => ctx.store.postsOf(META, owner).at(-1);
  const count = streamed.get(ctx.store) ?? 0;
  streamed.set(ctx.store, count + 1);
  const [first, second] =
    count % 2 === 0 ? [options.pageId, options.igUserId] : [options.igUserId, options.pageId];
  const post = newest(first) ?? newest(second);
  if (post === undefined) {
    return undefined;
  }
  // Instagram shows the handle, Facebook the person's name.
  const name =
    post.accountId === options.igUserId ? generated.author.username : generated.author.displayName;
  return addPublicComment(ctx, options, post, { name, text: generated.text }).event;
}

const CODE_TTL_MS = 10 * 60 * 1000;
/** Short-lived user tokens live about an hour, long-lived ones about 60 days (Meta access tokens guide). */
const SHORT_LIVED_SECONDS = 3600;
const LONG_LIVED_SECONDS = 60 * 24 * 3600;

function registerOAuth(scope: FastifyInstance, ctx: SandboxContext, options: MetaSandboxOptions) {
  const state = metaState(ctx.store);
  // The login dialog approves at once: the sandbox's person always says yes.
  scope.get('/dialog/oauth', (request, reply) => {
    const query = dialogQuery.parse(request.query);
    const code = randomBytes(18).toString('base64url');
    state.codes.set(code, {
      redirectUri: query.redirect_uri,
      expiresAt: ctx.store.now() + CODE_TTL_MS,
      // Tokens carry exactly what the app asked for, so a missing scope shows up as (#10)/(#200).
      scopes: (query.scope ?? '').split(',').filter((scope) => scope !== ''),
    });
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', code);
    if (query.state !== undefined) {
      target.searchParams.set('state', query.state);
    }
    return reply.redirect(target.toString(), 302);
  });

  scope.get('/oauth/access_token', async (request, reply) => {
    if (!(await ctx.guard(META, request, reply, () => graphError(2, 'Service unavailable')))) {
      return reply;
    }
    const query = tokenQuery.parse(request.query);
    if (query.grant_type === 'fb_exchange_token') {
      const previous = ctx.store.validToken(META, query.fb_exchange_token);
      if (previous === undefined || previous.accountId !== options.userId) {
        return reply.status(400).send(graphError(190, 'Invalid OAuth access token.'));
      }
      const token = ctx.store.issueToken(META, options.userId, {
        lifetimeSeconds: LONG_LIVED_SECONDS,
        withRefresh: false,
        scopes: previous.scopes,
      });
      return reply.send({
        access_token: token.token,
        token_type: 'bearer',
        expires_in: LONG_LIVED_SECONDS,
      });
    }
    const entry = state.codes.get(query.code ?? '');
    state.codes.delete(query.code ?? '');
    if (
      entry === undefined ||
      entry.expiresAt <= ctx.store.now() ||
      entry.redirectUri !== query.redirect_uri
    ) {
      return reply.status(400).send(graphError(100, 'Invalid verification code format.', 36007));
    }
    const token = ctx.store.issueToken(META, options.userId, {
      lifetimeSeconds: SHORT_LIVED_SECONDS,
      withRefresh: false,
      scopes: entry.scopes,
    });
    return reply.send({
      access_token: token.token,
      token_type: 'bearer',
      expires_in: SHORT_LIVED_SECONDS,
    });
  });

  scope.get('/me/accounts', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    if (token.accountId !== options.userId) {
      return reply
        .status(400)
        .send(graphError(100, 'Tried accessing nonexisting field (accounts)'));
    }
    // Page tokens derived from a long-lived user token do not expire.
    const pageToken = ctx.store.issueToken(META, options.pageId, {
      lifetimeSeconds: null,
      withRefresh: false,
      scopes: token.scopes,
    });
    return reply.send({
      data: [
        {
          id: options.pageId,
          name: options.pageName,
          access_token: pageToken.token,
          instagram_business_account: { id: options.igUserId },
        },
      ],
      paging: { cursors: {} },
    });
  });
}

function registerAdmin(app: FastifyInstance, ctx: SandboxContext, options: MetaSandboxOptions) {
  const state = metaState(ctx.store);
  // Queues real Graph error bodies (190, 100, 4, 17, 32, 613, 800xx …) for the next calls.
  app.post('/_sandbox/meta/graph-errors', (request, reply) => {
    const body = injectBody.parse(request.body);
    state.injected.push({ ...body });
    return reply.status(204).send();
  });
  // A member of the public comments on a post (Facebook) or media (Instagram).
  app.post('/_sandbox/meta/comments', (request, reply) => {
    const body = commentBody.parse(request.body);
    const post = ctx.store.postById(META, body.objectId);
    if (post === undefined) {
      return reply.status(404).send({ error: 'unknown object' });
    }
    const { comment, event } = addPublicComment(ctx, options, post, {
      name: body.fromName,
      text: body.text,
    });
    ctx.notifyComment(event);
    return reply.send({ id: comment.id });
  });
  app.get('/_sandbox/meta/comments', (_request, reply) =>
    reply.send({ items: [...state.comments.values()] }),
  );
  // The writer edits or deletes their comment: readable over the Graph API and announced.
  app.patch('/_sandbox/meta/comments/:id', (request, reply) => {
    const { id } = commentParams.parse(request.params);
    const { text } = editBody.parse(request.body);
    const comment = state.comments.get(id);
    if (comment === undefined) {
      return reply.status(404).send({ error: 'unknown comment' });
    }
    const edited: MetaComment = { ...comment, text };
    state.comments.set(id, edited);
    ctx.notifyComment(commentEvent(ctx, edited, 'edited'));
    return reply.send({ id });
  });
  app.delete('/_sandbox/meta/comments/:id', (request, reply) => {
    const { id } = commentParams.parse(request.params);
    const comment = state.comments.get(id);
    if (comment === undefined) {
      return reply.status(404).send({ error: 'unknown comment' });
    }
    state.comments.delete(id);
    ctx.notifyComment(commentEvent(ctx, comment, 'deleted'));
    return reply.status(204).send();
  });
}

function commentEvent(
  ctx: SandboxContext,
  comment: MetaComment,
  change: 'edited' | 'deleted',
): SandboxCommentEvent {
  return {
    platform: META,
    network: comment.network,
    accountId: ctx.store.postById(META, comment.objectId)?.accountId ?? '',
    kind: 'comment',
    commentId: comment.id,
    postId: comment.objectId,
    text: comment.text,
    authorId: comment.fromId,
    authorName: comment.fromName,
    createdAt: new Date(comment.createdAt),
    change,
  };
}

/**
 * The Graph API as the Facebook and Instagram connectors use it, under one version prefix:
 * Facebook Login, page tokens, page feed and photos, Instagram containers and publishing, and
 * the comment edges, with Meta's error bodies, throttle headers and publishing cap.
 */
export function createMetaSandbox(overrides: Partial<MetaSandboxOptions> = {}): SandboxPlugin {
  const options: MetaSandboxOptions = { ...DEFAULT_META_SANDBOX_OPTIONS, ...overrides };
  return {
    platform: META,
    register(app, ctx) {
      registerAdmin(app, ctx, options);
      void app.register(
        (scope, _opts, done) => {
          // Malformed parameters get Meta's (#100) body, not Fastify's error shape.
          scope.setErrorHandler(async (error: FastifyError, _request, reply) => {
            const status = error instanceof z.ZodError ? 400 : (error.statusCode ?? 500);
            return reply
              .status(status)
              .send(
                status < 500
                  ? graphError(100, `(#100) ${error.message}`)
                  : graphError(1, 'An unknown error occurred'),
              );
          });
          registerOAuth(scope, ctx, options);
          registerMetaGraph(scope, ctx, options);
          registerMetaInstagram(scope, ctx, options);
          registerMetaInsights(scope, ctx, options);
          registerMetaObjects(scope, ctx, options);
          done();
        },
        { prefix: `/${options.graphVersion}` },
      );
    },
    generateComment(ctx, comment) {
      return generateMetaComment(ctx, options, comment);
    },
  };
}

export const metaSandbox: SandboxPlugin = createMetaSandbox();
