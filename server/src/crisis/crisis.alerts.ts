import type { Kysely } from 'kysely';

import type { Database } from '../database/database.types.ts';
import type { Mailer, MailLog } from '../mail/mailer.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import { notifyRole } from '../notifications/notifications.service.ts';
import { POST_KIND_LABELS } from './crisis.drafts.ts';
import type { NotificationInput } from '../notifications/notifications.service.ts';

export interface AlertDeps {
  readonly mailer: Mailer | undefined;
  readonly publicUrl: string;
  readonly log: MailLog;
  /** For the pager/SMS gateway webhook; tests pass their own. */
  readonly fetch?: typeof fetch;
  readonly now: Date;
}

export interface ApprovalAlert {
  readonly postId: string;
  readonly incidentId: string;
  readonly headline: string;
  readonly severity: string;
  readonly kind: 'alert' | 'update' | 'allclear';
  readonly test: boolean;
  /** True for the reminder when approval stalls. */
  readonly escalation: boolean;
}

const WEBHOOK_TIMEOUT_MS = 5_000;

/**
 * Tells the crisis approvers (and, on escalation, communications) that a warning waits: in the
 * app, by e-mail and through the configured webhook (an SMS or pager gateway). Texts name the
 * official warning only, never a person.
 */
export async function alertApprovers(
  db: Kysely<Database>,
  alert: ApprovalAlert,
  deps: AlertDeps,
): Promise<{ notified: number; webhook: 'sent' | 'failed' | 'none' }> {
  const link = `/krise/vorfaelle/${alert.incidentId}`;
  const label = POST_KIND_LABELS[alert.kind];
  const prefix = alert.test ? '[ÜBUNG] ' : '';
  const input: NotificationInput = {
    kind: alert.escalation ? 'crisis.approval-stalled' : 'crisis.approval-needed',
    title:
      `${prefix}${alert.escalation ? 'Freigabe überfällig' : 'Freigabe nötig'} – ${label}: ${alert.headline}`.slice(
        0,
        200,
      ),
    body: alert.escalation
      ? 'Ein Warnbeitrag wartet länger als vorgesehen auf Freigabe. Bitte prüfen und freigeben Sie ihn jetzt.'
      : 'Eine amtliche Warnung betrifft das Stadtgebiet. Der Beitrag ist vorbereitet und wartet auf Ihre Freigabe.',
    link,
    dedupeKey: `${alert.escalation ? 'crisis-stall' : 'crisis-approval'}:${alert.postId}`,
  };
  const recipients = [
    ...(await notifyRole(db, 'crisis-approver', input, deps.now)),
    ...(alert.escalation ? await notifyRole(db, 'communications', input, deps.now) : []),
  ];
  if (deps.mailer !== undefined) {
    await sendEach(
      deps.mailer,
      recipients.map((person) => ({
        to: person.email,
        subject: `Stadtfunk: ${input.title}`,
        text: ['Guten Tag,', '', input.body, '', mailFooter(deps.publicUrl, link)].join('\n'),
      })),
      deps.log,
      input.kind,
    );
  }
  const settings = await db
    .selectFrom('crisis_settings')
    .select('alert_webhook_url')
    .executeTakeFirstOrThrow();
  const webhook =
    settings.alert_webhook_url === null
      ? ('none' as const)
      : await callWebhook(settings.alert_webhook_url, alert, input, deps);
  return { notified: recipients.length, webhook };
}

async function callWebhook(
  url: string,
  alert: ApprovalAlert,
  input: NotificationInput,
  deps: AlertDeps,
): Promise<'sent' | 'failed'> {
  const body = {
    event: input.kind,
    text: input.title,
    severity: alert.severity,
    test: alert.test,
    incidentId: alert.incidentId,
    postId: alert.postId,
    url: `${deps.publicUrl}${input.link ?? ''}`,
    at: deps.now.toISOString(),
  };
  try {
    const response = await (deps.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) {
      deps.log.warn(
        { code: 'crisis_webhook_failed', status: response.status },
        'alert webhook refused',
      );
      return 'failed';
    }
    return 'sent';
  } catch (error) {
    deps.log.warn(
      { code: 'crisis_webhook_failed', errorName: error instanceof Error ? error.name : 'unknown' },
      'alert webhook unreachable',
    );
    return 'failed';
  }
}
