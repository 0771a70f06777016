import { z } from 'zod';

import { REVIEW_SUBJECTS } from './registry.enum.ts';
import { dateSchema } from './registry.schema.ts';

export const REVIEW_OUTCOMES = ['confirmed', 'changed', 'discontinued'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Who answers for a review: communications for necessity and concept, the dpo for the DSFA. */
export const RESPONSIBLE_ROLES = ['communications', 'dpo'] as const;

export const createReviewBodySchema = z
  .strictObject({
    subject: z.enum(REVIEW_SUBJECTS),
    platformId: z.uuid().nullable(),
    outcome: z.enum(REVIEW_OUTCOMES),
    notes: z.string().trim().max(5000, 'Höchstens 5000 Zeichen.').nullable(),
    nextReviewOn: dateSchema,
  })
  .superRefine((review, ctx) => {
    if (review.subject === 'concept' && review.platformId !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['platformId'],
        message: 'Die Überprüfung des Konzepts gilt für keine einzelne Plattform.',
      });
    }
    if (review.subject !== 'concept' && review.platformId === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['platformId'],
        message: 'Bitte die Plattform angeben.',
      });
    }
  });
export type CreateReviewInput = z.infer<typeof createReviewBodySchema>;

export const reviewSchema = z.object({
  id: z.uuid(),
  subject: z.enum(REVIEW_SUBJECTS),
  platformId: z.uuid().nullable(),
  reviewedAt: z.string(),
  reviewerId: z.uuid(),
  reviewerName: z.string().nullable(),
  outcome: z.enum(REVIEW_OUTCOMES),
  notes: z.string().nullable(),
  nextReviewOn: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;

export const reviewsQuerySchema = z.strictObject({
  subject: z.enum(REVIEW_SUBJECTS).optional(),
  platformId: z.uuid().optional(),
});

export const dueQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(0).max(366).default(60),
});

export const dueItemSchema = z.object({
  subject: z.enum(REVIEW_SUBJECTS),
  platformId: z.uuid().nullable(),
  platformName: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(['overdue', 'due-soon']),
  responsibleRole: z.enum(RESPONSIBLE_ROLES),
});
export type DueItem = z.infer<typeof dueItemSchema>;

export const dueListSchema = z.object({ items: z.array(dueItemSchema) });
