import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createMetaSandbox } from '../../../../sandbox/src/platforms/meta.sandbox.ts';
import type { MetaSandboxOptions } from '../../../../sandbox/src/platforms/meta.sandbox.ts';
import type { FaultSettings } from '../../../../sandbox/src/sandbox.faults.ts';
import { createSandbox } from '../../../../sandbox/src/sandbox.server.ts';
import { SandboxStore } from '../../../../sandbox/src/sandbox.store.ts';
import type { ChannelAuth, Connector, MediaItem, PublishRequest } from '../connector.ts';
import { createFacebookConnector } from './facebook.connector.ts';
import { createInstagramConnector } from './instagram.connector.ts';

export const PAGE_ID = '200000000000001';
export const IG_USER_ID = '17841400000000001';

export interface SandboxPostJson {
  readonly id: string;
  readonly accountId: string;
  readonly text: string;
  readonly media: readonly { id: string; description: string | null }[];
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The Meta sandbox, a local media host (Instagram fetches image URLs) and both connectors. */
export interface MetaTestbed {
  readonly baseUrl: string;
  /** Origin of the local media host: `/image.png` is a PNG, `/not-an-image.txt` is text. */
  readonly mediaUrl: string;
  readonly facebook: Connector;
  readonly instagram: Connector;
  advance(ms: number): void;
  /** A page token; `scopes` limits its permissions (none given: every permission). */
  pageToken(accountId?: string, scopes?: readonly string[]): Promise<ChannelAuth>;
  faults(settings: FaultSettings): Promise<void>;
  graphError(code: number, options?: { subcode?: number; status?: number }): Promise<void>;
  comment(objectId: string, text: string, fromName?: string): Promise<string>;
  comments(): Promise<{ id: string; hidden: boolean; text: string; parentId: string | null }[]>;
  posts(accountId: string): Promise<SandboxPostJson[]>;
  close(): Promise<void>;
}

// A 1×1 PNG: neither the sandbox nor the media host decodes it.
export const PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

export async function startMetaTestbed(
  options: Partial<MetaSandboxOptions> = {},
  timeoutMs = 1500,
): Promise<MetaTestbed> {
  let offsetMs = 0;
  const store = new SandboxStore({ now: () => Date.now() + offsetMs });
  const sandbox = createSandbox([createMetaSandbox(options)], store);
  const baseUrl = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });

  const media = createServer((request, response) => {
    if (request.url === '/image.png') {
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(PNG));
    } else if (request.url === '/not-an-image.txt') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
  const mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;

  const settings = { baseUrl, clientId: 'meta-app', clientSecret: 'meta-secret', timeoutMs };
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${baseUrl}/_sandbox/meta/${path}`, {
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
    baseUrl,
    mediaUrl,
    facebook: createFacebookConnector(settings),
    instagram: createInstagramConnector(settings),
    advance(ms) {
      offsetMs += ms;
    },
    async pageToken(accountId = PAGE_ID, scopes = []) {
      // A page token (accountId = page) acts for the page and its Instagram account alike.
      const response = await admin('POST', 'tokens', { accountId: PAGE_ID, scopes });
      const body = (await response.json()) as { accessToken: string };
      return { accessToken: body.accessToken, refreshToken: null, expiresAt: null, accountId };
    },
    async faults(faultSettings) {
      await admin('POST', 'faults', faultSettings);
    },
    async graphError(code, extra = {}) {
      await admin('POST', 'graph-errors', {
        code,
        subcode: extra.subcode ?? null,
        status: extra.status ?? 400,
      });
    },
    async comment(objectId, text, fromName) {
      const response = await admin('POST', 'comments', { objectId, text, fromName });
      return ((await response.json()) as { id: string }).id;
    },
    async comments() {
      const response = await admin('GET', 'comments');
      return (
        (await response.json()) as {
          items: { id: string; hidden: boolean; text: string; parentId: string | null }[];
        }
      ).items;
    },
    async posts(accountId) {
      const response = await admin('GET', `posts?accountId=${accountId}`);
      return ((await response.json()) as { items: SandboxPostJson[] }).items;
    },
    async close() {
      await sandbox.app.close();
      await new Promise<void>((resolve) => {
        media.close(() => {
          resolve();
        });
      });
    },
  };
}

export function image(publicUrl: string | null = null, altText: string | null = null): MediaItem {
  return { kind: 'image', mimeType: 'image/png', data: PNG, publicUrl, altText };
}

export function publishRequest(text: string, media: readonly MediaItem[] = []): PublishRequest {
  return { text, title: null, media, idempotencyKey: 'post-1:meta' };
}
