import type { RuntimeConfig } from '../app-context.ts';
import { channelConnector } from '../connections/connections.target.ts';
import type { ChannelConnector } from '../connections/connections.target.ts';
import { AppError } from '../errors/errors.ts';
import { handOverToPerson, isManualChannel } from '../manual-tasks/manual-tasks.handover.ts';
import { loadDeliveryMedia, MediaMissingError } from '../media/media.service.ts';
import { PlatformError } from '../platforms/connector.ts';
import type {
  LookupResult,
  PlatformFailure,
  PublishRequest,
  PublishResult,
} from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import { keyStillHonoured, MAX_CHECKS } from './outbox.backoff.ts';
import {
  markCancelled,
  markFailed,
  markProcessing,
  markPublished,
  markUnconfirmed,
  NOT_CONNECTED_REASON,
  requeueOrGiveUp,
  scheduleCheck,
} from './outbox.outcome.ts';
import type { DeliveryResult, OutcomeContext } from './outbox.outcome.ts';
import { claimOutboxItemRow, findOutboxItemRow } from './outbox.repository.ts';
import type { OutboxItemRow } from './outbox.table.ts';
import { contentForChannel } from './posts.content.ts';
import type { ChannelContent } from './posts.content.ts';

export interface DeliveryContext extends OutcomeContext {
  readonly config: RuntimeConfig;
  readonly keys: readonly EncryptionKey[];
  /** Per platform request; background work may wait longer than a person would. */
  readonly timeoutMs: number;
}

/** A job may start a little before the instant we stored (clocks of database and process). */
export const CLAIM_TOLERANCE_MS = 2_000;
/** Platforms' clocks differ from ours: the lookup starts a little before our first send. */
const LOOKUP_SLACK_MS = 60_000;
const MEDIA_MISSING_REASON =
  'Ein Bild oder Video des Beitrags gibt es nicht mehr. Bitte wählen Sie die Medien neu aus.';
/** Platforms that fetch media from a URL instead of taking an upload. */
const NEEDS_PUBLIC_URL = new Set(['instagram', 'tiktok']);

function asFailure(error: unknown): PlatformFailure {
  // A throw from a write we cannot classify may have reached the platform: treat it as unknown.
  return error instanceof PlatformError ? error.failure : { kind: 'outcome-unknown' };
}

type Prepared =
  | { readonly kind: 'ready'; readonly channel: ChannelConnector; readonly request: PublishRequest }
  | { readonly kind: 'not-connected' }
  | { readonly kind: 'media-missing' }
  | { readonly kind: 'no-target' };

/** What a batch caller (the crisis fan-out) read for an item it already claimed. */
export interface PreloadedItem {
  readonly item: OutboxItemRow;
  readonly channel: ChannelConnector | AppError;
  readonly content: ChannelContent | undefined;
  readonly manual: boolean;
}

async function prepare(
  ctx: DeliveryContext,
  item: OutboxItemRow,
  preloaded: PreloadedItem | undefined,
): Promise<Prepared> {
  let channel: ChannelConnector;
  try {
    const loaded =
      preloaded?.channel ??
      (await channelConnector(ctx.db, item.channel_id, ctx.keys, ctx.timeoutMs));
    if (loaded instanceof AppError) {
      throw loaded;
    }
    channel = loaded;
  } catch (error) {
    if (error instanceof AppError) {
      return { kind: 'not-connected' };
    }
    throw error;
  }
  const content =
    preloaded === undefined
      ? await contentForChannel(ctx.db, item.post_id, item.channel_id)
      : preloaded.content;
  if (content === undefined) {
    return { kind: 'no-target' };
  }
  let media: PublishRequest['media'] = [];
  try {
    media =
      content.mediaIds.length === 0
        ? []
        : await loadDeliveryMedia(
            ctx.db,
            ctx.config,
            content.mediaIds,
            NEEDS_PUBLIC_URL.has(channel.target.platformKey),
            ctx.now(),
          );
  } catch (error) {
    if (error instanceof MediaMissingError) {
      return { kind: 'media-missing' };
    }
    throw error;
  }
  return {
    kind: 'ready',
    channel,
    request: {
      text: content.text,
      title: content.title,
      media,
      idempotencyKey: item.idempotency_key,
      inReplyTo: item.reply_to_external_id,
    },
  };
}

async function lookup(
  channel: ChannelConnector,
  request: PublishRequest,
  item: OutboxItemRow,
): Promise<LookupResult | PlatformFailure> {
  const since = new Date((item.first_sent_at ?? new Date()).getTime() - LOOKUP_SLACK_MS);
  try {
    return await channel.connector.findPublished(channel.auth, request, since);
  } catch (error) {
    return error instanceof PlatformError ? error.failure : { status: 'undecidable' };
  }
}

/**
 * After an unknown outcome on a platform without idempotency key: found → published, absent →
 * may be sent (again), undecidable → a person decides. A failed lookup retries later, and the
 * next attempt looks again before it sends anything.
 */
