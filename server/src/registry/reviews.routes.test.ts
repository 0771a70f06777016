import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildOrganisationProfile, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { addDays, calendarDate } from '../shared/calendar.ts';
import type { Role } from '../shared/enum.ts';
import type { OrganisationProfile, Platform } from './registry.schema.ts';
import type { Review } from './reviews.schema.ts';

interface ErrorBody {
  code: string;
  details?: { path: string; message: string }[];
}

const DPIA = {
  documentRef: 'DSFA-SM-2025',
  version: '1.0',
  date: '2025-06-01',
  status: 'draft' as const,
  nextReviewOn: '2026-06-01',
};

describeEachEngine('reviews of necessity, DSFA and concept', (get) => {
  let t: TestApp;
  let comms: Agent;
  let dpo: Agent;
  let dpoId: string;
  const today = calendarDate(new Date());
  const next = addDays(today, 365);

  const agentWith = async (role: Role, displayName = 'Test Person') => {
    const orgUnitId = role === 'department-editor' ? (await buildOrgUnit(get().db)).id : null;
    const user = await buildUser(get().db, { displayName, roles: [{ role, orgUnitId }] });
    return { id: user.id, agent: await loginAs(t.app, user.email) };
  };
  const record = (agent: Agent, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/registry/reviews',
      headers: agent.headers(),
      payload,
    });
  const platformOf = async (id: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/registry/platforms/${id}`,
        headers: comms.headers(),
      })
    ).json<Platform>();

  beforeAll(async () => {
    t = await createTestApp(get());
    comms = (await agentWith('communications', 'Karla Kommunikation')).agent;
    ({ id: dpoId, agent: dpo } = await agentWith('dpo', 'Dora Datenschutz'));
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('records a necessity review, moves the next date and keeps the history', async () => {
    const platform = await buildPlatform(get().db);
    const first = await record(comms, {
      subject: 'necessity',
      platformId: platform.id,
      outcome: 'confirmed',
      notes: 'Reichweite bei über 25-Jährigen weiterhin hoch.',
      nextReviewOn: next,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json<Review>()).toMatchObject({
      subject: 'necessity',
      platformId: platform.id,
      outcome: 'confirmed',
      reviewerName: 'Karla Kommunikation',
      nextReviewOn: next,
    });
    const after = await platformOf(platform.id);
    expect(after.necessity).toMatchObject({
      assessedOn: today,
      nextReviewOn: next,
      outcome: 'necessary',
      reasoning: platform.necessity.reasoning,
    });

    const later = addDays(today, 200);
    const second = await record(dpo, {
      subject: 'necessity',
      platformId: platform.id,
      outcome: 'discontinued',
      notes: null,
      nextReviewOn: later,
    });
    expect(second.statusCode).toBe(201);
    // A review that ends the use must not leave "necessary" on record.
    expect((await platformOf(platform.id)).necessity).toMatchObject({
      outcome: 'not-necessary',
      nextReviewOn: later,
    });

    const history = await t.app.inject({
      method: 'GET',
      url: `/api/registry/reviews?subject=necessity&platformId=${platform.id}`,
      headers: comms.headers(),
    });
    const items = history.json<{ items: Review[] }>().items;
    expect(items.map((r) => [r.outcome, r.reviewerName])).toEqual([
      ['discontinued', 'Dora Datenschutz'],
      ['confirmed', 'Karla Kommunikation'],
    ]);
    const revisions = await t.app.inject({
      method: 'GET',
      url: `/api/registry/platforms/${platform.id}/revisions`,
      headers: comms.headers(),
    });
    expect(revisions.json<{ items: unknown[] }>().items).toHaveLength(3);
    const audit = await get()
      .db.selectFrom('audit_log')
      .select(['action', 'summary', 'actor_role'])
      .where('action', '=', 'registry.review_recorded')
      .orderBy('id')
      .execute();
    expect(audit[0]).toEqual({
      action: 'registry.review_recorded',
      actor_role: 'communications',
      summary: `Erforderlichkeitsprüfung (Plattform ${platform.key}) bestätigt; nächste Überprüfung ${next}`,
    });
    expect(JSON.stringify(audit)).not.toContain('Karla');
    expect((await verifyAuditChain(get().db)).ok).toBe(true);
  });

  it('lets the dpo review a DSFA without withdrawing the sign-off; 409 without a DSFA', async () => {
    const platform = await buildPlatform(get().db, { dpia: DPIA });
    const signed = await t.app.inject({
      method: 'POST',
      url: `/api/registry/platforms/${platform.id}/dpia-sign-off`,
      headers: dpo.headers(),
    });
    expect(signed.statusCode).toBe(200);
    const res = await record(dpo, {
      subject: 'dpia',
      platformId: platform.id,
      outcome: 'confirmed',
      notes: 'Risiken unverändert.',
      nextReviewOn: next,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Review>().reviewerId).toBe(dpoId);
    const after = await platformOf(platform.id);
    expect(after.dpia).toMatchObject({ nextReviewOn: next, status: 'signed-off', version: '1.0' });
    expect(after.dpiaSignOff?.signedOffBy).toBe(dpoId);

    const without = await buildPlatform(get().db);
    const conflict = await record(dpo, {
      subject: 'dpia',
      platformId: without.id,
      outcome: 'confirmed',
      notes: null,
      nextReviewOn: next,
    });
    expect(conflict.statusCode).toBe(409);
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/registry/reviews?platformId=${without.id}`,
      headers: dpo.headers(),
    });
    expect(none.json<{ items: Review[] }>().items).toEqual([]);
  });

  it('records a concept review on the organisation profile', async () => {
    const conflict = await record(comms, {
      subject: 'concept',
      platformId: null,
      outcome: 'confirmed',
      notes: null,
      nextReviewOn: next,
    });
    expect(conflict.statusCode).toBe(409);
    await buildOrganisationProfile(get().db);
    const res = await record(comms, {
      subject: 'concept',
      platformId: null,
      outcome: 'changed',
      notes: 'Abschnitt 13 an neue Löschfristen angepasst.',
      nextReviewOn: next,
    });
    expect(res.statusCode).toBe(201);
    const profile = await t.app.inject({
      method: 'GET',
      url: '/api/registry/organisation',
      headers: comms.headers(),
    });
    expect(profile.json<OrganisationProfile>()).toMatchObject({
      conceptReviewedOn: today,
      conceptNextReviewOn: next,
      conceptVersion: 'Juli 2025',
    });
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/registry/reviews?subject=concept',
      headers: comms.headers(),
    });
    expect(list.json<{ items: Review[] }>().items).toMatchObject([
      { subject: 'concept', platformId: null, outcome: 'changed' },
    ]);
  });

  it('validates: platform per subject, future next date, known platform, closed vocabularies', async () => {
    const platform = await buildPlatform(get().db);
    const base = {
      subject: 'necessity',
      platformId: platform.id,
      outcome: 'confirmed',
      notes: null,
      nextReviewOn: next,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, subject: 'concept' }, 'platformId'],
      [{ ...base, platformId: null }, 'platformId'],
      [{ ...base, nextReviewOn: today }, 'nextReviewOn'],
      [{ ...base, nextReviewOn: '2027-02-30' }, 'nextReviewOn'],
      [{ ...base, outcome: 'abgelehnt' }, 'outcome'],
      [{ ...base, platformId: '00000000-0000-4000-8000-000000000000' }, 'platformId'],
      [{ ...base, reviewer: 'jemand' }, ''],
    ];
    for (const [payload, path] of cases) {
      const res = await record(comms, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const body = res.json<ErrorBody>();
      expect(body.code).toBe('validation_failed');
      expect(body.details?.[0]?.path).toBe(path);
    }
    const past = await record(comms, { ...base, nextReviewOn: today });
    expect(past.json<ErrorBody>().details?.[0]?.message).toBe(
      'Die nächste Überprüfung muss nach dem heutigen Tag liegen.',
    );
  });

  it('lets only communications and the dpo record reviews; readers may read them', async () => {
    const platform = await buildPlatform(get().db);
    for (const role of ['agency', 'department-editor', 'online-team', 'crisis-approver'] as const) {
      const { agent } = await agentWith(role);
      const res = await record(agent, {
        subject: 'necessity',
        platformId: platform.id,
        outcome: 'confirmed',
        notes: null,
        nextReviewOn: next,
      });
      expect(res.statusCode, role).toBe(403);
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/registry/reviews',
        headers: agent.headers(),
      });
      expect(read.statusCode, role).toBe(200);
    }
  });
});
