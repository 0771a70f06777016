import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { buildOrgUnit, buildUser, loginAs } from '../../test/factories.ts';
import type { Agent } from '../../test/factories.ts';
import { createTestApp } from '../../test/test-app.ts';
import type { TestApp } from '../../test/test-app.ts';
import { describeEachEngine } from '../../test/test-database.ts';
import { systemActor } from '../access/actor.ts';
import { AppError } from '../errors/errors.ts';
import {
  GPS_MARKER,
  jpegWithMetadata,
  mp4WithMetadata,
  pngWithMetadata,
} from './media.fixtures.ts';
import type { Media } from './media.schema.ts';
import { loadDeliveryMedia, MediaMissingError, uploadMedia } from './media.service.ts';
import { signedMediaUrl } from './media.signing.ts';

describeEachEngine('media upload, alt text and delivery', (get) => {
  let t: TestApp;
  let comms: Agent;
  let dpo: Agent;
  let editorA: Agent;
  let colleagueA: Agent;
  let editorB: Agent;
  let commsUser: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestApp(get());
    const db = get().db;
    const unitA = await buildOrgUnit(db);
    const unitB = await buildOrgUnit(db);
    commsUser = await buildUser(db);
    comms = await loginAs(t.app, commsUser.email);
    dpo = await loginAs(t.app, (await buildUser(db, { roles: [{ role: 'dpo' }] })).email);
    const editorOf = async (orgUnitId: string) =>
      loginAs(
        t.app,
        (await buildUser(db, { roles: [{ role: 'department-editor', orgUnitId }] })).email,
      );
    editorA = await editorOf(unitA.id);
    colleagueA = await editorOf(unitA.id);
    editorB = await editorOf(unitB.id);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const upload = (agent: Agent | null, body: Buffer, contentType: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { ...(agent?.headers() ?? {}), 'content-type': contentType },
      payload: body,
    });
  const mediaCount = async () =>
    Number(
      (
        await get()
          .db.selectFrom('media')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedFiles = async () =>
    (await readdir(join(t.ctx.config.dataDir, 'media'), { withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  const tempFiles = async () => readdir(join(t.ctx.config.dataDir, 'media', 'tmp'));

  it('stores an image with its metadata stripped and its size read from the header', async () => {
    const response = await upload(
      editorA,
      jpegWithMetadata({ width: 1600, height: 900 }),
      'image/jpeg',
    );
    expect(response.statusCode).toBe(201);
    const media = response.json<Media>();
    expect(media).toMatchObject({
      kind: 'image',
      mimeType: 'image/jpeg',
      width: 1600,
      height: 900,
    });
    expect(media.altText).toBeNull();

    const content = await t.app.inject({
      method: 'GET',
      url: media.contentUrl,
      headers: editorA.headers(),
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.rawPayload.length).toBe(media.byteSize);
    expect(content.rawPayload.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(content.rawPayload.includes(Buffer.from('Exif'))).toBe(false);

    const row = await get()
      .db.selectFrom('media')
      .selectAll()
      .where('id', '=', media.id)
      .executeTakeFirstOrThrow();
    expect(await storedFiles()).toContain(row.storage_key);
    expect(await tempFiles()).toEqual([]);
    const audit = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', media.id)
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual(['media.uploaded']);
    // Neither the GPS content nor anything of the file reaches the log or the audit summary.
    expect(t.logLines.some((line) => line.includes(GPS_MARKER))).toBe(false);
    expect(audit[0]?.summary.includes(GPS_MARKER)).toBe(false);
  });

  it('stores a video with duration and size, GPS boxes blanked', async () => {
    const response = await upload(comms, mp4WithMetadata(), 'video/mp4');
    expect(response.statusCode).toBe(201);
    const media = response.json<Media>();
    expect(media).toMatchObject({
      kind: 'video',
      mimeType: 'video/mp4',
      durationSeconds: 12.345,
      width: 1080,
      height: 1920,
    });
    const content = await t.app.inject({
      method: 'GET',
      url: media.contentUrl,
      headers: comms.headers(),
    });
    expect(content.rawPayload.includes(Buffer.from(GPS_MARKER))).toBe(false);
  });

  it('takes files larger than the JSON body limit, streamed to disk', async () => {
    const png = pngWithMetadata(2000, 1500);
    const iend = png.length - 12;
    const padding = Buffer.alloc(t.ctx.config.bodyLimitBytes + 1024, 0x11);
    const idat = Buffer.concat([
      Buffer.from([0, 0x10, 0x04, 0x00]),
      Buffer.from('IDAT', 'latin1'),
      padding.subarray(0, 0x100400),
      Buffer.alloc(4),
    ]);
    const large = Buffer.concat([png.subarray(0, iend), idat, png.subarray(iend)]);
    expect(large.length).toBeGreaterThan(t.ctx.config.bodyLimitBytes);
    const response = await upload(comms, large, 'image/png');
    expect(response.statusCode).toBe(201);
    expect(response.json<Media>()).toMatchObject({ width: 2000, height: 1500 });
  });

  it('refuses a type mismatch, unknown content and non-media bodies with 415, storing nothing', async () => {
    const before = await mediaCount();
    const files = await storedFiles();
    const mismatch = await upload(
      editorA,
      jpegWithMetadata({ width: 10, height: 10 }),
      'image/png',
    );
    expect(mismatch.statusCode).toBe(415);
    expect(mismatch.json()).toMatchObject({
      code: 'unsupported_media_type',
      details: [{ path: 'file' }],
    });
    expect(mismatch.json<{ message: string }>().message).toContain('image/png');

    const pdf = await upload(editorA, Buffer.from('%PDF-1.7 not an image'), 'image/jpeg');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json<{ message: string }>().message).toContain('JPEG, PNG, GIF oder WebP');

    const declaredPdf = await upload(editorA, Buffer.from('%PDF-1.7'), 'application/pdf');
    expect(declaredPdf.statusCode).toBe(415);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: editorA.headers(),
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);

    const telemetry = await upload(editorA, mp4WithMetadata({ telemetry: true }), 'video/mp4');
    expect(telemetry.statusCode).toBe(415);
    expect(telemetry.json<{ message: string }>().message).toContain('GPS');

    const broken = await upload(editorA, pngWithMetadata(10, 10).subarray(0, 60), 'image/png');
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ message: string }>().message).toContain('beschädigt');

    expect(await mediaCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses uploads over the cap, by header and while streaming, storing nothing', async () => {
    const before = await mediaCount();
    const files = await storedFiles();
    const reader = {
      id: commsUser.id,
      roles: [{ role: 'communications' as const, orgUnitId: null }],
    };
    const attempt = (contentLength: number | null, chunks: Buffer[]) =>
      uploadMedia(
        get().db,
        t.ctx.config.dataDir,
        systemActor(),
        reader,
        { contentType: 'image/png', contentLength, body: Readable.from(chunks) },
        1000,
      );
    const image = pngWithMetadata(10, 10);
    await expect(attempt(5000, [image])).rejects.toMatchObject({ code: 'payload_too_large' });
    const streamed = attempt(null, [image, Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(streamed).rejects.toBeInstanceOf(AppError);
    await expect(streamed).rejects.toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(await mediaCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
    expect(await tempFiles()).toEqual([]);
  });

  it('lets only drafting roles upload, within a session and with CSRF token', async () => {
    const image = pngWithMetadata(10, 10);
    expect((await upload(null, image, 'image/png')).statusCode).toBe(401);
    expect((await upload(dpo, image, 'image/png')).statusCode).toBe(403);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: { cookie: editorA.cookie, 'content-type': 'image/png' },
      payload: image,
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('sets alt text (trimmed, at most 1500 characters) and audits only its length', async () => {
    const media = (await upload(editorA, pngWithMetadata(800, 600), 'image/png')).json<Media>();
    const patch = (agent: Agent, altText: string | null) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/media/${media.id}`,
        headers: agent.headers(),
        payload: { altText },
      });

    const set = await patch(editorA, '  Oberbürgermeister eröffnet das Stadtfest  ');
    expect(set.statusCode).toBe(200);
    expect(set.json<Media>().altText).toBe('Oberbürgermeister eröffnet das Stadtfest');

    const tooLong = await patch(editorA, 'a'.repeat(1501));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'altText' }],
    });

    expect((await patch(colleagueA, null)).json<Media>().altText).toBeNull();
    expect((await patch(dpo, 'x')).statusCode).toBe(403);
    const audit = await get()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', media.id)
      .execute();
    expect(audit.map((entry) => entry.action)).toEqual([
      'media.uploaded',
      'media.alt-text-changed',
      'media.alt-text-changed',
    ]);
    expect(audit.some((entry) => entry.summary.includes('Stadtfest'))).toBe(false);
  });

  it('shows media to their unit and to central roles only', async () => {
    const media = (await upload(editorA, pngWithMetadata(10, 10), 'image/png')).json<Media>();
    const get200 = async (agent: Agent) =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/media/${media.id}`,
          headers: agent.headers(),
        })
      ).statusCode;
    expect(await get200(editorA)).toBe(200);
    expect(await get200(colleagueA)).toBe(200);
    expect(await get200(comms)).toBe(200);
    expect(await get200(dpo)).toBe(200);
    expect(await get200(editorB)).toBe(404);
    const content = await t.app.inject({
      method: 'GET',
      url: media.contentUrl,
      headers: editorB.headers(),
    });
    expect(content.statusCode).toBe(404);
  });

  it('serves signed URLs to fetching platforms and refuses expired or tampered ones', async () => {
    const media = (
      await upload(comms, jpegWithMetadata({ width: 1080, height: 1080 }), 'image/jpeg')
    ).json<Media>();
    const relative = (url: string) => url.slice(t.ctx.config.publicUrl.length);
    const valid = relative(signedMediaUrl(t.ctx.config, media.id, new Date(Date.now() + 60_000)));
    const ok = await t.app.inject({ method: 'GET', url: valid });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/jpeg');
    expect(ok.rawPayload.includes(Buffer.from(GPS_MARKER))).toBe(false);

    const expired = relative(signedMediaUrl(t.ctx.config, media.id, new Date(Date.now() - 1000)));
    expect((await t.app.inject({ method: 'GET', url: expired })).statusCode).toBe(403);
    const tampered = valid.replace(
      /expires=(\d+)/,
      (_all, value: string) => `expires=${Number(value) + 1}`,
    );
    expect((await t.app.inject({ method: 'GET', url: tampered })).statusCode).toBe(403);
    expect(t.logLines.some((line) => line.includes('sig='))).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: `/media/public/${media.id}` })).statusCode,
    ).toBe(400);
    const traversal = await t.app.inject({
      method: 'GET',
      url: '/media/public/..%2F..%2Fsession-secret?expires=1&sig=00',
    });
    expect(traversal.statusCode).toBe(400);
  });

  it('loads delivery media with bytes, alt text and, when asked, a 24-hour signed URL', async () => {
    const image = (
      await upload(comms, jpegWithMetadata({ width: 1080, height: 1350 }), 'image/jpeg')
    ).json<Media>();
    await t.app.inject({
      method: 'PATCH',
      url: `/api/media/${image.id}`,
      headers: comms.headers(),
      payload: { altText: 'Ein Bild' },
    });
    const video = (await upload(comms, mp4WithMetadata(), 'video/mp4')).json<Media>();

    const plain = await loadDeliveryMedia(get().db, t.ctx.config, [video.id, image.id], false);
    expect(plain.map((item) => item.kind)).toEqual(['video', 'image']);
    expect(plain[1]).toMatchObject({
      mimeType: 'image/jpeg',
      altText: 'Ein Bild',
      publicUrl: null,
    });
    expect(plain[1]?.data.length).toBe(image.byteSize);

    const fetched = await loadDeliveryMedia(get().db, t.ctx.config, [image.id], true);
    const url = new URL(fetched[0]?.publicUrl ?? '');
    const expires = Number(url.searchParams.get('expires'));
    expect(expires * 1000 - Date.now()).toBeGreaterThan(23.9 * 3600 * 1000);
    const served = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(served.statusCode).toBe(200);

    await expect(
      loadDeliveryMedia(get().db, t.ctx.config, ['0b7c6f0e-1111-4222-8333-944445555666'], false),
    ).rejects.toBeInstanceOf(MediaMissingError);
  });
});
