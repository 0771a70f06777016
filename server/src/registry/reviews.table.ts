import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

import type { ReviewSubject } from './registry.enum.ts';
import type { ReviewOutcome } from './reviews.schema.ts';

export interface RegistryReviewTable {
  id: Generated<string>;
  subject: ReviewSubject;
  /** Null for the concept (§15), which is not tied to one platform. */
  platform_id: string | null;
  reviewed_at: Date;
  reviewer_id: string;
  outcome: ReviewOutcome;
  notes: string | null;
  next_review_on: ColumnType<string, string, string>;
}

export type ReviewRow = Selectable<RegistryReviewTable>;
export type NewReviewRow = Insertable<RegistryReviewTable>;
