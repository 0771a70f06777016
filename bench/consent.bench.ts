/**
 * `npm run bench:consent`: the consent-proof endpoint (POST /api/consent/proofs) of the real app
 * on PGlite against a bare Fastify route that parses the same body and answers 204, both loaded
 * by autocannon in the same run. Prints requests/s, p50/p99 latency and the ratio to the bare
 * route (budget ≥ 25 %), then counts the stored rows so the figure is not one of dropped proofs.
 *
 * Options: --duration=S (10), --connections=N (50).
 */
import { randomBytes } from 'node:crypto';

import autocannon from 'autocannon';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';

import type { AppContext } from '../server/src/app-context.ts';
import { buildApp } from '../server/src/app.ts';
import { PROOF_PATH } from '../server/src/consent/consent.config.ts';
import { encryptionKeyFrom } from '../server/src/shared/crypto.ts';
import { captureLogger, testConfig } from '../server/test/test-app.ts';
import { createTestDatabase } from '../server/test/test-database.ts';

const BUDGET = 0.25;
const WARMUP_SECONDS = 2;

interface Load {
  readonly name: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly ok: number;
  readonly other: number;
  readonly errors: number;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** A proof as the widget sends it: text/plain JSON, so the browser needs no preflight. */
function proofBody(visitorId: string): string {
  return JSON.stringify({
    id: visitorId,
    configVersion: randomBytes(32).toString('hex'),
    choices: { youtube: true, instagram: false, mastodon: true, matomo: false },
    at: new Date().toISOString(),
  });
}

async function load(
  name: string,
  url: string,
  body: string,
  seconds: number,
  connections: number,
): Promise<Load> {
  // One worker thread: the load generator gets the second core instead of the server's loop.
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body,
    connections,
    duration: seconds,
    workers: 1,
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** The baseline: Fastify with nothing but a text/plain JSON parser and a 204. */
async function startBare(bodyLimit: number): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  bare.removeContentTypeParser(['text/plain']);
  bare.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  bare.post(PROOF_PATH, { bodyLimit }, async (_request, reply) => reply.code(204).send());
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return bare;
}

function address(app: FastifyInstance): string {
  const info = app.server.address();
  if (info === null || typeof info === 'string') {
    throw new Error('server has no TCP address');
  }
  return `http://127.0.0.1:${String(info.port)}${PROOF_PATH}`;
}

function table(results: readonly Load[]): string {
  const base = results[0];
  const header = ['route', 'req/s', '×bare', 'p50 ms', 'p99 ms', '2xx', 'non-2xx', 'errors'];
  const rows = results.map((r) => [
    r.name,
    r.requestsPerSecond.toFixed(0),
    base === undefined
      ? '–'
      : `${((r.requestsPerSecond / base.requestsPerSecond) * 100).toFixed(1)} %`,
    String(r.p50),
    String(r.p99),
    String(r.ok),
    String(r.other),
    String(r.errors),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const seconds = Number(option('duration') ?? '10');
  const connections = Number(option('connections') ?? '50');
  const database = await createTestDatabase('pglite');
  const config = await testConfig({ LOG_LEVEL: 'warn' });
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    jobs: undefined,
    oidc: undefined,
    sessions: {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
    },
    encryptionKeys: [encryptionKeyFrom(config.encryptionKey)],
  };
  // The per-IP limit (60/min) would answer 429 to a single load client: lifted for the bench.
  const { app } = await buildApp(ctx, captureLogger().log, { consent: { proofRateLimit: false } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = await startBare(4096);
  // Warm-up proofs carry another visitor id, so the count below is of the measured run only.
  const measured = randomBytes(16).toString('hex');
  const warm = proofBody(randomBytes(16).toString('hex'));
  const body = proofBody(measured);
  try {
    await load('warm-up', address(bare), warm, WARMUP_SECONDS, connections);
    await load('warm-up', address(app), warm, WARMUP_SECONDS, connections);
    const results = [
      await load('bare Fastify 204', address(bare), body, seconds, connections),
      await load('POST /api/consent/proofs', address(app), body, seconds, connections),
    ];
    // Closing the app flushes the proof batch still in memory.
    await app.close();
    const stored = await database.db
      .selectFrom('consent_proofs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('visitor_id', '=', measured)
      .executeTakeFirstOrThrow();
    const proofs = results[1];
    const ratio = (proofs?.requestsPerSecond ?? 0) / (results[0]?.requestsPerSecond ?? 1);
    process.stdout.write(
      `\n${String(connections)} connections, ${String(seconds)} s each after ${String(WARMUP_SECONDS)} s warm-up, ` +
        `PGlite, proof rate limit lifted; ratios against the bare route\n\n${table(results)}\n\n` +
        `stored proofs of the measured run: ${stored.n} (2xx answers: ${String(proofs?.ok ?? 0)})\n` +
        `ratio ${(ratio * 100).toFixed(1)} % (budget ≥ ${String(BUDGET * 100)} %): ${ratio >= BUDGET ? 'ok' : 'OVER BUDGET'}\n`,
    );
    // Every answered 204 must be a stored row (a few more may come from requests cut off at the end).
    if (Number(stored.n) < (proofs?.ok ?? 0) || ratio < BUDGET) {
      process.exitCode = 1;
    }
  } finally {
    await bare.close();
    await app.close();
    await database.close();
  }
}

await main();
