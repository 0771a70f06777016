import type { Kysely } from 'kysely';

import type { Actor } from '../access/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { asPlatformKey, channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { AppError, conflict, notFound } from '../errors/errors.ts';
import type { JobSender } from '../jobs/job.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { Capability, PlatformKey } from '../platforms/connector.ts';
import { CONNECTOR_FACTORIES } from '../platforms/connectors.registry.ts';
import { channelScopeFor, inScope } from '../registry/channels.access.ts';
import type { Reader } from '../registry/channels.service.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { findOutboxItemRow, updateOutboxItemRow } from './outbox.repository.ts';
import type { Delivery, ResolveBody } from './outbox.schema.ts';
import { changeAndSettle, enqueueDelivery } from './outbox.service.ts';
import type { OutboxItemRow } from './outbox.table.ts';

const ITEM_NOT_FOUND = 'Diese Zustellung gibt es nicht oder Sie dürfen sie nicht sehen.';

/** Capabilities are data of the connector: read them without talking to the platform. */
export function capabilitiesOf(platformKey: PlatformKey | undefined): ReadonlySet<Capability> {
  const factory = platformKey === undefined ? undefined : CONNECTOR_FACTORIES[platformKey];
  if (factory === undefined) {
    return new Set();
  }
  return factory({
    baseUrl: 'https://capabilities.invalid',
    clientId: '',
    clientSecret: '',
    timeoutMs: 1,
  }).capabilities;
}

async function channelsOf(db: Kysely<Database>, channelIds: readonly string[]) {
  if (channelIds.length === 0) {
    return new Map<
      string,
      { id: string; name: string; org_unit_id: string; platformKey: PlatformKey | undefined }
    >();
  }
  const rows = await db
    .selectFrom('channels')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select(['channels.id', 'channels.name', 'channels.org_unit_id', 'platforms.key'])
    .where('channels.id', 'in', [...channelIds])
    .execute();
  return new Map(rows.map((row) => [row.id, { ...row, platformKey: asPlatformKey(row.key) }]));
}

function toDelivery(
  item: OutboxItemRow,
  channel: { name: string; platformKey: PlatformKey | undefined },
): Delivery {
  const capabilities = capabilitiesOf(channel.platformKey);
  const live = item.status === 'published' && item.external_id !== null;
  return {
    id: item.id,
    postId: item.post_id,
    channelId: item.channel_id,
    channelName: channel.name,
    platformKey: channel.platformKey ?? null,
    status: item.status,
    attempts: item.attempts,
    nextAttemptAt: item.next_attempt_at?.toISOString() ?? null,
    firstSentAt: item.first_sent_at?.toISOString() ?? null,
    publishedAt: item.published_at?.toISOString() ?? null,
    externalId: item.external_id,
    url: item.url,
    failure:
      item.failure_kind === null
        ? null
        : { kind: item.failure_kind, reason: item.failure_reason, code: item.failure_code },
    canEdit: live && capabilities.has('edit'),
    canDelete: live && capabilities.has('delete'),
  };
}

