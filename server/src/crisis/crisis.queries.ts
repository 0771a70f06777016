import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import { notFound } from '../errors/errors.ts';
import { catalogueEntry } from '../platforms/platforms.catalogue.ts';
import { asPlatformKey } from '../connections/connections.target.ts';
import type { CapWarning } from './cap.model.ts';
import { primaryInfo } from './cap.model.ts';
import { isFirstLane } from './crisis.drafts.ts';
import type { CrisisPost, Incident, IncidentDetail } from './crisis.schema.ts';
import type { PublishedWarning } from './crisis.render.ts';
import {
  findIncidentRow,
  listCrisisPostRows,
  listIncidentRows,
  listMessageRowsOfIncident,
} from './crisis.repository.ts';
import type { CrisisIncidentRow, CrisisMessageRow } from './crisis.table.ts';
import { availableLanguages, plainText, sourceAttribution } from './crisis.templates.ts';

async function openApprovals(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('crisis_posts')
    .innerJoin('posts', 'posts.id', 'crisis_posts.post_id')
    .select(['crisis_posts.incident_id', (eb) => eb.fn.countAll<string>().as('count')])
    .where('crisis_posts.incident_id', 'in', [...ids])
    .where('posts.status', '=', 'in-review')
    .groupBy('crisis_posts.incident_id')
    .execute();
  return new Map(rows.map((row) => [row.incident_id, Number(row.count)]));
}

function toIncident(row: CrisisIncidentRow, open: number): Incident {
  return {
    id: row.id,
    templateKey: row.template_key,
    event: row.event,
    headline: row.headline,
    severity: row.severity,
    urgency: row.urgency,
    status: row.status,
    isTest: row.status !== 'Actual',
    state: row.state,
    endReason: row.end_reason,
    expiresAt: row.expires_at?.toISOString() ?? null,
    legalBasis: row.legal_basis,
    legalNorm: row.legal_norm,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    openApprovals: open,
  };
}

export async function listIncidents(
  db: Kysely<Database>,
  state: 'active' | 'ended' | undefined,
): Promise<Incident[]> {
  const rows = await listIncidentRows(db, {
    ...(state === undefined ? {} : { state }),
    limit: 200,
  });
  const open = await openApprovals(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toIncident(row, open.get(row.id) ?? 0));
}

export function warningOf(message: Pick<CrisisMessageRow, 'warning'>): CapWarning {
  // Stored by ingestWarning from a parsed CapWarning; jsonb gives it back as an object.
  return message.warning as CapWarning;
}

async function postsOf(db: Kysely<Database>, incidentId: string): Promise<CrisisPost[]> {
  const crisisPosts = await listCrisisPostRows(db, incidentId);
  const ids = crisisPosts.map((row) => row.post_id);
  if (ids.length === 0) {
    return [];
  }
  const posts = await db
    .selectFrom('posts')
    .leftJoin('users', 'users.id', 'posts.approved_by')
    .select(['posts.id', 'posts.status', 'posts.approved_at', 'users.display_name as approver'])
    .where('posts.id', 'in', ids)
    .execute();
  const targets = await db
    .selectFrom('post_targets')
    .innerJoin('channels', 'channels.id', 'post_targets.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select([
      'post_targets.post_id',
      'post_targets.channel_id',
      'post_targets.variant_text',
      'channels.name',
      'platforms.key',
    ])
    .where('post_targets.post_id', 'in', ids)
    .execute();
  const items = await db
    .selectFrom('outbox_items')
    .selectAll()
    .where('post_id', 'in', ids)
    .orderBy('priority', 'desc')
    .execute();
  const pins = await db
    .selectFrom('crisis_pins')
    .select(['channel_id', 'external_id'])
    .where('incident_id', '=', incidentId)
    .where('unpinned_at', 'is', null)
    .execute();
  return crisisPosts.map((crisisPost) => {
    const post = posts.find((row) => row.id === crisisPost.post_id);
    const own = targets.filter((target) => target.post_id === crisisPost.post_id);
    const ordered = [...own].sort(
      (a, b) => Number(isFirstLane(b.key)) - Number(isFirstLane(a.key)),
    );
    return {
      postId: crisisPost.post_id,
      kind: crisisPost.kind,
      language: crisisPost.language,
      preApproved: crisisPost.pre_approved,
      approvalsNeeded: crisisPost.pre_approved ? 1 : 2,
      firstApprovedBy: crisisPost.first_approved_by,
      status: post?.status ?? 'draft',
      approvedByName: post?.approver ?? null,
      approvedAt: post?.approved_at?.toISOString() ?? null,
      createdAt: crisisPost.created_at.toISOString(),
      targets: ordered.map((target, index) => {
        const key = asPlatformKey(target.key);
        const limits = key === undefined ? undefined : catalogueEntry(key)?.limits;
        const text = target.variant_text ?? '';
        return {
          channelId: target.channel_id,
          channelName: target.name,
          platformKey: target.key,
          text,
          length: limits?.countLength(text) ?? text.length,
          maxLength: limits?.maxTextLength ?? 0,
          order: index + 1,
        };
      }),
      deliveries: items
        .filter((item) => item.post_id === crisisPost.post_id)
        .map((item) => ({
          channelId: item.channel_id,
          channelName: own.find((t) => t.channel_id === item.channel_id)?.name ?? '',
          platformKey: own.find((t) => t.channel_id === item.channel_id)?.key ?? '',
          status: item.status,
          attempts: item.attempts,
          url: item.url,
          failureReason: item.failure_reason,
          publishedAt: item.published_at?.toISOString() ?? null,
          replyToExternalId: item.reply_to_external_id,
          pinned: pins.some(
            (pin) => pin.channel_id === item.channel_id && pin.external_id === item.external_id,
          ),
        })),
    };
  });
}

