/**
 * `npm run bench:publishing`: 1,000 posts scheduled for the same minute on 8 channels, delivered
 * through the real scheduler job, pg-boss and the delivery jobs to the platform sandbox over
 * HTTP. Scenarios: no latency (the baseline), 200 ms per platform call, and 200 ms with about
 * 10 % injected 5xx and 429 answers. Prints posts/s and the delay from the scheduled instant to
 * platform acceptance (p50/p95/max), each also as a ratio to the baseline of the same run.
 *
 * Options: --posts=N (1000), --engine=pglite|postgres (pglite; postgres needs
 * TEST_DATABASE_URL), --workers=N (the delivery job's own setting), --only=name,name.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { Kysely } from 'kysely';

import { createLinkedInSandbox } from '../sandbox/src/platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from '../sandbox/src/platforms/mastodon.sandbox.ts';
import { createMetaSandbox } from '../sandbox/src/platforms/meta.sandbox.ts';
import { createXSandbox } from '../sandbox/src/platforms/x.sandbox.ts';
import { captureLogger, testConfig } from '../server/test/test-app.ts';
import { createTestDatabase } from '../server/test/test-database.ts';
import type { DatabaseEngine } from '../server/src/database/database.ts';
import type { Database } from '../server/src/database/database.types.ts';
import { createJobQueue } from '../server/src/jobs/job-queue.ts';
import { publishingCheckJob } from '../server/src/jobs/publishing-check.job.ts';
import { publishingDeliverJob } from '../server/src/jobs/publishing-deliver.job.ts';
import { publishingSchedulerJob } from '../server/src/jobs/publishing-scheduler.job.ts';
import { SCHEDULER_JOB } from '../server/src/publishing/outbox.jobs.ts';
import { SANDBOX_ACCOUNTS, startOutboxTestbed } from '../server/src/publishing/outbox.testbed.ts';
import type { OutboxPlatform, OutboxTestbed } from '../server/src/publishing/outbox.testbed.ts';

interface Scenario {
  readonly name: string;
  readonly latencyMs: number;
  /** Share of platform calls answered 503 before they take effect. */
  readonly errorRate: number;
  /**
   * Share of calls answered 429 (Retry-After 2 s). The sandbox injects 429s by count, so the
   * bench adds them per platform in proportion to the delivery attempts made there.
   */
  readonly rateLimitShare: number;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'baseline-0ms', latencyMs: 0, errorRate: 0, rateLimitShare: 0 },
  { name: 'latency-200ms', latencyMs: 200, errorRate: 0, rateLimitShare: 0 },
  { name: 'latency-200ms+faults', latencyMs: 200, errorRate: 0.07, rateLimitShare: 0.03 },
];

