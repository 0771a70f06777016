import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import type { SandboxContext } from '../sandbox.server.ts';
import { newId } from '../sandbox.store.ts';
import {
  authenticate,
  guardX,
  invalidRequest,
  withinRateLimit,
  xState,
  zodMessages,
} from './x-common.sandbox.ts';
import type { XMedia, XSandboxOptions } from './x-common.sandbox.ts';

/** Seconds an upload stays usable, as X answers on initialize. */
const EXPIRES_AFTER_SECS = 86_400;

/**
 * Per category: accepted types, size limit, media-key prefix (3 photo, 16 GIF, 7 video), after
 * docs.x.com media best practices (images 5 MB, GIF 15 MB, video 512 MB).
 */
const CATEGORIES: Readonly<
  Record<string, { types: readonly string[]; maxBytes: number; keyPrefix: string }>
> = {
  tweet_image: {
    types: ['image/jpeg', 'image/png', 'image/webp', 'image/bmp'],
    maxBytes: 5 * 1024 * 1024,
    keyPrefix: '3',
  },
  tweet_gif: { types: ['image/gif'], maxBytes: 15 * 1024 * 1024, keyPrefix: '16' },
  tweet_video: {
    types: ['video/mp4', 'video/quicktime'],
    maxBytes: 512 * 1024 * 1024,
    keyPrefix: '7',
  },
};

const initializeBody = z.strictObject({
  media_type: z.string().min(1),
  total_bytes: z.number().int().positive(),
  media_category: z.enum(['tweet_image', 'tweet_gif', 'tweet_video']).optional(),
  additional_owners: z.array(z.string().regex(/^\d{1,19}$/)).optional(),
  shared: z.boolean().optional(),
});

const metadataBody = z.object({
  id: z.string().regex(/^\d{1,19}$/),
  metadata: z.object({
    // X documents alt_text.text with maxLength 1000 (create-media-metadata).
    alt_text: z.strictObject({ text: z.string().min(1).max(1000) }).optional(),
  }),
});

const mediaParams = z.object({ id: z.string().regex(/^\d{1,19}$/) });

/**
 * v2 chunked upload exactly as twitter-api-v2 1.29 `v2.uploadMedia` calls it:
 * POST /2/media/upload/initialize (JSON), /2/media/upload/:id/append (multipart, `segment_index`
 * and `media`), /2/media/upload/:id/finalize; then POST /2/media/metadata for alt text.
 */
