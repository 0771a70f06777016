import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { ReviewSubject } from './registry.enum.ts';
import type { NewReviewRow, ReviewRow } from './reviews.table.ts';

export async function insertReviewRow(db: Kysely<Database>, row: NewReviewRow): Promise<ReviewRow> {
  return db.insertInto('registry_reviews').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The review history, newest first, with the reviewer's display name. */
export async function listReviewRows(
  db: Kysely<Database>,
  filter: { id?: string; subject?: ReviewSubject; platformId?: string },
): Promise<(ReviewRow & { reviewer_name: string | null })[]> {
  let q = db
    .selectFrom('registry_reviews')
    .leftJoin('users', 'users.id', 'registry_reviews.reviewer_id')
    .selectAll('registry_reviews')
    .select('users.display_name as reviewer_name');
  if (filter.id !== undefined) {
    q = q.where('registry_reviews.id', '=', filter.id);
  }
  if (filter.subject !== undefined) {
    q = q.where('registry_reviews.subject', '=', filter.subject);
  }
  if (filter.platformId !== undefined) {
    q = q.where('registry_reviews.platform_id', '=', filter.platformId);
  }
  return q.orderBy('registry_reviews.reviewed_at', 'desc').orderBy('registry_reviews.id').execute();
}
