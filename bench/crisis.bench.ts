/**
 * `npm run bench:crisis`: one approval of a warning → accepted by 28 channels (8 central + 20
 * department: Mastodon, X, LinkedIn, Facebook) through the real fast path (approval, outbox,
 * in-process fan-out; the pg-boss priority lane for retries) against the platform sandbox over
 * HTTP with 300 ± 100 ms per call. Reports, per round, the time from the approval until the last
 * channel accepted (p50/p95) and its ratio to the slowest single platform call of that round
 * (budget ≤ 1.3). Scenario 2 injects 20 % 5xx/429 on X and LinkedIn: the healthy channels must
 * stay within budget, every channel must end published, and nothing may be posted twice.
 *
 * Options: --rounds=N (10), --engine=pglite|postgres (pglite; postgres needs TEST_DATABASE_URL).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { createLinkedInSandbox } from '../sandbox/src/platforms/linkedin.sandbox.ts';
import { mastodonSandbox } from '../sandbox/src/platforms/mastodon.sandbox.ts';
import { createMetaSandbox } from '../sandbox/src/platforms/meta.sandbox.ts';
import { createXSandbox } from '../sandbox/src/platforms/x.sandbox.ts';
import { dwdWarning } from '../server/test/crisis-factories.ts';
import { buildUser } from '../server/test/factories.ts';
import { captureLogger, testConfig } from '../server/test/test-app.ts';
import { createTestDatabase } from '../server/test/test-database.ts';
import type { DatabaseEngine } from '../server/src/database/database.ts';
import { approveCrisisPost } from '../server/src/crisis/crisis.approval.ts';
import { importContent } from '../server/src/crisis/crisis.intake.ts';
import { dispatchNow } from '../server/src/crisis/crisis.dispatch.ts';
import { createJobQueue } from '../server/src/jobs/job-queue.ts';
import { publishingDeliverPriorityJob } from '../server/src/jobs/publishing-deliver-priority.job.ts';
import { SANDBOX_ACCOUNTS, startOutboxTestbed } from '../server/src/publishing/outbox.testbed.ts';
import type { OutboxPlatform, OutboxTestbed } from '../server/src/publishing/outbox.testbed.ts';

interface Scenario {
  readonly name: string;
  readonly faulty: readonly OutboxPlatform[];
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'latency 300±100 ms', faulty: [] },
  { name: '+ 20 % 5xx/429 on X, LinkedIn', faulty: ['x', 'linkedin'] },
];
const LATENCY = { min: 200, max: 400 };
const LINKEDIN_ORGS = Array.from(
  { length: 6 },
  (_, i) => `urn:li:organization:55500${String(10 + i)}`,
);

/** The publishing call of each platform (pins, uploads and lookups are not part of acceptance). */
function publishPlatform(method: string, url: string): OutboxPlatform | undefined {
  if (method !== 'POST') {
    return undefined;
  }
  const path = url.split('?')[0] ?? '';
  if (path === '/api/v1/statuses') {
    return 'mastodon';
  }
  if (path === '/2/tweets') {
    return 'x';
  }
  if (path === '/rest/posts') {
    return 'linkedin';
  }
  return /^\/v[0-9.]+\/[0-9]+\/feed$/.test(path) ? 'facebook' : undefined;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** 28 channels: 10 Mastodon and 8 X accounts, 6 LinkedIn organisations, 4 on the Facebook page. */
async function channels(
  bed: OutboxTestbed,
): Promise<{ id: string; platform: OutboxPlatform; account: string }[]> {
  const made: { id: string; platform: OutboxPlatform; account: string }[] = [];
  const add = async (platform: OutboxPlatform, account: string) => {
    made.push({ id: await bed.addChannel(platform, true, account), platform, account });
  };
  for (let i = 1; i <= 10; i += 1) {
    await add('mastodon', `1100000000000000${String(i).padStart(2, '0')}`);
  }
  for (let i = 1; i <= 8; i += 1) {
    await add('x', `16000000000000000${String(i).padStart(2, '0')}`);
  }
  for (const org of LINKEDIN_ORGS) {
    await add('linkedin', org);
  }
  for (let i = 0; i < 4; i += 1) {
    await add('facebook', SANDBOX_ACCOUNTS.facebook);
  }
  return made;
}

interface Round {
  /** Approval → the last platform answered "accepted" (all channels, retries included). */
  readonly allMs: number;
  /** The same for the platforms without injected faults. */
  readonly healthyMs: number;
  /** Approval → the last acceptance was recorded in the outbox. */
  readonly recordedMs: number;
  readonly slowestCallMs: number;
}

async function run(scenario: Scenario, rounds: number, engine: DatabaseEngine) {
  const database = await createTestDatabase(engine);
  const config = await testConfig({ LOG_LEVEL: 'info' });
  const { log } = captureLogger();
  const calls: { platform: OutboxPlatform; end: number; ms: number; ok: boolean }[] = [];
  const many = 1_000_000;
  const bed = await startOutboxTestbed(database.db, config, {
    plugins: [
      mastodonSandbox,
      createXSandbox({
        tweetsPer24h: many,
        windowLimits: { 'tweets-create': many, 'users-me': many, 'users-tweets': many },
      }),
      createMetaSandbox({ appCallsPerHour: many }),
      createLinkedInSandbox({
        postsPerDay: many,
        organizations: [SANDBOX_ACCOUNTS.linkedin, ...LINKEDIN_ORGS],
      }),
    ],
    timeoutMs: 10_000,
    onResponse: (request) => {
      const platform = publishPlatform(request.method, request.url);
      if (platform !== undefined) {
        calls.push({ platform, end: Date.now(), ms: request.ms, ok: request.status < 300 });
      }
    },
  });
  const queue = createJobQueue({
    database,
    config,
    log,
    jobs: [publishingDeliverPriorityJob],
    work: true,
    pollingIntervalSeconds: 0.5,
  });
  try {
    await fetch(`${bed.sandboxUrl}/_sandbox/mastodon/instance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiRequestsPer5Minutes: many }),
    });
    const made = await channels(bed);
    await database.db
      .updateTable('crisis_settings')
      .set({ channel_order: made.map((c) => c.id) })
      .execute();
    const approver = await buildUser(database.db, { roles: [{ role: 'crisis-approver' }] });
    const actor = { userId: approver.id, role: 'crisis-approver', correlationId: null };
    for (const platform of ['mastodon', 'x', 'facebook', 'linkedin'] as const) {
      await bed.faults(platform, {
        latencyMs: LATENCY,
        errorRate: scenario.faulty.includes(platform) ? 0.1 : 0,
      });
    }
    await queue.start();
    const deps = {
      mailer: undefined,
      publicUrl: 'https://www.stuttgart.de',
      log,
      now: () => new Date(),
    };
    const results: Round[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const [outcome] = await importContent(
        database.db,
        dwdWarning({
          headline: `Amtliche UNWETTERWARNUNG Runde ${String(round)} ${String(Date.now())}`,
        }).xml,
        deps,
      );
      if (outcome?.kind !== 'incident') {
        throw new Error(`round ${String(round)}: ${String(outcome?.kind)}`);
      }
      const post = await database.db
        .selectFrom('crisis_posts')
        .select('post_id')
        .where('incident_id', '=', outcome.incident.id)
        .executeTakeFirstOrThrow();
      for (const platform of scenario.faulty) {
        // The other half of the 20 %: 429 answers with a short Retry-After.
        const channelsThere = made.filter((c) => c.platform === platform).length;
        await bed.faults(platform, {
          rateLimit: { count: Math.max(1, Math.round(channelsThere * 0.1)), retryAfterSeconds: 1 },
        });
      }
      calls.length = 0;
      const started = Date.now();
      const approved = await approveCrisisPost(database.db, actor, post.post_id);
      if (approved.status !== 'released') {
        throw new Error(approved.status);
      }
      const ctx = {
        db: database.db,
        config,
        log,
        now: () => new Date(),
        jobs: queue,
        keys: [bed.key],
        mailer: undefined,
        publicUrl: config.publicUrl,
        timeoutMs: 10_000,
      };
      await dispatchNow(ctx, approved.items);
      for (;;) {
        const open = await database.db
          .selectFrom('outbox_items')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('post_id', '=', post.post_id)
          .where('status', 'in', ['queued', 'sending', 'processing'])
          .executeTakeFirstOrThrow();
        if (Number(open.n) === 0) {
          break;
        }
        await sleep(100);
      }
      const items = await database.db
        .selectFrom('outbox_items')
        .select(['channel_id', 'status', 'published_at'])
        .where('post_id', '=', post.post_id)
        .execute();
      const unpublished = items.filter((item) => item.status !== 'published');
      if (unpublished.length > 0) {
        throw new Error(`round ${String(round)}: ${String(unpublished.length)} not published`);
      }
      const accepted = calls.filter((call) => call.ok);
      const lastEnd = (filter: (call: (typeof accepted)[number]) => boolean) =>
        Math.max(...accepted.filter(filter).map((call) => call.end)) - started;
      results.push({
        allMs: lastEnd(() => true),
        healthyMs: lastEnd((call) => !scenario.faulty.includes(call.platform)),
        recordedMs: Math.max(...items.map((i) => i.published_at?.getTime() ?? 0)) - started,
        slowestCallMs: Math.max(...accepted.map((call) => call.ms)),
      });
    }
    // Duplicates: each account must hold exactly as many warning posts as it has channels.
    let duplicates = 0;
    const accounts = [...new Set(made.map((c) => `${c.platform}|${c.account}`))].map(
      (key) => key.split('|') as [OutboxPlatform, string],
    );
    for (const [platform, account] of accounts) {
      const expected =
        made.filter((c) => c.platform === platform && c.account === account).length * rounds;
      const posted = (await bed.sandboxPosts(platform, account)).filter((p) =>
        p.text?.includes('Runde'),
      ).length;
      duplicates += Math.max(0, posted - expected);
    }
    return { results, duplicates, channels: made.length };
  } finally {
    await queue.stop(5_000);
    await bed.close();
    await database.close();
  }
}

async function main(): Promise<void> {
  const rounds = Number(option('rounds') ?? '10');
  const engine = (option('engine') ?? 'pglite') as DatabaseEngine;
  const lines: string[] = [];
  let failed = false;
  for (const scenario of SCENARIOS) {
    const { results, duplicates, channels: count } = await run(scenario, rounds, engine);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const all = sorted(results.map((r) => r.allMs));
    const healthy = sorted(results.map((r) => r.healthyMs));
    const recorded = sorted(results.map((r) => r.recordedMs));
    const ratios = sorted(results.map((r) => r.healthyMs / r.slowestCallMs));
    const slowest = sorted(results.map((r) => r.slowestCallMs));
    const within = percentile(ratios, 50) <= 1.3;
    failed ||= !within || duplicates > 0;
    const ms = (values: number[]) =>
      `${percentile(values, 50).toFixed(0)} / ${percentile(values, 95).toFixed(0)}`;
    lines.push(
      `| ${scenario.name} | ${String(count)} | ${ms(slowest)} | ${ms(healthy)} | ${percentile(ratios, 50).toFixed(2)}× / ${percentile(ratios, 95).toFixed(2)}× | ${ms(all)} | ${ms(recorded)} | ${String(duplicates)} | ${within ? 'yes' : 'NO'} |`,
    );
    process.stdout.write(`${scenario.name}: ${String(rounds)} rounds done\n`);
  }
  process.stdout.write(
    `\nCrisis fan-out, engine ${engine}, ${String(rounds)} rounds per scenario: approval → accepted; ratio = time ÷ slowest single platform call of the same round\n\n` +
      '| scenario | channels | slowest call p50 / p95 ms | healthy accepted p50 / p95 ms | ratio p50 / p95 (budget ≤ 1.3 at p50) | all accepted p50 / p95 ms | all recorded p50 / p95 ms | duplicates | within budget |\n' +
      '|---|---|---|---|---|---|---|---|---|\n' +
      `${lines.join('\n')}\n`,
  );
  if (failed) {
    process.exitCode = 1;
  }
}

await main();
