import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser } from '../../test/factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import type { RuntimeConfig } from '../app-context.ts';
import { createManualTask } from '../manual-tasks/manual-tasks.service.ts';
import type { JobContext } from './job.ts';
import { JOB_REGISTRY } from './jobs.registry.ts';
import { manualTaskReminderJob } from './manual-task-reminder.job.ts';

const NOTHING = { advanceNotices: 0, reminders: 0, notifications: 0, mailsSent: 0, mailsFailed: 0 };

describeEachEngine('manual-task reminder job', (get) => {
  let smtp: TestSmtpServer;
  let config: RuntimeConfig;
  const { log, lines } = captureLogger();
  const email = (name: string) => `${name}@stuttgart.example`;
  let messeId = '';

  const run = async (iso: string, overrides: Partial<JobContext> = {}) =>
    manualTaskReminderJob.handle(
      {},
      { db: get().db, config, log, now: () => new Date(iso), ...overrides },
    );
  const recipientsOf = (from: number) =>
    smtp.messages
      .slice(from)
      .map((message) => message.to.join(','))
      .sort();
  const taskRow = async (id: string) =>
    get()
      .db.selectFrom('manual_tasks')
      .select(['reminder_count', 'last_reminded_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    config = await testConfig({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://stadtfunk.stuttgart.example',
    });
    const db = get().db;
    const editor = (name: string, disabled = false) =>
      buildUser(db, { email: email(name), roles: [{ role: 'communications' }], disabled });
    const resp1 = await editor('verantwortlich1');
    const resp2 = await editor('verantwortlich2');
    const gone = await editor('ausgeschieden', true);
    await buildUser(db, { email: email('online'), roles: [{ role: 'online-team' }] });
    await editor('unbeteiligt');
    const xing = await buildPlatform(db, { key: 'xing', name: 'Xing' });
    const staffed = await buildChannel(db, {
      platformId: xing.id,
      name: 'Karriere Stuttgart',
      responsibleUserIds: [resp1.id, resp2.id],
    });
    // Only a disabled person is named: the online team steps in.
    const orphaned = await buildChannel(db, { platformId: xing.id, responsibleUserIds: [gone.id] });
    const task = (channelId: string, title: string, dueAt: string) =>
      createManualTask(db, systemActor(), { channelId, title, text: `${title}: Text`, dueAt });
    messeId = (await task(staffed.id, 'Ausbildungsmesse', '2030-05-04T10:00:00Z')).id;
    await task(orphaned.id, 'Stellenanzeige', '2030-05-04T10:30:00Z');
    await task(staffed.id, 'Sommerfest', '2030-07-01T10:00:00Z');
    const cancelled = await task(staffed.id, 'Abgesagt', '2030-05-04T09:00:00Z');
    await db
      .updateTable('manual_tasks')
      .set({ status: 'cancelled', cancelled_reason: 'entfällt' })
      .where('id', '=', cancelled.id)
      .execute();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('does nothing while no open task is due within the hour', async () => {
    expect(await run('2030-05-04T08:00:00Z')).toEqual({ status: 'done', detail: NOTHING });
    expect(smtp.messages).toEqual([]);
  });

  it('sends one advance notice an hour before due to the responsible people', async () => {
    const outcome = await run('2030-05-04T09:15:00Z');
    expect(outcome).toEqual({
      status: 'done',
      detail: { ...NOTHING, advanceNotices: 1, notifications: 2, mailsSent: 2 },
    });
    expect(recipientsOf(0)).toEqual([email('verantwortlich1'), email('verantwortlich2')]);
    const mail = smtp.messages[0];
    expect(mail?.subject).toBe('Stadtfunk: 1 Beitrag von Hand zu veröffentlichen');
    // 10:00 UTC is 12:00 in Stuttgart (summer time).
    expect(mail?.text).toContain(
      'Xing-Beitrag „Ausbildungsmesse“ (Karriere Stuttgart): in einer Stunde zu veröffentlichen (04.05.2030, 12:00 Uhr)',
    );
    expect(mail?.text).toContain('https://stadtfunk.stuttgart.example/tasks');
    // The advance notice is not a reminder round.
    expect((await taskRow(messeId)).reminder_count).toBe(0);
  });

  it('falls back to the online team when no enabled person is responsible', async () => {
    const outcome = await run('2030-05-04T09:45:00Z');
    expect(outcome).toMatchObject({
      detail: { advanceNotices: 1, notifications: 1, mailsSent: 1, reminders: 0 },
    });
    expect(recipientsOf(2)).toEqual([email('online')]);
  });

  it('reminds when due, once per round, and a rerun sends nothing twice', async () => {
    const due = await run('2030-05-04T10:00:00Z');
    expect(due).toEqual({
      status: 'done',
      detail: { ...NOTHING, reminders: 1, notifications: 2, mailsSent: 2 },
    });
    expect(smtp.messages.at(-1)?.text).toContain('jetzt von Hand veröffentlichen');
    expect(await taskRow(messeId)).toEqual({
      reminder_count: 1,
      last_reminded_at: new Date('2030-05-04T10:00:00Z'),
    });
    const sent = smtp.messages.length;
    expect(await run('2030-05-04T10:00:00Z')).toEqual({ status: 'done', detail: NOTHING });
    expect(await run('2030-05-04T10:15:00Z')).toEqual({ status: 'done', detail: NOTHING });
    expect(smtp.messages).toHaveLength(sent);
    const second = await run('2030-05-04T10:30:00Z');
    expect(second).toMatchObject({ detail: { reminders: 1, notifications: 1, mailsSent: 1 } });
  });

  it('repeats every 24 h while the task is still open', async () => {
    expect(await run('2030-05-05T09:45:00Z')).toEqual({ status: 'done', detail: NOTHING });
    const repeat = await run('2030-05-05T10:00:00Z');
    expect(repeat).toMatchObject({ detail: { reminders: 1, notifications: 2, mailsSent: 2 } });
    expect((await taskRow(messeId)).reminder_count).toBe(2);
    const keys = await get()
      .db.selectFrom('notifications')
      .select('dedupe_key')
      .where('dedupe_key', 'like', `manual-task:${messeId}:%`)
      .execute();
    expect(new Set(keys.map((k) => k.dedupe_key))).toEqual(
      new Set([
        `manual-task:${messeId}:advance`,
        `manual-task:${messeId}:due-1`,
        `manual-task:${messeId}:due-2`,
      ]),
    );
  });

  it('stops once the task is done, and reminds in the app only without SMTP', async () => {
    await get()
      .db.updateTable('manual_tasks')
      .set({
        status: 'done',
        published_url: 'https://www.xing.com/pages/stuttgart/posts/1',
        completed_at: new Date('2030-05-05T12:00:00Z'),
      })
      .where('id', '=', messeId)
      .execute();
    const sent = smtp.messages.length;
    const outcome = await run('2030-05-06T10:30:00Z', { config: await testConfig() });
    // Only the orphaned task remains open and due: its second round, in the app.
    expect(outcome).toEqual({
      status: 'done',
      detail: { ...NOTHING, reminders: 1, notifications: 1 },
    });
    expect(smtp.messages).toHaveLength(sent);
    const total = await get().db.selectFrom('notifications').select('id').execute();
    expect(total).toHaveLength(2 + 1 + 2 + 1 + 2 + 1);
    // Addresses are personal data: the log has counts only.
    expect(lines.join('\n')).not.toContain('@stuttgart.example');
  });

  it('is registered to run every 15 minutes', () => {
    expect(JOB_REGISTRY.find((job) => job.name === 'manual-tasks.reminder')?.cron).toBe(
      '*/15 * * * *',
    );
  });
});
