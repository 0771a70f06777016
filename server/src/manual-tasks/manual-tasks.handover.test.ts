import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { deliverItem } from '../publishing/outbox.delivery.ts';
import { listOutboxItemRowsOfPost } from '../publishing/outbox.repository.ts';
import { startDelivery } from '../publishing/outbox.service.ts';
import { JobRecorder, startOutboxTestbed } from '../publishing/outbox.testbed.ts';
import type { OutboxTestbed } from '../publishing/outbox.testbed.ts';
import { cancelManualTask, completeManualTask, listManualTasks } from './manual-tasks.service.ts';

describeEachEngine('Xing posts go out as tasks for a person', (get) => {
  let bed: OutboxTestbed;
  let xing: string;
  let team: { id: string; roles: { role: 'online-team'; orgUnitId: null }[] };
  const jobs = new JobRecorder();
  const { log } = captureLogger();
  const now = new Date();

  beforeAll(async () => {
    const config = await testConfig();
    bed = await startOutboxTestbed(get().db, config);
    const platform = await buildPlatform(get().db, { key: 'xing' });
    xing = (await buildChannel(get().db, { platformId: platform.id })).id;
    const user = await buildUser(get().db, { roles: [{ role: 'online-team' }] });
    team = { id: user.id, roles: [{ role: 'online-team', orgUnitId: null }] };
  });
  afterAll(async () => {
    await bed.close();
  });

  const publish = async (text: string) => {
    const postId = await bed.createPost({
      channelIds: [xing, bed.channels.mastodon],
      text,
      status: 'scheduled',
      scheduledAt: now,
    });
    await startDelivery(get().db, jobs, postId, now);
    for (const job of jobs.take()) {
      await deliverItem(
        bed.context(() => now, jobs, log),
        String(job.payload['itemId']),
      );
    }
    const items = await listOutboxItemRowsOfPost(get().db, postId);
    const xingItem = items.find((item) => item.channel_id === xing);
    const task = (await listManualTasks(get().db, team, { status: 'open' })).find(
      (candidate) => candidate.source?.ref === xingItem?.id,
    );
    return { postId, xingItem, task };
  };
  const status = async (postId: string) =>
    (
      await get()
        .db.selectFrom('posts')
        .select('status')
        .where('id', '=', postId)
        .executeTakeFirstOrThrow()
    ).status;
  const actor = () => ({ userId: team.id, role: 'online-team', correlationId: null });

  it('hands the text to a person and waits; the recorded URL completes the delivery', async () => {
    const { postId, xingItem, task } = await publish('Wir suchen Auszubildende für 2027!');
    expect(xingItem?.status).toBe('processing');
    expect(task?.text).toBe('Wir suchen Auszubildende für 2027!');
    expect(await status(postId)).toBe('publishing');
    const url = 'https://www.xing.com/pages/landeshauptstadtstuttgart/posts/123';
    await completeManualTask(get().db, team, actor(), task?.id ?? '', url, now);
    const [after] = (await listOutboxItemRowsOfPost(get().db, postId)).filter(
      (item) => item.channel_id === xing,
    );
    expect(after).toMatchObject({ status: 'published', url, external_id: url });
    expect(await status(postId)).toBe('published');
  });

  it('counts a cancelled task as a failed delivery with its reason', async () => {
    const { postId, task } = await publish('Heute keine Sprechstunde.');
    await cancelManualTask(get().db, team, actor(), task?.id ?? '', 'Termin entfällt', now);
    const [after] = (await listOutboxItemRowsOfPost(get().db, postId)).filter(
      (item) => item.channel_id === xing,
    );
    expect(after).toMatchObject({ status: 'failed', failure_reason: 'Termin entfällt' });
    expect(await status(postId)).toBe('partly-failed');
  });
});