async function settleUnknown(
  ctx: DeliveryContext,
  item: OutboxItemRow,
  found: LookupResult | PlatformFailure,
): Promise<DeliveryResult | 'absent'> {
  if ('kind' in found) {
    return requeueOrGiveUp(ctx, item, { kind: 'outcome-unknown' });
  }
  switch (found.status) {
    case 'found':
      return markPublished(ctx, item, 'sending', found);
    case 'undecidable':
      return markUnconfirmed(ctx, item, 'sending');
    case 'absent':
      return 'absent';
  }
}

async function applyPublishResult(
  ctx: DeliveryContext,
  item: OutboxItemRow,
  result: PublishResult,
): Promise<DeliveryResult> {
  switch (result.status) {
    case 'published':
      return markPublished(ctx, item, 'sending', result);
    case 'pending':
      return markProcessing(ctx, item, result.pendingRef);
    case 'failed': {
      const failure = result.failure;
      switch (failure.kind) {
        case 'rate-limited':
        case 'transient':
        case 'outcome-unknown':
          return requeueOrGiveUp(ctx, item, failure);
        case 'auth-expired':
        case 'rejected':
          return markFailed(ctx, item, 'sending', failure);
      }
    }
  }
}

/**
 * One delivery attempt of one outbox item: claim it, build the request, send it, and record
 * what the platform said. Never resends blindly where the platform has no idempotency key.
 */
export async function deliverItem(
  ctx: DeliveryContext,
  itemId: string,
  preloaded?: PreloadedItem,
): Promise<DeliveryResult> {
  const item =
    preloaded?.item ?? (await claimOutboxItemRow(ctx.db, itemId, ctx.now(), CLAIM_TOLERANCE_MS));
  if (item === undefined) {
    return 'skipped';
  }
  if (preloaded?.manual ?? (await isManualChannel(ctx.db, item.channel_id))) {
    // No API (Xing): a person publishes from a task; the task settles the item.
    return handOverToPerson(ctx.db, item, ctx.now());
  }
  let prepared: Prepared;
  try {
    prepared = await prepare(ctx, item, preloaded);
  } catch (error) {
    // Nothing left for the platform yet: a plain retry is safe.
    ctx.log.warn(
      {
        code: 'outbox_prepare_failed',
        itemId,
        errorName: error instanceof Error ? error.name : 'unknown',
      },
      'outbox delivery could not be prepared',
    );
    return requeueOrGiveUp(ctx, item, { kind: 'transient', platformCode: null });
  }
  if (prepared.kind === 'not-connected') {
    return markFailed(
      ctx,
      item,
      'sending',
      { kind: 'auth-expired', platformCode: null },
      NOT_CONNECTED_REASON,
    );
  }
  if (prepared.kind === 'media-missing') {
    return markFailed(
      ctx,
      item,
      'sending',
      { kind: 'rejected', reason: MEDIA_MISSING_REASON, platformCode: null },
      MEDIA_MISSING_REASON,
    );
  }
  if (prepared.kind === 'no-target') {
    return markCancelled(ctx, item);
  }
  const { channel, request } = prepared;
  const idempotent = keyStillHonoured(
    channel.connector.capabilities.has('idempotency-key'),
    item,
    ctx.now(),
  );
  if (!idempotent && item.failure_kind === 'outcome-unknown' && item.first_sent_at !== null) {
    // An earlier attempt may have gone out: look again before sending anything.
    const settled = await settleUnknown(ctx, item, await lookup(channel, request, item));
    if (settled !== 'absent') {
      return settled;
    }
  }
  let result: PublishResult;
  try {
    result = await channel.connector.publish(channel.auth, request);
  } catch (error) {
    result = { status: 'failed', failure: asFailure(error) };
  }
  if (result.status === 'failed' && result.failure.kind === 'outcome-unknown' && !idempotent) {
    const settled = await settleUnknown(ctx, item, await lookup(channel, request, item));
    if (settled !== 'absent') {
      return settled;
    }
  }
  return applyPublishResult(ctx, item, result);
}

/** Asks the platform about a post it is still processing; gives up to a person after a while. */
export async function checkItem(
  ctx: DeliveryContext,
  itemId: string,
  check: number,
): Promise<DeliveryResult> {
  const item = await findOutboxItemRow(ctx.db, itemId);
  if (item?.status !== 'processing' || item.pending_ref === null) {
    return 'skipped';
  }
  let result: PublishResult;
  try {
    const channel = await channelConnector(ctx.db, item.channel_id, ctx.keys, ctx.timeoutMs);
    result = await channel.connector.checkStatus(channel.auth, item.pending_ref);
  } catch (error) {
    result = {
      status: 'failed',
      failure:
        error instanceof AppError
          ? { kind: 'auth-expired', platformCode: null }
          : error instanceof PlatformError
            ? error.failure
            : { kind: 'transient', platformCode: null },
    };
  }
  if (result.status === 'published') {
    return markPublished(ctx, item, 'processing', result);
  }
  if (
    result.status === 'failed' &&
    (result.failure.kind === 'rejected' || result.failure.kind === 'auth-expired')
  ) {
    return markFailed(ctx, item, 'processing', result.failure);
  }
  // Still processing, or the check itself failed for a passing reason: look again later.
  if (check >= MAX_CHECKS) {
    return markUnconfirmed(ctx, item, 'processing');
  }
  await scheduleCheck(ctx, item, check + 1);
  return 'processing';
}
