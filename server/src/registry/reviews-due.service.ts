import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { Database } from '../database/database.types.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { notifyRole } from '../notifications/notifications.service.ts';
import { addDays, calendarDate, germanDate } from '../shared/calendar.ts';
import type { ReviewSubject } from './registry.enum.ts';
import { findOrganisationProfile, listPlatformRows } from './registry.repository.ts';
import type { DueItem } from './reviews.schema.ts';
import { SUBJECT_LABELS } from './reviews.service.ts';

/** Where the admin UI shows the "Fällig" dashboard. */
export const REVIEWS_PATH = '/registry/reviews';
export const DEFAULT_DUE_DAYS = 60;

const SUBJECT_ORDER: readonly ReviewSubject[] = ['concept', 'necessity', 'dpia'];
const SOURCES: Readonly<Record<ReviewSubject, string>> = {
  necessity: 'Social-Media-Konzept §10',
  dpia: 'Art. 35 DSGVO, Social-Media-Konzept §11',
  concept: 'Social-Media-Konzept §15',
};

/**
 * The "Fällig" dashboard: reviews overdue or due within `days`, from each platform's necessity
 * and DSFA review dates and the concept's, sorted by due date. Dates are days in Europe/Berlin.
 */
export async function listDueReviews(
  db: Kysely<Database>,
  now: Date,
  days: number = DEFAULT_DUE_DAYS,
): Promise<DueItem[]> {
  const today = calendarDate(now);
  const horizon = addDays(today, days);
  const candidates: Omit<DueItem, 'state'>[] = [];
  for (const platform of await listPlatformRows(db)) {
    candidates.push({
      subject: 'necessity',
      platformId: platform.id,
      platformName: platform.name,
      dueOn: platform.necessity.nextReviewOn,
      responsibleRole: 'communications',
    });
    if (platform.dpia !== null) {
      candidates.push({
        subject: 'dpia',
        platformId: platform.id,
        platformName: platform.name,
        dueOn: platform.dpia.nextReviewOn,
        responsibleRole: 'dpo',
      });
    }
  }
  const profile = await findOrganisationProfile(db);
  if (profile !== undefined) {
    candidates.push({
      subject: 'concept',
      platformId: null,
      platformName: null,
      dueOn: profile.conceptNextReviewOn,
      responsibleRole: 'communications',
    });
  }
  return candidates
    .filter((item) => item.dueOn <= horizon)
    .map((item): DueItem => ({ ...item, state: item.dueOn < today ? 'overdue' : 'due-soon' }))
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) ||
        SUBJECT_ORDER.indexOf(a.subject) - SUBJECT_ORDER.indexOf(b.subject) ||
        (a.platformName ?? '').localeCompare(b.platformName ?? '', 'de'),
    );
}

function headline(item: DueItem): string {
  const what = [SUBJECT_LABELS[item.subject], item.platformName].filter(Boolean).join(' ');
  return item.state === 'overdue'
    ? `${what}: überfällig seit ${germanDate(item.dueOn)}`
    : `${what}: fällig am ${germanDate(item.dueOn)}`;
}

function notificationBody(item: DueItem): string {
  const when =
    item.state === 'overdue'
      ? `Die Überprüfung war am ${germanDate(item.dueOn)} fällig.`
      : `Die nächste Überprüfung ist am ${germanDate(item.dueOn)} fällig.`;
  return `${when} Bitte prüfen Sie und erfassen Sie das Ergebnis im Register (${SOURCES[item.subject]}).`;
}

function reminderMail(to: string, lines: readonly string[], publicUrl: string): MailMessage {
  const count = lines.length;
  return {
    to,
    subject: `Stadtfunk: ${count} ${count === 1 ? 'Überprüfung' : 'Überprüfungen'} fällig`,
    text: [
      'Guten Tag,',
      '',
      'im Social-Media-Register stehen folgende Überprüfungen an:',
      '',
      ...lines.map((line) => `- ${line}`),
      '',
      mailFooter(publicUrl, REVIEWS_PATH),
    ].join('\n'),
  };
}

export interface ReminderResult {
  readonly due: number;
  readonly notifications: number;
  readonly mailsSent: number;
  readonly mailsFailed: number;
}

/**
 * Reminds the responsible role of each due review in the app, once per item and due date, and
 * by one e-mail per person for what is new to them when a mailer is configured.
 */
export async function remindDueReviews(
  db: Kysely<Database>,
  options: { now: Date; mailer: Mailer | undefined; publicUrl: string; log: Logger; days?: number },
): Promise<ReminderResult> {
  const items = await listDueReviews(db, options.now, options.days);
  const perRecipient = new Map<string, { email: string; lines: string[] }>();
  let notifications = 0;
  await db.transaction().execute(async (trx) => {
    for (const item of items) {
      const recipients = await notifyRole(
        trx,
        item.responsibleRole,
        {
          kind: `review.due.${item.subject}`,
          title: headline(item),
          body: notificationBody(item),
          link: REVIEWS_PATH,
          dedupeKey: `review-due:${item.subject}:${item.platformId ?? 'konzept'}:${item.dueOn}`,
        },
        options.now,
      );
      notifications += recipients.length;
      for (const recipient of recipients) {
        const entry = perRecipient.get(recipient.userId) ?? { email: recipient.email, lines: [] };
        entry.lines.push(headline(item));
        perRecipient.set(recipient.userId, entry);
      }
    }
  });
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
      'review-reminder',
    ));
  }
  return { due: items.length, notifications, mailsSent, mailsFailed };
}
