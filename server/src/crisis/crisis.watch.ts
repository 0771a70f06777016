import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { alertApprovers } from './crisis.alerts.ts';
import { draftAndAlert } from './crisis.intake.ts';
import type { IntakeDeps } from './crisis.intake.ts';
import { latestMessageRowOfIncident } from './crisis.repository.ts';
import { warningOf } from './crisis.queries.ts';
import { expireIncidents } from './incidents.service.ts';

export interface WatchResult {
  readonly expired: number;
  readonly escalated: number;
}

/**
 * The minute-by-minute duties: incidents past `expires` end (an all-clear is drafted for a
 * person to approve), and warnings waiting longer than the configured minutes are escalated.
 */
export async function watchIncidents(db: Kysely<Database>, deps: IntakeDeps): Promise<WatchResult> {
  const now = deps.now();
  const expired = await expireIncidents(db, now);
  for (const incident of expired) {
    const latest = await latestMessageRowOfIncident(db, incident.id);
    if (latest !== undefined) {
      await draftAndAlert(db, incident.id, latest.id, warningOf(latest), 'allclear', 'de', deps);
    }
  }
  const settings = await db
    .selectFrom('crisis_settings')
    .select('approval_stall_minutes')
    .executeTakeFirstOrThrow();
  const cutoff = new Date(now.getTime() - settings.approval_stall_minutes * 60_000);
  const stalled = await db
    .selectFrom('crisis_posts')
    .innerJoin('posts', 'posts.id', 'crisis_posts.post_id')
    .innerJoin('crisis_incidents', 'crisis_incidents.id', 'crisis_posts.incident_id')
    .select([
      'crisis_posts.post_id',
      'crisis_posts.incident_id',
      'crisis_posts.kind',
      'crisis_incidents.headline',
      'crisis_incidents.severity',
      'crisis_incidents.status',
    ])
    .where('posts.status', '=', 'in-review')
    .where('posts.submitted_at', '<=', cutoff)
    .execute();
  let escalated = 0;
  for (const post of stalled) {
    const result = await alertApprovers(
      db,
      {
        postId: post.post_id,
        incidentId: post.incident_id,
        headline: post.headline,
        severity: post.severity,
        kind: post.kind,
        test: post.status !== 'Actual',
        escalation: true,
      },
      { ...deps, now },
    );
    // The dedupe key makes a repeated run notify no one: count only first escalations.
    escalated += result.notified > 0 ? 1 : 0;
  }
  return { expired: expired.length, escalated };
}
