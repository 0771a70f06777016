import type { Kysely } from 'kysely';

import { systemActor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import type { PlatformKey } from '../platforms/connector.ts';
import { asPlatformKey } from '../connections/connections.target.ts';
import { PRIORITY_LANE_MIN } from '../publishing/outbox.jobs.ts';
import type { CapWarning } from './cap.model.ts';
import {
  findIncidentRow,
  insertCrisisPostRow,
  listOpenDraftPostIds,
  maxPublishedVersion,
} from './crisis.repository.ts';
import { FIRST_PLATFORMS } from './crisis.settings.ts';
import type { CrisisIncidentRow, CrisisPostKind } from './crisis.table.ts';
import { renderCrisisText, templateDefinition } from './crisis.templates.ts';
import type { CrisisTemplateKey } from './crisis.templates.ts';

/** Warnings outrank every regular post; X and Mastodon above the rest of a warning's channels. */
export const CRISIS_PRIORITY = PRIORITY_LANE_MIN;
export const FIRST_LANE_PRIORITY = 110;

export interface CrisisChannel {
  readonly id: string;
  readonly name: string;
  readonly platformKey: PlatformKey;
}

/**
 * The channels a warning goes to, in dispatch order: the configured ones (or, without a
 * configuration, every active X and Mastodon channel), X and Mastodon always first.
 */
export async function crisisChannels(db: Kysely<Database>): Promise<CrisisChannel[]> {
  const settings = await db
    .selectFrom('crisis_settings')
    .select('channel_order')
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('channels')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select(['channels.id', 'channels.name', 'platforms.key as platform_key'])
    .where('channels.status', '=', 'active')
    .execute();
  const channels = rows.flatMap((row) => {
    const platformKey = asPlatformKey(row.platform_key);
    return platformKey === undefined ? [] : [{ id: row.id, name: row.name, platformKey }];
  });
  const configured = settings.channel_order;
  const chosen =
    configured.length === 0
      ? channels.filter((channel) =>
          (FIRST_PLATFORMS as readonly string[]).includes(channel.platformKey),
        )
      : configured.flatMap((id) => channels.filter((channel) => channel.id === id));
  const first = (channel: CrisisChannel) =>
    (FIRST_PLATFORMS as readonly string[]).includes(channel.platformKey) ? 0 : 1;
  // A stable sort keeps the configured order within each group.
  return [...chosen].sort((a, b) => first(a) - first(b));
}

/** How each kind of warning post is named to staff (titles, alerts). */
export const POST_KIND_LABELS: Readonly<Record<CrisisPostKind, string>> = {
  alert: 'Warnung',
  update: 'Aktualisierung',
  allclear: 'Entwarnung',
};

export function isFirstLane(platformKey: string): boolean {
  return (FIRST_PLATFORMS as readonly string[]).includes(platformKey);
}

export interface DraftInput {
  readonly incidentId: string;
  readonly messageId: string;
  readonly warning: CapWarning;
  readonly change: CrisisPostKind;
  readonly language: string;
  /** Public page of the incident: the link every post carries. */
  readonly detailsUrl: string;
}

export interface Draft {
  readonly postId: string;
  readonly incident: CrisisIncidentRow;
  readonly kind: CrisisPostKind;
}

/**
 * Drafts the posts for one change of an incident, replacing drafts still waiting for approval
 * (a newer official message supersedes them). Nothing was published yet → an update drafts a
 * first warning, and an all-clear drafts nothing.
 */
export async function draftCrisisPost(
  db: Kysely<Database>,
  input: DraftInput,
  now: Date,
): Promise<Draft | undefined> {
  const channels = await crisisChannels(db);
  return db.transaction().execute(async (trx) => {
    const incident = await findIncidentRow(trx, input.incidentId);
    if (incident === undefined || channels.length === 0) {
      return undefined;
    }
    const published = (await maxPublishedVersion(trx, incident.id)) > 0;
    if (input.change === 'allclear' && !published) {
      await supersede(
        trx,
        incident.id,
        now,
        'Die Warnung wurde aufgehoben, bevor sie veröffentlicht war.',
      );
      return undefined;
    }
    const kind: CrisisPostKind = input.change === 'update' && !published ? 'alert' : input.change;
    const key = (kind === 'allclear' ? 'entwarnung' : incident.template_key) as CrisisTemplateKey;
    const definition = templateDefinition(key);
    const rendered = renderCrisisText({
      warning: input.warning,
      kind,
      language: input.language,
      template: key,
      links: { details: input.detailsUrl },
      platforms: [...new Set(channels.map((channel) => channel.platformKey))],
    });
    await supersede(trx, incident.id, now, 'Durch eine neuere amtliche Meldung ersetzt.');
    const test = incident.status !== 'Actual';
    const label = POST_KIND_LABELS[kind];
    const master = rendered.mastodon ?? Object.values(rendered)[0];
    const post = await trx
      .insertInto('posts')
      .values({
        title: `${test ? '[ÜBUNG] ' : ''}${label}: ${incident.headline}`.slice(0, 200),
        master_text: master?.text ?? incident.headline,
        link_url: null,
        hashtags: [],
        campaign: null,
        goal: null,
        status: 'in-review',
        scheduled_at: null,
        priority: CRISIS_PRIORITY,
        created_by: null,
        submitted_by: null,
        submitted_at: now,
        approved_by: null,
        approved_at: null,
        rejection_reason: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('post_targets')
      .values(
        channels.map((channel) => ({
          post_id: post.id,
          channel_id: channel.id,
          variant_text: rendered[channel.platformKey]?.text ?? master?.text ?? incident.headline,
          variant_title: channel.platformKey === 'youtube' ? incident.headline.slice(0, 100) : null,
        })),
      )
      .execute();
    await insertCrisisPostRow(trx, {
      post_id: post.id,
      incident_id: incident.id,
      message_id: input.messageId,
      kind,
      language: input.language,
      pre_approved: definition.preApproved,
      first_approved_by: null,
      first_approved_at: null,
      created_at: now,
    });
    await recordAudit(
      trx,
      systemActor(),
      {
        action: 'crisis.post.drafted',
        objectType: 'post',
        objectId: post.id,
        summary: `${label} (${input.language}) für ${String(channels.length)} Kanäle entworfen${test ? ' – Übung, wird nicht veröffentlicht' : ''}`,
      },
      now,
    );
    return { postId: post.id, incident, kind };
  });
}

async function supersede(
  trx: Kysely<Database>,
  incidentId: string,
  now: Date,
  reason: string,
): Promise<void> {
  const open = await listOpenDraftPostIds(trx, incidentId);
  if (open.length === 0) {
    return;
  }
  await trx
    .updateTable('posts')
    .set({ status: 'draft', rejection_reason: reason, updated_at: now })
    .where('id', 'in', open)
    .execute();
}
