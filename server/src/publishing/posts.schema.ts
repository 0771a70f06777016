import { z } from 'zod';

import { CHANNEL_GOALS } from '../registry/registry.enum.ts';
import { POST_STATUSES } from './posts.table.ts';

const required = (max: number, field: string) =>
  z
    .string({ error: `Bitte geben Sie ${field} an.` })
    .trim()
    .min(1, `Bitte geben Sie ${field} an.`)
    .max(max, `Höchstens ${max} Zeichen.`);

export const targetInputSchema = z.strictObject({
  channelId: z.uuid(),
  /** A text of its own for this channel; null takes the master text with link and hashtags. */
  variantText: z.string().max(70_000).nullable().default(null),
  /** YouTube video title, TikTok photo title; null takes the post's title. */
  variantTitle: z.string().trim().max(300).nullable().default(null),
});

/** The editable fields without defaults: an update changes only what it names. */
const postFields = {
  title: required(200, 'einen Arbeitstitel'),
  masterText: z.string().max(70_000, 'Der Text ist zu lang.'),
  linkUrl: z
    .url({ protocol: /^https?$/, error: 'Bitte eine vollständige Adresse mit https:// angeben.' })
    .max(2000)
    .nullable(),
  hashtags: z
    .array(
      z
        .string()
        .trim()
        .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, 'Ein Hashtag besteht aus Buchstaben, Ziffern und _.'),
    )
    .max(30),
  campaign: z.string().trim().max(200).nullable(),
  goal: z.enum(CHANNEL_GOALS).nullable(),
  targets: z.array(targetInputSchema).max(30),
  mediaIds: z.array(z.uuid()).max(35),
  /** Requested publication time (ISO instant); null: as soon as it is approved and released. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
};

export const createPostBodySchema = z.strictObject({
  ...postFields,
  masterText: postFields.masterText.default(''),
  linkUrl: postFields.linkUrl.default(null),
  hashtags: postFields.hashtags.default([]),
  campaign: postFields.campaign.default(null),
  goal: postFields.goal.default(null),
  targets: postFields.targets.default([]),
  mediaIds: postFields.mediaIds.default([]),
  scheduledAt: postFields.scheduledAt.default(null),
});
export type CreatePostInput = z.infer<typeof createPostBodySchema>;

export const updatePostBodySchema = z.strictObject({
  title: postFields.title.optional(),
  masterText: postFields.masterText.optional(),
  linkUrl: postFields.linkUrl.optional(),
  hashtags: postFields.hashtags.optional(),
  campaign: postFields.campaign.optional(),
  goal: postFields.goal.optional(),
  targets: postFields.targets.optional(),
  mediaIds: postFields.mediaIds.optional(),
  scheduledAt: postFields.scheduledAt.optional(),
  /** The version the editor loaded: a concurrent change answers 409 instead of being lost. */
  version: z.number().int().min(1),
});
export type UpdatePostInput = z.infer<typeof updatePostBodySchema>;

/** Live validation in the editor: the unsaved content, checked like a submit would. */
export const validatePostBodySchema = z.strictObject({
  scheduledAt: postFields.scheduledAt.default(null),
  masterText: postFields.masterText.default(''),
  linkUrl: postFields.linkUrl.default(null),
  hashtags: postFields.hashtags.default([]),
  title: z.string().max(300).default(''),
  targets: postFields.targets.default([]),
  mediaIds: postFields.mediaIds.default([]),
});
export type ValidatePostInput = z.infer<typeof validatePostBodySchema>;

export const rejectBodySchema = z.strictObject({
  reason: required(1000, 'einen Grund für die Ablehnung'),
});
export const scheduleBodySchema = z.strictObject({
  scheduledAt: z.iso.datetime({ offset: true, error: 'Bitte einen gültigen Zeitpunkt angeben.' }),
});
export const commentBodySchema = z.strictObject({ body: required(2000, 'einen Kommentar') });

export const postListQuerySchema = z.strictObject({
  status: z.enum(POST_STATUSES).optional(),
  channelId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
  campaign: z.string().trim().max(200).optional(),
  /** Calendar range on scheduled_at (ISO instants); unscheduled posts come without a range. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type PostListQuery = z.infer<typeof postListQuerySchema>;

export const issueSchema = z.object({
  /** Null for problems of the whole post. */
  channelId: z.uuid().nullable(),
  path: z.string(),
  message: z.string(),
});
export type PostIssue = z.infer<typeof issueSchema>;

export const postTargetSchema = z.object({
  channelId: z.uuid(),
  channelName: z.string(),
  channelHandle: z.string(),
  platformKey: z.string(),
  variantText: z.string().nullable(),
  variantTitle: z.string().nullable(),
  /** What will be sent: the variant, or the derived text. */
  effectiveText: z.string(),
});

export const postSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  masterText: z.string(),
  linkUrl: z.string().nullable(),
  hashtags: z.array(z.string()),
  campaign: z.string().nullable(),
  goal: z.enum(CHANNEL_GOALS).nullable(),
  status: z.enum(POST_STATUSES),
  scheduledAt: z.string().nullable(),
  priority: z.number(),
  targets: z.array(postTargetSchema),
  mediaIds: z.array(z.uuid()),
  /** Null for warning drafts written by a crisis feed. */
  createdBy: z.uuid().nullable(),
  createdByName: z.string().nullable(),
  submittedBy: z.uuid().nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedBy: z.uuid().nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  /** Whether the post needs approval by communications before it can go out. */
  needsApproval: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Post = z.infer<typeof postSchema>;

export const postCommentSchema = z.object({
  id: z.uuid(),
  authorId: z.uuid().nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type PostComment = z.infer<typeof postCommentSchema>;

export const validationResponseSchema = z.object({ issues: z.array(issueSchema) });
