import { afterAll, beforeAll, expect, it } from 'vitest';

import { replaceUserRoles } from '../access/users.repository.ts';
import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { buildConnectedChannel } from '../../test/publishing-factories.ts';
import { buildChannel, buildPlatform } from '../../test/registry-factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import type { Channel } from '../registry/registry.schema.ts';
import { pngWithMetadata } from '../media/media.fixtures.ts';
import type { Post } from './posts.schema.ts';

interface ErrorBody {
  code: string;
  message: string;
  details: { path: string; message: string }[];
}

describeEachEngine('posts: compose, validate, approve', (get) => {
  let t: TestApp;
  let comms: Agent;
  let comms2: Agent;
  let editor: Agent;
  let editorId: string;
  let agency: Agent;
  let x: Channel;
  let linkedIn: Channel;
  let instagram: Channel;
  let youtube: Channel;
  let selfPublishing: Channel;
  let otherUnit: Channel;
  let unconnected: Channel;

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    const key = t.ctx.encryptionKeys[0];
    if (key === undefined) {
      throw new Error('no key');
    }
    const unit = await buildOrgUnit(db);
    const other = await buildOrgUnit(db);
    comms = await loginAs(t.app, (await buildUser(db)).email);
    comms2 = await loginAs(t.app, (await buildUser(db)).email);
    const editorUser = await buildUser(db, {
      roles: [{ role: 'department-editor', orgUnitId: unit.id }],
    });
    editorId = editorUser.id;
    editor = await loginAs(t.app, editorUser.email);
    agency = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'agency' }] })).email);
    x = await buildConnectedChannel(db, key, 'x', { orgUnitId: unit.id });
    linkedIn = await buildConnectedChannel(db, key, 'linkedin', { orgUnitId: unit.id });
    instagram = await buildConnectedChannel(db, key, 'instagram', { orgUnitId: unit.id });
    youtube = await buildConnectedChannel(db, key, 'youtube', { orgUnitId: unit.id });
    selfPublishing = await buildConnectedChannel(db, key, 'facebook', {
      orgUnitId: unit.id,
      selfPublishing: true,
    });
    otherUnit = await buildConnectedChannel(db, key, 'x', { orgUnitId: other.id });
    unconnected = await buildChannel(db, {
      platformId: (await buildPlatform(db, { key: 'tiktok' })).id,
      orgUnitId: unit.id,
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const call = (
    agent: Agent,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
  ) =>
    t.app.inject({
      method,
      url,
      headers: agent.headers(),
      ...(payload === undefined ? {} : { payload }),
    });
  const create = async (agent: Agent, body: Record<string, unknown>) => {
    const res = await call(agent, 'POST', '/api/posts', { title: 'Stadtfest', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Post>();
  };
  const targets = (...channels: Channel[]) => channels.map((c) => ({ channelId: c.id }));
  const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

  it('a department editor drafts for their unit and submits it for approval', async () => {
    const post = await create(editor, {
      masterText: 'Das Stadtfest beginnt am Samstag um 11 Uhr auf dem Marktplatz.',
      hashtags: ['Stuttgart', '#Stadtfest'],
      linkUrl: 'https://www.stuttgart.de/stadtfest',
      targets: targets(x, linkedIn),
      scheduledAt: inHours(24),
    });
    expect(post.status).toBe('draft');
    expect(post.needsApproval).toBe(true);
    expect(post.targets[0]?.effectiveText).toBe(
      'Das Stadtfest beginnt am Samstag um 11 Uhr auf dem Marktplatz.\n\nhttps://www.stuttgart.de/stadtfest\n\n#Stuttgart #Stadtfest',
    );
    const submitted = await call(editor, 'POST', `/api/posts/${post.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json<Post>().status).toBe('in-review');
    const notes = await get()
      .db.selectFrom('notifications')
      .select(['kind', 'link'])
      .where('kind', '=', 'post.review-requested')
      .execute();
    expect(notes.length).toBeGreaterThanOrEqual(2);
    expect(notes[0]?.link).toBe(`/publishing/posts/${post.id}`);

    // The editor cannot approve; communications can and the post is scheduled.
    expect((await call(editor, 'POST', `/api/posts/${post.id}/approve`)).statusCode).toBe(403);
    const approved = await call(comms, 'POST', `/api/posts/${post.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<Post>()).toMatchObject({ status: 'scheduled' });

    // Any edit after approval by someone who needs approval sends it back to review.
    const edited = await call(editor, 'PATCH', `/api/posts/${post.id}`, {
      masterText: 'Das Stadtfest beginnt am Samstag um 12 Uhr.',
      version: approved.json<Post>().version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Post>()).toMatchObject({ status: 'in-review', approvedBy: null });
  });

  it('refuses a target outside the editor’s unit, and any target for an agency without assignment', async () => {
    const res = await call(editor, 'POST', '/api/posts', {
      title: 'Fremd',
      targets: targets(otherUnit),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>().details[0]?.path).toBe('targets.0.channelId');
    const byAgency = await call(agency, 'POST', '/api/posts', {
      title: 'Agentur',
      targets: targets(x),
    });
    expect(byAgency.statusCode).toBe(400);
    expect(
      (await call(agency, 'POST', '/api/posts/00000000-0000-4000-8000-000000000000/approve'))
        .statusCode,
    ).toBe(403);
  });

  it('releases a post at once where the author may publish on every channel', async () => {
    const own = await create(editor, {
      masterText: 'Neue Öffnungszeiten im Bürgerbüro.',
      targets: targets(selfPublishing),
      scheduledAt: inHours(2),
    });
    expect(own.needsApproval).toBe(false);
    const released = await call(editor, 'POST', `/api/posts/${own.id}/submit`);
    expect(released.json<Post>()).toMatchObject({ status: 'scheduled' });
    // Without a requested time it goes out as soon as it is released.
    const central = await create(comms, { masterText: 'Info', targets: targets(otherUnit) });
    const now = await call(comms, 'POST', `/api/posts/${central.id}/submit`);
    expect(now.json<Post>().status).toBe('scheduled');
    expect(Date.now() - Date.parse(now.json<Post>().scheduledAt ?? '')).toBeLessThan(60_000);
  });

  it('rejects with a reason that reaches the author', async () => {
    const post = await create(editor, { masterText: 'Entwurf', targets: targets(linkedIn) });
    await call(editor, 'POST', `/api/posts/${post.id}/submit`);
    const missing = await call(comms, 'POST', `/api/posts/${post.id}/reject`, { reason: ' ' });
    expect(missing.statusCode).toBe(400);
    const rejected = await call(comms, 'POST', `/api/posts/${post.id}/reject`, {
      reason: 'Bitte den Termin ergänzen.',
    });
    expect(rejected.json<Post>()).toMatchObject({
      status: 'draft',
      rejectionReason: 'Bitte den Termin ergänzen.',
    });
    const note = await get()
      .db.selectFrom('notifications')
      .select('body')
      .where('kind', '=', 'post.rejected')
      .where('user_id', '=', editorId)
      .executeTakeFirst();
    expect(note?.body).toContain('Bitte den Termin ergänzen.');
  });

  it('never lets anyone approve their own post', async () => {
    const post = await create(editor, { masterText: 'Vier Augen', targets: targets(linkedIn) });
    await call(editor, 'POST', `/api/posts/${post.id}/submit`);
    // The author later joins communications: still not their own approver.
    await replaceUserRoles(get().db, editorId, [
      { role: 'department-editor', orgUnitId: channelUnit(linkedIn) },
      { role: 'communications', orgUnitId: null },
    ]);
    const own = await call(editor, 'POST', `/api/posts/${post.id}/approve`);
    expect(own.statusCode).toBe(403);
    expect(own.json<ErrorBody>().message).toContain('Vier-Augen-Prinzip');
    expect((await call(comms2, 'POST', `/api/posts/${post.id}/approve`)).statusCode).toBe(200);
    await replaceUserRoles(get().db, editorId, [
      { role: 'department-editor', orgUnitId: channelUnit(linkedIn) },
    ]);
  });

  it('validates per platform with German messages that name the field and the fix', async () => {
    const res = await call(comms, 'POST', '/api/posts/validate', {
      masterText: 'ä'.repeat(279) + ' 👍',
      title: '',
      targets: targets(x, instagram, youtube, unconnected),
    });
    const issues = res.json<{ issues: { channelId: string; path: string; message: string }[] }>()
      .issues;
    const of = (channel: Channel) => issues.filter((issue) => issue.channelId === channel.id);
    // X counts the emoji twice: 279 + 1 + 2 = 282 weighted characters.
    expect(of(x).map((i) => i.message)).toEqual([
      expect.stringContaining('2 Zeichen zu lang (höchstens 280)'),
    ]);
    expect(of(instagram)[0]?.message).toContain('nur mit Bild oder Video');
    expect(of(youtube).map((i) => i.path)).toEqual(
      expect.arrayContaining(['targets.2.media', 'targets.2.variantTitle']),
    );
    expect(of(unconnected)[0]?.message).toContain('nicht mit der Plattform verbunden');
  });

  it('asks for alt text on every image, once, within each platform’s limit', async () => {
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { ...comms.headers(), 'content-type': 'image/png' },
      payload: pngWithMetadata(1200, 800),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const mediaId = upload.json<{ id: string }>().id;
    const check = async () =>
      (
        await call(comms, 'POST', '/api/posts/validate', {
          masterText: 'Bild vom Marktplatz',
          mediaIds: [mediaId],
          targets: targets(x, linkedIn, instagram),
        })
      ).json<{ issues: { channelId: string | null; path: string; message: string }[] }>().issues;
    const missing = (await check()).filter((issue) => issue.path === 'media.0.altText');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toMatch(/Alternativtext/);
    const tooLong = await t.app.inject({
      method: 'PATCH',
      url: `/api/media/${mediaId}`,
      headers: comms.headers(),
      payload: { altText: 'Blick über den Marktplatz. '.repeat(45) },
    });
    expect(tooLong.statusCode, tooLong.body).toBe(200);
    // 1 170 characters: within Mastodon's and LinkedIn's limits, over X's 1 000.
    const overX = (await check()).filter((issue) => issue.path === 'media.0.altText');
    expect(overX.map((issue) => issue.channelId)).toEqual([x.id]);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/media/${mediaId}`,
      headers: comms.headers(),
      payload: { altText: 'Der Marktplatz mit Rathaus bei Sonnenschein' },
    });
    expect((await check()).filter((issue) => issue.path.startsWith('media'))).toEqual([]);
  });

  it('refuses to submit an invalid post or a time in the past, and keeps it a draft', async () => {
    const post = await create(comms, {
      masterText: 'x'.repeat(300),
      targets: targets(x),
      scheduledAt: inHours(1),
    });
    const invalid = await call(comms, 'POST', `/api/posts/${post.id}/submit`);
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<ErrorBody>().details[0]?.path).toBe('targets.0.variantText');
    const past = await call(comms, 'PUT', `/api/posts/${post.id}/schedule`, {
      scheduledAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<ErrorBody>().details[0]?.path).toBe('scheduledAt');
    expect((await call(comms, 'GET', `/api/posts/${post.id}`)).json<Post>().status).toBe('draft');
  });

  it('stores times as UTC instants across the changes of daylight saving time', async () => {
    const autumn = await create(comms, {
      masterText: 'Herbst',
      targets: targets(x),
      scheduledAt: '2026-10-25T02:30:00+01:00',
    });
    expect(autumn.scheduledAt).toBe('2026-10-25T01:30:00.000Z');
    const spring = await create(comms, {
      masterText: 'Frühling',
      targets: targets(x),
      scheduledAt: '2027-03-28T03:30:00+02:00',
    });
    expect(spring.scheduledAt).toBe('2027-03-28T01:30:00.000Z');
    const list = await call(
      comms,
      'GET',
      '/api/posts?from=2026-10-25T00:00:00Z&to=2026-10-26T00:00:00Z',
    );
    expect(list.json<{ items: Post[] }>().items.map((p) => p.id)).toEqual([autumn.id]);
  });

  it('refuses a concurrent edit instead of losing it', async () => {
    const post = await create(comms, { masterText: 'Version 1', targets: targets(x) });
    const first = await call(comms, 'PATCH', `/api/posts/${post.id}`, {
      masterText: 'Version 2',
      version: post.version,
    });
    expect(first.statusCode).toBe(200);
    const stale = await call(comms2, 'PATCH', `/api/posts/${post.id}`, {
      masterText: 'Version 2b',
      version: post.version,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('keeps comments on a draft and shows only what the reader may see', async () => {
    const post = await create(comms, { masterText: 'Zentral', targets: targets(otherUnit) });
    const comment = await call(comms2, 'POST', `/api/posts/${post.id}/comments`, {
      body: 'Bitte noch ein Bild ergänzen.',
    });
    expect(comment.statusCode).toBe(201);
    const list = await call(comms, 'GET', `/api/posts/${post.id}/comments`);
    expect(list.json<{ items: { body: string }[] }>().items.map((c) => c.body)).toEqual([
      'Bitte noch ein Bild ergänzen.',
    ]);
    // The editor of another unit neither sees the post nor its comments.
    expect((await call(editor, 'GET', `/api/posts/${post.id}`)).statusCode).toBe(404);
    const editorList = await call(editor, 'GET', '/api/posts');
    expect(editorList.json<{ items: Post[] }>().items.map((p) => p.id)).not.toContain(post.id);
  });

  function channelUnit(channel: Channel): string {
    return channel.orgUnitId;
  }
});
