/**
 * `npm run bench:inbox`: ingestion of synthetic German comments (the sandbox's generator,
 * `sandbox/src/sandbox.comments.ts`) into PostgreSQL including moderation (word list, classifier,
 * personal data, spam), deduplication and batched multi-row upserts. Reports
 *  - the baseline: the same rows inserted with plain multi-row INSERTs, no moderation, same run;
 *  - bulk ingestion of --count comments (100,000) through `ingestComments`: items/s (budget 2,000);
 *  - a measured portion (--http, 3,000) generated in the platform sandbox and read back over HTTP
 *    by the real Mastodon connector through the poll service (cursor paging, 40 per page), and the
 *    same pages read again without ingesting: the difference is ingestion's share. The sandbox
 *    renders each status by scanning all its posts, so its reads slow down as the stream grows;
 *    the bulk figure is the ingestion budget, this one shows the real path end to end;
 *  - the classifier alone on one core (budget 20,000/s) and the model's size.
 *
 * Database: a fresh one on the server of --database=URL or TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres; dropped at the end.
 * Options: --count=N (100000), --http=N (3000), --batch=N (1000), --workers=N (2), --database=URL.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { cpus } from 'node:os';

import pg from 'pg';

import { germanComment } from '../sandbox/src/sandbox.comments.ts';
import { captureLogger, testConfig } from '../server/test/test-app.ts';
import { readTestEnvironment } from '../server/src/config/config.ts';
import { channelConnector } from '../server/src/connections/connections.target.ts';
import { openDatabase } from '../server/src/database/database.ts';
import { migrateToLatest } from '../server/src/database/migrations.ts';
import { InboxEventBus } from '../server/src/inbox/inbox.events.ts';
import type { NewInboxItemRow } from '../server/src/inbox/inbox.table.ts';
import { loadModerationDeps } from '../server/src/inbox/ingest.moderation.ts';
import { insertItemRows } from '../server/src/inbox/ingest.repository.ts';
import { addResults, emptyResult, ingestComments } from '../server/src/inbox/ingest.service.ts';
import type { IngestDeps } from '../server/src/inbox/ingest.service.ts';
import { pollInboxChannels } from '../server/src/inbox/poll.service.ts';
import { defaultClassifier, WEIGHTS_FILE } from '../server/src/moderation/classifier.model.ts';
import type { RemoteComment } from '../server/src/platforms/connector.ts';
import { startOutboxTestbed } from '../server/src/publishing/outbox.testbed.ts';

const ITEMS_BUDGET = 2_000;
const CLASSIFIER_BUDGET = 20_000;

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

const count = Number(option('count') ?? '100000');
const httpCount = Number(option('http') ?? '3000');
const batchSize = Number(option('batch') ?? '1000');
const workers = Number(option('workers') ?? '2');

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The `index`-th generated comment as a connector would return it. */
function remoteComment(index: number, run: string): RemoteComment {
  const generated = germanComment(index);
  return {
    externalId: `bench-${run}-${index}`,
    parentExternalId: null,
    postExternalId: `bench-post-${index % 50}`,
    authorHandle: `${generated.author.username}@${generated.author.domain}`,
    authorName: generated.author.displayName,
    text: generated.text,
    createdAt: new Date(1_764_000_000_000 + index * 1000),
    kind: 'comment',
  };
}

/** Runs `work` over the batches with `parallel` batches in flight (moderation overlaps writes). */
async function inParallel<T>(
  batches: readonly T[],
  parallel: number,
  work: (batch: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) {
        const batch = batches[next];
        next += 1;
        if (batch !== undefined) {
          await work(batch);
        }
      }
    }),
  );
}

function classifierRate(texts: readonly string[], durationSeconds: number): number {
  const classifier = defaultClassifier();
  let sink = 0;
  for (const text of texts.slice(0, 2000)) {
    sink += classifier.score(text);
  }
  let done = 0;
  const start = process.hrtime.bigint();
  while (seconds(start) < durationSeconds) {
    for (const text of texts) {
      sink += classifier.score(text);
    }
    done += texts.length;
  }
  if (Number.isNaN(sink)) {
    process.stdout.write('');
  }
  return done / seconds(start);
}