interface Result {
  readonly scenario: string;
  readonly deliveries: number;
  readonly published: number;
  readonly unconfirmed: number;
  readonly failed: number;
  readonly postsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly retries: Readonly<Record<string, number>>;
  readonly mastodonDuplicates: number;
  readonly wallSeconds: number;
  readonly spanSeconds: number;
  readonly attempts: number;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

async function attemptsByPlatform(db: Kysely<Database>): Promise<Map<OutboxPlatform, number>> {
  const rows = await db
    .selectFrom('outbox_items')
    .innerJoin('channels', 'channels.id', 'outbox_items.channel_id')
    .innerJoin('platforms', 'platforms.id', 'channels.platform_id')
    .select(['platforms.key', (eb) => eb.fn.sum<string>('outbox_items.attempts').as('n')])
    .groupBy('platforms.key')
    .execute();
  return new Map(
    rows.flatMap((row) =>
      row.key in SANDBOX_ACCOUNTS ? [[row.key as OutboxPlatform, Number(row.n)] as const] : [],
    ),
  );
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** Platform limits raised: the bench measures Stadtfunk's pipeline, not X's daily cap. */
function benchPlugins() {
  const many = 1_000_000;
  return [
    mastodonSandbox,
    createXSandbox({
      tweetsPer24h: many,
      windowLimits: { 'tweets-create': many, 'users-me': many, 'users-tweets': many },
    }),
    createMetaSandbox({ appCallsPerHour: many }),
    createLinkedInSandbox({
      postsPerDay: many,
      organizations: [SANDBOX_ACCOUNTS.linkedin, 'urn:li:organization:5550002'],
    }),
  ];
}

/** 8 channels: 3 Mastodon accounts, 2 X accounts, 2 LinkedIn organizations, 1 Facebook page. */
async function benchChannels(bed: OutboxTestbed): Promise<string[]> {
  const extra: [OutboxPlatform, string][] = [
    ['mastodon', '110000000000000002'],
    ['mastodon', '110000000000000003'],
    ['x', '1600000000000000002'],
    ['linkedin', 'urn:li:organization:5550002'],
  ];
  const ids = [bed.channels.mastodon, bed.channels.x, bed.channels.linkedin, bed.channels.facebook];
  for (const [platform, account] of extra) {
    ids.push(await bed.addChannel(platform, true, account));
  }
  return ids;
}

async function run(
  scenario: Scenario,
  posts: number,
  engine: DatabaseEngine,
  workers: number | undefined,
): Promise<Result> {
  const database = await createTestDatabase(engine);
  const config = await testConfig({ LOG_LEVEL: 'info' });
  const { log, lines } = captureLogger();
  const bed = await startOutboxTestbed(database.db, config, {
    plugins: benchPlugins(),
    timeoutMs: 30_000,
  });
  const deliver =
    workers === undefined ? publishingDeliverJob : { ...publishingDeliverJob, workers };
  const queue = createJobQueue({
    database,
    config,
    log,
    jobs: [publishingSchedulerJob, deliver, publishingCheckJob],
    work: true,
    pollingIntervalSeconds: 0.5,
  });
  let ticker: NodeJS.Timeout | undefined;
  try {
    // Mastodon's stock throttle (300 calls per 5 minutes) would dominate; raised like the others.
    await fetch(`${bed.sandboxUrl}/_sandbox/mastodon/instance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiRequestsPer5Minutes: 1_000_000 }),
    });
    const channelIds = await benchChannels(bed);
    const scheduledAt = new Date(Date.now() + 5_000);
    for (let i = 0; i < posts; i += 1) {
      await bed.createPost({
        channelIds,
        status: 'scheduled',
        scheduledAt,
        text: `Bench ${scenario.name} Beitrag ${String(i)} ${String(scheduledAt.getTime())}`,
      });
    }
    for (const platform of ['mastodon', 'x', 'facebook', 'linkedin'] as const) {
      await bed.faults(platform, {
        latencyMs: { min: scenario.latencyMs, max: scenario.latencyMs },
        errorRate: scenario.errorRate,
      });
    }
    await queue.start();
    if (scenario.rateLimitShare > 0) {
      // One 429 per platform for every 1/share attempts actually made there (carried over).
      const seen = new Map<string, number>();
      const owed = new Map<string, number>();
      ticker = setInterval(() => {
        void attemptsByPlatform(database.db).then(async (counts) => {
          for (const [platform, attempts] of counts) {
            const debt =
              (owed.get(platform) ?? 0) +
              (attempts - (seen.get(platform) ?? 0)) * scenario.rateLimitShare;
            seen.set(platform, attempts);
            const due = Math.floor(debt);
            owed.set(platform, debt - due);
            if (due > 0) {
              await bed.faults(platform, { rateLimit: { count: due, retryAfterSeconds: 2 } });
            }
          }
        });
      }, 200);
    }
    // The minute's scheduler run, at the scheduled instant (pg-boss's own cron lag is left out).
    await sleep(Math.max(0, scheduledAt.getTime() - Date.now()));
    const started = Date.now();
    await queue.runNow(SCHEDULER_JOB);
    // Done when nothing is left for the machine: unconfirmed deliveries wait for a person.
    const open = async () => {
      const rows = await database.db
        .selectFrom('outbox_items')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy('status')
        .execute();
      const scheduled = await database.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'scheduled')
        .executeTakeFirstOrThrow();
      const by = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
      const busy =
        Number(scheduled.n) + (by['queued'] ?? 0) + (by['sending'] ?? 0) + (by['processing'] ?? 0);
      return { busy, by };
    };
    let lastReport = Date.now();
    for (;;) {
      const state = await open();
      if (state.busy === 0) {
        break;
      }
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        process.stdout.write(
          `  ${scenario.name} +${String(Math.round((Date.now() - started) / 1000))} s: ${JSON.stringify(state.by)}\n`,
        );
      }
      await sleep(250);
    }
    const wallSeconds = (Date.now() - started) / 1000;
    if (ticker !== undefined) {
      clearInterval(ticker);
    }
    const items = await database.db
      .selectFrom('outbox_items')
      .innerJoin('posts', 'posts.id', 'outbox_items.post_id')
      .select([
        'outbox_items.status',
        'outbox_items.published_at',
        'outbox_items.attempts',
        'posts.scheduled_at',
      ])
      .execute();
    const delays = items
      .filter((item) => item.published_at !== null && item.scheduled_at !== null)
      .map(
        (item) =>
          ((item.published_at?.getTime() ?? 0) - (item.scheduled_at?.getTime() ?? 0)) / 1000,
      )
      .sort((a, b) => a - b);
    const settled = await database.db
      .selectFrom('outbox_items')
      .select((eb) => eb.fn.max('updated_at').as('last'))
      .executeTakeFirstOrThrow();
    // Until the last delivery's final state (published, failed, or handed to a person).
    const span = (new Date(settled.last).getTime() - scheduledAt.getTime()) / 1000;
    const retries: Record<string, number> = {};
    for (const line of lines) {
      const match = /"result":"requeued".*"failureKind":"([a-z-]+)"/.exec(line);
      if (match?.[1] !== undefined) {
        retries[match[1]] = (retries[match[1]] ?? 0) + 1;
      }
    }
    let mastodonDuplicates = 0;
    for (const account of ['110000000000000001', '110000000000000002', '110000000000000003']) {
      const texts = (await bed.sandboxPosts('mastodon', account)).map((post) => post.text ?? '');
      mastodonDuplicates += texts.length - new Set(texts).size;
    }
    const published = items.filter((item) => item.status === 'published').length;
    return {
      scenario: scenario.name,
      deliveries: items.length,
      published,
      unconfirmed: items.filter((item) => item.status === 'unconfirmed').length,
      failed: items.filter((item) => item.status === 'failed').length,
      postsPerSecond: posts / span,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      max: delays.at(-1) ?? Number.NaN,
      retries,
      mastodonDuplicates,
      wallSeconds,
      spanSeconds: span,
      attempts: items.reduce((sum, item) => sum + item.attempts, 0),
    };
  } finally {
    if (ticker !== undefined) {
      clearInterval(ticker);
    }
    await queue.stop(10_000);
    await bed.close();
    await database.close();
  }
}

function table(results: readonly Result[]): string {
  const base = results[0];
  const ratio = (value: number, of: number | undefined) =>
    of === undefined || of === 0 ? '–' : `${(value / of).toFixed(2)}×`;
  const header = [
    'scenario',
    'published',
    'failed',
    'unconfirmed',
    'posts/s',
    '×base',
    'p50 s',
    '×base',
    'p95 s',
    '×base',
    'max s',
    'attempts',
    'requeued by kind',
    'Mastodon dup.',
  ];
  const rows = results.map((r) => [
    r.scenario,
    `${String(r.published)}/${String(r.deliveries)}`,
    String(r.failed),
    String(r.unconfirmed),
    r.postsPerSecond.toFixed(1),
    ratio(r.postsPerSecond, base?.postsPerSecond),
    r.p50.toFixed(2),
    ratio(r.p50, base?.p50),
    r.p95.toFixed(2),
    ratio(r.p95, base?.p95),
    r.max.toFixed(2),
    String(r.attempts),
    Object.entries(r.retries)
      .map(([kind, n]) => `${kind} ${String(n)}`)
      .join(', ') || '0',
    String(r.mastodonDuplicates),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const posts = Number(option('posts') ?? '1000');
  const engine = (option('engine') ?? 'pglite') as DatabaseEngine;
  const workersOption = option('workers');
  const workers = workersOption === undefined ? undefined : Number(workersOption);
  const only = option('only')?.split(',');
  const results: Result[] = [];
  for (const scenario of SCENARIOS.filter((s) => only === undefined || only.includes(s.name))) {
    const result = await run(scenario, posts, engine, workers);
    results.push(result);
    process.stdout.write(`${scenario.name}: done in ${result.wallSeconds.toFixed(1)} s\n`);
  }
  process.stdout.write(
    `\n${String(posts)} posts × 8 channels, engine ${engine}, delivery workers ${String(workers ?? publishingDeliverJob.workers)}\n` +
      'delay = platform acceptance (published_at) − scheduled instant; ratios against the first row\n\n' +
      `${table(results)}\n`,
  );
  const duplicates = results.reduce((sum, r) => sum + r.mastodonDuplicates, 0);
  if (duplicates > 0) {
    process.exitCode = 1;
  }
}

await main();
