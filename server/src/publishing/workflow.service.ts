import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, forbidden, invalid, notFound } from '../errors/errors.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import type { MailLog, Mailer } from '../mail/mailer.ts';
import { notifyRole, notifyUsers } from '../notifications/notifications.service.ts';
import type { NotificationInput } from '../notifications/notifications.service.ts';
import { listActiveUsersByIds } from '../notifications/notifications.repository.ts';
import { channelScopeFor } from '../registry/channels.access.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { checkPostContent } from './posts.check.ts';
import {
  insertCommentRow,
  listCommentRows,
  listMediaIds,
  listTargetChannels,
  updatePostRow,
} from './posts.repository.ts';
import type { Post, PostComment } from './posts.schema.ts';
import { isInPast, mayApprove, needsApproval, releasedStatus } from './posts.rules.ts';
import { toPost, visiblePostRow } from './posts.service.ts';
import type { Reader } from './posts.service.ts';
import type { PostRow, PostUpdate } from './posts.table.ts';

export interface WorkflowOptions {
  readonly keys: readonly EncryptionKey[];
  readonly mailer: Mailer | undefined;
  readonly publicUrl: string;
  readonly log: MailLog;
  readonly now?: Date;
}

function postPath(id: string): string {
  return `/publishing/posts/${id}`;
}

/** Refuses with every issue when the post could not go out as it is. */
async function requireValid(db: Kysely<Database>, row: PostRow, keys: readonly EncryptionKey[]) {
  const targets = await listTargetChannels(db, [row.id]);
  const media = await listMediaIds(db, [row.id]);
  const issues = await checkPostContent(
    db,
    {
      // The time is checked on its own (requireFuture), with the release's own clock.
      scheduledAt: null,
      masterText: row.master_text,
      linkUrl: row.link_url,
      hashtags: row.hashtags,
      title: row.title,
      targets: targets.map((target) => ({
        channelId: target.channel_id,
        variantText: target.variant_text,
        variantTitle: target.variant_title,
      })),
      mediaIds: media.map((m) => m.media_id),
    },
    keys,
    { requireTargets: true },
  );
  if (issues.length > 0) {
    throw invalid(
      issues.map(({ path, message }) => ({ path, message })),
      'Der Beitrag kann so nicht veröffentlicht werden. Bitte beheben Sie die genannten Punkte.',
    );
  }
  return targets;
}

function requireFuture(row: PostRow, now: Date): void {
  if (row.scheduled_at !== null && isInPast(row.scheduled_at, now)) {
    throw invalid([
      {
        path: 'scheduledAt',
        message: 'Der Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.',
      },
    ]);
  }
}

async function transition(
  trx: Kysely<Database>,
  actor: Actor,
  row: PostRow,
  patch: PostUpdate,
  audit: { action: string; summary: string },
  now: Date,
): Promise<PostRow> {
  const next = await updatePostRow(trx, row.id, {
    ...patch,
    version: row.version + 1,
    updated_at: now,
  });
  if (next === undefined) {
    throw notFound();
  }
  await recordAudit(trx, actor, { ...audit, objectType: 'post', objectId: row.id }, now);
  return next;
}

async function tell(
  db: Kysely<Database>,
  recipients: 'communications' | readonly string[],
  input: NotificationInput,
  options: WorkflowOptions,
  now: Date,
): Promise<void> {
  const notified =
    recipients === 'communications'
      ? await notifyRole(db, 'communications', input, now)
      : await notifyUsers(db, await listActiveUsersByIds(db, recipients), input, now);
  if (options.mailer === undefined || input.link === null) {
    return;
  }
  await sendEach(
    options.mailer,
    notified.map((person) => ({
      to: person.email,
      subject: `Stadtfunk: ${input.title}`,
      text: [
        'Guten Tag,',
        '',
        input.body,
        '',
        mailFooter(options.publicUrl, input.link ?? ''),
      ].join('\n'),
    })),
    options.log,
    input.kind,
  );
}

/**
 * "Zur Freigabe": the post goes to communications for approval, or — when its author may publish
 * on every target channel — straight to scheduled (or approved, without a time).
 */
export async function submitPost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  options: WorkflowOptions,
): Promise<Post> {
  const now = options.now ?? new Date();
  const { row, review } = await db.transaction().execute(async (trx) => {
    const current = await visiblePostRow(trx, reader, id, true);
    if (current.status !== 'draft') {
      throw conflict('Nur ein Entwurf kann zur Freigabe gegeben werden.');
    }
    const targets = await requireValid(trx, current, options.keys);
    requireFuture(current, now);
    const scope = await channelScopeFor(trx, reader);
    if (!needsApproval(reader.roles, scope, targets)) {
      const next = await transition(
        trx,
        actor,
        current,
        {
          // No time requested means "as soon as it is released".
          status: 'scheduled',
          scheduled_at: current.scheduled_at ?? now,
          submitted_by: reader.id,
          submitted_at: now,
          approved_by: reader.id,
          approved_at: now,
          rejection_reason: null,
        },
        {
          action: 'post.released',
          summary: 'Beitrag freigegeben (eigenes Veröffentlichungsrecht für alle Kanäle)',
        },
        now,
      );
      return { row: next, review: false };
    }
    const next = await transition(
      trx,
      actor,
      current,
      { status: 'in-review', submitted_by: reader.id, submitted_at: now, rejection_reason: null },
      { action: 'post.submitted', summary: 'Beitrag zur Freigabe gegeben' },
      now,
    );
    return { row: next, review: true };
  });
  if (review) {
    await tell(
      db,
      'communications',
      {
        kind: 'post.review-requested',
        title: `Freigabe erbeten: ${row.title}`,
        body: 'Ein Beitrag wartet auf Ihre Freigabe. Bitte prüfen Sie ihn und geben Sie ihn frei oder lehnen Sie ihn mit Begründung ab.',
        link: postPath(row.id),
        dedupeKey: `post-review:${row.id}:${row.version}`,
      },
      options,
      now,
    );
  }
  return toPost(db, row);
}