const adminUrl =
  option('database') ??
  readTestEnvironment().databaseUrl ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const name = `sf_bench_inbox_${randomBytes(4).toString('hex')}`;
await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ kind: 'postgres', url: url.href, maxConnections: 4 });
const lines: string[] = [];
try {
  await migrateToLatest(database.db);
  const db = database.db;
  const config = await testConfig({ LOG_LEVEL: 'info' });
  const { log } = captureLogger();
  const bed = await startOutboxTestbed(db, config, { timeoutMs: 10_000 });
  const moderation = await loadModerationDeps(db);
  const deps: IngestDeps = {
    moderation,
    keys: [bed.key],
    now: () => new Date(),
    events: new InboxEventBus(),
  };
  const channel = { id: bed.channels.facebook, platform: 'facebook' };

  // Baseline: the same row shape, plain multi-row INSERTs, no moderation, no dedupe lookup.
  const baseCount = Math.min(count, 20_000);
  const baseRows: NewInboxItemRow[] = Array.from({ length: baseCount }, (_, index) => {
    const comment = remoteComment(index, 'base');
    return {
      channel_id: channel.id,
      platform: 'bench-baseline',
      external_id: comment.externalId,
      kind: 'comment',
      visibility: 'public',
      parent_external_id: null,
      post_external_id: comment.postExternalId,
      post_id: null,
      author_handle: comment.authorHandle,
      author_name: comment.authorName,
      text: comment.text,
      remote_created_at: comment.createdAt,
      edited_at: null,
      deleted_upstream_at: null,
      assignee_id: null,
      org_unit_id: null,
      case_id: null,
      hidden_rule_id: null,
      verdict: 'ok',
      verdict_score: 0,
      verdict_rule_id: null,
      verdict_reasons: '[]',
      personal_data: [],
    };
  });
  const baseStart = process.hrtime.bigint();
  const baseBatches = Array.from({ length: Math.ceil(baseCount / batchSize) }, (_, i) =>
    baseRows.slice(i * batchSize, (i + 1) * batchSize),
  );
  await inParallel(baseBatches, workers, async (rows) => {
    await insertItemRows(db, rows);
  });
  const baseRate = baseCount / seconds(baseStart);

  // Bulk: every comment through ingestComments (moderation, dedupe lookup, batched upsert).
  const comments = Array.from({ length: count }, (_, index) => remoteComment(index, 'bulk'));
  const batches = Array.from({ length: Math.ceil(count / batchSize) }, (_, i) =>
    comments.slice(i * batchSize, (i + 1) * batchSize),
  );
  const totals = emptyResult();
  const bulkStart = process.hrtime.bigint();
  await inParallel(batches, workers, async (batch) => {
    addResults(totals, await ingestComments(db, channel, batch, deps));
  });
  const bulkSeconds = seconds(bulkStart);
  const bulkRate = count / bulkSeconds;
  const flagged = await db
    .selectFrom('inbox_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('platform', '=', 'facebook')
    .where('verdict', '!=', 'ok')
    .executeTakeFirstOrThrow();

  // A second pass over the same comments: all duplicates, nothing written.
  const againStart = process.hrtime.bigint();
  const again = emptyResult();
  await inParallel(batches.slice(0, 10), workers, async (batch) => {
    addResults(again, await ingestComments(db, channel, batch, deps));
  });
  const againRate = Math.min(count, 10 * batchSize) / seconds(againStart);

  // Over HTTP: the sandbox's stream makes the comments, the Mastodon connector reads them.
  const { connector, auth } = await channelConnector(db, bed.channels.mastodon, [bed.key]);
  await connector.publish(auth, {
    text: 'Bench: Die Stadtbahnlinie U1 fährt ab Montag wieder nach Fellbach.',
    title: null,
    media: [],
    idempotencyKey: 'bench-inbox-status',
  });
  const burst = (n: number) =>
    fetch(`${bed.sandboxUrl}/_sandbox/mastodon/stream/burst`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: n }),
    });
  const poll = (pageCap: number) =>
    pollInboxChannels(db, {
      keys: [bed.key],
      now: () => new Date(),
      log,
      pageCap,
      timeoutMs: 10_000,
      moderation,
      events: new InboxEventBus(),
    });
  // A first poll sets the cursor: without one a channel starts with the latest page only.
  await burst(1);
  await poll(1);
  const startCursor = (
    await db
      .selectFrom('inbox_cursors')
      .select('cursor')
      .where('channel_id', '=', bed.channels.mastodon)
      .executeTakeFirstOrThrow()
  ).cursor;
  for (let made = 0; made < httpCount; made += 1000) {
    await burst(Math.min(1000, httpCount - made));
  }
  const httpStart = process.hrtime.bigint();
  const polled = await poll(1_000_000);
  const httpSeconds = seconds(httpStart);
  const mastodon = polled.find((entry) => entry.channelId === bed.channels.mastodon);
  const httpCreated = mastodon?.status === 'ok' ? mastodon.result.created : 0;
  // The same pages again, read only: what the sandbox and HTTP cost without ingestion.
  const readStart = process.hrtime.bigint();
  let readCursor = startCursor;
  let read = 0;
  for (;;) {
    const page = await connector.readComments?.(auth, readCursor);
    if (page === undefined || page.items.length === 0 || page.nextCursor === readCursor) {
      break;
    }
    read += page.items.length;
    readCursor = page.nextCursor;
  }
  const readSeconds = seconds(readStart);
  await bed.close();

  const texts = comments.slice(0, 5000).map((comment) => comment.text);
  const classifierPerSecond = classifierRate(texts, 3);
  const modelBytes = statSync(WEIGHTS_FILE).size;

  lines.push(
    `inbox ingestion into PostgreSQL (${cpus().length} cores, batches of ${batchSize}, ${workers} in flight)`,
    `baseline plain multi-row INSERT, no moderation: ${baseCount} rows, ${baseRate.toFixed(0)} rows/s`,
    `ingest with moderation: ${count} comments in ${bulkSeconds.toFixed(1)} s = ${bulkRate.toFixed(0)} items/s (${((bulkRate / baseRate) * 100).toFixed(1)} % of baseline; budget ${ITEMS_BUDGET}); created ${totals.created}, verdict not ok ${flagged.n}`,
    `duplicates (same comments again): ${againRate.toFixed(0)} items/s, created ${again.created}, unchanged ${again.unchanged}`,
    `over HTTP (sandbox stream → Mastodon connector → poll service): ${httpCreated} of ${httpCount} comments in ${httpSeconds.toFixed(1)} s = ${(httpCreated / httpSeconds).toFixed(0)} items/s; reading the same ${read} alone took ${readSeconds.toFixed(1)} s, so ingestion's share was ${Math.max(0, httpSeconds - readSeconds).toFixed(1)} s`,
    `classifier scoreOffensive, one core: ${classifierPerSecond.toFixed(0)} comments/s (budget ${CLASSIFIER_BUDGET})`,
    `model: ${modelBytes} bytes (${(modelBytes / 1024 / 1024).toFixed(2)} MB) on disk`,
    `${bulkRate >= ITEMS_BUDGET ? 'OK' : 'UNDER BUDGET'}: ${bulkRate.toFixed(0)} items/s ingested with moderation`,
    `${classifierPerSecond >= CLASSIFIER_BUDGET ? 'OK' : 'UNDER BUDGET'}: ${classifierPerSecond.toFixed(0)} comments/s classified on one core`,
    '',
  );
} finally {
  await database.close();
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
process.stdout.write(lines.join('\n'));
