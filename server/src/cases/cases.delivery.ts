import type { Kysely } from 'kysely';

import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { fieldContext, openOptional } from './cases.crypto.ts';
import { findLatestReplyTarget } from './cases-inbox.repository.ts';

import type { CaseRow } from './cases.table.ts';

/**
 * Sending a reply where the citizen wrote: by e-mail (when SMTP is configured) or on the platform
 * of the linked inbox item. Phone calls and letters are only recorded. The outcome is stored on
 * the reply's timeline entry; failures are kinds, never addresses or platform messages.
 */
export type ReplyDelivery =
  | { readonly state: 'sent' }
  | { readonly state: 'recorded'; readonly why: 'offline-channel' | 'no-mailer' }
  | { readonly state: 'failed'; readonly failure: string };

export interface DeliveryDeps {
  readonly db: Kysely<Database>;
  readonly keys: readonly EncryptionKey[];
  readonly mailer?: Mailer | undefined;
  readonly timeoutMs?: number;
}

export async function deliverReply(
  deps: DeliveryDeps,
  row: CaseRow,
  channel: 'email' | 'phone' | 'letter' | 'platform',
  text: string,
): Promise<ReplyDelivery> {
  if (channel === 'phone' || channel === 'letter') {
    return { state: 'recorded', why: 'offline-channel' };
  }
  if (channel === 'email') {
    const to = openOptional(row.contact_email, deps.keys, fieldContext(row.id, 'contact_email'));
    if (to === null) {
      return { state: 'failed', failure: 'no-address' };
    }
    if (deps.mailer === undefined) {
      return { state: 'recorded', why: 'no-mailer' };
    }
    try {
      await deps.mailer.send({ to, subject: `Ihre Anfrage (Nr. ${row.number})`, text });
      return { state: 'sent' };
    } catch {
      return { state: 'failed', failure: 'smtp' };
    }
  }
  const target = await findLatestReplyTarget(deps.db, row.id);
  if (target === undefined) {
    return { state: 'failed', failure: 'no-linked-item' };
  }
  try {
    const { connector, auth } = await channelConnector(
      deps.db,
      target.channel_id,
      deps.keys,
      deps.timeoutMs,
    );
    if (!connector.capabilities.has('reply') || connector.reply === undefined) {
      return { state: 'failed', failure: 'unsupported' };
    }
    await connector.reply(auth, target.external_id, text);
    return { state: 'sent' };
  } catch (error) {
    if (error instanceof PlatformError) {
      return { state: 'failed', failure: error.failure.kind };
    }
    if (error instanceof AppError) {
      return { state: 'failed', failure: 'not-connected' };
    }
    throw error;
  }
}

/** What the timeline entry keeps of a delivery. */
export function deliveryDetail(delivery: ReplyDelivery): Record<string, string> {
  switch (delivery.state) {
    case 'sent':
      return { delivery: 'sent' };
    case 'recorded':
      return { delivery: 'recorded', deliveryNote: delivery.why };
    case 'failed':
      return { delivery: 'failed', deliveryFailure: delivery.failure };
  }
}
