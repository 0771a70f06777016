import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { listActiveUsersByIds } from '../notifications/notifications.repository.ts';
import { notifyRole, notifyUsers } from '../notifications/notifications.service.ts';
import { calendarDate, germanDate } from '../shared/calendar.ts';
import { caseLink, listHoldsDueForReview } from './retention.repository.ts';

/**
 * A legal hold stops the deletion clock only for a reason, and its review date is when someone
 * must decide whether the reason still holds. The assignee is reminded (else the Abteilung
 * Kommunikation), once per case and review date; the text names the case number, never a person.
 */
export async function remindDueHolds(db: Kysely<Database>, now: Date): Promise<{ due: number }> {
  const due = await listHoldsDueForReview(db, calendarDate(now));
  for (const hold of due) {
    const reviewOn = hold.hold_review_on ?? '';
    const input = {
      kind: 'case-hold-review',
      title: `Sperre prüfen: Anfrage Nr. ${hold.number}`,
      body: `Die Überprüfung der Aufbewahrungssperre war am ${germanDate(reviewOn)} fällig. Bitte heben Sie die Sperre auf oder setzen Sie ein neues Prüfdatum.`,
      link: caseLink(hold.id),
      dedupeKey: `case-hold-review:${hold.id}:${reviewOn}`,
    };
    const assignee =
      hold.assignee_id === null ? [] : await listActiveUsersByIds(db, [hold.assignee_id]);
    if (assignee.length > 0) {
      await notifyUsers(db, assignee, input, now);
    } else {
      await notifyRole(db, 'communications', input, now);
    }
  }
  return { due: due.length };
}
