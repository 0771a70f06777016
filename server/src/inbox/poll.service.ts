import type { Kysely } from 'kysely';
import type { Logger } from 'pino';

import { channelConnectors } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import type { ModerationDeps } from '../moderation/moderation.pipeline.ts';
import { PlatformError } from '../platforms/connector.ts';
import type { EncryptionKey } from '../shared/crypto.ts';
import type { InboxEventBus } from './inbox.events.ts';
import { loadChannelPolicies, loadModerationDeps } from './ingest.moderation.ts';
import {
  findCursor,
  listConnectedChannels,
  saveCursorFailure,
  saveCursorOk,
} from './ingest.repository.ts';
import { addResults, emptyResult, ingestComments } from './ingest.service.ts';
import type { IngestResult } from './ingest.service.ts';

/** Pages read per channel and run; the rest follows a minute later from the stored cursor. */
export const POLL_PAGE_CAP = 10;
/** Per platform call in the background: nobody waits, but a hanging platform must not block. */
export const POLL_TIMEOUT_MS = 15_000;

export interface PollDeps {
  readonly keys: readonly EncryptionKey[];
  readonly now: () => Date;
  readonly log: Logger;
  readonly timeoutMs?: number;
  readonly pageCap?: number;
  readonly events?: InboxEventBus;
  readonly moderation?: ModerationDeps;
}

export type ChannelPollResult =
  | {
      readonly channelId: string;
      readonly status: 'ok';
      readonly pages: number;
      readonly result: IngestResult;
    }
  | { readonly channelId: string; readonly status: 'failed'; readonly failure: string }
  | {
      readonly channelId: string;
      readonly status: 'skipped';
      readonly reason: 'not-connected' | 'cannot-read';
    };

/**
 * Reads every connected channel whose connector can read comments, from its stored cursor, and
 * ingests what it finds. Polling is the ground truth; webhooks only make items arrive sooner.
 * One channel's failure is stored as its failure kind (never a platform body) and the others go on.
 */
export async function pollInboxChannels(
  db: Kysely<Database>,
  deps: PollDeps,
): Promise<ChannelPollResult[]> {
  const channels = await listConnectedChannels(db);
  if (channels.length === 0) {
    return [];
  }
  const timeoutMs = deps.timeoutMs ?? POLL_TIMEOUT_MS;
  const connectors = await channelConnectors(
    db,
    channels.map((channel) => channel.id),
    deps.keys,
    timeoutMs,
  );
  const moderation = deps.moderation ?? (await loadModerationDeps(db));
  const policies = await loadChannelPolicies(
    db,
    channels.map((channel) => channel.id),
  );
  const results: ChannelPollResult[] = [];
  for (const channel of channels) {
    const entry = connectors.get(channel.id);
    if (entry === undefined || !('connector' in entry)) {
      results.push({ channelId: channel.id, status: 'skipped', reason: 'not-connected' });
      continue;
    }
    const { connector, auth } = entry;
    const read = connector.readComments?.bind(connector);
    if (!connector.capabilities.has('read-comments') || read === undefined) {
      results.push({ channelId: channel.id, status: 'skipped', reason: 'cannot-read' });
      continue;
    }
    try {
      let cursor = await findCursor(db, channel.id);
      let pages = 0;
      let seen = 0;
      const result = emptyResult();
      const cap = deps.pageCap ?? POLL_PAGE_CAP;
      while (pages < cap) {
        const page = await read(auth, cursor);
        pages += 1;
        seen += page.items.length;
        addResults(
          result,
          await ingestComments(db, { id: channel.id, platform: channel.platform_key }, page.items, {
            moderation,
            policies,
            keys: deps.keys,
            now: deps.now,
            timeoutMs,
            ...(deps.events ? { events: deps.events } : {}),
          }),
        );
        const next = page.nextCursor;
        // Some platforms answer the same cursor when nothing is new (Mastodon, LinkedIn, X).
        const done = next === null || next === cursor || page.items.length === 0;
        cursor = next;
        if (done) {
          break;
        }
      }
      await saveCursorOk(db, channel.id, cursor, seen, deps.now());
      results.push({ channelId: channel.id, status: 'ok', pages, result });
    } catch (error) {
      const failure = error instanceof PlatformError ? error.failure.kind : 'unexpected';
      if (failure === 'unexpected') {
        // The error's name only: messages may quote platform bodies or comment texts.
        deps.log.error(
          {
            code: 'inbox_poll_error',
            channelId: channel.id,
            errorName: error instanceof Error ? error.name : 'unknown',
          },
          'inbox poll failed unexpectedly',
        );
      }
      await saveCursorFailure(db, channel.id, failure, deps.now());
      results.push({ channelId: channel.id, status: 'failed', failure });
    }
  }
  return results;
}
