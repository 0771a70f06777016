import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser } from '../../test/factories.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { createJobQueue } from '../jobs/job-queue.ts';
import { publishingCheckJob } from '../jobs/publishing-check.job.ts';
import { publishingDeliverJob } from '../jobs/publishing-deliver.job.ts';
import { publishingSchedulerJob } from '../jobs/publishing-scheduler.job.ts';
import { DELIVER_JOB } from './outbox.jobs.ts';
import { listOutboxItemRowsOfPost } from './outbox.repository.ts';
import { startDelivery } from './outbox.service.ts';
import { dueScheduledPostIds, runScheduler } from './scheduler.service.ts';
import { isSuspended, resumePublishing, suspendPublishing } from './suspension.service.ts';
import { JobRecorder, startOutboxTestbed } from './outbox.testbed.ts';
import type { OutboxTestbed } from './outbox.testbed.ts';

describeEachEngine('publishing scheduler and suspension', (get) => {
  let bed: OutboxTestbed;
  let config: RuntimeConfig;
  const { log } = captureLogger();

  const statusOf = async (postId: string) =>
    (
      await get()
        .db.selectFrom('posts')
        .select('status')
        .where('id', '=', postId)
        .executeTakeFirstOrThrow()
    ).status;
  /** Takes test posts out of the scheduler's sight, so later runs only see their own. */
  const park = async (ids: readonly string[]) => {
    await get().db.updateTable('posts').set({ status: 'draft' }).where('id', 'in', ids).execute();
  };

  beforeAll(async () => {
    config = await testConfig();
    bed = await startOutboxTestbed(get().db, config);
  });
  afterAll(async () => {
    await bed.close();
  });

  it('compares UTC instants across both DST changes of 2026 (Europe/Berlin)', async () => {
    const channelIds = [bed.channels.mastodon];
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST. 03:30 local is 01:30Z.
    const spring = await bed.createPost({
      channelIds,
      status: 'scheduled',
      scheduledAt: new Date('2026-03-29T03:30:00+02:00'),
    });
    // 25 October 2026: 02:30 local happens twice, first in CEST (00:30Z), then in CET (01:30Z).
    const autumnFirst = await bed.createPost({
      channelIds,
      status: 'scheduled',
      scheduledAt: new Date('2026-10-25T02:30:00+02:00'),
    });
    const autumnSecond = await bed.createPost({
      channelIds,
      status: 'scheduled',
      scheduledAt: new Date('2026-10-25T02:30:00+01:00'),
    });
    const stored = await get()
      .db.selectFrom('posts')
      .select(['id', 'scheduled_at'])
      .where('id', 'in', [spring, autumnFirst, autumnSecond])
      .execute();
    const at = new Map(stored.map((row) => [row.id, row.scheduled_at?.toISOString()]));
    expect(at.get(spring)).toBe('2026-03-29T01:30:00.000Z');
    expect(at.get(autumnFirst)).toBe('2026-10-25T00:30:00.000Z');
    expect(at.get(autumnSecond)).toBe('2026-10-25T01:30:00.000Z');
    const berlin = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(berlin.format(new Date(at.get(autumnFirst) ?? ''))).toBe('02:30');
    expect(berlin.format(new Date(at.get(autumnSecond) ?? ''))).toBe('02:30');

    const due = async (iso: string) => {
      const ids = await dueScheduledPostIds(get().db, new Date(iso), 1000);
      return [spring, autumnFirst, autumnSecond].filter((id) => ids.includes(id));
    };
    // 02:30 local on 29 March does not exist; the post at 03:30 CEST is not due at 01:29:59Z.
    expect(await due('2026-03-29T01:29:59Z')).toEqual([]);
    expect(await due('2026-03-29T01:30:00Z')).toEqual([spring]);
    expect(await due('2026-10-25T00:29:59Z')).toEqual([spring]);
    expect(await due('2026-10-25T00:30:00Z')).toEqual([spring, autumnFirst]);
    // An hour of wall clock later it is 02:29 CET: the second 02:30 is not due yet.
    expect(await due('2026-10-25T01:29:59Z')).toEqual([spring, autumnFirst]);
    expect(await due('2026-10-25T01:30:00Z')).toEqual([spring, autumnFirst, autumnSecond]);
    await park([spring, autumnFirst, autumnSecond]);
  });

  it('starts due posts only, one delivery job per channel', async () => {
    const jobs = new JobRecorder();
    const now = new Date();
    const due = await bed.createPost({
      channelIds: [bed.channels.mastodon, bed.channels.x],
      status: 'scheduled',
      scheduledAt: new Date(now.getTime() - 1000),
      priority: 5,
    });
    const later = await bed.createPost({
      channelIds: [bed.channels.mastodon],
      status: 'scheduled',
      scheduledAt: new Date(now.getTime() + 60_000),
    });
    const run = await runScheduler(get().db, jobs, now);
    expect(run).toMatchObject({ suspended: false, started: 1 });
    expect(await statusOf(due)).toBe('publishing');
    expect(await statusOf(later)).toBe('scheduled');
    expect(jobs.sent.map((job) => [job.name, job.options.priority])).toEqual([
      [DELIVER_JOB, 5],
      [DELIVER_JOB, 5],
    ]);
    // A second run does not start the same post again.
    expect((await runScheduler(get().db, jobs, now)).started).toBe(0);
    await park([due, later]);
  });

  it('holds scheduled posts while suspended and returns overdue ones for rescheduling', async () => {
    const jobs = new JobRecorder();
    const t0 = new Date();
    const actor = systemActor();
    const overdue = await bed.createPost({
      channelIds: [bed.channels.mastodon],
      status: 'scheduled',
      scheduledAt: new Date(t0.getTime() + 60_000),
    });
    const future = await bed.createPost({
      channelIds: [bed.channels.mastodon],
      status: 'scheduled',
      scheduledAt: new Date(t0.getTime() + 3_600_000),
    });
    await expect(suspendPublishing(get().db, actor, '   ', t0)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await suspendPublishing(get().db, actor, 'Unwetterlage: Krisenkommunikation', t0);
    expect(await isSuspended(get().db)).toBe(true);
    await expect(suspendPublishing(get().db, actor, 'nochmal', t0)).rejects.toMatchObject({
      code: 'conflict',
    });
    const during = new Date(t0.getTime() + 120_000);
    expect(await runScheduler(get().db, jobs, during)).toMatchObject({
      suspended: true,
      started: 0,
    });
    expect(jobs.sent).toHaveLength(0);
    expect(await statusOf(overdue)).toBe('scheduled');

    const resumed = await resumePublishing(get().db, actor, { now: during });
    expect(resumed).toMatchObject({ suspended: false, replanned: 1 });
    expect(await statusOf(overdue)).toBe('approved');
    expect(await statusOf(future)).toBe('scheduled');
    const kept = await get()
      .db.selectFrom('posts')
      .select('scheduled_at')
      .where('id', '=', overdue)
      .executeTakeFirstOrThrow();
    expect(kept.scheduled_at?.getTime()).toBe(t0.getTime() + 60_000);
    const notes = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'publishing.replan')
      .execute();
    expect(notes).toEqual([{ user_id: bed.creator.id, title: 'Beitrag bitte neu terminieren' }]);
    // After the resume the scheduler never sends the overdue post on its own.
    expect((await runScheduler(get().db, jobs, during)).started).toBe(0);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'publishing.%')
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['publishing.suspended', 'publishing.resumed']);
    await expect(resumePublishing(get().db, actor)).rejects.toMatchObject({ code: 'conflict' });
    await park([overdue, future]);
  });

  it('revives items whose job was lost and sends stuck ones through the lookup first', async () => {
    const jobs = new JobRecorder();
    const old = new Date(Date.now() - 3_600_000);
    const postId = await bed.createPost({ channelIds: [bed.channels.x, bed.channels.mastodon] });
    await startDelivery(get().db, undefined, postId, old);
    const [first, second] = await listOutboxItemRowsOfPost(get().db, postId);
    await get()
      .db.updateTable('outbox_items')
      .set({ status: 'sending', first_sent_at: old })
      .where('id', '=', first?.id ?? '')
      .execute();
    const run = await runScheduler(get().db, jobs, new Date());
    expect(run.recovered).toBe(2);
    expect(new Set(jobs.sent.map((job) => job.payload['itemId']))).toEqual(
      new Set([first?.id, second?.id]),
    );
    const items = await listOutboxItemRowsOfPost(get().db, postId);
    expect(items.find((item) => item.id === first?.id)).toMatchObject({
      status: 'queued',
      failure_kind: 'outcome-unknown',
    });
  });

  it('publishes through the real queue: scheduler job, delivery workers, sandbox', async () => {
    await buildUser(get().db);
    const queue = createJobQueue({
      database: get(),
      config,
      log,
      jobs: [publishingSchedulerJob, publishingDeliverJob, publishingCheckJob],
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    await queue.start();
    try {
      const text = `Feinstaubalarm ${String(Date.now())}`;
      const postId = await bed.createPost({
        channelIds: [bed.channels.mastodon, bed.channels.linkedin],
        text,
        status: 'scheduled',
        scheduledAt: new Date(Date.now() - 1000),
      });
      expect(await queue.runNow('publishing.scheduler')).toMatchObject({ status: 'done' });
      const until = Date.now() + 20_000;
      while ((await statusOf(postId)) !== 'published' && Date.now() < until) {
        await sleep(100);
      }
      expect(await statusOf(postId)).toBe('published');
      expect((await bed.sandboxPosts('mastodon')).filter((p) => p.text === text)).toHaveLength(1);
      expect((await bed.sandboxPosts('linkedin')).filter((p) => p.text === text)).toHaveLength(1);
    } finally {
      await queue.stop(5000);
    }
  });
});
