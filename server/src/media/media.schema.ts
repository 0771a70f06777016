import { z } from 'zod';

import type { MediaRow } from './media.table.ts';

/** Mastodon's default description limit; longer texts fit no platform that takes alt text well. */
export const MAX_ALT_TEXT_LENGTH = 1500;

export const mediaIdParamsSchema = z.object({ id: z.uuid() });

export const mediaSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'video']),
  mimeType: z.string(),
  byteSize: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  altText: z.string().nullable(),
  createdAt: z.string(),
  /** Session-protected bytes for previews in the admin UI. */
  contentUrl: z.string(),
});
export type Media = z.infer<typeof mediaSchema>;

export const altTextBodySchema = z.object({
  // Empty after trimming removes the text; a post with that image then fails validation.
  altText: z
    .string()
    .trim()
    .max(
      MAX_ALT_TEXT_LENGTH,
      `Der Alternativtext darf höchstens ${MAX_ALT_TEXT_LENGTH} Zeichen haben.`,
    )
    .nullable(),
});

export const publicMediaQuerySchema = z.object({
  expires: z.coerce.number().int().positive(),
  sig: z.string().max(128),
});

export function toMedia(row: MediaRow): Media {
  return {
    id: row.id,
    kind: row.kind,
    mimeType: row.mime_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    durationSeconds: row.duration_seconds,
    altText: row.alt_text,
    createdAt: row.created_at.toISOString(),
    contentUrl: `/api/media/${row.id}/content`,
  };
}
