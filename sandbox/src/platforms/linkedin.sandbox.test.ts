import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createSandbox } from '../sandbox.server.ts';
import type { Sandbox } from '../sandbox.server.ts';
import { LINKEDIN_SANDBOX_ORGANIZATION, linkedInSandbox } from './linkedin.sandbox.ts';

let sandbox: Sandbox;
let base: string;
let token: string;

const postBody = (commentary: string): Record<string, unknown> => ({
  author: LINKEDIN_SANDBOX_ORGANIZATION,
  commentary,
  visibility: 'PUBLIC',
  distribution: {
    feedDistribution: 'MAIN_FEED',
    targetEntities: [],
    thirdPartyDistributionChannels: [],
  },
  lifecycleState: 'PUBLISHED',
});

function rest(
  path: string,
  init: RequestInit = {},
  version: string | null = '202610',
): Promise<Response> {
  return fetch(`${base}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'x-restli-protocol-version': '2.0.0',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(version === null ? {} : { 'linkedin-version': version }),
    },
  });
}

beforeAll(async () => {
  sandbox = createSandbox([linkedInSandbox]);
  base = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const issued = await fetch(`${base}/_sandbox/linkedin/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: 'urn:li:person:tester', lifetimeSeconds: 5_184_000 }),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await sandbox.app.close();
});

describe('LinkedIn sandbox', () => {
  it('refuses a call without LinkedIn-Version like the real API', async () => {
    const response = await rest(
      '/rest/posts',
      { method: 'POST', body: JSON.stringify(postBody('x')) },
      null,
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, code: 'VERSION_MISSING' });
  });

  it('creates a post (201 + x-restli-id), lists it by author and refuses a duplicate', async () => {
    const created = await rest('/rest/posts', {
      method: 'POST',
      body: JSON.stringify(postBody('Hallo')),
    });
    expect(created.status).toBe(201);
    const urn = created.headers.get('x-restli-id');
    expect(urn).toMatch(/^urn:li:share:\d+$/);

    const author = encodeURIComponent(LINKEDIN_SANDBOX_ORGANIZATION);
    const listed = await rest(`/rest/posts?q=author&author=${author}&count=10`);
    const page = (await listed.json()) as { elements: { id: string; commentary: string }[] };
    expect(page.elements[0]).toMatchObject({ id: urn, commentary: 'Hallo' });

    const duplicate = await rest('/rest/posts', {
      method: 'POST',
      body: JSON.stringify(postBody('Hallo')),
    });
    expect(duplicate.status).toBe(422);
    expect(await duplicate.json()).toMatchObject({ status: 422, code: 'DUPLICATE_POST' });

    const deleted = await rest(`/rest/posts/${encodeURIComponent(urn ?? '')}`, {
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
  });

  it('answers an unknown token with 401 and a service error code', async () => {
    const response = await fetch(`${base}/rest/organizationAcls?q=roleAssignee`, {
      headers: { authorization: 'Bearer nope', 'linkedin-version': '202610' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, serviceErrorCode: 65600 });
  });

  it('answers injected rate limits with LinkedIn’s 429 body', async () => {
    await fetch(`${base}/_sandbox/linkedin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimit: { count: 1, retryAfterSeconds: 5 } }),
    });
    const response = await rest('/rest/organizationAcls?q=roleAssignee');
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
  });

  it('uploads an image through initializeUpload and the upload URL', async () => {
    const init = await rest('/rest/images?action=initializeUpload', {
      method: 'POST',
      body: JSON.stringify({ initializeUploadRequest: { owner: LINKEDIN_SANDBOX_ORGANIZATION } }),
    });
    const { value } = (await init.json()) as { value: { uploadUrl: string; image: string } };
    const upload = await fetch(value.uploadUrl, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(upload.status).toBe(201);
    const body = {
      ...postBody('Mit Bild'),
      content: { media: { id: value.image, altText: 'Rathaus' } },
    };
    const created = await rest('/rest/posts', { method: 'POST', body: JSON.stringify(body) });
    expect(created.status).toBe(201);
  });
});
