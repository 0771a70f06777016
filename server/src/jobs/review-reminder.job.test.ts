import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser } from '../../test/factories.ts';
import { buildOrganisationProfile, buildPlatform } from '../../test/registry-factories.ts';
import { startSmtpServer } from '../../test/smtp-server.ts';
import type { TestSmtpServer } from '../../test/smtp-server.ts';
import { captureLogger, testConfig } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { RuntimeConfig } from '../app-context.ts';
import type { JobContext } from './job.ts';
import { JOB_REGISTRY } from './jobs.registry.ts';
import { reviewReminderJob } from './review-reminder.job.ts';

describeEachEngine('review-reminder job', (get) => {
  let smtp: TestSmtpServer;
  let config: RuntimeConfig;
  const { log, lines } = captureLogger();
  const emails: Record<string, string> = {};

  const contextAt = (iso: string, overrides: Partial<JobContext> = {}): JobContext => ({
    db: get().db,
    config,
    log,
    now: () => new Date(iso),
    ...overrides,
  });
  const notificationCount = async () =>
    (await get().db.selectFrom('notifications').select('id').execute()).length;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    config = await testConfig({
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://stadtfunk.stuttgart.example',
    });
    const db = get().db;
    for (const [key, role] of [
      ['comms1', 'communications'],
      ['comms2', 'communications'],
      ['dpo', 'dpo'],
      ['agency', 'agency'],
    ] as const) {
      emails[key] = (
        await buildUser(db, { email: `${key}@stuttgart.example`, roles: [{ role }] })
      ).email;
    }
    await buildUser(db, {
      email: 'ausgeschieden@stuttgart.example',
      roles: [{ role: 'communications' }],
      disabled: true,
    });
    await buildPlatform(db, {
      key: 'tiktok',
      name: 'TikTok',
      necessity: {
        reasoning: 'Reichweite bei unter 30-Jährigen.',
        outcome: 'necessary',
        assessedOn: '2029-03-01',
        nextReviewOn: '2030-03-01',
      },
      dpia: {
        documentRef: 'DSFA-SM',
        version: '2',
        date: '2029-04-20',
        status: 'signed-off',
        nextReviewOn: '2030-04-20',
      },
    });
    await buildOrganisationProfile(db, { conceptNextReviewOn: '2030-03-20' });
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('creates no notification and sends no e-mail when nothing is due', async () => {
    const outcome = await reviewReminderJob.handle({}, contextAt('2029-06-01T05:30:00Z'));
    expect(outcome).toEqual({
      status: 'done',
      detail: { due: 0, notifications: 0, mailsSent: 0, mailsFailed: 0 },
    });
    expect(await notificationCount()).toBe(0);
    expect(smtp.messages).toEqual([]);
  });

  it('reminds the responsible role in the app and by one German e-mail per person', async () => {
    // 07:30 in Berlin on 10 March 2030: necessity overdue, concept and DSFA due within 60 days.
    const outcome = await reviewReminderJob.handle({}, contextAt('2030-03-10T06:30:00Z'));
    expect(outcome).toEqual({
      status: 'done',
      detail: { due: 3, notifications: 5, mailsSent: 3, mailsFailed: 0 },
    });
    const byRecipient = new Map(smtp.messages.map((m) => [m.to.join(','), m]));
    expect([...byRecipient.keys()].sort()).toEqual(
      [emails['comms1'], emails['comms2'], emails['dpo']].sort(),
    );
    const comms = byRecipient.get(emails['comms1'] ?? '');
    expect(comms?.subject).toBe('Stadtfunk: 2 Überprüfungen fällig');
    expect(comms?.text).toContain('Erforderlichkeitsprüfung TikTok: überfällig seit 01.03.2030');
    expect(comms?.text).toContain('Social-Media-Konzept: fällig am 20.03.2030');
    expect(comms?.text).toContain('https://stadtfunk.stuttgart.example/registry/reviews');
    const dpo = byRecipient.get(emails['dpo'] ?? '');
    expect(dpo?.subject).toBe('Stadtfunk: 1 Überprüfung fällig');
    expect(dpo?.text).toContain('DSFA TikTok: fällig am 20.04.2030');
    expect(dpo?.text).not.toContain('Erforderlichkeitsprüfung');

    const rows = await get()
      .db.selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.email', 'notifications.kind', 'notifications.title'])
      .orderBy('users.email')
      .orderBy('notifications.kind')
      .execute();
    expect(rows.map((r) => `${r.email} ${r.kind}`)).toEqual([
      `${emails['comms1']} review.due.concept`,
      `${emails['comms1']} review.due.necessity`,
      `${emails['comms2']} review.due.concept`,
      `${emails['comms2']} review.due.necessity`,
      `${emails['dpo']} review.due.dpia`,
    ]);
    // Addresses are personal data: the log has counts only.
    const logged = lines.join('\n');
    expect(logged).toContain('"sent":3');
    expect(logged).not.toContain('@stuttgart.example');
  });

  it('is idempotent: running again the same day or the next creates and sends nothing', async () => {
    for (const at of ['2030-03-10T09:00:00Z', '2030-03-11T06:30:00Z']) {
      const outcome = await reviewReminderJob.handle({}, contextAt(at));
      expect(outcome).toMatchObject({
        status: 'done',
        detail: { due: 3, notifications: 0, mailsSent: 0 },
      });
    }
    expect(await notificationCount()).toBe(5);
    expect(smtp.messages).toHaveLength(3);
  });

  it('reminds in the app only when SMTP is not configured', async () => {
    const withoutSmtp = await testConfig();
    await buildUser(get().db, { email: 'neu@stuttgart.example', roles: [{ role: 'dpo' }] });
    const outcome = await reviewReminderJob.handle(
      {},
      contextAt('2030-03-12T06:30:00Z', { config: withoutSmtp }),
    );
    expect(outcome).toMatchObject({ detail: { notifications: 1, mailsSent: 0 } });
    expect(smtp.messages).toHaveLength(3);
  });

  it('is registered as a daily task at 07:30', () => {
    expect(JOB_REGISTRY.find((j) => j.name === 'registry.review-reminder')?.cron).toBe(
      '30 7 * * *',
    );
  });
});
