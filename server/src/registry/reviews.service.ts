import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid } from '../errors/errors.ts';
import { calendarDate } from '../shared/calendar.ts';
import { toPlatform } from './platforms.service.ts';
import type { ReviewSubject } from './registry.enum.ts';
import {
  findOrganisationProfile,
  findPlatformRow,
  insertRevision,
  upsertOrganisationProfile,
  updatePlatformRow,
} from './registry.repository.ts';
import type { PlatformRow, PlatformUpdate } from './registry.table.ts';
import { insertReviewRow, listReviewRows } from './reviews.repository.ts';
import type { CreateReviewInput, Review, ReviewOutcome } from './reviews.schema.ts';

export const SUBJECT_LABELS: Readonly<Record<ReviewSubject, string>> = {
  necessity: 'Erforderlichkeitsprüfung',
  dpia: 'DSFA',
  concept: 'Social-Media-Konzept',
};

const OUTCOME_LABELS: Readonly<Record<ReviewOutcome, string>> = {
  confirmed: 'bestätigt',
  changed: 'geändert',
  discontinued: 'eingestellt',
};

export async function listReviews(
  db: Kysely<Database>,
  filter: { id?: string; subject?: ReviewSubject; platformId?: string },
): Promise<Review[]> {
  const rows = await listReviewRows(db, filter);
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    platformId: row.platform_id,
    reviewedAt: row.reviewed_at.toISOString(),
    reviewerId: row.reviewer_id,
    reviewerName: row.reviewer_name,
    outcome: row.outcome,
    notes: row.notes,
    nextReviewOn: row.next_review_on,
  }));
}

/** The platform columns a review changes: the review date moves on, nothing else is touched. */
function platformPatch(
  row: PlatformRow,
  input: CreateReviewInput,
  today: string,
  now: Date,
): PlatformUpdate {
  if (input.subject === 'dpia') {
    if (row.dpia === null) {
      throw conflict('Für diese Plattform ist keine DSFA erfasst.');
    }
    // The DSFA's content is unchanged, so the dpo's sign-off stays valid.
    return {
      dpia: JSON.stringify({ ...row.dpia, nextReviewOn: input.nextReviewOn }),
      updated_at: now,
    };
  }
  const necessity = {
    ...row.necessity,
    assessedOn: today,
    nextReviewOn: input.nextReviewOn,
    // A review that ends the platform's use must not leave "necessary" on record (concept §10).
    ...(input.outcome === 'discontinued' ? { outcome: 'not-necessary' as const } : {}),
  };
  return { necessity: JSON.stringify(necessity), updated_at: now };
}

/**
 * Records a review (concept §10 necessity, §11 DSFA, §15 concept) and moves the reviewed record's
 * next review date, in one transaction with its audit entry and a revision of the changed record.
 */
export async function recordReview(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateReviewInput,
  now: Date = new Date(),
): Promise<Review> {
  const reviewerId = actor.userId;
  if (reviewerId === null) {
    throw conflict('Eine Überprüfung braucht eine angemeldete Person.');
  }
  const today = calendarDate(now);
  if (input.nextReviewOn <= today) {
    throw invalid([
      {
        path: 'nextReviewOn',
        message: 'Die nächste Überprüfung muss nach dem heutigen Tag liegen.',
      },
    ]);
  }
  const id = await db.transaction().execute(async (trx) => {
    let objectLabel = 'Konzept';
    if (input.subject === 'concept') {
      const profile = await findOrganisationProfile(trx);
      if (profile === undefined) {
        throw conflict('Die Angaben zur Organisation fehlen noch.');
      }
      const updated = {
        ...profile,
        conceptReviewedOn: today,
        conceptNextReviewOn: input.nextReviewOn,
      };
      await upsertOrganisationProfile(trx, updated, now);
      await insertRevision(trx, {
        objectType: 'organisation',
        objectId: 'profile',
        actorId: reviewerId,
        snapshot: updated,
        now,
      });
    } else {
      const platformId = input.platformId ?? '';
      const before = await findPlatformRow(trx, { id: platformId });
      if (before === undefined) {
        throw invalid([{ path: 'platformId', message: 'Diese Plattform ist nicht im Register.' }]);
      }
      const row = await updatePlatformRow(
        trx,
        platformId,
        platformPatch(before, input, today, now),
      );
      if (row === undefined) {
        throw conflict('Die Plattform wurde währenddessen entfernt.');
      }
      await insertRevision(trx, {
        objectType: 'platform',
        objectId: row.id,
        actorId: reviewerId,
        snapshot: await toPlatform(trx, row),
        now,
      });
      objectLabel = `Plattform ${row.key}`;
    }
    const review = await insertReviewRow(trx, {
      subject: input.subject,
      platform_id: input.subject === 'concept' ? null : input.platformId,
      reviewed_at: now,
      reviewer_id: reviewerId,
      outcome: input.outcome,
      notes: input.notes === null || input.notes === '' ? null : input.notes,
      next_review_on: input.nextReviewOn,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'registry.review_recorded',
        objectType: 'registry_review',
        objectId: review.id,
        summary: `${SUBJECT_LABELS[input.subject]} (${objectLabel}) ${OUTCOME_LABELS[input.outcome]}; nächste Überprüfung ${input.nextReviewOn}`,
      },
      now,
    );
    return review.id;
  });
  const [review] = await listReviews(db, { id });
  if (review === undefined) {
    throw conflict();
  }
  return review;
}
