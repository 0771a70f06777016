import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, forbidden, notFound } from '../errors/errors.ts';
import { startDelivery } from '../publishing/outbox.service.ts';
import type { OutboxItemRow } from '../publishing/outbox.table.ts';
import {
  findCrisisPostRow,
  findIncidentRow,
  maxPublishedVersion,
  setPublishedVersion,
} from './crisis.repository.ts';
import { CRISIS_PRIORITY, FIRST_LANE_PRIORITY, isFirstLane } from './crisis.drafts.ts';

export type ApprovalResult =
  | { readonly status: 'needs-second-approval' }
  | { readonly status: 'drilled' }
  | { readonly status: 'released'; readonly items: readonly OutboxItemRow[] };

/**
 * Where each channel's thread continues: the newest published warning post of this incident on
 * that channel. Platforms without threads ignore it.
 */
async function replyTargets(
  db: Kysely<Database>,
  incidentId: string,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('outbox_items')
    .innerJoin('crisis_posts', 'crisis_posts.post_id', 'outbox_items.post_id')
    .select(['outbox_items.channel_id', 'outbox_items.external_id'])
    .where('crisis_posts.incident_id', '=', incidentId)
    .where('outbox_items.status', '=', 'published')
    .where('outbox_items.external_id', 'is not', null)
    .orderBy('outbox_items.published_at', 'asc')
    .execute();
  const map = new Map<string, string>();
  for (const row of rows) {
    if (row.external_id !== null) {
      map.set(row.channel_id, row.external_id);
    }
  }
  return map;
}

/**
 * Approves a warning post on the fast path. Pre-approved templates need one approval; others a
 * second, different person. Test and exercise incidents are drilled: approved, never sent.
 */
export async function approveCrisisPost(
  db: Kysely<Database>,
  actor: Actor,
  postId: string,
  now: Date = new Date(),
): Promise<ApprovalResult> {
  const approver = actor.userId;
  if (approver === null) {
    throw forbidden('Freigeben kann nur eine Person.');
  }
  const decision = await db.transaction().execute(async (trx) => {
    const crisisPost = await findCrisisPostRow(trx, postId);
    const post = await trx
      .selectFrom('posts')
      .selectAll()
      .where('id', '=', postId)
      .forUpdate()
      .executeTakeFirst();
    if (crisisPost === undefined || post === undefined) {
      throw notFound('Diesen Warnbeitrag gibt es nicht.');
    }
    if (post.status !== 'in-review') {
      throw conflict('Dieser Warnbeitrag wartet nicht (mehr) auf Freigabe.');
    }
    const incident = await findIncidentRow(trx, crisisPost.incident_id);
    if (incident === undefined) {
      throw notFound('Diesen Vorfall gibt es nicht.');
    }
    const source = await trx
      .selectFrom('crisis_messages')
      .select(['source_hash', 'identifier'])
      .where('id', '=', crisisPost.message_id)
      .executeTakeFirstOrThrow();
    const audit = async (action: string, summary: string) =>
      recordAudit(trx, actor, { action, objectType: 'post', objectId: postId, summary }, now);
    const legal = `Rechtsgrundlage ${incident.legal_basis === 'art6-1-c' ? 'Art. 6 Abs. 1 lit. c' : 'Art. 6 Abs. 1 lit. e'} DSGVO i. V. m. ${incident.legal_norm}`;
    const sourceNote = `Quelle ${source.identifier}, SHA-256 ${source.source_hash}`;
    if (!crisisPost.pre_approved) {
      if (crisisPost.first_approved_by === null) {
        await trx
          .updateTable('crisis_posts')
          .set({ first_approved_by: approver, first_approved_at: now })
          .where('post_id', '=', postId)
          .execute();
        await audit('crisis.post.first-approval', `Erste Freigabe (Vier Augen); ${sourceNote}`);
        return { status: 'needs-second-approval' as const };
      }
      if (crisisPost.first_approved_by === approver) {
        throw forbidden(
          'Diese Vorlage ist nicht vorab freigegeben: Die zweite Freigabe muss eine andere Person erteilen.',
        );
      }
    }
    if (incident.status !== 'Actual') {
      await trx
        .updateTable('posts')
        .set({
          status: 'draft',
          approved_by: approver,
          approved_at: now,
          rejection_reason: 'Übung: freigegeben, aber nicht veröffentlicht.',
          updated_at: now,
        })
        .where('id', '=', postId)
        .execute();
      await audit('crisis.post.drilled', `Übung freigegeben, nicht veröffentlicht; ${sourceNote}`);
      return { status: 'drilled' as const };
    }
    await trx
      .updateTable('posts')
      .set({ status: 'approved', approved_by: approver, approved_at: now, updated_at: now })
      .where('id', '=', postId)
      .execute();
    // The public feeds carry the German version; other languages are posts, not new versions.
    if (crisisPost.language === 'de') {
      await setPublishedVersion(trx, postId, (await maxPublishedVersion(trx, incident.id)) + 1);
    }
    await audit(
      'crisis.post.approved',
      `Warnbeitrag (${crisisPost.kind}) freigegeben; ${legal}; ${sourceNote}`,
    );
    return { status: 'release' as const, incidentId: incident.id, kind: crisisPost.kind };
  });
  if (decision.status !== 'release') {
    return decision;
  }
  const replyTo =
    decision.kind === 'alert'
      ? new Map<string, string>()
      : await replyTargets(db, decision.incidentId);
  const lanes = await db
    .selectFrom('post_targets')
    .innerJoin('channels', 'channels.id', 'post_targets.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select(['post_targets.channel_id', 'platforms.key'])
    .where('post_targets.post_id', '=', postId)
    .execute();
  const firstLane = new Set(lanes.filter((lane) => isFirstLane(lane.key)).map((l) => l.channel_id));
  // No jobs yet: `dispatchNow` sends at once and enqueues the safety net alongside.
  const items = await startDelivery(db, undefined, postId, now, {
    replyTo,
    priorityOf: (channelId) => (firstLane.has(channelId) ? FIRST_LANE_PRIORITY : CRISIS_PRIORITY),
  });
  return { status: 'released', items: orderForDispatch(items) };
}

/** X and Mastodon first (higher priority), then the rest in their stored order. */
export function orderForDispatch(items: readonly OutboxItemRow[]): OutboxItemRow[] {
  return [...items].sort((a, b) => b.priority - a.priority);
}