/** The live status of a post's deliveries, limited to the channels the reader may see. */
export async function listDeliveries(
  db: Kysely<Database>,
  reader: Reader,
  postId: string,
): Promise<Delivery[]> {
  const post = await db
    .selectFrom('posts')
    .select('id')
    .where('id', '=', postId)
    .executeTakeFirst();
  if (post === undefined) {
    throw notFound('Diesen Beitrag gibt es nicht oder Sie dürfen ihn nicht sehen.');
  }
  const items = await db
    .selectFrom('outbox_items')
    .selectAll()
    .where('post_id', '=', postId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const channels = await channelsOf(
    db,
    items.map((item) => item.channel_id),
  );
  const scope = await channelScopeFor(db, reader);
  return items.flatMap((item) => {
    const channel = channels.get(item.channel_id);
    return channel !== undefined && inScope(scope, channel) ? [toDelivery(item, channel)] : [];
  });
}

async function scopedItem(db: Kysely<Database>, reader: Reader, itemId: string) {
  const item = await findOutboxItemRow(db, itemId);
  const channel =
    item === undefined ? undefined : (await channelsOf(db, [item.channel_id])).get(item.channel_id);
  if (
    item === undefined ||
    channel === undefined ||
    !inScope(await channelScopeFor(db, reader), channel)
  ) {
    throw notFound(ITEM_NOT_FOUND);
  }
  return { item, channel };
}

async function audited(
  trx: Kysely<Database>,
  actor: Actor,
  item: OutboxItemRow,
  action: string,
  summary: string,
  now: Date,
): Promise<void> {
  await recordAudit(
    trx,
    actor,
    { action, objectType: 'outbox_item', objectId: item.id, summary },
    now,
  );
}

/** Tries one failed channel again, with the same idempotency key. */
export async function retryDelivery(
  db: Kysely<Database>,
  jobs: JobSender | undefined,
  actor: Actor,
  reader: Reader,
  itemId: string,
  now: Date = new Date(),
): Promise<Delivery> {
  const { item, channel } = await scopedItem(db, reader, itemId);
  const updated = await db.transaction().execute(async (trx) => {
    const row = await updateOutboxItemRow(trx, item.id, 'failed', {
      status: 'queued',
      // A fresh series of attempts; an unknown outcome stays marked so the lookup runs first.
      attempts: 0,
      next_attempt_at: null,
      failure_reason: null,
      updated_at: now,
    });
    if (row === undefined) {
      throw conflict('Nur eine fehlgeschlagene Zustellung kann wiederholt werden.');
    }
    await trx
      .updateTable('posts')
      .set({ status: 'publishing', updated_at: now })
      .where('id', '=', row.post_id)
      .where('status', 'in', ['failed', 'partly-failed'])
      .execute();
    await audited(
      trx,
      actor,
      row,
      'outbox.retried',
      'Zustellung an einen Kanal erneut angestoßen',
      now,
    );
    return row;
  });
  await enqueueDelivery(jobs, updated);
  return toDelivery(updated, channel);
}

/** A person says what became of an unconfirmed delivery. */
export async function resolveDelivery(
  db: Kysely<Database>,
  jobs: JobSender | undefined,
  actor: Actor,
  reader: Reader,
  itemId: string,
  body: ResolveBody,
  now: Date = new Date(),
): Promise<Delivery> {
  const { item, channel } = await scopedItem(db, reader, itemId);
  const updated = await changeAndSettle(db, now, async (trx) => {
    const row = await updateOutboxItemRow(
      trx,
      item.id,
      'unconfirmed',
      body.outcome === 'published'
        ? {
            status: 'published',
            url: body.url,
            published_at: now,
            failure_kind: null,
            failure_reason: null,
            failure_code: null,
            updated_at: now,
          }
        : {
            // Confirmed absent by a person: send again, without a lookup first.
            status: 'queued',
            attempts: 0,
            next_attempt_at: null,
            failure_kind: null,
            failure_reason: null,
            failure_code: null,
            updated_at: now,
          },
    );
    if (row === undefined) {
      throw conflict('Diese Zustellung wartet nicht auf eine Klärung.');
    }
    await audited(
      trx,
      actor,
      row,
      'outbox.resolved',
      body.outcome === 'published'
        ? 'Unklare Zustellung als veröffentlicht bestätigt'
        : 'Unklare Zustellung als nicht veröffentlicht bestätigt; wird erneut gesendet',
      now,
    );
    return row;
  });
  if (updated.status === 'queued') {
    await enqueueDelivery(jobs, updated);
  }
  return toDelivery(updated, channel);
}

function platformFailed(error: unknown): AppError {
  if (error instanceof PlatformError) {
    switch (error.failure.kind) {
      case 'auth-expired':
        return new AppError(
          'platform_failed',
          'Der Zugang zum Kanal ist abgelaufen. Bitte verbinden Sie ihn neu.',
        );
      case 'rejected':
        return new AppError('platform_failed', 'Die Plattform hat die Änderung abgelehnt.');
      case 'rate-limited':
        return new AppError(
          'platform_failed',
          'Die Plattform lässt gerade keine weiteren Anfragen zu. Bitte versuchen Sie es später erneut.',
        );
      case 'transient':
      case 'outcome-unknown':
        return new AppError('platform_failed');
    }
  }
  return error instanceof AppError ? error : new AppError('platform_failed');
}

async function publishedItem(
  db: Kysely<Database>,
  reader: Reader,
  itemId: string,
  capability: 'edit' | 'delete',
) {
  const scoped = await scopedItem(db, reader, itemId);
  if (scoped.item.status !== 'published' || scoped.item.external_id === null) {
    throw conflict('Dieser Beitrag ist auf dem Kanal nicht (nachweisbar) veröffentlicht.');
  }
  if (!capabilitiesOf(scoped.channel.platformKey).has(capability)) {
    throw conflict(
      capability === 'edit'
        ? 'Diese Plattform erlaubt kein nachträgliches Bearbeiten über die Schnittstelle.'
        : 'Diese Plattform erlaubt kein Löschen über die Schnittstelle.',
    );
  }
  return { ...scoped, externalId: scoped.item.external_id };
}

/** Deletes the published post on the platform; the delivery is then `cancelled`. */
export async function deletePublishedPost(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  actor: Actor,
  reader: Reader,
  itemId: string,
  now: Date = new Date(),
): Promise<Delivery> {
  const { item, channel, externalId } = await publishedItem(db, reader, itemId, 'delete');
  try {
    const { connector, auth } = await channelConnector(db, item.channel_id, keys);
    if (connector.deletePost === undefined) {
      throw conflict('Diese Plattform erlaubt kein Löschen über die Schnittstelle.');
    }
    await connector.deletePost(auth, externalId);
  } catch (error) {
    throw platformFailed(error);
  }
  const updated = await db.transaction().execute(async (trx) => {
    const row = await updateOutboxItemRow(trx, item.id, 'published', {
      status: 'cancelled',
      updated_at: now,
    });
    await audited(
      trx,
      actor,
      item,
      'outbox.post_deleted',
      'Veröffentlichten Beitrag auf der Plattform gelöscht',
      now,
    );
    return row ?? item;
  });
  return toDelivery(updated, channel);
}

/** Replaces the text of the published post on the platform. */
export async function editPublishedPost(
  db: Kysely<Database>,
  keys: readonly EncryptionKey[],
  actor: Actor,
  reader: Reader,
  itemId: string,
  text: string,
  now: Date = new Date(),
): Promise<Delivery> {
  const { item, channel, externalId } = await publishedItem(db, reader, itemId, 'edit');
  try {
    const { connector, auth } = await channelConnector(db, item.channel_id, keys);
    if (connector.editPost === undefined) {
      throw conflict(
        'Diese Plattform erlaubt kein nachträgliches Bearbeiten über die Schnittstelle.',
      );
    }
    await connector.editPost(auth, externalId, text);
  } catch (error) {
    throw platformFailed(error);
  }
  const updated = await db.transaction().execute(async (trx) => {
    const row = await updateOutboxItemRow(trx, item.id, 'published', { updated_at: now });
    await audited(
      trx,
      actor,
      item,
      'outbox.post_edited',
      'Text des veröffentlichten Beitrags auf der Plattform geändert',
      now,
    );
    return row ?? item;
  });
  return toDelivery(updated, channel);
}