export async function approvePost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  options: WorkflowOptions,
): Promise<Post> {
  const now = options.now ?? new Date();
  const row = await db.transaction().execute(async (trx) => {
    const current = await visiblePostRow(trx, reader, id, true);
    if (current.status !== 'in-review') {
      throw conflict('Nur ein Beitrag in der Freigabe kann freigegeben werden.');
    }
    const decision = mayApprove(reader, current);
    if (decision === 'own-post') {
      throw forbidden(
        'Eigene Beiträge kann man nicht selbst freigeben (Vier-Augen-Prinzip). Bitte bitten Sie eine Kollegin oder einen Kollegen.',
      );
    }
    if (decision === 'not-approver') {
      throw forbidden('Beiträge gibt die Abteilung Kommunikation frei.');
    }
    await requireValid(trx, current, options.keys);
    requireFuture(current, now);
    return transition(
      trx,
      actor,
      current,
      {
        status: 'scheduled',
        scheduled_at: current.scheduled_at ?? now,
        approved_by: reader.id,
        approved_at: now,
        rejection_reason: null,
      },
      { action: 'post.approved', summary: 'Beitrag freigegeben' },
      now,
    );
  });
  await tell(
    db,
    row.created_by === null ? [] : [row.created_by],
    {
      kind: 'post.approved',
      title: `Freigegeben: ${row.title}`,
      body: 'Ihr Beitrag ist freigegeben und wird zum geplanten Zeitpunkt veröffentlicht.',
      link: postPath(row.id),
      dedupeKey: `post-approved:${row.id}:${row.version}`,
    },
    options,
    now,
  );
  return toPost(db, row);
}

export async function rejectPost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  reason: string,
  options: WorkflowOptions,
): Promise<Post> {
  const now = options.now ?? new Date();
  const row = await db.transaction().execute(async (trx) => {
    const current = await visiblePostRow(trx, reader, id, true);
    if (current.status !== 'in-review') {
      throw conflict('Nur ein Beitrag in der Freigabe kann abgelehnt werden.');
    }
    if (mayApprove(reader, current) === 'not-approver') {
      throw forbidden('Beiträge gibt die Abteilung Kommunikation frei oder lehnt sie ab.');
    }
    return transition(
      trx,
      actor,
      current,
      { status: 'draft', rejection_reason: reason, approved_by: null, approved_at: null },
      // The reason is the team's own wording about the post; it stays out of the audit summary.
      { action: 'post.rejected', summary: 'Beitrag mit Begründung abgelehnt' },
      now,
    );
  });
  await tell(
    db,
    row.created_by === null ? [] : [row.created_by],
    {
      kind: 'post.rejected',
      title: `Abgelehnt: ${row.title}`,
      body: `Ihr Beitrag wurde nicht freigegeben. Begründung: ${reason}`,
      link: postPath(row.id),
      dedupeKey: `post-rejected:${row.id}:${row.version}`,
    },
    options,
    now,
  );
  return toPost(db, row);
}

/** Sets or moves the time of an approved post (calendar drag); the content stays approved. */
export async function schedulePost(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  scheduledAt: Date | null,
  now: Date = new Date(),
): Promise<Post> {
  if (scheduledAt !== null && isInPast(scheduledAt, now)) {
    throw invalid([
      {
        path: 'scheduledAt',
        message: 'Der Zeitpunkt liegt in der Vergangenheit. Bitte wählen Sie einen späteren.',
      },
    ]);
  }
  const row = await db.transaction().execute(async (trx) => {
    const current = await visiblePostRow(trx, reader, id, true);
    if (!['draft', 'in-review', 'approved', 'scheduled'].includes(current.status)) {
      throw conflict('Dieser Beitrag wird schon veröffentlicht; der Zeitpunkt steht fest.');
    }
    const released = current.status === 'approved' || current.status === 'scheduled';
    return transition(
      trx,
      actor,
      current,
      { scheduled_at: scheduledAt, ...(released ? { status: releasedStatus(scheduledAt) } : {}) },
      {
        action: 'post.rescheduled',
        summary:
          scheduledAt === null
            ? 'Zeitpunkt entfernt'
            : `Zeitpunkt gesetzt auf ${scheduledAt.toISOString()}`,
      },
      now,
    );
  });
  return toPost(db, row);
}

export async function addComment(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  id: string,
  body: string,
  now: Date = new Date(),
): Promise<PostComment> {
  return db.transaction().execute(async (trx) => {
    await visiblePostRow(trx, reader, id);
    const row = await insertCommentRow(trx, {
      post_id: id,
      author_id: reader.id,
      body,
      created_at: now,
    });
    await recordAudit(
      trx,
      actor,
      {
        action: 'post.commented',
        objectType: 'post',
        objectId: id,
        summary: 'Kommentar zum Beitrag',
      },
      now,
    );
    const [named] = (await listCommentRows(trx, id)).filter((c) => c.id === row.id);
    return {
      id: row.id,
      authorId: row.author_id,
      authorName: named?.author_name ?? null,
      body: row.body,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function listComments(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
): Promise<PostComment[]> {
  await visiblePostRow(db, reader, id);
  return (await listCommentRows(db, id)).map((row) => ({
    id: row.id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    createdAt: row.created_at.toISOString(),
  }));
}
