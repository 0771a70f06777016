import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { listActiveUsersByIds } from '../notifications/notifications.repository.ts';
import type { Database } from '../database/database.types.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import type { Mailer } from '../mail/mailer.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import { listActiveUsersWithRole } from '../notifications/notifications.repository.ts';
import type { OutboxItemRow } from './outbox.table.ts';

export interface NotifyOptions {
  readonly mailer: Mailer | undefined;
  readonly publicUrl: string;
  readonly log: Pick<Logger, 'info' | 'warn'>;
  readonly now: Date;
}

/** Our own German text per failure kind: platform messages may name people and stay out. */
function failedBody(item: OutboxItemRow): string {
  if (item.failure_kind === 'auth-expired') {
    return 'Der Zugang zu diesem Kanal ist abgelaufen oder der Kanal ist nicht verbunden. Bitte verbinden Sie ihn im Register neu und stoßen Sie die Zustellung dann erneut an.';
  }
  if (item.failure_kind === 'rejected') {
    return 'Die Plattform hat den Beitrag abgelehnt. Den Grund sehen Sie in der Zustellübersicht des Beitrags; bitte passen Sie ihn an und stoßen Sie die Zustellung erneut an.';
  }
  return `Die Plattform war nach ${String(item.attempts)} Versuchen nicht bereit, den Beitrag anzunehmen. Sie können die Zustellung für diesen Kanal in der Zustellübersicht erneut anstoßen.`;
}

const UNCONFIRMED_BODY =
  'Stadtfunk konnte nicht feststellen, ob der Beitrag erschienen ist, und sendet ihn deshalb nicht von sich aus erneut (sonst könnte er doppelt erscheinen). Bitte prüfen Sie das auf der Plattform und tragen Sie das Ergebnis in der Zustellübersicht ein.';

/**
 * Tells the post's creator and communications (and, when the channel's access is gone, the
 * people responsible for the channel) that a delivery failed or needs a person. In-app always,
 * e-mail when a mailer is configured.
 */
export async function notifyDeliveryProblem(
  db: Kysely<Database>,
  item: OutboxItemRow,
  problem: 'failed' | 'unconfirmed',
  options: NotifyOptions,
): Promise<number> {
  const post = await db
    .selectFrom('posts')
    .select(['created_by'])
    .where('id', '=', item.post_id)
    .executeTakeFirst();
  const channel = await db
    .selectFrom('channels')
    .select(['name', 'responsible_user_ids'])
    .where('id', '=', item.channel_id)
    .executeTakeFirst();
  if (post === undefined || channel === undefined) {
    return 0;
  }
  const people = [
    ...(await listActiveUsersByIds(db, post.created_by === null ? [] : [post.created_by])),
    ...(await listActiveUsersWithRole(db, 'communications')),
    ...(item.failure_kind === 'auth-expired'
      ? await listActiveUsersByIds(db, channel.responsible_user_ids)
      : []),
  ];
  const unique = [...new Map(people.map((person) => [person.id, person])).values()];
  const title =
    problem === 'failed'
      ? `Veröffentlichung auf „${channel.name}“ fehlgeschlagen`
      : `Veröffentlichung auf „${channel.name}“ bitte prüfen`;
  const body = problem === 'failed' ? failedBody(item) : UNCONFIRMED_BODY;
  const link = `/posts/${item.post_id}`;
  const recipients = await notifyUsers(
    db,
    unique,
    {
      kind: `publishing.delivery.${problem}`,
      title,
      body,
      link,
      // One message per problem and attempt count: a retried and again failed delivery reports anew.
      dedupeKey: `outbox:${item.id}:${problem}:${String(item.attempts)}`,
    },
    options.now,
  );
  if (options.mailer !== undefined && recipients.length > 0) {
    await sendEach(
      options.mailer,
      recipients.map((recipient) => ({
        to: recipient.email,
        subject: `Stadtfunk: ${title}`,
        text: ['Guten Tag,', '', body, '', mailFooter(options.publicUrl, link)].join('\n'),
      })),
      options.log,
      `publishing.delivery.${problem}`,
    );
  }
  return recipients.length;
}
