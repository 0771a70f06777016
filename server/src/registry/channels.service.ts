import type { Kysely } from 'kysely';

import type { RoleGrant } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import { findOrgUnitRow } from '../access/org-units.repository.ts';
import { findUserRow } from '../access/users.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Database } from '../database/database.types.ts';
import { recordChange } from './registry.changes.ts';
import { conflict, invalid, notFound } from '../errors/errors.ts';
import { open, seal } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { channelScopeFor, inScope } from './channels.access.ts';
import {
  findChannelRow,
  findPlatformRow,
  insertChannelRow,
  listChannelRows,
  updateChannelRow,
} from './registry.repository.ts';
import type { ChannelRow, ChannelUpdate } from './registry.table.ts';
import type { Channel, CreateChannelInput, UpdateChannelInput } from './registry.schema.ts';

export interface Reader {
  readonly id: string;
  readonly roles: readonly RoleGrant[];
}

export function toChannel(row: ChannelRow): Channel {
  return {
    id: row.id,
    platformId: row.platform_id,
    name: row.name,
    handle: row.handle,
    url: row.url,
    orgUnitId: row.org_unit_id,
    responsibleUserIds: row.responsible_user_ids,
    goals: row.goals,
    status: row.status,
    selfPublishing: row.self_publishing,
    apiBaseUrl: row.api_base_url,
    profileNotice: row.profile_notice,
    hasCredentials: row.credentials_encrypted !== null,
    connection: {
      status: row.connection_status,
      accountId: row.connected_account_id,
      connectedAt: row.connected_at?.toISOString() ?? null,
      expiresAt: row.token_expires_at?.toISOString() ?? null,
      refreshable: row.token_refreshable,
      lastRefreshFailure: row.last_refresh_failure,
    },
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listChannels(
  db: Kysely<Database>,
  reader: Reader,
  platformId?: string,
): Promise<Channel[]> {
  const scope = await channelScopeFor(db, reader);
  return (await listChannelRows(db, scope, platformId)).map(toChannel);
}

/** A channel the reader may see; others answer "not found" so their existence is not revealed. */
export async function getChannel(
  db: Kysely<Database>,
  reader: Reader,
  id: string,
): Promise<Channel> {
  const row = await findChannelRow(db, id);
  if (row === undefined || !inScope(await channelScopeFor(db, reader), row)) {
    throw notFound('Diesen Kanal gibt es nicht oder Sie dürfen ihn nicht sehen.');
  }
  return toChannel(row);
}

async function validateReferences(db: Kysely<Database>, input: UpdateChannelInput): Promise<void> {
  if (input.platformId !== undefined && !(await findPlatformRow(db, { id: input.platformId }))) {
    throw invalid([{ path: 'platformId', message: 'Diese Plattform ist nicht im Register.' }]);
  }
  if (input.orgUnitId !== undefined && !(await findOrgUnitRow(db, input.orgUnitId))) {
    throw invalid([{ path: 'orgUnitId', message: 'Diese Organisationseinheit gibt es nicht.' }]);
  }
  for (const [index, userId] of (input.responsibleUserIds ?? []).entries()) {
    if ((await findUserRow(db, userId)) === undefined) {
      throw invalid([
        { path: `responsibleUserIds.${index}`, message: 'Dieses Konto gibt es nicht.' },
      ]);
    }
  }
}

async function afterChange(
  trx: Kysely<Database>,
  actor: Actor,
  row: ChannelRow,
  action: string,
  summary: string,
  now: Date,
): Promise<Channel> {
  const channel = toChannel(row);
  await recordChange(
    trx,
    actor,
    {
      revisionType: 'channel',
      auditType: 'channel',
      objectId: row.id,
      snapshot: channel,
      action,
      summary,
    },
    now,
  );
  return channel;
}

export async function createChannel(
  db: Kysely<Database>,
  actor: Actor,
  input: CreateChannelInput,
  now: Date = new Date(),
): Promise<Channel> {
  return db.transaction().execute(async (trx) => {
    await validateReferences(trx, input);
    const duplicate = (await listChannelRows(trx, 'all', input.platformId)).some(
      (row) => row.handle.toLowerCase() === input.handle.toLowerCase(),
    );
    if (duplicate) {
      throw conflict('Diesen Kanal gibt es auf der Plattform bereits.');
    }
    const row = await insertChannelRow(trx, {
      platform_id: input.platformId,
      name: input.name,
      handle: input.handle,
      url: input.url,
      org_unit_id: input.orgUnitId,
      responsible_user_ids: input.responsibleUserIds,
      goals: input.goals,
      status: input.status,
      self_publishing: input.selfPublishing,
      api_base_url: input.apiBaseUrl ?? null,
      profile_notice: JSON.stringify(null),
      credentials_encrypted: null,
      created_at: now,
      updated_at: now,
    });
    return afterChange(trx, actor, row, 'channel.created', `Kanal ${row.handle} angelegt`, now);
  });
}

export async function updateChannel(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: UpdateChannelInput,
  now: Date = new Date(),
): Promise<Channel> {
  return db.transaction().execute(async (trx) => {
    if ((await findChannelRow(trx, id)) === undefined) {
      throw notFound();
    }
    await validateReferences(trx, input);
    const patch: ChannelUpdate = {
      updated_at: now,
      platform_id: input.platformId,
      name: input.name,
      handle: input.handle,
      url: input.url,
      org_unit_id: input.orgUnitId,
      responsible_user_ids: input.responsibleUserIds,
      goals: input.goals,
      status: input.status,
      self_publishing: input.selfPublishing,
      api_base_url: input.apiBaseUrl,
    };
    const row = await updateChannelRow(trx, id, withoutUndefined(patch));
    if (row === undefined) {
      throw notFound();
    }
    const fields = Object.keys(input).sort().join(', ');
    return afterChange(trx, actor, row, 'channel.updated', `Geändert: ${fields || 'nichts'}`, now);
  });
}

/** Concept §15, confirmed by a person where the platform's API does not expose the profile. */
export async function confirmProfileNotice(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  notice: { privacyPolicyLinked: boolean; imprintLinked: boolean },
  now: Date = new Date(),
): Promise<Channel> {
  return db.transaction().execute(async (trx) => {
    const row = await updateChannelRow(trx, id, {
      profile_notice: JSON.stringify({
        ...notice,
        checkedAt: now.toISOString(),
        method: 'manual',
        checkedBy: actor.userId,
      }),
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound();
    }
    const ok = notice.privacyPolicyLinked && notice.imprintLinked;
    return afterChange(
      trx,
      actor,
      row,
      'channel.profile_notice_checked',
      ok ? 'Profilhinweis geprüft: vollständig' : 'Profilhinweis geprüft: unvollständig',
      now,
    );
  });
}

/**
 * Tokens typed in by hand (e.g. a Mastodon access token from the instance's settings) count as a
 * connection like one made through "Verbinden"; `expiresAt` (ISO date) lets the token job warn.
 */
function manualConnection(
  credentials: Record<string, string>,
  actor: Actor,
  now: Date,
): ChannelUpdate {
  const token = credentials['accessToken'];
  if (token === undefined || token === '') {
    return {
      connection_status: 'not-connected',
      connected_at: null,
      connected_by: null,
      connected_account_id: null,
      token_expires_at: null,
      token_refreshable: false,
      last_refresh_failure: null,
    };
  }
  const expires =
    credentials['expiresAt'] === undefined ? NaN : Date.parse(credentials['expiresAt']);
  return {
    connection_status: 'connected',
    connected_at: now,
    connected_by: actor.userId,
    connected_account_id: credentials['accountId'] ?? null,
    token_expires_at: Number.isNaN(expires) ? null : new Date(expires),
    token_refreshable: (credentials['refreshToken'] ?? '') !== '',
    last_refresh_failure: null,
  };
}

/** Stores a channel's credentials sealed with ENCRYPTION_KEY; they never leave through the API. */
export async function setChannelCredentials(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  credentials: Record<string, string>,
  key: EncryptionKey,
  now: Date = new Date(),
): Promise<Channel> {
  return db.transaction().execute(async (trx) => {
    const row = await updateChannelRow(trx, id, {
      credentials_encrypted: seal(JSON.stringify(credentials), key, `channel:${id}`),
      ...manualConnection(credentials, actor, now),
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound();
    }
    await recordAudit(
      trx,
      actor,
      {
        action: 'channel.credentials_set',
        objectType: 'channel',
        objectId: id,
        summary: `Zugangsdaten gespeichert (Felder: ${Object.keys(credentials).sort().join(', ')})`,
      },
      now,
    );
    return toChannel(row);
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined),
  ) as T;
}

/** For connectors only: the decrypted credentials of a channel. */
export async function readChannelCredentials(
  db: Kysely<Database>,
  id: string,
  keys: readonly EncryptionKey[],
): Promise<Record<string, string> | undefined> {
  const row = await findChannelRow(db, id);
  return row === undefined ? undefined : credentialsOf(row, keys);
}

/** The sealed credential map of a channel row already read. */
export function credentialsOf(
  row: Pick<ChannelRow, 'id' | 'credentials_encrypted'>,
  keys: readonly EncryptionKey[],
): Record<string, string> | undefined {
  if (row.credentials_encrypted === null) {
    return undefined;
  }
  return JSON.parse(open(row.credentials_encrypted, keys, `channel:${row.id}`)) as Record<
    string,
    string
  >;
}
