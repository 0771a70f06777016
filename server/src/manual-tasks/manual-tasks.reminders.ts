import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { Database } from '../database/database.types.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import {
  insertNotificationRows,
  listActiveUsersByIds,
  listActiveUsersWithRole,
} from '../notifications/notifications.repository.ts';
import { CITY_TIME_ZONE } from '../shared/calendar.ts';
import { claimReminderRound, listOpenTasksDueBy } from './manual-tasks.repository.ts';
import type { ManualTaskView } from './manual-tasks.repository.ts';

/** Where the admin UI lists the tasks. */
export const TASKS_PATH = '/tasks';
const ADVANCE_MS = 60 * 60 * 1000;
const REPEAT_MS = 24 * 60 * 60 * 1000;

export interface TaskReminderResult {
  readonly advanceNotices: number;
  readonly reminders: number;
  readonly notifications: number;
  readonly mailsSent: number;
  readonly mailsFailed: number;
}

type Round = { kind: 'advance' } | { kind: 'due'; round: number };

/** Which notice a task is owed now, if any: one hour ahead once, then at due time every 24 h. */
function roundFor(task: ManualTaskView, now: Date): Round | null {
  if (task.due_at > now) {
    return task.due_at.getTime() - now.getTime() <= ADVANCE_MS ? { kind: 'advance' } : null;
  }
  const last = task.last_reminded_at;
  if (last === null || now.getTime() - last.getTime() >= REPEAT_MS) {
    return { kind: 'due', round: task.reminder_count + 1 };
  }
  return null;
}

function whenText(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(instant);
}

function headline(task: ManualTaskView, round: Round, timeZone: string): string {
  const what = `${task.platform_name}-Beitrag „${task.title}“ (${task.channel_name})`;
  return round.kind === 'advance'
    ? `${what}: in einer Stunde zu veröffentlichen (${whenText(task.due_at, timeZone)} Uhr)`
    : `${what}: jetzt von Hand veröffentlichen (fällig seit ${whenText(task.due_at, timeZone)} Uhr)`;
}

/** Responsible people of the channel; the online team when none is named or all are disabled. */
async function recipientsOf(
  db: Kysely<Database>,
  task: ManualTaskView,
): Promise<{ id: string; email: string }[]> {
  const responsible = await listActiveUsersByIds(db, task.responsible_user_ids);
  return responsible.length > 0 ? responsible : listActiveUsersWithRole(db, 'online-team');
}

function reminderMail(to: string, lines: readonly string[], publicUrl: string): MailMessage {
  const count = lines.length;
  return {
    to,
    subject: `Stadtfunk: ${count} ${count === 1 ? 'Beitrag' : 'Beiträge'} von Hand zu veröffentlichen`,
    text: [
      'Guten Tag,',
      '',
      'diese Beiträge veröffentlichen Sie bitte selbst auf der Plattform und tragen danach die Adresse des Beitrags in Stadtfunk ein:',
      '',
      ...lines.map((line) => `- ${line}`),
      '',
      mailFooter(publicUrl, TASKS_PATH),
    ].join('\n'),
  };
}

/**
 * Reminds the channel's responsible people of open manual tasks: once an hour before due, then
 * when due and every 24 h while open. Dedupe keys per task and round make a rerun create and
 * send nothing; e-mail goes only to those who got a new notification.
 */
export async function remindManualTasks(
  db: Kysely<Database>,
  options: {
    now: Date;
    mailer: Mailer | undefined;
    publicUrl: string;
    log: Logger;
    timeZone?: string;
  },
): Promise<TaskReminderResult> {
  const { now } = options;
  const timeZone = options.timeZone ?? CITY_TIME_ZONE;
  const perRecipient = new Map<string, { email: string; lines: string[] }>();
  let advanceNotices = 0;
  let reminders = 0;
  let notifications = 0;
  const candidates = await listOpenTasksDueBy(db, new Date(now.getTime() + ADVANCE_MS));
  for (const task of candidates) {
    const round = roundFor(task, now);
    if (round === null) {
      continue;
    }
    await db.transaction().execute(async (trx) => {
      // Only the run that moves the counter sends a due reminder; a parallel run finds it moved.
      if (round.kind === 'due' && !(await claimReminderRound(trx, task.id, round.round, now))) {
        return;
      }
      const users = await recipientsOf(trx, task);
      const title = headline(task, round, timeZone);
      const created = await insertNotificationRows(
        trx,
        users.map((user) => ({
          user_id: user.id,
          kind: round.kind === 'advance' ? 'manual-task.upcoming' : 'manual-task.due',
          title,
          body: `Bitte veröffentlichen Sie den vorbereiteten Text auf ${task.platform_name} und tragen Sie danach die Adresse des Beitrags unter „Aufgaben“ ein.`,
          link: TASKS_PATH,
          dedupe_key: `manual-task:${task.id}:${round.kind === 'advance' ? 'advance' : `due-${round.round}`}`,
          created_at: now,
          read_at: null,
        })),
      );
      if (created.length > 0) {
        if (round.kind === 'advance') {
          advanceNotices += 1;
        } else {
          reminders += 1;
        }
      }
      notifications += created.length;
      const emails = new Map(users.map((user) => [user.id, user.email]));
      for (const row of created) {
        const entry = perRecipient.get(row.user_id) ?? {
          email: emails.get(row.user_id) ?? '',
          lines: [],
        };
        entry.lines.push(title);
        perRecipient.set(row.user_id, entry);
      }
    });
  }
  let mailsSent = 0;
  let mailsFailed = 0;
  if (options.mailer !== undefined) {
    const messages = [...perRecipient.values()].map((entry) =>
      reminderMail(entry.email, entry.lines, options.publicUrl),
    );
    ({ sent: mailsSent, failed: mailsFailed } = await sendEach(
      options.mailer,
      messages,
      options.log,
      'manual-task-reminder',
    ));
  }
  return { advanceNotices, reminders, notifications, mailsSent, mailsFailed };
}
