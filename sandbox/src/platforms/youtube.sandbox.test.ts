import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { germanComment } from '../sandbox.comments.ts';
import { createSandbox } from '../sandbox.server.ts';
import type { Sandbox } from '../sandbox.server.ts';
import { SandboxStore } from '../sandbox.store.ts';
import {
  addYouTubeComment,
  createYouTubeSandbox,
  YOUTUBE_SANDBOX_CHANNEL,
} from './youtube.sandbox.ts';

const CHUNK = 256 * 1024;

let sandbox: Sandbox;
let base: string;
let token: string;

function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

async function startUpload(title: string, length: number): Promise<Response> {
  return api('/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status', {
    method: 'POST',
    headers: { 'x-upload-content-length': String(length), 'x-upload-content-type': 'video/mp4' },
    body: JSON.stringify({
      snippet: { title, description: 'Beschreibung' },
      status: { privacyStatus: 'public' },
    }),
  });
}

beforeAll(async () => {
  // 300 units: enough for the tests below (five moderations at 50), so the last one spends it.
  sandbox = createSandbox([createYouTubeSandbox({ quotaUnitsPerDay: 300 })]);
  base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const issued = await fetch(`${base}/_sandbox/youtube/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: YOUTUBE_SANDBOX_CHANNEL, lifetimeSeconds: 3599 }),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await sandbox.app.close();
});

describe('YouTube sandbox', () => {
  it('answers an unknown token with Google’s 401 authError body', async () => {
    const response = await fetch(`${base}/youtube/v3/channels?part=id&mine=true`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] },
    });
  });

  it('refuses a title with angle brackets as invalidTitle', async () => {
    const response = await startUpload('<b>Fett</b>', 10);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 400, errors: [{ reason: 'invalidTitle', domain: 'youtube.video' }] },
    });
  });

  it('takes a resumable upload in chunks: 308 with Range, then the video resource', async () => {
    const total = CHUNK + 10;
    const started = await startUpload('Stadtfest 2026', total);
    expect(started.status).toBe(200);
    const session = started.headers.get('location') ?? '';
    const put = (start: number, end: number, body: Uint8Array): Promise<Response> =>
      fetch(session, {
        method: 'PUT',
        redirect: 'manual',
        headers: { 'content-type': 'video/mp4', 'content-range': `bytes ${start}-${end}/${total}` },
        body,
      });
    const misfit = await put(0, 999, new Uint8Array(1000));
    expect(misfit.status).toBe(400);
    const first = await put(0, CHUNK - 1, new Uint8Array(CHUNK));
    expect(first.status).toBe(308);
    expect(first.headers.get('range')).toBe(`bytes=0-${CHUNK - 1}`);
    const last = await put(CHUNK, total - 1, new Uint8Array(10));
    expect(last.status).toBe(200);
    const created = (await last.json()) as { id: string; status: { uploadStatus: string } };
    expect(created.status.uploadStatus).toBe('uploaded');

    // Processing completes on the second status poll (processingPolls: 2).
    const poll = async (): Promise<string> => {
      const listed = await api(`/youtube/v3/videos?part=status&id=${created.id}`);
      const body = (await listed.json()) as { items: { status: { uploadStatus: string } }[] };
      return body.items[0]?.status.uploadStatus ?? '';
    };
    expect(await poll()).toBe('uploaded');
    expect(await poll()).toBe('processed');

    const wall = await fetch(`${base}/_sandbox/youtube/wall`);
    expect(await wall.text()).toContain('Stadtfest 2026');
  });

  it('seeds German comments and moderates them as Google does', async () => {
    const seeded = await fetch(`${base}/_sandbox/youtube/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2, kinds: ['question'] }),
    });
    const { items } = (await seeded.json()) as { items: string[] };
    expect(items).toHaveLength(2);
    const moderate = (id: string, status: string, ban = false): Promise<Response> =>
      api(
        `/youtube/v3/comments/setModerationStatus?id=${id}&moderationStatus=${status}&banAuthor=${ban}`,
        { method: 'POST' },
      );
    const [first = '', second = ''] = items;
    const banned = await moderate(first, 'heldForReview', true);
    expect(await banned.json()).toMatchObject({
      error: { errors: [{ reason: 'banWithoutReject' }] },
    });
    expect((await moderate(first, 'heldForReview')).status).toBe(204);
    expect((await moderate(first, 'published')).status).toBe(204);
    expect((await moderate(second, 'rejected')).status).toBe(204);
    expect((await moderate(second, 'published')).status).toBe(400);
  });

  it('addYouTubeComment comments on the newest video, or returns undefined without one', () => {
    const store = new SandboxStore();
    expect(addYouTubeComment(store, germanComment(0))).toBeUndefined();
    expect(addYouTubeComment(sandbox.store, germanComment(1))).toMatch(/^Ugx/);
  });

  it('answers 403 quotaExceeded when the day’s units are spent', async () => {
    let last: Response | undefined;
    for (let call = 0; call < 100; call += 1) {
      last = await api('/youtube/v3/channels?part=id&mine=true');
      if (last.status !== 200) {
        break;
      }
    }
    expect(last?.status).toBe(403);
    expect(await last?.json()).toMatchObject({
      error: { errors: [{ reason: 'quotaExceeded', domain: 'youtube.quota' }] },
    });
  });
});
