import { createHash, randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, notFound } from '../errors/errors.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { PlatformFailure, TokenSet } from '../platforms/connector.ts';
import { MASTODON_SCOPES, registerMastodonApp } from '../platforms/mastodon/mastodon.oauth.ts';
import { getChannel, readChannelCredentials, toChannel } from '../registry/channels.service.ts';
import type { Reader } from '../registry/channels.service.ts';
import { recordChange } from '../registry/registry.changes.ts';
import type { Channel } from '../registry/registry.schema.ts';
import type { ChannelRow, ChannelUpdate } from '../registry/registry.table.ts';
import { open, seal } from '../shared/crypto.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import {
  deleteExpiredOAuthFlows,
  findPlatformAppById,
  insertOAuthFlowRow,
  takeOAuthFlowRow,
} from './connections.repository.ts';
import { updateChannelRow } from '../registry/registry.repository.ts';
import {
  connectorForTarget,
  INTERACTIVE_TIMEOUT_MS,
  loadChannelTarget,
  TOKEN_KEYS,
} from './connections.target.ts';
import type { ChannelTarget } from './connections.target.ts';
import type { CallbackQuery } from './connections.schema.ts';
import { storePlatformApp } from './platform-apps.service.ts';

/** A person has ten minutes between "Verbinden" and the platform's callback. */
const FLOW_MINUTES = 10;

export const CALLBACK_PATH = '/api/connections/callback';

export function callbackUrl(publicUrl: string): string {
  return `${publicUrl}${CALLBACK_PATH}`;
}

function hashState(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}

function currentKey(keys: readonly EncryptionKey[]): EncryptionKey {
  const key = keys[0];
  if (key === undefined) {
    throw new AppError('internal');
  }
  return key;
}

/** German text for a failure kind; never the platform's own message (it may echo input). */
export function failureText(failure: PlatformFailure): string {
  switch (failure.kind) {
    case 'auth-expired':
      return 'Die Plattform hat die Anmeldung nicht angenommen.';
    case 'rate-limited':
      return 'Die Plattform bittet, es später erneut zu versuchen (zu viele Anfragen).';
    case 'transient':
    case 'outcome-unknown':
      return 'Die Plattform war nicht erreichbar. Bitte versuchen Sie es erneut.';
    case 'rejected':
      return 'Die Plattform hat die Anfrage abgelehnt. Bitte prüfen Sie den App-Zugang.';
  }
}

/** The Mastodon app on this instance, registered on first use (no form: the instance issues it). */
async function ensureApp(
  db: Kysely<Database>,
  actor: Actor,
  target: ChannelTarget,
  options: { publicUrl: string; keys: readonly EncryptionKey[]; now: Date },
): Promise<ChannelTarget> {
  const mastodonScopes = MASTODON_SCOPES.join(' ');
  // A Mastodon app registered with fewer scopes than Stadtfunk now asks for would refuse the
  // token request (invalid_scope): register it again.
  const outdated =
    target.app?.source === 'registered' &&
    target.platformKey === 'mastodon' &&
    target.app.scopes !== mastodonScopes;
  if (target.app !== undefined && !outdated) {
    return target;
  }
  if (target.platformKey !== 'mastodon') {
    throw conflict(
      'Für diese Plattform ist noch kein App-Zugang hinterlegt. Bitte tragen Sie zuerst Client-ID und Client-Secret ein.',
    );
  }
  let registered;
  try {
    registered = await registerMastodonApp({
      instanceUrl: target.baseUrl,
      clientName: 'Stadtfunk',
      redirectUri: callbackUrl(options.publicUrl),
      website: options.publicUrl,
      timeoutMs: INTERACTIVE_TIMEOUT_MS,
    });
  } catch (error) {
    if (error instanceof PlatformError) {
      throw new AppError('platform_failed', failureText(error.failure));
    }
    throw error;
  }
  const app = await storePlatformApp(
    db,
    actor,
    {
      platformKey: 'mastodon',
      baseUrl: target.baseUrl,
      clientId: registered.clientId,
      clientSecret: registered.clientSecret,
      source: 'registered',
      scopes: mastodonScopes,
    },
    currentKey(options.keys),
    options.now,
  );
  const row = await findPlatformAppById(db, app.id);
  return { ...target, app: row };
}

