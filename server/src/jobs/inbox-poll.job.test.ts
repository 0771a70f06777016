import { afterAll, beforeAll, expect, it } from 'vitest';

import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { channelConnector } from '../connections/connections.target.ts';
import { startInboxTestbed } from '../inbox/inbox.testbed.ts';
import type { InboxTestbed } from '../inbox/inbox.testbed.ts';
import { inboxPollJob } from './inbox-poll.job.ts';
import type { JobContext } from './job.ts';

describeEachEngine('inbox.poll job', (get) => {
  let t: InboxTestbed;
  let config: RuntimeConfig;
  let statusId: string;

  beforeAll(async () => {
    config = await testConfig();
    t = await startInboxTestbed(get().db, config);
    const { connector, auth } = await channelConnector(get().db, t.bed.channels.mastodon, [
      t.bed.key,
    ]);
    const published = await connector.publish(auth, {
      text: 'Die Stadtbücherei hat ab Dezember auch sonntags geöffnet.',
      title: null,
      media: [],
      idempotencyKey: 'inbox-poll-status',
    });
    if (published.status !== 'published') {
      throw new Error('status not published');
    }
    statusId = published.externalId;
  });
  afterAll(async () => {
    await t.close();
  });

  const context = (): JobContext => ({
    db: get().db,
    config,
    log: captureLogger().log,
    now: () => new Date(),
  });
  const replies = (count: number) =>
    fetch(`${t.bed.sandboxUrl}/_sandbox/mastodon/replies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ statusId, count }),
    });
  const cursorOf = (channelId: string) =>
    get()
      .db.selectFrom('inbox_cursors')
      .selectAll()
      .where('channel_id', '=', channelId)
      .executeTakeFirstOrThrow();
  const itemsOf = (channelId: string) =>
    get().db.selectFrom('inbox_items').selectAll().where('channel_id', '=', channelId).execute();

  it('reads every channel that can read comments and resumes from its cursor', async () => {
    await replies(3);
    const post = await t.publishFacebook();
    await t.commentOnMeta(post, 'Danke für die Info, sehr hilfreich!');
    await t.commentOnMeta(post, 'Ihr seid doch alle Vollidioten im Gemeinderat!');

    const first = await inboxPollJob.handle({}, context());
    expect(first).toMatchObject({ status: 'done', detail: { failed: 0, created: 5 } });
    const mastodonItems = await itemsOf(t.bed.channels.mastodon);
    expect(mastodonItems).toHaveLength(3);
    expect(mastodonItems.every((row) => row.parent_external_id === statusId)).toBe(true);
    expect(mastodonItems.every((row) => row.post_external_id === statusId)).toBe(true);
    const facebookItems = await itemsOf(t.bed.channels.facebook);
    expect(facebookItems.map((row) => row.verdict).sort()).toEqual(['hide', 'ok']);
    const cursor = await cursorOf(t.bed.channels.mastodon);
    expect(cursor.cursor).not.toBeNull();
    expect(cursor.last_ok_at).not.toBeNull();
    expect(Number(cursor.items_seen)).toBe(3);

    await replies(2);
    const second = await inboxPollJob.handle({}, context());
    expect(second).toMatchObject({ status: 'done', detail: { created: 2, edited: 0 } });
    expect(await itemsOf(t.bed.channels.mastodon)).toHaveLength(5);
    const moved = await cursorOf(t.bed.channels.mastodon);
    expect(moved.cursor).not.toBe(cursor.cursor);
    // Only the two new mentions were read again from Mastodon, thanks to the cursor.
    expect(Number(moved.items_seen)).toBe(5);
  });

  it('stores a channel’s failure kind and still reads the others', async () => {
    await t.bed.faults('x', { serverError: { count: 20, status: 503 } });
    await replies(1);
    const outcome = await inboxPollJob.handle({}, context());
    await t.bed.resetFaults('x');
    expect(outcome).toMatchObject({ status: 'done', detail: { failed: 1, created: 1 } });
    const failed = await cursorOf(t.bed.channels.x);
    expect(failed.last_error).toBe('transient');
    expect(await itemsOf(t.bed.channels.mastodon)).toHaveLength(6);
    expect((await cursorOf(t.bed.channels.mastodon)).last_error).toBeNull();

    const recovered = await inboxPollJob.handle({}, context());
    expect(recovered).toMatchObject({ detail: { failed: 0 } });
    expect((await cursorOf(t.bed.channels.x)).last_error).toBeNull();
  });
});
