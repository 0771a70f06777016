import { describe, expect, it } from 'vitest';

import { mastodonSandbox } from './platforms/mastodon.sandbox.ts';
import { readSandboxConfig, SandboxConfigError } from './sandbox.config.ts';
import { createSandbox, parseFormBody } from './sandbox.server.ts';

describe('sandbox core', () => {
  it('parses form bodies the Rails way', () => {
    expect(parseFormBody('a=1&b[]=2&b[]=3&c=4&c=5')).toEqual({
      a: '1',
      b: ['2', '3'],
      c: ['4', '5'],
    });
  });

  it('answers 404 for fault settings of a platform it does not simulate', async () => {
    const { app } = createSandbox([mastodonSandbox]);
    const unknown = await app.inject({
      method: 'POST',
      url: '/_sandbox/myspace/faults',
      payload: { timeout: 1 },
    });
    expect(unknown.statusCode).toBe(404);
    const invalid = await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/faults',
      payload: { timeout: 0 },
    });
    expect(invalid.statusCode).toBe(400);
    await app.close();
  });

  it('answers a request with the injected 5xx before it takes effect', async () => {
    const { app, store } = createSandbox([mastodonSandbox]);
    await app.inject({
      method: 'POST',
      url: '/_sandbox/mastodon/faults',
      payload: { serverError: { count: 1, status: 502 } },
    });
    const failed = await app.inject({ url: '/api/v2/instance' });
    expect(failed.statusCode).toBe(502);
    expect((await app.inject({ url: '/api/v2/instance' })).statusCode).toBe(200);
    expect(store.posts).toEqual([]);
    await app.close();
  });

  it('reads SANDBOX_PORT and SANDBOX_HOST with defaults', () => {
    expect(readSandboxConfig({})).toMatchObject({ port: 4000, host: '127.0.0.1' });
    expect(readSandboxConfig({ SANDBOX_PORT: '4100', SANDBOX_HOST: '0.0.0.0' })).toMatchObject({
      port: 4100,
      host: '0.0.0.0',
    });
    expect(() => readSandboxConfig({ SANDBOX_PORT: 'viertausend' })).toThrow(SandboxConfigError);
  });
});