export async function getIncident(db: Kysely<Database>, id: string): Promise<IncidentDetail> {
  const row = await findIncidentRow(db, id);
  if (row === undefined) {
    throw notFound('Diesen Vorfall gibt es nicht.');
  }
  const messages = await listMessageRowsOfIncident(db, id);
  const posts = await postsOf(db, id);
  const latest = messages.at(-1);
  return {
    ...toIncident(row, posts.filter((post) => post.status === 'in-review').length),
    messages: messages.map((message) => ({
      id: message.id,
      identifier: message.identifier,
      sender: message.sender,
      sent: message.sent.toISOString(),
      msgType: message.msg_type,
      status: message.status,
      sourceHash: message.source_hash,
      concerns: message.concerns,
      matchReason: message.match_reason,
      languages: [...availableLanguages(warningOf(message))],
      receivedAt: message.received_at.toISOString(),
    })),
    posts,
    languages: latest === undefined ? [] : [...availableLanguages(warningOf(latest))],
  };
}

const MSG_TYPE = { alert: 'Alert', update: 'Update', allclear: 'Cancel' } as const;

/** The city's own released warnings (German, Actual only), newest first: the public outputs. */
export async function listPublishedWarnings(db: Kysely<Database>): Promise<{
  active: PublishedWarning[];
  ended: PublishedWarning[];
  all: PublishedWarning[];
}> {
  const rows = await db
    .selectFrom('crisis_posts')
    .innerJoin('crisis_incidents', 'crisis_incidents.id', 'crisis_posts.incident_id')
    .innerJoin('crisis_messages', 'crisis_messages.id', 'crisis_posts.message_id')
    .innerJoin('posts', 'posts.id', 'crisis_posts.post_id')
    .select([
      'crisis_posts.incident_id',
      'crisis_posts.kind',
      'crisis_posts.language',
      'crisis_posts.published_version',
      'crisis_incidents.state',
      'crisis_incidents.status',
      'crisis_messages.warning',
      'crisis_messages.identifier',
      'crisis_messages.sender',
      'posts.approved_at',
    ])
    .where('crisis_posts.published_version', 'is not', null)
    .where('crisis_incidents.status', '=', 'Actual')
    .orderBy('posts.approved_at', 'desc')
    .limit(500)
    .execute();
  const all = rows.map((row): PublishedWarning => {
    const warning = warningOf(row);
    const info = primaryInfo(warning);
    const source = sourceAttribution(warning);
    return {
      incidentId: row.incident_id,
      version: row.published_version ?? 1,
      msgType: MSG_TYPE[row.kind],
      sentAt: (row.approved_at ?? new Date()).toISOString(),
      status: 'Actual',
      event: info?.event ?? 'Warnung',
      headline: plainText(info?.headline ?? info?.event ?? 'Warnung'),
      description: plainText(info?.description ?? ''),
      instruction: info?.instruction === undefined ? undefined : plainText(info.instruction),
      severity: info?.severity ?? 'Unknown',
      urgency: info?.urgency ?? 'Unknown',
      certainty: info?.certainty ?? 'Unknown',
      categories: info?.categories ?? [],
      areaDescription: (info?.areas ?? [])
        .map((area) => area.description)
        .filter(Boolean)
        .slice(0, 20)
        .join(', '),
      geocodes: (info?.areas ?? []).flatMap((area) => area.geocodes).slice(0, 50),
      expires: info?.expires,
      language: row.language,
      sourceName: source.name,
      sourceUrl: source.url ?? '',
      sourceIdentifier: row.identifier,
      sourceSender: row.sender,
    };
  });
  const activeIds = new Set(
    rows.filter((row) => row.state === 'active').map((row) => row.incident_id),
  );
  return {
    active: all.filter((w) => activeIds.has(w.incidentId)),
    ended: all.filter((w) => !activeIds.has(w.incidentId)),
    all,
  };
}
