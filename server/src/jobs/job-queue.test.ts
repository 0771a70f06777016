import { setTimeout as sleep } from 'node:timers/promises';

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';

import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { defineJob } from './job.ts';
import { createJobQueue } from './job-queue.ts';
import type { JobQueue } from './job-queue.ts';
import { sessionCleanupJob } from './session-cleanup.job.ts';

describeEachEngine('job queue (pg-boss)', (get) => {
  const handled: string[] = [];
  let releaseSlow: () => void = () => undefined;
  let slowStarted = false;
  let slowFinished = false;

  const echoJob = defineJob({
    name: 'test.echo',
    payload: z.object({ word: z.string() }),
    handle(payload) {
      handled.push(payload.word);
      return Promise.resolve({ status: 'done' });
    },
  });
  const slowJob = defineJob({
    name: 'test.slow',
    payload: z.object({}),
    async handle() {
      slowStarted = true;
      await new Promise<void>((resolve) => {
        releaseSlow = resolve;
      });
      slowFinished = true;
      return { status: 'done' };
    },
  });

  let queue: JobQueue;
  const { log, lines } = captureLogger();

  beforeAll(async () => {
    queue = createJobQueue({
      database: get(),
      config: await testConfig(),
      log,
      jobs: [echoJob, slowJob, sessionCleanupJob],
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    await queue.start();
  });
  afterAll(async () => {
    await queue.stop(2000);
  });

  const waitFor = async (check: () => boolean, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) {
        throw new Error('timed out');
      }
      await sleep(50);
    }
  };

  it('runs a sent job through its typed handler', async () => {
    await queue.send(echoJob, { word: 'Stuttgart' });
    await waitFor(() => handled.includes('Stuttgart'));
    await waitFor(() =>
      lines.some((l) => l.includes('"job":"test.echo"') && l.includes('"status":"done"')),
    );
  });

  it('enqueues inside a transaction only when it commits', async () => {
    const { db } = get();
    await db
      .transaction()
      .execute(async (trx) => {
        await queue.send(echoJob, { word: 'verworfen' }, { db: trx });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await db.transaction().execute(async (trx) => {
      await queue.send(echoJob, { word: 'bestätigt' }, { db: trx });
    });
    await waitFor(() => handled.includes('bestätigt'));
    await sleep(1500);
    expect(handled).not.toContain('verworfen');
  });

  it('rejects a payload that does not match the schema without running the handler', async () => {
    const outcome = await queue.runNow('test.echo', { word: 42 });
    expect(outcome).toEqual({ status: 'failed', reason: 'invalid_payload', retry: false });
    expect(await queue.runNow('gibt.es.nicht')).toMatchObject({ status: 'failed' });
  });

  it('registers the scheduled tasks', async () => {
    const { rows } = await sql<{ name: string }>`SELECT name FROM pgboss.schedule`.execute(
      get().db,
    );
    expect(rows.map((r) => r.name)).toContain('access.session-cleanup');
  });

  it('lets a running job finish on graceful stop', async () => {
    await queue.send(slowJob, {});
    await waitFor(() => slowStarted);
    const stopping = queue.stop(10_000);
    await sleep(200);
    expect(slowFinished).toBe(false);
    releaseSlow();
    await stopping;
    expect(slowFinished).toBe(true);
    expect(queue.isRunning()).toBe(false);
  });
});
