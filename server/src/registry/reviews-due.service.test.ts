import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildOrganisationProfile, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { addDays, calendarDate } from '../shared/calendar.ts';
import type { CreatePlatformInput } from './registry.schema.ts';
import { listDueReviews } from './reviews-due.service.ts';
import type { DueItem } from './reviews.schema.ts';

describeEachEngine('the "Fällig" dashboard', (get) => {
  let t: TestApp;
  let agency: Agent;
  const now = new Date();
  const today = calendarDate(now);
  const ids: Record<string, string> = {};

  const necessity = (nextReviewOn: string): CreatePlatformInput['necessity'] => ({
    reasoning: 'Reichweite.',
    outcome: 'necessary',
    assessedOn: '2025-01-01',
    nextReviewOn,
  });
  const dpia = (nextReviewOn: string): CreatePlatformInput['dpia'] => ({
    documentRef: 'DSFA-1',
    version: '1',
    date: '2025-01-01',
    status: 'signed-off',
    nextReviewOn,
  });

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    ids['facebook'] = (
      await buildPlatform(db, {
        key: 'facebook',
        name: 'Facebook',
        necessity: necessity(addDays(today, -10)),
        dpia: dpia(addDays(today, 30)),
      })
    ).id;
    ids['mastodon'] = (
      await buildPlatform(db, {
        key: 'mastodon',
        name: 'Mastodon',
        necessity: necessity(addDays(today, 200)),
      })
    ).id;
    ids['youtube'] = (
      await buildPlatform(db, {
        key: 'youtube',
        name: 'YouTube',
        necessity: necessity(addDays(today, 60)),
        dpia: dpia(addDays(today, 61)),
      })
    ).id;
    await buildOrganisationProfile(db, { conceptNextReviewOn: today });
    const user = await buildUser(db, { roles: [{ role: 'agency' }] });
    agency = await loginAs(t.app, user.email);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists overdue and upcoming reviews with the responsible role, sorted by due date', async () => {
    expect(await listDueReviews(get().db, now, 60)).toEqual([
      {
        subject: 'necessity',
        platformId: ids['facebook'],
        platformName: 'Facebook',
        dueOn: addDays(today, -10),
        state: 'overdue',
        responsibleRole: 'communications',
      },
      {
        subject: 'concept',
        platformId: null,
        platformName: null,
        dueOn: today,
        state: 'due-soon',
        responsibleRole: 'communications',
      },
      {
        subject: 'dpia',
        platformId: ids['facebook'],
        platformName: 'Facebook',
        dueOn: addDays(today, 30),
        state: 'due-soon',
        responsibleRole: 'dpo',
      },
      {
        subject: 'necessity',
        platformId: ids['youtube'],
        platformName: 'YouTube',
        dueOn: addDays(today, 60),
        state: 'due-soon',
        responsibleRole: 'communications',
      },
    ]);
  });

  it('moves with the clock: a day later the concept is overdue', async () => {
    const tomorrow = new Date(now.getTime() + 86_400_000);
    const items = await listDueReviews(get().db, tomorrow, 0);
    expect(items.map((i) => [i.subject, i.platformName, i.state])).toEqual([
      ['necessity', 'Facebook', 'overdue'],
      ['concept', null, 'overdue'],
    ]);
  });

  it('answers GET /api/registry/reviews/due for readers, with the horizon in days', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/registry/reviews/due?days=30',
      headers: agency.headers(),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: DueItem[] }>().items;
    expect(items.map((i) => [i.subject, i.platformName])).toEqual([
      ['necessity', 'Facebook'],
      ['concept', null],
      ['dpia', 'Facebook'],
    ]);
    const defaults = await t.app.inject({
      method: 'GET',
      url: '/api/registry/reviews/due',
      headers: agency.headers(),
    });
    expect(defaults.json<{ items: DueItem[] }>().items).toHaveLength(4);
    for (const days of ['-1', 'bald', '400']) {
      const bad = await t.app.inject({
        method: 'GET',
        url: `/api/registry/reviews/due?days=${days}`,
        headers: agency.headers(),
      });
      expect(bad.statusCode, days).toBe(400);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/registry/reviews/due' });
    expect(anonymous.statusCode).toBe(401);
  });
});
