import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { dwdWarning } from '../../test/crisis-factories.ts';
import { buildUser } from '../../test/factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Actor } from '../access/actor.ts';
import { createMailer } from '../mail/mailer.ts';
import { JobRecorder, startOutboxTestbed } from '../publishing/outbox.testbed.ts';
import type { OutboxTestbed } from '../publishing/outbox.testbed.ts';
import { approveCrisisPost } from './crisis.approval.ts';
import { FIRST_LANE_PRIORITY, CRISIS_PRIORITY } from './crisis.drafts.ts';
import { importContent } from './crisis.intake.ts';
import type { IntakeDeps } from './crisis.intake.ts';
import { dispatchNow } from './crisis.dispatch.ts';
import { getIncident, listPublishedWarnings } from './crisis.queries.ts';

describeEachEngine('crisis fast path: warning → draft → one approval → fan-out', (get) => {
  let bed: OutboxTestbed;
  let smtp: TestSmtpServer;
  let deps: IntakeDeps;
  let approver: Actor;
  let secondApprover: Actor;
  const hooks: unknown[] = [];
  let webhook: ReturnType<typeof createServer>;
  let webhookUrl = '';
  const { log } = captureLogger();
  const jobs = new JobRecorder();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = await testConfig({ SMTP_URL: smtp.url });
    bed = await startOutboxTestbed(get().db, config);
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        hooks.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${String((webhook.address() as AddressInfo).port)}/pager`;
    const first = await buildUser(get().db, { roles: [{ role: 'crisis-approver' }] });
    const second = await buildUser(get().db, { roles: [{ role: 'crisis-approver' }] });
    approver = { userId: first.id, role: 'crisis-approver', correlationId: null };
    secondApprover = { userId: second.id, role: 'crisis-approver', correlationId: null };
    const { channels } = bed;
    await get()
      .db.updateTable('crisis_settings')
      .set({
        // LinkedIn and Facebook listed first on purpose: X and Mastodon must still go first.
        channel_order: [channels.linkedin, channels.facebook, channels.mastodon, channels.x],
        alert_webhook_url: webhookUrl,
      })
      .execute();
    deps = {
      mailer: createMailer(config),
      publicUrl: 'https://www.stuttgart.de',
      log,
      now: () => new Date(),
    };
  });
  afterAll(async () => {
    await bed.close();
    await smtp.close();
    await new Promise((resolve) => webhook.close(resolve));
  });

  const deliveryContext = () => bed.context(() => new Date(), jobs, log);

  it('drafts on arrival, alerts the approvers, posts on one approval with X and Mastodon first, threads the update, pins and unpins', async () => {
    const t0 = Date.now() - 60_000;
    const alert = dwdWarning({ sent: new Date(t0), english: true });
    const [outcome] = await importContent(get().db, alert.xml, deps);
    if (outcome?.kind !== 'incident') {
      throw new Error(`expected incident, got ${String(outcome?.kind)}`);
    }
    const incidentId = outcome.incident.id;
    let detail = await getIncident(get().db, incidentId);
    expect(detail.languages).toEqual(['de', 'en']);
    const [draft] = detail.posts;
    expect(draft).toMatchObject({ kind: 'alert', status: 'in-review', preApproved: true });
    // Exactly what goes where, in dispatch order: X and Mastodon first.
    expect(
      draft?.targets
        .map((t) => t.platformKey)
        .slice(0, 2)
        .sort(),
    ).toEqual(['mastodon', 'x']);
    for (const target of draft?.targets ?? []) {
      expect(target.text).toContain('Amtliche UNWETTERWARNUNG vor HEFTIGEM STARKREGEN');
      expect(target.text).toContain('Deutscher Wetterdienst');
      expect(target.length).toBeLessThanOrEqual(target.maxLength);
    }
    expect(smtp.messages.some((mail) => mail.subject.includes('Freigabe nötig'))).toBe(true);
    expect(hooks).toContainEqual(
      expect.objectContaining({ event: 'crisis.approval-needed', incidentId }),
    );
    const notified = await get()
      .db.selectFrom('notifications')
      .select('user_id')
      .where('kind', '=', 'crisis.approval-needed')
      .execute();
    expect(notified.map((row) => row.user_id)).toContain(approver.userId);

    const result = await approveCrisisPost(get().db, approver, draft?.postId ?? '');
    if (result.status !== 'released') {
      throw new Error(result.status);
    }
    expect(result.items).toHaveLength(4);
    expect(result.items.slice(0, 2).every((item) => item.priority === FIRST_LANE_PRIORITY)).toBe(
      true,
    );
    expect(result.items.slice(2).every((item) => item.priority === CRISIS_PRIORITY)).toBe(true);
    await dispatchNow(deliveryContext(), result.items);
    // Delivered in-process: nothing was left to the queue.
    expect(jobs.take()).toEqual([]);
    detail = await getIncident(get().db, incidentId);
    const released = detail.posts[0];
    expect(released?.deliveries.map((d) => d.status)).toEqual(Array(4).fill('published'));
    expect(released?.deliveries.find((d) => d.platformKey === 'mastodon')?.pinned).toBe(true);
    expect(
      (await bed.sandboxPosts('x')).filter((p) => p.text?.includes('HEFTIGEM STARKREGEN')),
    ).toHaveLength(1);

    const update = dwdWarning({
      msgType: 'Update',
      references: [alert],
      sent: new Date(t0 + 20_000),
      headline: 'Amtliche UNWETTERWARNUNG vor EXTREM HEFTIGEM STARKREGEN',
    });
    await importContent(get().db, update.xml, deps);
    detail = await getIncident(get().db, incidentId);
    const updateDraft = detail.posts.find((post) => post.kind === 'update');
    const approved = await approveCrisisPost(get().db, approver, updateDraft?.postId ?? '');
    if (approved.status !== 'released') {
      throw new Error(approved.status);
    }
    await dispatchNow(deliveryContext(), approved.items);
    detail = await getIncident(get().db, incidentId);
    const first = detail.posts.find((post) => post.kind === 'alert');
    const second = detail.posts.find((post) => post.kind === 'update');
    for (const platform of ['x', 'mastodon']) {
      const root = first?.deliveries.find((d) => d.platformKey === platform);
      const reply = second?.deliveries.find((d) => d.platformKey === platform);
      expect(reply?.status, platform).toBe('published');
      expect(reply?.replyToExternalId, platform).not.toBeNull();
      expect(root?.url, platform).not.toBeNull();
    }

    const cancel = dwdWarning({
      msgType: 'Cancel',
      references: [alert, update],
      sent: new Date(t0 + 40_000),
    });
    await importContent(get().db, cancel.xml, deps);
    detail = await getIncident(get().db, incidentId);
    expect(detail.state).toBe('ended');
    const allClear = detail.posts.find((post) => post.kind === 'allclear');
    expect(allClear?.targets[0]?.text).toContain('Entwarnung');
    const cleared = await approveCrisisPost(get().db, approver, allClear?.postId ?? '');
    if (cleared.status !== 'released') {
      throw new Error(cleared.status);
    }
    await dispatchNow(deliveryContext(), cleared.items);
    const pins = await get()
      .db.selectFrom('crisis_pins')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .execute();
    expect(pins).toHaveLength(1);
    expect(pins[0]?.unpinned_at).not.toBeNull();
    const published = await listPublishedWarnings(get().db);
    expect(
      published.ended.filter((w) => w.incidentId === incidentId).map((w) => w.msgType),
    ).toEqual(['Cancel', 'Update', 'Alert']);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'crisis.post.approved')
      .execute();
    expect(
      audit.some(
        (row) =>
          row.summary.includes('Art. 6 Abs. 1 lit. e DSGVO') && row.summary.includes('SHA-256'),
      ),
    ).toBe(true);
  });

  it('never posts an exercise: the approval is a drill', async () => {
    const [outcome] = await importContent(get().db, dwdWarning({ status: 'Exercise' }).xml, deps);
    if (outcome?.kind !== 'incident') {
      throw new Error('expected incident');
    }
    const detail = await getIncident(get().db, outcome.incident.id);
    const draft = detail.posts[0];
    expect(await approveCrisisPost(get().db, approver, draft?.postId ?? '')).toEqual({
      status: 'drilled',
    });
    const items = await get()
      .db.selectFrom('outbox_items')
      .select('id')
      .where('post_id', '=', draft?.postId ?? '')
      .execute();
    expect(items).toHaveLength(0);
  });

  it('needs two different people for a template that is not pre-approved', async () => {
    const generic = dwdWarning({ headline: 'Amtliche WARNUNG vor NEBEL' }).xml.replace(
      '<value>63</value>',
      '<value>59</value>',
    );
    const [outcome] = await importContent(get().db, generic, deps);
    if (outcome?.kind !== 'incident') {
      throw new Error('expected incident');
    }
    const postId = (await getIncident(get().db, outcome.incident.id)).posts[0]?.postId ?? '';
    expect((await getIncident(get().db, outcome.incident.id)).posts[0]?.preApproved).toBe(false);
    expect(await approveCrisisPost(get().db, approver, postId)).toEqual({
      status: 'needs-second-approval',
    });
    await expect(approveCrisisPost(get().db, approver, postId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    const second = await approveCrisisPost(get().db, secondApprover, postId);
    expect(second.status).toBe('released');
    jobs.take();
  });
});
