import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSandbox } from '../sandbox.server.ts';
import type { Sandbox } from '../sandbox.server.ts';
import { createTikTokSandbox } from './tiktok.sandbox.ts';

let sandbox: Sandbox;
let base: string;
let token: string;

function api(path: string, body: unknown = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const videoInit = (privacy: string, size: number, chunk: number, count: number): unknown => ({
  post_info: { title: 'Hallo', privacy_level: privacy },
  source_info: {
    source: 'FILE_UPLOAD',
    video_size: size,
    chunk_size: chunk,
    total_chunk_count: count,
  },
});

beforeAll(async () => {
  sandbox = createSandbox([createTikTokSandbox({ processingPolls: 1 })]);
  base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const issued = await fetch(`${base}/_sandbox/tiktok/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: 'open-id-tester', lifetimeSeconds: 86_400 }),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await sandbox.app.close();
});

describe('TikTok sandbox', () => {
  it('answers creator_info in TikTok’s envelope with error.code ok', async () => {
    const response = await api('/v2/post/publish/creator_info/query/');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      data: {
        privacy_level_options: ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
      },
      error: { code: 'ok' },
    });
  });

  it('enforces SELF_ONLY for an unaudited client', async () => {
    const response = await api(
      '/v2/post/publish/video/init/',
      videoInit('FOLLOWER_OF_CREATOR', 100, 100, 1),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: { code: 'unaudited_client_can_only_post_to_private_accounts' },
    });
  });

  it('checks chunk rules at init and Content-Range on upload, then completes', async () => {
    const wrong = await api('/v2/post/publish/video/init/', videoInit('SELF_ONLY', 100, 50, 2));
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_param' } });
    const init = await api('/v2/post/publish/video/init/', videoInit('SELF_ONLY', 16, 16, 1));
    const { data } = (await init.json()) as { data: { publish_id: string; upload_url: string } };
    const bytes = new Uint8Array(16);
    bytes.set([0, 0, 0, 0x10, 0x66, 0x74, 0x79, 0x70]);
    const badRange = await fetch(data.upload_url, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4', 'content-range': 'bytes 0-9/16' },
      body: bytes.subarray(0, 10),
    });
    expect(badRange.status).toBe(416);
    const upload = await fetch(data.upload_url, {
      method: 'PUT',
      headers: { 'content-type': 'video/mp4', 'content-range': 'bytes 0-15/16' },
      body: bytes,
    });
    expect(upload.status).toBe(201);
    const status = await api('/v2/post/publish/status/fetch/', { publish_id: data.publish_id });
    expect(await status.json()).toMatchObject({
      data: { status: 'PUBLISH_COMPLETE', publicaly_available_post_id: [] },
    });
    const wall = await fetch(`${base}/_sandbox/tiktok/posts`);
    expect(((await wall.json()) as { items: { text: string }[] }).items[0]?.text).toBe('Hallo');
  });

  it('limits init calls to six per minute per token', async () => {
    const codes: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      const response = await api('/v2/post/publish/video/init/', videoInit('SELF_ONLY', 16, 16, 1));
      codes.push(((await response.json()) as { error: { code: string } }).error.code);
    }
    expect(codes.at(-1)).toBe('rate_limit_exceeded');
  });

  it('answers an unknown token with access_token_invalid', async () => {
    const response = await fetch(`${base}/v2/user/info/?fields=open_id`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'access_token_invalid' } });
  });
});
