import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, notFound } from '../errors/errors.ts';
import { channelConnector } from '../connections/connections.target.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { toChannel } from './channels.service.ts';
import { getOrganisationProfile } from './organisation.service.ts';
import { recordChange } from './registry.changes.ts';
import { updateChannelRow } from './registry.repository.ts';
import type { Channel } from './registry.schema.ts';

/** Connector timeouts for interactive checks: a person is waiting. */
const CHECK_TIMEOUT_MS = 10_000;

/** Compares links by host and path: scheme, `www.`, case of the host and a trailing slash aside. */
export function normaliseLink(link: string): string | undefined {
  try {
    const url = new URL(link.trim());
    const host = url.hostname.toLowerCase().replace(/^www\./, '');
    return `${host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

export function profileMentions(
  profile: { bio: string; links: readonly string[] },
  target: string,
): boolean {
  const wanted = normaliseLink(target);
  if (wanted === undefined) {
    return false;
  }
  const inBio = [...profile.bio.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
  return [...profile.links, ...inBio].some((link) => normaliseLink(link) === wanted);
}

/**
 * Concept §15 read through the platform's API: does the channel's profile link the city's privacy
 * notice and imprint? Only for platforms whose connector can read the profile; the others are
 * confirmed by a person (`confirmProfileNotice`).
 */
export async function checkProfileNoticeViaConnector(
  db: Kysely<Database>,
  actor: Actor,
  channelId: string,
  keys: readonly EncryptionKey[],
  now: Date = new Date(),
): Promise<Channel> {
  const { connector, auth } = await channelConnector(db, channelId, keys, CHECK_TIMEOUT_MS);
  if (!connector.capabilities.has('read-profile') || connector.readProfile === undefined) {
    throw conflict(
      'Diese Plattform stellt das Profil nicht über ihre Schnittstelle bereit. Bitte prüfen Sie es selbst.',
    );
  }
  let profile: { bio: string; links: readonly string[] };
  try {
    profile = await connector.readProfile(auth);
  } catch (error) {
    if (error instanceof PlatformError) {
      throw new AppError(
        'platform_failed',
        error.failure.kind === 'auth-expired'
          ? 'Die Zugangsdaten des Kanals sind abgelaufen. Bitte verbinden Sie den Kanal neu.'
          : undefined,
      );
    }
    throw error;
  }
  const organisation = await getOrganisationProfile(db);
  const notice = {
    privacyPolicyLinked: profileMentions(profile, organisation.privacyNoticeUrl),
    imprintLinked: profileMentions(profile, organisation.imprintUrl),
    checkedAt: now.toISOString(),
    method: 'api' as const,
    checkedBy: actor.userId,
  };
  return db.transaction().execute(async (trx) => {
    const row = await updateChannelRow(trx, channelId, {
      profile_notice: JSON.stringify(notice),
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound();
    }
    const result = toChannel(row);
    const complete = notice.privacyPolicyLinked && notice.imprintLinked;
    await recordChange(
      trx,
      actor,
      {
        revisionType: 'channel',
        auditType: 'channel',
        objectId: channelId,
        snapshot: result,
        action: 'channel.profile_notice_checked',
        summary: `Profilhinweis über die Schnittstelle geprüft: ${complete ? 'vollständig' : 'unvollständig'}`,
      },
      now,
    );
    return result;
  });
}