/** "Verbinden": where to send the person's browser. */
export async function startConnection(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  channelId: string,
  options: { publicUrl: string; keys: readonly EncryptionKey[]; now?: Date },
): Promise<{ authorizationUrl: string }> {
  const now = options.now ?? new Date();
  await getChannel(db, reader, channelId);
  if (actor.userId === null) {
    throw new AppError('unauthenticated');
  }
  const target = await ensureApp(db, actor, await loadChannelTarget(db, channelId), {
    ...options,
    now,
  });
  const app = target.app;
  if (app === undefined) {
    throw new AppError('internal');
  }
  const connector = connectorForTarget(target, options.keys);
  const start = await connector.authorizationUrl(callbackUrl(options.publicUrl));
  const stateHash = hashState(start.state);
  await deleteExpiredOAuthFlows(db, now);
  await insertOAuthFlowRow(db, {
    state_hash: stateHash,
    channel_id: channelId,
    user_id: actor.userId,
    app_id: app.id,
    base_url: target.baseUrl,
    code_verifier_encrypted:
      start.codeVerifier === null
        ? null
        : seal(start.codeVerifier, currentKey(options.keys), `oauth:${stateHash}`),
    created_at: now,
    expires_at: new Date(now.getTime() + FLOW_MINUTES * 60_000),
  });
  return { authorizationUrl: start.url };
}

export type CallbackOutcome =
  | { readonly kind: 'connected'; readonly channelId: string }
  | { readonly kind: 'denied'; readonly channelId: string }
  | {
      readonly kind: 'failed';
      readonly channelId: string;
      readonly failure: PlatformFailure['kind'];
    }
  | { readonly kind: 'invalid' };

function tokenPatch(tokens: TokenSet, now: Date, userId: string | null): ChannelUpdate {
  return {
    connection_status: 'connected',
    connected_at: now,
    connected_by: userId,
    connected_account_id: tokens.accountId,
    token_expires_at: tokens.expiresAt,
    token_refreshable: tokens.refreshToken !== null,
    last_refresh_failure: null,
    updated_at: now,
  };
}

/** Merges new tokens into the channel's sealed credentials; other keys typed by hand stay. */
export function sealTokens(
  channelId: string,
  existing: Readonly<Record<string, string>>,
  tokens: TokenSet,
  key: EncryptionKey,
): string {
  const kept = Object.fromEntries(
    Object.entries(existing).filter(([name]) => !(TOKEN_KEYS as readonly string[]).includes(name)),
  );
  const merged: Record<string, string> = { ...kept, accessToken: tokens.accessToken };
  if (tokens.refreshToken !== null) {
    merged['refreshToken'] = tokens.refreshToken;
  }
  if (tokens.accountId !== null) {
    merged['accountId'] = tokens.accountId;
  }
  return seal(JSON.stringify(merged), key, `channel:${channelId}`);
}

/** Stores tokens for a channel (after a callback or a refresh), with history and audit entry. */
export async function storeTokens(
  db: Kysely<Database>,
  actor: Actor,
  channel: ChannelRow,
  tokens: TokenSet,
  keys: readonly EncryptionKey[],
  change: { action: string; summary: string },
  now: Date,
): Promise<Channel> {
  const existing = (await readChannelCredentials(db, channel.id, keys)) ?? {};
  return db.transaction().execute(async (trx) => {
    const row = await updateChannelRow(trx, channel.id, {
      ...tokenPatch(tokens, now, actor.userId ?? channel.connected_by),
      credentials_encrypted: sealTokens(channel.id, existing, tokens, currentKey(keys)),
    });
    if (row === undefined) {
      throw notFound();
    }
    const result = toChannel(row);
    await recordChange(
      trx,
      actor,
      {
        revisionType: 'channel',
        auditType: 'channel',
        objectId: channel.id,
        snapshot: result,
        ...change,
      },
      now,
    );
    return result;
  });
}

