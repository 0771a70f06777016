import { randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { RuntimeConfig } from '../app-context.ts';
import { channelConnector } from '../connections/connections.target.ts';
import type { Database } from '../database/database.types.ts';
import { STUTTGART_NETIQUETTE } from '../moderation/netiquette.model.ts';
import type { ModerationDeps } from '../moderation/moderation.pipeline.ts';
import { compileWordList, DEFAULT_WORD_LIST } from '../moderation/wordlist.match.ts';
import { scoreOffensive } from '../moderation/classifier.model.ts';
import type { ChannelPolicy } from '../moderation/moderation.pipeline.ts';
import { SANDBOX_ACCOUNTS, startOutboxTestbed } from '../publishing/outbox.testbed.ts';
import type { OutboxTestbed } from '../publishing/outbox.testbed.ts';
import { InboxEventBus } from './inbox.events.ts';
import type { InboxEvent } from './inbox.events.ts';
import type { IngestDeps } from './ingest.service.ts';

/**
 * Tests of ingestion: the real sandbox over HTTP with connected channels (the outbox testbed),
 * helpers to publish a Facebook post and let the public comment on it, and ingestion deps with
 * an isolated event bus whose events the test can read.
 */
export interface InboxTestbed {
  readonly bed: OutboxTestbed;
  readonly deps: IngestDeps;
  readonly events: InboxEvent[];
  /** Publishes on the channel's page (default: the testbed's Facebook channel); the post id. */
  publishFacebook(channelId?: string): Promise<string>;
  /** A member of the public comments on a Meta post; the comment id. */
  commentOnMeta(postId: string, text: string): Promise<string>;
  metaComments(): Promise<{ id: string; text: string; hidden: boolean }[]>;
  setPolicy(channelId: string, policy: ChannelPolicy): Promise<void>;
  close(): Promise<void>;
}

export function defaultModeration(): ModerationDeps {
  return {
    rules: STUTTGART_NETIQUETTE,
    wordList: compileWordList(DEFAULT_WORD_LIST),
    classifier: scoreOffensive,
  };
}

async function sandboxCall(url: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`sandbox ${method} ${url}: ${String(response.status)}`);
  }
  return response.status === 204 ? null : response.json();
}

export async function startInboxTestbed(
  db: Kysely<Database>,
  config: RuntimeConfig,
): Promise<InboxTestbed> {
  const bed = await startOutboxTestbed(db, config);
  const events: InboxEvent[] = [];
  const bus = new InboxEventBus();
  bus.subscribe((event) => events.push(event));
  const deps: IngestDeps = {
    moderation: defaultModeration(),
    keys: [bed.key],
    now: () => new Date(),
    events: bus,
    timeoutMs: 2000,
  };
  return {
    bed,
    deps,
    events,
    async publishFacebook(channelId = bed.channels.facebook) {
      const { connector, auth } = await channelConnector(db, channelId, [bed.key]);
      const published = await connector.publish(auth, {
        text: `Baustelle am Neckartor: ab Montag gesperrt (${randomBytes(3).toString('hex')})`,
        title: null,
        media: [],
        idempotencyKey: `inbox-${randomBytes(6).toString('hex')}`,
      });
      if (published.status !== 'published') {
        throw new Error(`publish failed: ${published.status}`);
      }
      return published.externalId;
    },
    async commentOnMeta(postId, text) {
      const created = (await sandboxCall(`${bed.sandboxUrl}/_sandbox/meta/comments`, 'POST', {
        objectId: postId,
        text,
        fromName: 'Erika Mustermann',
      })) as { id: string };
      return created.id;
    },
    async metaComments() {
      const listed = (await sandboxCall(`${bed.sandboxUrl}/_sandbox/meta/comments`, 'GET')) as {
        items: { id: string; text: string; hidden: boolean }[];
      };
      return listed.items;
    },
    async setPolicy(channelId, policy) {
      await db
        .insertInto('inbox_channel_settings')
        .values({ channel_id: channelId, policy, updated_by: null })
        .onConflict((conflict) => conflict.column('channel_id').doUpdateSet({ policy }))
        .execute();
    },
    close: () => bed.close(),
  };
}

export { SANDBOX_ACCOUNTS };
