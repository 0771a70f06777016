import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import type { Actor } from '../access/actor.ts';
import { systemActor } from '../access/actor.ts';
import type { Database } from '../database/database.types.ts';
import { mailFooter, sendEach } from '../mail/mailer.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import { notifyUsers } from '../notifications/notifications.service.ts';
import {
  listActiveUsersByIds,
  listActiveUsersWithRole,
} from '../notifications/notifications.repository.ts';
import { PlatformError } from '../platforms/connector.ts';
import { getChannel } from '../registry/channels.service.ts';
import type { Reader } from '../registry/channels.service.ts';
import type { Channel } from '../registry/registry.schema.ts';
import type { ChannelRow } from '../registry/registry.table.ts';
import { AppError } from '../errors/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { CITY_TIME_ZONE } from '../shared/calendar.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { listChannelsExpiringBefore } from './connections.repository.ts';
import { updateChannelRow } from '../registry/registry.repository.ts';
import { failureText, storeTokens } from './connections.service.ts';
import { channelConnector } from './connections.target.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Refreshable tokens are renewed when they expire within this window: the hourly job reaches
 * each one with at least half an hour to spare (X's tokens live two hours).
 */
export const REFRESH_AHEAD_MS = 90 * 60_000;
/**
 * Tokens that cannot be refreshed (LinkedIn: 60 days, Meta user-bound page tokens) are announced
 * this many days ahead, once per threshold, so someone reconnects before publishing stops.
 */
export const EXPIRY_WARNING_DAYS = [14, 7, 1] as const;

export interface TokenMaintenanceResult {
  readonly refreshed: number;
  readonly refreshFailed: number;
  readonly expired: number;
  readonly warnings: number;
  readonly mailsSent: number;
}

interface Message {
  readonly channel: ChannelRow;
  readonly kind: 'expiring' | 'expired';
  readonly dedupeKey: string;
  readonly title: string;
  readonly body: string;
}

function channelPath(channel: ChannelRow): string {
  return `/registry/channels/${channel.id}`;
}

function germanDateTime(date: Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: CITY_TIME_ZONE,
  }).format(date);
}

async function recipientsOf(db: Kysely<Database>, channel: ChannelRow) {
  // Those responsible for the channel learn of it; communications can reconnect it.
  const responsible = await listActiveUsersByIds(db, channel.responsible_user_ids);
  const communications = await listActiveUsersWithRole(db, 'communications');
  const byId = new Map([...responsible, ...communications].map((user) => [user.id, user]));
  return [...byId.values()];
}

async function markExpired(
  db: Kysely<Database>,
  channel: ChannelRow,
  failure: string | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateChannelRow(trx, channel.id, {
      connection_status: 'expired',
      last_refresh_failure: failure,
      updated_at: now,
    });
    await recordAudit(
      trx,
      systemActor(),
      {
        action: 'channel.connection_expired',
        objectType: 'channel',
        objectId: channel.id,
        summary: 'Zugang zum Kanal abgelaufen; der Kanal muss neu verbunden werden',
      },
      now,
    );
  });
}

function expiredMessage(channel: ChannelRow, now: Date): Message {
  return {
    channel,
    kind: 'expired',
    dedupeKey: `channel-token-expired:${channel.id}:${(channel.token_expires_at ?? now).toISOString()}`,
    title: `Kanal „${channel.name}“ muss neu verbunden werden`,
    body: 'Der Zugang von Stadtfunk zu diesem Kanal ist abgelaufen. Bis der Kanal neu verbunden ist, kann Stadtfunk dort nichts veröffentlichen.',
  };
}

