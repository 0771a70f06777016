import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { deliverItem, checkItem } from './outbox.delivery.ts';
import { CHECK_JOB, DELIVER_JOB } from './outbox.jobs.ts';
import { findOutboxItemRow, listOutboxItemRowsOfPost } from './outbox.repository.ts';
import { idempotencyKeyFor, startDelivery } from './outbox.service.ts';
import { JobRecorder, startOutboxTestbed } from './outbox.testbed.ts';
import type { OutboxPlatform, OutboxTestbed } from './outbox.testbed.ts';

describeEachEngine('outbox delivery against the platform sandbox', (get) => {
  let bed: OutboxTestbed;
  let smtp: TestSmtpServer;
  const { log, lines } = captureLogger();
  const jobs = new JobRecorder();
  let clock = new Date();
  const ctx = () => bed.context(() => clock, jobs, log);

  const itemOf = async (postId: string, channelId: string) => {
    const items = await listOutboxItemRowsOfPost(get().db, postId);
    const item = items.find((candidate) => candidate.channel_id === channelId);
    if (item === undefined) {
      throw new Error('no item');
    }
    return item;
  };
  const postStatus = async (postId: string) =>
    (
      await get()
        .db.selectFrom('posts')
        .select('status')
        .where('id', '=', postId)
        .executeTakeFirstOrThrow()
    ).status;
  /** Runs every enqueued delivery and check job (as the queue would), until none is left. */
  const drain = async () => {
    for (let round = 0; round < 10; round += 1) {
      const due = jobs.take();
      if (due.length === 0) {
        return;
      }
      for (const job of due) {
        const itemId = String(job.payload['itemId']);
        if (job.options.startAfter !== undefined && job.options.startAfter > clock) {
          clock = job.options.startAfter;
        }
        if (job.name === DELIVER_JOB) {
          await deliverItem(ctx(), itemId);
        } else if (job.name === CHECK_JOB) {
          await checkItem(ctx(), itemId, Number(job.payload['check']));
        }
      }
    }
  };
  const textsOn = async (platform: OutboxPlatform, text: string) =>
    (await bed.sandboxPosts(platform)).filter((post) => post.text?.includes(text)).length;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = await testConfig({ SMTP_URL: smtp.url });
    bed = await startOutboxTestbed(get().db, config);
  });
  afterAll(async () => {
    await bed.close();
    await smtp.close();
  });
  beforeEach(async () => {
    clock = new Date();
    jobs.take();
    for (const platform of ['mastodon', 'x', 'facebook', 'linkedin'] as const) {
      await bed.resetFaults(platform);
    }
  });

  it('publishes one post to Mastodon, X, Facebook and LinkedIn and settles it as published', async () => {
    const text = `Wochenmarkt am Marktplatz ${String(Date.now())}`;
    const postId = await bed.createPost({ channelIds: Object.values(bed.channels), text });
    const items = await startDelivery(get().db, jobs, postId, clock);
    expect(items).toHaveLength(4);
    expect(await postStatus(postId)).toBe('publishing');
    expect(jobs.sent.map((job) => job.name)).toEqual(Array(4).fill(DELIVER_JOB));
    for (const item of items) {
      expect(item.idempotency_key).toBe(idempotencyKeyFor(postId, item.channel_id));
      expect(item.idempotency_key).toMatch(/^[0-9a-f]{64}$/);
    }
    await drain();
    for (const platform of ['mastodon', 'x', 'facebook', 'linkedin'] as const) {
      const item = await itemOf(postId, bed.channels[platform]);
      expect(item, platform).toMatchObject({ status: 'published', attempts: 1 });
      expect(item.external_id, platform).not.toBeNull();
      expect(item.first_sent_at, platform).not.toBeNull();
      expect(await textsOn(platform, text), platform).toBe(1);
    }
    expect(await postStatus(postId)).toBe('published');
  });

  it('honours Retry-After from a 429 and sends again only when it has passed', async () => {
    await bed.faults('x', { rateLimit: { count: 1, retryAfterSeconds: 120 } });
    const text = `Straßensperrung Neckartor ${String(Date.now())}`;
    const postId = await bed.createPost({ channelIds: [bed.channels.x], text });
    await startDelivery(get().db, jobs, postId, clock);
    const start = clock;
    const [first] = jobs.take();
    expect(await deliverItem(ctx(), String(first?.payload['itemId']))).toBe('requeued');
    const item = await itemOf(postId, bed.channels.x);
    expect(item).toMatchObject({ status: 'queued', failure_kind: 'rate-limited', attempts: 1 });
    expect(item.next_attempt_at?.getTime()).toBe(start.getTime() + 120_000);
    const [retry] = jobs.take();
    expect(retry).toMatchObject({
      name: DELIVER_JOB,
      options: { startAfter: item.next_attempt_at },
    });
    // A duplicate job before the time does nothing.
    expect(await deliverItem(ctx(), item.id)).toBe('skipped');
    clock = new Date(start.getTime() + 120_000);
    expect(await deliverItem(ctx(), item.id)).toBe('published');
    expect(await textsOn('x', text)).toBe(1);
  });

  it('backs off exponentially from 30 s after a 5xx', async () => {
    await bed.faults('facebook', { serverError: { count: 2, status: 503 } });
    const postId = await bed.createPost({ channelIds: [bed.channels.facebook] });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    const id = item?.id ?? '';
    const start = clock.getTime();
    expect(await deliverItem(ctx(), id)).toBe('requeued');
    const afterFirst = (await findOutboxItemRow(get().db, id))?.next_attempt_at?.getTime() ?? 0;
    expect(afterFirst - start).toBeGreaterThanOrEqual(27_000);
    expect(afterFirst - start).toBeLessThanOrEqual(33_000);
    clock = new Date(afterFirst);
    expect(await deliverItem(ctx(), id)).toBe('requeued');
    const afterSecond = (await findOutboxItemRow(get().db, id))?.next_attempt_at?.getTime() ?? 0;
    expect(afterSecond - afterFirst).toBeGreaterThanOrEqual(54_000);
    expect(afterSecond - afterFirst).toBeLessThanOrEqual(66_000);
    clock = new Date(afterSecond);
    expect(await deliverItem(ctx(), id)).toBe('published');
    expect(await findOutboxItemRow(get().db, id)).toMatchObject({
      attempts: 3,
      failure_kind: null,
    });
  });

  it('sends the same Idempotency-Key after a dropped answer on Mastodon: exactly one status', async () => {
    await bed.faults('mastodon', { dropResponseAfterWrite: 1 });
    const text = `Bürgerbüro geschlossen ${String(Date.now())}`;
    const postId = await bed.createPost({ channelIds: [bed.channels.mastodon], text });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    const id = item?.id ?? '';
    expect(await deliverItem(ctx(), id)).toBe('requeued');
    expect(await findOutboxItemRow(get().db, id)).toMatchObject({
      status: 'queued',
      failure_kind: 'outcome-unknown',
    });
    expect(await textsOn('mastodon', text)).toBe(1);
    await drain();
    expect(await findOutboxItemRow(get().db, id)).toMatchObject({
      status: 'published',
      attempts: 2,
    });
    expect(await textsOn('mastodon', text)).toBe(1);
    expect(await postStatus(postId)).toBe('published');
  });

  it('finds the tweet by lookup after a dropped answer on X instead of posting it twice', async () => {
    await bed.faults('x', { dropResponseAfterWrite: 1 });
    const text = `Hitzewarnung Stuttgart ${String(Date.now())}`;
    const postId = await bed.createPost({ channelIds: [bed.channels.x], text });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    jobs.take();
    expect(await deliverItem(ctx(), item?.id ?? '')).toBe('published');
    const row = await findOutboxItemRow(get().db, item?.id ?? '');
    expect(row).toMatchObject({ status: 'published', attempts: 1 });
    expect(row?.external_id).not.toBeNull();
    expect(await textsOn('x', text)).toBe(1);
    expect(jobs.sent).toHaveLength(0);
  });

  it('leaves a delivery unconfirmed for a person when the listing fails too (LinkedIn)', async () => {
    await bed.faults('linkedin', { timeout: 2 });
    const before = smtp.messages.length;
    const text = `Gemeinderat tagt ${String(Date.now())}`;
    const postId = await bed.createPost({ channelIds: [bed.channels.linkedin], text });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    jobs.take();
    expect(await deliverItem(ctx(), item?.id ?? '')).toBe('unconfirmed');
    expect(await findOutboxItemRow(get().db, item?.id ?? '')).toMatchObject({
      status: 'unconfirmed',
      failure_kind: 'outcome-unknown',
    });
    // Unconfirmed is not settled: the post waits for the person.
    expect(await postStatus(postId)).toBe('publishing');
    const notes = await get()
      .db.selectFrom('notifications')
      .select(['user_id', 'title', 'body'])
      .where('kind', '=', 'publishing.delivery.unconfirmed')
      .execute();
    expect(notes.map((note) => note.user_id)).toContain(bed.creator.id);
    expect(smtp.messages.length).toBeGreaterThan(before);
    expect(jobs.sent).toHaveLength(0);
    // Only kinds and codes reach the log, never the post's text.
    expect(lines.join('\n')).not.toContain(text);
  });

  it('fails a channel that is not connected and notifies creator and communications', async () => {
    const channelId = await bed.addChannel('x', false);
    const postId = await bed.createPost({ channelIds: [channelId, bed.channels.mastodon] });
    await startDelivery(get().db, jobs, postId, clock);
    await drain();
    expect(await itemOf(postId, channelId)).toMatchObject({
      status: 'failed',
      failure_kind: 'auth-expired',
      failure_reason: 'Kanal ist nicht verbunden',
    });
    expect(await postStatus(postId)).toBe('partly-failed');
    const notes = await get()
      .db.selectFrom('notifications')
      .select(['user_id'])
      .where('kind', '=', 'publishing.delivery.failed')
      .execute();
    expect(notes.map((note) => note.user_id)).toContain(bed.creator.id);
  });

  it('records a rejection with its reason and settles an all-failed post as failed', async () => {
    // X counts 280 weighted characters; the sandbox refuses longer texts as X does.
    const postId = await bed.createPost({ channelIds: [bed.channels.x], text: 'ä'.repeat(400) });
    await startDelivery(get().db, jobs, postId, clock);
    await drain();
    const item = await itemOf(postId, bed.channels.x);
    expect(item.status).toBe('failed');
    expect(item.failure_kind).toBe('rejected');
    expect(item.failure_reason).not.toBeNull();
    expect(await postStatus(postId)).toBe('failed');
  });

  it('gives up after the last attempt and says so', async () => {
    await bed.faults('facebook', { rateLimit: { count: 20, retryAfterSeconds: 5 } });
    const postId = await bed.createPost({ channelIds: [bed.channels.facebook] });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    await drain();
    expect(await findOutboxItemRow(get().db, item?.id ?? '')).toMatchObject({
      status: 'failed',
      failure_kind: 'rate-limited',
      failure_reason: 'Nach 8 Versuchen aufgegeben.',
      attempts: 8,
    });
    expect(await postStatus(postId)).toBe('failed');
  });

  it('hands an unknown outcome on the last attempt to a person, even with an idempotency key', async () => {
    // A 502 from Mastodon's proxy may hide a status that was created: the outcome is unknown.
    await bed.faults('mastodon', { serverError: { count: 20, status: 502 } });
    const postId = await bed.createPost({ channelIds: [bed.channels.mastodon] });
    const [item] = await startDelivery(get().db, jobs, postId, clock);
    await drain();
    expect(await findOutboxItemRow(get().db, item?.id ?? '')).toMatchObject({
      status: 'unconfirmed',
      attempts: 8,
    });
  });
});
