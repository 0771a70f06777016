import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { listPlatformAppRows } from '../connections/connections.repository.ts';
import { appSecret } from '../connections/platform-apps.service.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, forbidden } from '../errors/errors.ts';
import type { ModerationDeps } from '../moderation/moderation.pipeline.ts';
import type { RemoteComment } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import type { InboxEventBus } from './inbox.events.ts';
import { loadModerationDeps } from './ingest.moderation.ts';
import { findChannelsByAccount, insertQuarantineRow } from './ingest.repository.ts';
import { ingestDeletion } from './ingest.deletion.ts';
import { addResults, emptyResult, ingestComments } from './ingest.service.ts';
import type { IngestResult } from './ingest.service.ts';
import { parseJsonBody, parseMetaPayload, parseSandboxPayload } from './webhooks.parse.ts';
import type { ParsedWebhook } from './webhooks.parse.ts';
import { metaVerifyToken, sameToken, verifySignature } from './webhooks.verify.ts';

export type WebhookFormat = 'meta' | 'sandbox';

export interface WebhookDeps {
  readonly keys: readonly EncryptionKey[];
  readonly now: () => Date;
  readonly log: Pick<Logger, 'warn'>;
  readonly events?: InboxEventBus;
  /** Loaded from the database per request when absent. */
  readonly moderation?: ModerationDeps;
}

/** What a quarantined webhook keeps: enough to parse it again later. */
export interface WebhookQuarantinePayload {
  readonly format: WebhookFormat;
  readonly platform: string;
  readonly body?: unknown;
  /** The body as text when it was not JSON (cut at 64 KiB). */
  readonly raw?: string;
}

const MAX_RAW_KEPT = 64 * 1024;

/** Platform keys whose app secrets may sign a notification to this path. */
function platformKeysFor(format: WebhookFormat, platform: string): string[] {
  return format === 'meta' || platform === 'meta' ? ['facebook', 'instagram'] : [platform];
}

async function secretsFor(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  platformKeys: readonly string[],
): Promise<string[]> {
  const rows = (await listPlatformAppRows(db)).filter((row) =>
    platformKeys.includes(row.platform_key),
  );
  return rows.map((row) => appSecret(row, keys)).filter((secret) => secret !== '');
}

/** Meta's subscription handshake: the challenge when the verify token is ours, else 403. */
export async function answerMetaHandshake(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  query: { mode: string; token: string; challenge: string },
): Promise<string> {
  if (query.mode !== 'subscribe') {
    throw forbidden();
  }
  const secrets = await secretsFor(db, keys, ['facebook', 'instagram']);
  const known = secrets.map(metaVerifyToken);
  // Every token is compared, so the time taken says nothing about which one matched.
  const matches = known.reduce((found, token) => sameToken(token, query.token) || found, false);
  if (!matches) {
    throw forbidden();
  }
  return query.challenge;
}

export interface WebhookOutcome {
  readonly result: IngestResult;
  readonly deleted: number;
  readonly quarantined: boolean;
}

/**
 * A pushed notification: verified over the raw bytes, parsed, ingested. A wrong or missing
 * signature is refused (and logged without the body); a signed but unreadable payload goes to
 * the quarantine and is still acknowledged, so the platform does not retry it forever.
 */
export async function receiveWebhook(
  db: Kysely<Database>,
  deps: WebhookDeps,
  input: {
    readonly format: WebhookFormat;
    readonly platform: string;
    readonly raw: Uint8Array;
    readonly signature: string | readonly string[] | undefined;
  },
): Promise<WebhookOutcome> {
  const secrets = await secretsFor(db, deps.keys, platformKeysFor(input.format, input.platform));
  const check = verifySignature(input.raw, input.signature, secrets);
  if (check !== 'valid') {
    deps.log.warn(
      {
        code: 'webhook_signature_invalid',
        platform: input.platform,
        check,
        bytes: input.raw.length,
      },
      'webhook refused: signature missing or wrong',
    );
    throw new AppError('webhook_signature_invalid');
  }
  const json = parseJsonBody(input.raw);
  if (!json.ok) {
    await quarantineWebhook(db, deps, input.platform, 'Kein gültiges JSON', {
      format: input.format,
      platform: input.platform,
      raw: Buffer.from(input.raw).toString('utf8').slice(0, MAX_RAW_KEPT),
    });
    return { result: emptyResult(), deleted: 0, quarantined: true };
  }
  const payload: WebhookQuarantinePayload = {
    format: input.format,
    platform: input.platform,
    body: json.body,
  };
  const applied = await applyWebhookPayload(db, deps, payload);
  if (applied.problems.length > 0) {
    await quarantineWebhook(db, deps, input.platform, applied.problems.join('; '), payload);
  }
  return {
    result: applied.result,
    deleted: applied.deleted,
    quarantined: applied.problems.length > 0,
  };
}

async function quarantineWebhook(
  db: Kysely<Database>,
  deps: WebhookDeps,
  platform: string,
  reason: string,
  payload: WebhookQuarantinePayload,
): Promise<void> {
  await insertQuarantineRow(db, {
    source: 'webhook',
    platform,
    channel_id: null,
    reason: reason.slice(0, 1000),
    payload,
    received_at: deps.now(),
  });
  deps.log.warn({ code: 'inbox_webhook_quarantined', platform }, 'webhook payload quarantined');
}

export function parseWebhookPayload(payload: WebhookQuarantinePayload): ParsedWebhook {
  if (payload.body === undefined) {
    return { changes: [], problems: ['Kein gültiges JSON'], ignored: 0 };
  }
  return payload.format === 'meta'
    ? parseMetaPayload(payload.body)
    : parseSandboxPayload(payload.platform, payload.body);
}

/**
 * Parses a (possibly quarantined) payload and ingests what it says, per channel. Changes for an
 * account no channel is connected as are problems: retried once the channel is connected.
 */
export async function applyWebhookPayload(
  db: Kysely<Database>,
  deps: WebhookDeps,
  payload: WebhookQuarantinePayload,
): Promise<{ result: IngestResult; deleted: number; problems: string[] }> {
  const parsed = parseWebhookPayload(payload);
  const problems = [...parsed.problems];
  const result = emptyResult();
  let deleted = 0;
  const byChannel = new Map<string, { platform: string; comments: RemoteComment[] }>();
  const channelOf = new Map<string, string | undefined>();
  for (const change of parsed.changes) {
    const lookup = `${change.platform} ${change.accountId}`;
    if (!channelOf.has(lookup)) {
      channelOf.set(
        lookup,
        (await findChannelsByAccount(db, change.platform, change.accountId))[0],
      );
    }
    if (change.type === 'delete') {
      deleted += (await ingestDeletion(db, change.platform, change.externalId, deps)) ? 1 : 0;
      continue;
    }
    const channelId = channelOf.get(lookup);
    if (channelId === undefined) {
      problems.push('Kein verbundener Kanal für das Konto der Benachrichtigung');
      continue;
    }
    const group = byChannel.get(channelId) ?? { platform: change.platform, comments: [] };
    group.comments.push(change.comment);
    byChannel.set(channelId, group);
  }
  if (byChannel.size > 0) {
    const moderation = deps.moderation ?? (await loadModerationDeps(db));
    for (const [channelId, group] of byChannel) {
      addResults(
        result,
        await ingestComments(
          db,
          { id: channelId, platform: group.platform },
          group.comments,
          { ...deps, moderation },
          'webhook',
        ),
      );
    }
  }
  return { result, deleted, problems: [...new Set(problems)] };
}
