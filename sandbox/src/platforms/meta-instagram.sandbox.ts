import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import {
  enterGraph,
  field,
  graphError,
  invalidParameter,
  isoSeconds,
  mayActFor,
  META,
  metaState,
  unsupported,
} from './meta-state.sandbox.ts';
import type { MetaContainer, MetaSandboxOptions } from './meta-state.sandbox.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const mediaQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(25) });
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CAPTION = 2200;
const MAX_CAROUSEL = 10;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);

/**
 * Meta cURLs `image_url` itself. The sandbox reaches nothing on the internet: it fetches local
 * URLs for real (the media server must be up and answer) and treats every other host as
 * unreachable. Returns null when the image is usable, else why processing will fail.
 */
async function fetchMedia(url: string): Promise<'unreachable' | 'bad-format' | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'unreachable';
  }
  if (!LOCAL_HOSTS.has(target.hostname) || !/^https?:$/.test(target.protocol)) {
    return 'unreachable';
  }
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(2000) });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    await response.arrayBuffer();
    if (!response.ok) {
      return 'unreachable';
    }
    return IMAGE_TYPES.has(type) ? null : 'bad-format';
  } catch {
    return 'unreachable';
  }
}

function statusOf(
  container: MetaContainer,
  now: number,
  options: MetaSandboxOptions,
): 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'PUBLISHED' {
  if (container.published) {
    return 'PUBLISHED';
  }
  if (now < container.createdAt + options.containerProcessingMs) {
    return 'IN_PROGRESS';
  }
  return container.error === null ? 'FINISHED' : 'ERROR';
}

/** Instagram containers, publishing and its 24-hour cap, object reads and comment moderation. */
export function registerMetaInstagram(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: MetaSandboxOptions,
): void {
  const state = metaState(ctx.store);
  const publishedToday = (igUserId: string): number =>
    ctx.store
      .postsOf(META, igUserId)
      .filter((post) => post.createdAt.getTime() > ctx.store.now() - DAY_MS).length;

  scope.post('/:id/media', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.igUserId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'post', id);
    }
    const caption = field(request.body, 'caption') ?? '';
    if (Array.from(caption).length > MAX_CAPTION) {
      return invalidParameter(reply, 'The caption is too long');
    }
    const mediaType = field(request.body, 'media_type');
    const imageUrl = field(request.body, 'image_url');
    let children: string[] = [];
    let error: string | null = null;
    if (mediaType === 'CAROUSEL') {
      children = (field(request.body, 'children') ?? '').split(',').filter((c) => c !== '');
      const valid = children.every((child) => state.containers.get(child)?.isCarouselItem === true);
      if (children.length < 2 || children.length > MAX_CAROUSEL || !valid) {
        return invalidParameter(reply, 'children must list 2 to 10 carousel item containers');
      }
      error = children.some((child) => state.containers.get(child)?.error !== null)
        ? 'ERROR: a carousel item failed processing'
        : null;
    } else if (mediaType === undefined || mediaType === 'IMAGE') {
      if (imageUrl === undefined) {
        return invalidParameter(reply, 'The parameter image_url is required');
      }
      const problem = await fetchMedia(imageUrl);
      if (problem === 'unreachable') {
        return reply
          .status(400)
          .send(
            graphError(
              9004,
              'The media could not be fetched from this uri. Media download has failed.',
              2207052,
            ),
          );
      }
      error = problem === 'bad-format' ? 'ERROR: unsupported image format' : null;
    } else {
      return invalidParameter(reply, `media_type ${mediaType} is not supported by the sandbox`);
    }
    const container: MetaContainer = {
      id: newId(ctx.store.now()),
      igUserId: id,
      createdAt: ctx.store.now(),
      caption,
      imageUrl: imageUrl ?? null,
      altText: field(request.body, 'alt_text') ?? null,
      isCarouselItem: field(request.body, 'is_carousel_item') === 'true',
      children,
      error,
      published: false,
    };
    state.containers.set(container.id, container);
    return reply.send({ id: container.id });
  });

  scope.post('/:id/media_publish', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.igUserId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'post', id);
    }
    const container = state.containers.get(field(request.body, 'creation_id') ?? '');
    if (container === undefined || container.igUserId !== id || container.isCarouselItem) {
      return invalidParameter(reply, 'creation_id is not a publishable container');
    }
    const status = statusOf(container, ctx.store.now(), options);
    if (status !== 'FINISHED') {
      // Publishing twice or too early is refused: Instagram never publishes a container twice.
      return reply
        .status(400)
        .send(graphError(9007, 'The media is not ready for publishing, please wait.', 2207027));
    }
    if (publishedToday(id) >= options.igPublishQuota) {
      return reply
        .status(400)
        .send(
          graphError(9, 'Application request limit reached: publishing limit reached.', 2207042),
        );
    }
    container.published = true;
    const items =
      container.children.length === 0
        ? [container]
        : container.children.flatMap((child) => state.containers.get(child) ?? []);
    const post = ctx.store.addPost({
      id: newId(ctx.store.now()),
      platform: META,
      accountId: id,
      text: container.caption,
      createdAt: new Date(ctx.store.now()),
      media: items.map((item) => ({ id: item.id, description: item.altText })),
      extra: { network: 'instagram', containerId: container.id },
    });
    if (ctx.dropAfterWrite(META, reply)) {
      return reply;
    }
    return reply.send({ id: post.id });
  });

  scope.get('/:id/content_publishing_limit', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.igUserId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'get', id);
    }
    return reply.send({
      data: [
        {
          quota_usage: publishedToday(id),
          config: { quota_total: options.igPublishQuota, quota_duration: DAY_MS / 1000 },
        },
      ],
    });
  });

  scope.get('/:id/media', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    if (id !== options.igUserId || !mayActFor(token, options, id)) {
      return unsupported(reply, 'get', id);
    }
    const { limit } = mediaQuery.parse(request.query);
    const all = ctx.store
      .postsOf(META, id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return reply.send({
      data: all.slice(0, limit).map((post) => ({
        id: post.id,
        caption: post.text,
        timestamp: isoSeconds(post.createdAt.getTime()),
        permalink: `https://www.instagram.com/p/${post.id}/`,
      })),
      paging: { cursors: {} },
    });
  });

  // Reads a container's status (or a minimal object): the only single-object GET the connectors use.
  scope.get('/:id', async (request, reply) => {
    const token = await enterGraph(ctx, options, request, reply);
    if (token === null) {
      return reply;
    }
    const { id } = idParams.parse(request.params);
    const container = state.containers.get(id);
    if (container !== undefined && mayActFor(token, options, container.igUserId)) {
      const status = statusOf(container, ctx.store.now(), options);
      return reply.send({
        id,
        status_code: status,
        ...(status === 'ERROR' ? { status: container.error } : {}),
      });
    }
    const post = ctx.store.postById(META, id);
    if (post !== undefined && mayActFor(token, options, post.accountId)) {
      return reply.send({ id, created_time: isoSeconds(post.createdAt.getTime()) });
    }
    return unsupported(reply, 'get', id);
  });
}