/** The smallest warning threshold the remaining time has reached, if any. */
export function warningThreshold(expiresAt: Date, now: Date): number | undefined {
  const daysLeft = (expiresAt.getTime() - now.getTime()) / DAY_MS;
  return [...EXPIRY_WARNING_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
}

/**
 * The hourly token job: renews what can be renewed, marks what has run out, and warns ahead of
 * the expiry of tokens that cannot be renewed. Platform messages never reach notifications.
 */
export async function maintainChannelTokens(
  db: Kysely<Database>,
  options: {
    now: Date;
    keys: readonly EncryptionKey[];
    mailer: Mailer | undefined;
    publicUrl: string;
    log: Logger;
  },
): Promise<TokenMaintenanceResult> {
  const { now } = options;
  const horizon = new Date(now.getTime() + Math.max(...EXPIRY_WARNING_DAYS) * DAY_MS);
  const messages: Message[] = [];
  let refreshed = 0;
  let refreshFailed = 0;
  let expired = 0;
  for (const channel of await listChannelsExpiringBefore(db, horizon)) {
    const expiresAt = channel.token_expires_at;
    if (expiresAt === null) {
      continue;
    }
    if (channel.token_refreshable) {
      if (expiresAt.getTime() - now.getTime() > REFRESH_AHEAD_MS) {
        continue;
      }
      try {
        const { connector, auth } = await channelConnector(db, channel.id, options.keys);
        const tokens = await connector.refresh(auth);
        await storeTokens(
          db,
          systemActor(),
          channel,
          tokens,
          options.keys,
          { action: 'channel.token_refreshed', summary: 'Zugang zum Kanal erneuert' },
          now,
        );
        refreshed += 1;
      } catch (error) {
        if (!(error instanceof PlatformError)) {
          throw error;
        }
        refreshFailed += 1;
        options.log.warn(
          { code: 'token_refresh_failed', channelId: channel.id, failure: error.failure.kind },
          'channel token could not be refreshed',
        );
        if (error.failure.kind === 'auth-expired') {
          await markExpired(db, channel, 'auth-expired', now);
          expired += 1;
          messages.push(expiredMessage(channel, now));
        } else {
          // Transient trouble: keep the connection, try again next hour.
          await updateChannelRow(db, channel.id, {
            last_refresh_failure: error.failure.kind,
          });
        }
      }
      continue;
    }
    if (expiresAt <= now) {
      await markExpired(db, channel, null, now);
      expired += 1;
      messages.push(expiredMessage(channel, now));
      continue;
    }
    const threshold = warningThreshold(expiresAt, now);
    if (threshold !== undefined) {
      messages.push({
        channel,
        kind: 'expiring',
        dedupeKey: `channel-token-expiring:${channel.id}:${expiresAt.toISOString()}:${threshold}`,
        title: `Zugang zu „${channel.name}“ läuft am ${germanDateTime(expiresAt)} ab`,
        body: 'Die Plattform erlaubt keine automatische Verlängerung. Bitte verbinden Sie den Kanal vorher neu (Register → Kanal → „Neu verbinden“), sonst stoppt die Veröffentlichung dort.',
      });
    }
  }
  const { warnings, mailsSent } = await deliver(db, messages, options);
  return { refreshed, refreshFailed, expired, warnings, mailsSent };
}

async function deliver(
  db: Kysely<Database>,
  messages: readonly Message[],
  options: { now: Date; mailer: Mailer | undefined; publicUrl: string; log: Logger },
): Promise<{ warnings: number; mailsSent: number }> {
  const mails: MailMessage[] = [];
  let warnings = 0;
  for (const message of messages) {
    const recipients = await notifyUsers(
      db,
      await recipientsOf(db, message.channel),
      {
        kind: `channel.token.${message.kind}`,
        title: message.title,
        body: message.body,
        link: channelPath(message.channel),
        dedupeKey: message.dedupeKey,
      },
      options.now,
    );
    warnings += recipients.length;
    for (const recipient of recipients) {
      mails.push({
        to: recipient.email,
        subject: `Stadtfunk: ${message.title}`,
        text: [
          'Guten Tag,',
          '',
          message.body,
          '',
          mailFooter(options.publicUrl, channelPath(message.channel)),
        ].join('\n'),
      });
    }
  }
  if (options.mailer === undefined) {
    return { warnings, mailsSent: 0 };
  }
  const { sent } = await sendEach(options.mailer, mails, options.log, 'channel-token');
  return { warnings, mailsSent: sent };
}

/** "Zugang jetzt erneuern" in the channel page, for platforms that can renew. */
export async function refreshChannelNow(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  channelId: string,
  keys: readonly EncryptionKey[],
  now: Date = new Date(),
): Promise<Channel> {
  await getChannel(db, reader, channelId);
  const { connector, auth, target } = await channelConnector(db, channelId, keys);
  if (auth.refreshToken === null) {
    throw new AppError(
      'conflict',
      'Diese Plattform erlaubt keine Verlängerung. Bitte verbinden Sie den Kanal neu.',
    );
  }
  try {
    const tokens = await connector.refresh(auth);
    return await storeTokens(
      db,
      actor,
      target.channel,
      tokens,
      keys,
      { action: 'channel.token_refreshed', summary: 'Zugang zum Kanal von Hand erneuert' },
      now,
    );
  } catch (error) {
    if (!(error instanceof PlatformError)) {
      throw error;
    }
    if (error.failure.kind === 'auth-expired') {
      await markExpired(db, target.channel, 'auth-expired', now);
    }
    throw new AppError('platform_failed', failureText(error.failure));
  }
}
