import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxPost } from '../sandbox.store.ts';
import { newId } from '../sandbox.store.ts';
import {
  authorizeRest,
  forbidden,
  guardLinkedIn,
  hasScope,
  LINKEDIN,
  linkedInState,
  restError,
} from './linkedin-common.sandbox.ts';
import type { LinkedInSandboxOptions } from './linkedin-common.sandbox.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Upload URLs from initializeUpload expire after a while; one hour is enough for a sandbox. */
const UPLOAD_URL_MS = 60 * 60 * 1000;

const mediaRef = z.object({
  id: z.string().startsWith('urn:li:image:'),
  altText: z.string().max(4086).optional(),
});

const postBody = z.object({
  author: z.string().regex(/^urn:li:(organization|person):[^:]+$/),
  commentary: z.string(),
  visibility: z.enum(['PUBLIC', 'CONNECTIONS', 'LOGGED_IN']),
  distribution: z.object({
    feedDistribution: z.enum(['MAIN_FEED', 'NONE']),
    targetEntities: z.array(z.unknown()).optional(),
    thirdPartyDistributionChannels: z.array(z.unknown()).optional(),
  }),
  lifecycleState: z.enum(['PUBLISHED', 'DRAFT']),
  isReshareDisabledByAuthor: z.boolean().optional(),
  content: z
    .union([
      z.object({ media: mediaRef }),
      z.object({ multiImage: z.object({ images: z.array(mediaRef).min(2).max(20) }) }),
    ])
    .optional(),
});

const initializeBody = z.object({
  initializeUploadRequest: z.object({ owner: z.string().regex(/^urn:li:(organization|person):/) }),
});

const authorQuery = z.object({
  q: z.literal('author'),
  author: z.string().min(1),
  start: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(100).default(10),
  sortBy: z.enum(['LAST_MODIFIED', 'CREATED']).optional(),
});

const urnParams = z.object({ urn: z.string().min(1) });

/** A post as the Posts API returns it (the fields the connector and a human would look at). */
export function postView(post: SandboxPost): Record<string, unknown> {
  const createdAt = post.createdAt.getTime();
  const images = post.media.map((item) => ({
    id: item.id,
    ...(item.description === null ? {} : { altText: item.description }),
  }));
  const [single] = images;
  return {
    id: post.id,
    author: post.accountId,
    commentary: post.text,
    visibility: post.extra.visibility,
    distribution: post.extra.distribution,
    lifecycleState: post.extra.lifecycleState,
    isReshareDisabledByAuthor: false,
    createdAt,
    publishedAt: createdAt,
    lastModifiedAt: createdAt,
    ...(single === undefined
      ? {}
      : images.length === 1
        ? { content: { media: single } }
        : { content: { multiImage: { images } } }),
  };
}

function mayActFor(options: LinkedInSandboxOptions, memberUrn: string, author: string): boolean {
  return author === memberUrn || options.organizations.includes(author);
}

async function invalid(reply: FastifyReply, message: string): Promise<FastifyReply> {
  return reply.status(400).send(restError(400, 'ILLEGAL_ARGUMENT', message));
}

function originOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}`;
}

export function registerLinkedInPosts(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: LinkedInSandboxOptions,
): void {
  const state = linkedInState(ctx.store);

  scope.post('/rest/images', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    if ((request.query as { action?: string }).action !== 'initializeUpload') {
      return invalid(reply, 'Unsupported action');
    }
    const body = initializeBody.safeParse(request.body);
    if (!body.success) {
      return invalid(reply, body.error.message);
    }
    const owner = body.data.initializeUploadRequest.owner;
    if (!hasScope(token, 'w_organization_social') || !mayActFor(options, token.accountId, owner)) {
      return forbidden(reply, 'images');
    }
    const id = newId(ctx.store.now());
    const urn = `urn:li:image:D4E10AQ${id}`;
    state.images.set(urn, { urn, owner, uploaded: false, bytes: 0 });
    return reply.send({
      value: {
        uploadUrlExpiresAt: ctx.store.now() + UPLOAD_URL_MS,
        uploadUrl: `${originOf(request)}/dms-uploads/sandbox/${encodeURIComponent(urn)}`,
        image: urn,
      },
    });
  });

  // The upload URL lives on another host at LinkedIn (www.linkedin.com/dms-uploads/…); the
  // sandbox serves it itself. It takes the raw image bytes and the same bearer token.
  scope.put('/dms-uploads/sandbox/:urn', async (request, reply) => {
    if (!(await guardLinkedIn(ctx, request, reply))) {
      return reply;
    }
    const auth = request.headers.authorization;
    const token = ctx.store.validToken(
      LINKEDIN,
      auth?.startsWith('Bearer ') === true ? auth.slice(7) : undefined,
    );
    if (token === undefined) {
      return reply
        .status(401)
        .send(restError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600));
    }
    const image = state.images.get(urnParams.parse(request.params).urn);
    if (image === undefined || !Buffer.isBuffer(request.body) || request.body.length === 0) {
      return invalid(reply, 'Unknown upload or empty body');
    }
    image.uploaded = true;
    image.bytes = request.body.length;
    return reply.status(201).send();
  });

  scope.post('/rest/posts', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    const parsed = postBody.safeParse(request.body);
    if (!parsed.success) {
      return invalid(reply, parsed.error.message);
    }
    const body = parsed.data;
    if (
      !hasScope(token, 'w_organization_social') ||
      !mayActFor(options, token.accountId, body.author)
    ) {
      return forbidden(reply, 'posts');
    }
    if (Array.from(body.commentary).length > options.maxCommentaryLength) {
      return reply
        .status(422)
        .send(
          restError(
            422,
            'UNPROCESSABLE_ENTITY',
            `commentary exceeds ${options.maxCommentaryLength} characters`,
          ),
        );
    }
    const refs =
      body.content === undefined
        ? []
        : 'media' in body.content
          ? [body.content.media]
          : body.content.multiImage.images;
    for (const ref of refs) {
      const image = state.images.get(ref.id);
      if (image?.uploaded !== true || image.owner !== body.author) {
        return invalid(reply, `Image ${ref.id} is not available for ${body.author}`);
      }
    }
    const now = ctx.store.now();
    const recent = ctx.store.posts.filter(
      (post) =>
        post.platform === LINKEDIN &&
        post.accountId === body.author &&
        post.createdAt.getTime() > now - DAY_MS,
    );
    if (recent.length >= options.postsPerDay) {
      return reply
        .status(429)
        .send(
          restError(
            429,
            'TOO_MANY_REQUESTS',
            'Resource level throttle MEMBER DAY limit for calls to this resource is reached.',
            101,
          ),
        );
    }
    const duplicate = ctx.store
      .postsOf(LINKEDIN, body.author)
      .find((post) => post.text === body.commentary);
    if (duplicate !== undefined) {
      return reply
        .status(422)
        .send(restError(422, 'DUPLICATE_POST', `Content is a duplicate of ${duplicate.id}`));
    }
    const urn = `urn:li:share:${newId(now)}`;
    ctx.store.addPost({
      id: urn,
      platform: LINKEDIN,
      accountId: body.author,
      text: body.commentary,
      createdAt: new Date(now),
      media: refs.map((ref) => ({ id: ref.id, description: ref.altText ?? null })),
      extra: {
        visibility: body.visibility,
        distribution: body.distribution,
        lifecycleState: body.lifecycleState,
      },
    });
    if (ctx.dropAfterWrite(LINKEDIN, reply)) {
      return reply;
    }
    // LinkedIn answers 201 with an empty body; the new post's URN is only in this header.
    return reply.status(201).header('x-restli-id', urn).send();
  });

  scope.get('/rest/posts', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    const query = authorQuery.safeParse(request.query);
    if (!query.success) {
      return invalid(reply, query.error.message);
    }
    if (
      !hasScope(token, 'r_organization_social') ||
      !mayActFor(options, token.accountId, query.data.author)
    ) {
      return forbidden(reply, 'posts');
    }
    // The finder lags behind writes on LinkedIn; `listingDelayMs` reproduces that.
    const visibleBefore = ctx.store.now() - options.listingDelayMs;
    const all = ctx.store
      .postsOf(LINKEDIN, query.data.author)
      .filter((post) => post.createdAt.getTime() <= visibleBefore)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const { start, count } = query.data;
    return reply.send({
      elements: all.slice(start, start + count).map(postView),
      paging: { start, count, total: all.length, links: [] },
    });
  });

  scope.delete('/rest/posts/:urn', async (request, reply) => {
    const token = await authorizeRest(ctx, request, reply);
    if (token === undefined) {
      return reply;
    }
    const urn = urnParams.parse(request.params).urn;
    // Deleting is idempotent on LinkedIn: an already deleted post answers 204 again.
    const post = ctx.store.posts.find((entry) => entry.platform === LINKEDIN && entry.id === urn);
    if (post === undefined) {
      return reply.status(404).send(restError(404, 'NOT_FOUND', 'Not Found'));
    }
    if (
      !hasScope(token, 'w_organization_social') ||
      !mayActFor(options, token.accountId, post.accountId)
    ) {
      return forbidden(reply, 'posts');
    }
    post.deleted = true;
    return reply.status(204).send();
  });
}
