import { createXSandbox } from '../../../../sandbox/src/platforms/x.sandbox.ts';
import type { XSandboxOverrides } from '../../../../sandbox/src/platforms/x.sandbox.ts';
import { createSandbox } from '../../../../sandbox/src/sandbox.server.ts';
import type { Sandbox } from '../../../../sandbox/src/sandbox.server.ts';
import type { ChannelAuth, Connector, MediaItem, PublishRequest } from '../connector.ts';
import { createXConnector } from './x.connector.ts';

/** The X sandbox in this process and a connector pointed at it, as the tests use them. */
export interface XTestbed {
  readonly sandbox: Sandbox;
  readonly baseUrl: string;
  readonly connector: Connector;
  /** A developer-console token for the given account (admin API). */
  token(
    accountId?: string,
    withRefresh?: boolean,
  ): Promise<ChannelAuth & { refreshToken: string | null }>;
  faults(settings: Record<string, unknown>): Promise<void>;
  posts(): Promise<readonly SandboxPostJson[]>;
  close(): Promise<void>;
}

export interface SandboxPostJson {
  readonly id: string;
  readonly accountId: string;
  readonly text: string;
  readonly media: readonly { id: string; description: string | null }[];
  readonly extra: Readonly<Record<string, unknown>>;
}

export const TEST_ACCOUNT_ID = '1600000000000000042';

export async function startXTestbed(
  sandboxOptions: XSandboxOverrides = {},
  timeoutMs = 1500,
): Promise<XTestbed> {
  const sandbox = createSandbox([createXSandbox(sandboxOptions)]);
  const baseUrl = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  const connector = createXConnector({
    clientId: 'stadtfunk-test-client',
    clientSecret: 'stadtfunk-test-secret',
    apiBaseUrl: baseUrl,
    timeoutMs,
  });
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${baseUrl}/_sandbox/x/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`sandbox admin ${method} ${path}: ${response.status}`);
    }
    return response;
  };
  return {
    sandbox,
    baseUrl,
    connector,
    async token(accountId = TEST_ACCOUNT_ID, withRefresh = false) {
      const response = await admin('POST', 'tokens', {
        accountId,
        lifetimeSeconds: 7200,
        withRefresh,
      });
      const body = (await response.json()) as { accessToken: string; refreshToken: string | null };
      return {
        accessToken: body.accessToken,
        refreshToken: body.refreshToken,
        expiresAt: null,
        accountId,
      };
    },
    async faults(settings) {
      await admin('POST', 'faults', settings);
    },
    async posts() {
      const response = await admin('GET', 'posts');
      return ((await response.json()) as { items: SandboxPostJson[] }).items;
    },
    async close() {
      await sandbox.app.close();
    },
  };
}

// A 1×1 PNG: the sandbox stores bytes, it does not decode them.
const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export function image(altText: string | null = null, mimeType = 'image/png'): MediaItem {
  return { kind: 'image', mimeType, data: PNG, publicUrl: null, altText };
}

export function publishRequest(
  text: string,
  media: readonly MediaItem[] = [],
  idempotencyKey = 'post-1:x',
): PublishRequest {
  return { text, title: null, media, idempotencyKey };
}