export function registerXMedia(
  scope: FastifyInstance,
  ctx: SandboxContext,
  options: XSandboxOptions,
): void {
  const media = xState(ctx.store).media;

  scope.post('/2/media/upload/initialize', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'media-upload', token.accountId, reply))
    ) {
      return reply;
    }
    const body = initializeBody.safeParse(request.body);
    if (!body.success) {
      return reply.status(400).send(invalidRequest(zodMessages(body.error)));
    }
    const { media_type: mediaType, total_bytes: totalBytes } = body.data;
    const categoryName =
      body.data.media_category ??
      Object.keys(CATEGORIES).find((name) => CATEGORIES[name]?.types.includes(mediaType));
    const category = categoryName === undefined ? undefined : CATEGORIES[categoryName];
    if (
      categoryName === undefined ||
      category === undefined ||
      !category.types.includes(mediaType)
    ) {
      return reply.status(400).send(invalidRequest([`Unsupported media type: ${mediaType}.`]));
    }
    if (totalBytes > category.maxBytes) {
      return reply
        .status(400)
        .send(invalidRequest([`File size exceeds ${category.maxBytes} bytes.`]));
    }
    const id = newId(ctx.store.now());
    const item: XMedia = {
      id,
      mediaKey: `${category.keyPrefix}_${id}`,
      ownerIds: [token.accountId, ...(body.data.additional_owners ?? [])],
      mediaType,
      category: categoryName,
      totalBytes,
      chunks: new Map(),
      expiresAt: ctx.store.now() + EXPIRES_AFTER_SECS * 1000,
      finalized: false,
      altText: null,
    };
    media.set(id, item);
    return reply.send({
      data: { id, media_key: item.mediaKey, expires_after_secs: EXPIRES_AFTER_SECS },
    });
  });

  scope.post('/2/media/upload/:id/append', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'media-upload', token.accountId, reply))
    ) {
      return reply;
    }
    const item = ownUpload(mediaParams.safeParse(request.params).data?.id, token.accountId);
    const form = readMultipart(request.body, request.headers['content-type']);
    const rawSegment = form?.get('segment_index');
    const segmentText = rawSegment === undefined ? '' : Buffer.from(rawSegment).toString('utf8');
    const segment = /^\d{1,3}$/.test(segmentText) ? Number(segmentText) : Number.NaN;
    const chunk = form?.get('media');
    if (
      item === undefined ||
      item.finalized ||
      !Number.isInteger(segment) ||
      segment < 0 ||
      segment > 999 ||
      chunk === undefined
    ) {
      return reply
        .status(400)
        .send(invalidRequest(['Expected an open upload, segment_index 0–999 and media.']));
    }
    item.chunks.set(segment, new Uint8Array(chunk));
    // Unverified: X's documented body for append; twitter-api-v2 ignores it.
    return reply.send({ data: { expires_at: Math.floor(item.expiresAt / 1000) } });
  });

  scope.post('/2/media/upload/:id/finalize', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'media-upload', token.accountId, reply))
    ) {
      return reply;
    }
    const item = ownUpload(mediaParams.safeParse(request.params).data?.id, token.accountId);
    const size = [...(item?.chunks.values() ?? [])].reduce((sum, chunk) => sum + chunk.length, 0);
    if (item === undefined || item.finalized || size !== item.totalBytes) {
      return reply
        .status(400)
        .send(invalidRequest(['File size does not match total_bytes given on initialize.']));
    }
    item.finalized = true;
    // Images need no processing, so no processing_info: the id is usable at once.
    return reply.send({
      data: {
        id: item.id,
        media_key: item.mediaKey,
        size,
        expires_after_secs: Math.max(0, Math.floor((item.expiresAt - ctx.store.now()) / 1000)),
      },
    });
  });

  scope.post('/2/media/metadata', async (request, reply) => {
    if (!(await guardX(ctx, request, reply))) {
      return reply;
    }
    const token = await authenticate(ctx, request, reply);
    if (
      token === null ||
      !(await withinRateLimit(ctx, options, 'media-metadata', token.accountId, reply))
    ) {
      return reply;
    }
    const body = metadataBody.safeParse(request.body);
    if (!body.success) {
      return reply.status(400).send(invalidRequest(zodMessages(body.error)));
    }
    const item = ownUpload(body.data.id, token.accountId);
    if (item?.finalized !== true) {
      return reply.status(400).send(invalidRequest([`Media id ${body.data.id} is not usable.`]));
    }
    const altText = body.data.metadata.alt_text;
    if (altText !== undefined) {
      item.altText = altText.text;
    }
    return reply.send({
      data: {
        id: item.id,
        associated_metadata: altText === undefined ? {} : { alt_text: altText },
      },
    });
  });

  function ownUpload(id: string | undefined, accountId: string): XMedia | undefined {
    const item = id === undefined ? undefined : media.get(id);
    return item !== undefined &&
      item.ownerIds.includes(accountId) &&
      item.expiresAt > ctx.store.now()
      ? item
      : undefined;
  }
}

/**
 * twitter-api-v2 sends the chunk as a form field without a filename. A WHATWG FormData (what the
 * sandbox core makes of multipart bodies) turns such a field into UTF-8 text and corrupts binary
 * data, so the X scope keeps multipart bodies as bytes and splits them itself.
 */
export function readMultipart(
  body: unknown,
  contentType: string | undefined,
): Map<string, Uint8Array> | null {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!(body instanceof Uint8Array) || marker === undefined) {
    return null;
  }
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const fields = new Map<string, Uint8Array>();
  const delimiter = Buffer.from(`--${marker}`);
  let start = bytes.indexOf(delimiter);
  while (start !== -1) {
    const next = bytes.indexOf(delimiter, start + delimiter.length);
    if (next === -1) {
      break;
    }
    // Each part: CRLF, headers, blank line, content, CRLF before the next delimiter.
    const part = bytes.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const name = /name="([^"]*)"/.exec(part.subarray(0, Math.max(0, headerEnd)).toString('utf8'));
    if (headerEnd !== -1 && name?.[1] !== undefined) {
      fields.set(name[1], part.subarray(headerEnd + 4));
    }
    start = next;
  }
  return fields;
}
