import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

import type { AppConfig } from '../config/config.ts';

/** The part of a logger sending needs: a request's logger or the process logger. */
export type MailLog = Pick<Logger, 'info' | 'warn'>;

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  /** Plain text, German. */
  readonly text: string;
}

/** The one boundary for outgoing e-mail; tests point it at a local SMTP server. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * A mailer for `SMTP_URL`, or undefined when none is configured (e-mail is optional; in-app
 * notifications always work). The sender is derived from PUBLIC_URL's host.
 */
export function createMailer(config: Pick<AppConfig, 'smtpUrl' | 'publicUrl'>): Mailer | undefined {
  if (config.smtpUrl === undefined) {
    return undefined;
  }
  const host = new URL(config.publicUrl).hostname;
  const transport = nodemailer.createTransport(
    {
      url: config.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    {
      from: { name: 'Stadtfunk', address: `stadtfunk@${host}` },
      // Messages are built from our own text only: no attachments from files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    },
  );
  return {
    async send(message) {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/**
 * Sends each message on its own, so one bad address does not stop the rest. Logs counts only:
 * recipient addresses are personal data and stay out of the log.
 */
export async function sendEach(
  mailer: Mailer,
  messages: readonly MailMessage[],
  log: MailLog,
  purpose: string,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const message of messages) {
    try {
      await mailer.send(message);
      sent += 1;
    } catch (error) {
      failed += 1;
      log.warn(
        {
          code: 'mail_failed',
          purpose,
          errorName: error instanceof Error ? error.name : 'unknown',
        },
        'e-mail could not be sent',
      );
    }
  }
  if (messages.length > 0) {
    log.info({ purpose, sent, failed }, 'e-mails sent');
  }
  return { sent, failed };
}

/** The closing lines of every e-mail: where to act, and that no one should reply. */
export function mailFooter(publicUrl: string, path: string): string {
  return [
    `Zur Übersicht in Stadtfunk: ${publicUrl}${path}`,
    '',
    'Diese Nachricht wurde automatisch von Stadtfunk versandt. Bitte antworten Sie nicht darauf.',
  ].join('\n');
}