/**
 * The platform's redirect back. The state alone identifies the flow (single use, ten minutes),
 * so the callback works even where the session cookie is not sent on the cross-site redirect.
 */
export async function completeConnection(
  db: Kysely<Database>,
  query: CallbackQuery,
  options: { publicUrl: string; keys: readonly EncryptionKey[]; now?: Date },
): Promise<CallbackOutcome> {
  const now = options.now ?? new Date();
  if (query.state === undefined) {
    return { kind: 'invalid' };
  }
  const stateHash = hashState(query.state);
  const flow = await takeOAuthFlowRow(db, stateHash);
  if (flow === undefined || flow.expires_at <= now) {
    return { kind: 'invalid' };
  }
  const actor: Actor = { userId: flow.user_id, role: null, correlationId: randomUUID() };
  if (query.code === undefined) {
    return { kind: 'denied', channelId: flow.channel_id };
  }
  const target = await loadChannelTarget(db, flow.channel_id);
  const app = await findPlatformAppById(db, flow.app_id);
  const connector = connectorForTarget({ ...target, baseUrl: flow.base_url, app }, options.keys);
  const verifier =
    flow.code_verifier_encrypted === null
      ? null
      : open(flow.code_verifier_encrypted, options.keys, `oauth:${stateHash}`);
  let tokens: TokenSet;
  try {
    tokens = await connector.exchangeCode(query.code, callbackUrl(options.publicUrl), verifier);
  } catch (error) {
    if (error instanceof PlatformError) {
      return { kind: 'failed', channelId: flow.channel_id, failure: error.failure.kind };
    }
    throw error;
  }
  await storeTokens(
    db,
    actor,
    target.channel,
    tokens,
    options.keys,
    {
      action: 'channel.connected',
      summary: `Kanal mit ${target.platformKey} verbunden${tokens.expiresAt === null ? '' : ` (Zugang gültig bis ${tokens.expiresAt.toISOString().slice(0, 10)})`}`,
    },
    now,
  );
  return { kind: 'connected', channelId: flow.channel_id };
}

/** "Trennen": forgets the tokens (other credentials stay); the platform keeps its app grant. */
export async function disconnectChannel(
  db: Kysely<Database>,
  actor: Actor,
  reader: Reader,
  channelId: string,
  keys: readonly EncryptionKey[],
  now: Date = new Date(),
): Promise<Channel> {
  await getChannel(db, reader, channelId);
  const existing = (await readChannelCredentials(db, channelId, keys)) ?? {};
  const kept = Object.fromEntries(
    Object.entries(existing).filter(([name]) => !(TOKEN_KEYS as readonly string[]).includes(name)),
  );
  return db.transaction().execute(async (trx) => {
    const row = await updateChannelRow(trx, channelId, {
      credentials_encrypted:
        Object.keys(kept).length === 0
          ? null
          : seal(JSON.stringify(kept), currentKey(keys), `channel:${channelId}`),
      connection_status: 'not-connected',
      connected_at: null,
      connected_by: null,
      connected_account_id: null,
      token_expires_at: null,
      token_refreshable: false,
      last_refresh_failure: null,
      updated_at: now,
    });
    if (row === undefined) {
      throw notFound();
    }
    const result = toChannel(row);
    await recordChange(
      trx,
      actor,
      {
        revisionType: 'channel',
        auditType: 'channel',
        objectId: channelId,
        snapshot: result,
        action: 'channel.disconnected',
        summary: 'Verbindung zum Kanal getrennt',
      },
      now,
    );
    return result;
  });
}
