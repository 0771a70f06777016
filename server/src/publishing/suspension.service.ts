import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listActiveUsersByIds } from '../notifications/notifications.repository.ts';
import type { Database } from '../database/database.types.ts';
import { conflict, invalid } from '../errors/errors.ts';
import { mailFooter } from '../mail/mailer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';

export interface Suspension {
  readonly suspended: boolean;
  readonly reason: string | null;
  readonly suspendedAt: string | null;
  readonly suspendedBy: string | null;
}

export interface ResumeResult extends Suspension {
  /** Posts whose time passed during the suspension: back to `approved`, to be rescheduled. */
  readonly replanned: number;
}

const MAX_REASON = 500;

async function settingsRow(db: Kysely<Database>) {
  return db.selectFrom('publishing_settings').selectAll().executeTakeFirstOrThrow();
}

export async function getSuspension(db: Kysely<Database>): Promise<Suspension> {
  const row = await settingsRow(db);
  return {
    suspended: row.suspended,
    reason: row.suspended_reason,
    suspendedAt: row.suspended_at?.toISOString() ?? null,
    suspendedBy: row.suspended_by,
  };
}

export async function isSuspended(db: Kysely<Database>): Promise<boolean> {
  return (await settingsRow(db)).suspended;
}

/** Holds every scheduled post (crisis mode): the scheduler starts nothing until resumed. */
export async function suspendPublishing(
  db: Kysely<Database>,
  actor: Actor,
  reason: string,
  now: Date = new Date(),
): Promise<Suspension> {
  const text = reason.trim();
  if (text === '') {
    throw invalid([{ path: 'reason', message: 'Bitte geben Sie einen Grund an.' }]);
  }
  if (text.length > MAX_REASON) {
    throw invalid([
      { path: 'reason', message: `Der Grund darf höchstens ${String(MAX_REASON)} Zeichen haben.` },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('publishing_settings')
      .set({
        suspended: true,
        suspended_reason: text,
        suspended_by: actor.userId,
        suspended_at: now,
        updated_at: now,
      })
      .where('suspended', '=', false)
      .returning('id')
      .executeTakeFirst();
    if (updated === undefined) {
      throw conflict('Die Veröffentlichung ist bereits ausgesetzt.');
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'publishing.suspended',
        objectType: 'publishing',
        objectId: null,
        // The reason is the staff's own wording about the situation, not about a person.
        summary: `Geplante Veröffentlichungen ausgesetzt: ${text}`,
      },
      now,
    );
  });
  return getSuspension(db);
}

export interface ResumeOptions {
  readonly now?: Date;
  readonly mailer?: Mailer;
  readonly publicUrl?: string;
  /** Counts only; addresses are personal data. Fastify's request logger fits. */
  readonly log?: { warn(fields: object, message: string): void };
}

/**
 * Lifts the suspension. Posts whose time passed meanwhile never go out late on their own: they
 * return to `approved` (their time kept) and their creators are asked to reschedule them.
 */
export async function resumePublishing(
  db: Kysely<Database>,
  actor: Actor,
  options: ResumeOptions = {},
): Promise<ResumeResult> {
  const now = options.now ?? new Date();
  const overdue = await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('publishing_settings')
      .set({
        suspended: false,
        suspended_reason: null,
        suspended_by: null,
        suspended_at: null,
        updated_at: now,
      })
      .where('suspended', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (updated === undefined) {
      throw conflict('Die Veröffentlichung ist nicht ausgesetzt.');
    }
    const replanned = await trx
      .updateTable('posts')
      .set({ status: 'approved', updated_at: now })
      .where('status', '=', 'scheduled')
      .where('scheduled_at', '<=', now)
      .returning(['id', 'created_by'])
      .execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'publishing.resumed',
        objectType: 'publishing',
        objectId: null,
        summary: `Geplante Veröffentlichungen fortgesetzt; ${String(replanned.length)} überfällige Beiträge zur neuen Terminierung zurückgegeben`,
      },
      now,
    );
    return replanned;
  });
  for (const post of overdue) {
    const link = `/posts/${post.id}`;
    const title = 'Beitrag bitte neu terminieren';
    const body =
      'Der geplante Zeitpunkt dieses Beitrags lag in der Zeit, in der alle Veröffentlichungen ausgesetzt waren. Er wurde nicht veröffentlicht. Bitte terminieren Sie ihn neu.';
    const recipients = await notifyUsers(
      db,
      await listActiveUsersByIds(db, post.created_by === null ? [] : [post.created_by]),
      {
        kind: 'publishing.replan',
        title,
        body,
        link,
        dedupeKey: `replan:${post.id}:${now.toISOString()}`,
      },
      now,
    );
    for (const recipient of options.mailer === undefined ? [] : recipients) {
      try {
        await options.mailer?.send({
          to: recipient.email,
          subject: `Stadtfunk: ${title}`,
          text: ['Guten Tag,', '', body, '', mailFooter(options.publicUrl ?? '', link)].join('\n'),
        });
      } catch (error) {
        options.log?.warn(
          {
            code: 'mail_failed',
            purpose: 'publishing.replan',
            errorName: error instanceof Error ? error.name : 'unknown',
          },
          'e-mail could not be sent',
        );
      }
    }
  }
  return { ...(await getSuspension(db)), replanned: overdue.length };
}
