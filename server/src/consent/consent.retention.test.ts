import { randomBytes } from 'node:crypto';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { captureLogger, createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import { consentRetentionJob } from '../jobs/consent-retention.job.ts';
import type { JobContext } from '../jobs/job.ts';
import { JOB_REGISTRY } from '../jobs/jobs.registry.ts';
import { saveConsentSettings } from './consent.settings.ts';

describeEachEngine('consent proof retention job', (get) => {
  let t: TestApp;
  const { log } = captureLogger();
  const NOW = new Date('2029-06-01T03:42:00Z');
  const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

  beforeAll(async () => {
    t = await createTestApp(get());
  });
  afterAll(async () => {
    await t.app.close();
  });

  const context = (): JobContext => ({ db: get().db, config: t.ctx.config, log, now: () => NOW });
  const insert = (visitor: string, receivedAt: Date) =>
    get()
      .db.insertInto('consent_proofs')
      .values({
        visitor_id: visitor,
        config_version: randomBytes(32).toString('hex'),
        choices: JSON.stringify({ youtube: true }),
        decided_at: receivedAt,
        received_at: receivedAt,
      })
      .execute();
  const remaining = async () =>
    (await get().db.selectFrom('consent_proofs').select('visitor_id').execute())
      .map((row) => row.visitor_id)
      .sort();

  it('runs daily', () => {
    expect(JOB_REGISTRY.find((job) => job.name === 'consent.retention')?.cron).toBe('42 3 * * *');
  });

  it('deletes only proofs older than the default three years', async () => {
    await insert('old', daysAgo(1096));
    await insert('edge', daysAgo(1094));
    await insert('new', daysAgo(1));
    const outcome = await consentRetentionJob.run({}, context());
    expect(outcome).toEqual({
      status: 'done',
      detail: { deleted: 1, cutoff: daysAgo(1095).toISOString() },
    });
    expect(await remaining()).toEqual(['edge', 'new']);
  });

  it('follows the configured period', async () => {
    await saveConsentSettings(get().db, systemActor(), {
      services: ['youtube'],
      matomo: null,
      proofRetentionDays: 30,
    });
    await insert('month', daysAgo(31));
    const outcome = await consentRetentionJob.run({}, context());
    expect(outcome).toMatchObject({ status: 'done', detail: { deleted: 2 } });
    expect(await remaining()).toEqual(['new']);
    const again = await consentRetentionJob.run({}, context());
    expect(again).toMatchObject({ detail: { deleted: 0 } });
  });
});
