import { z } from 'zod';

import { PlatformError } from '../connector.ts';
import type { PlatformFailure } from '../connector.ts';
import type { RequestKind } from '../failure.ts';
import { apiErrorCode, classifyTikTokResponse, tiktokNetworkFailure } from './tiktok.errors.ts';

export interface TikTokTransport {
  /** Origin of the Open API and the token endpoint, `https://open.tiktokapis.com`. */
  readonly apiBaseUrl: string;
  readonly timeoutMs: number;
}

export interface TikTokCall<T> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** POST bodies are JSON; TikTok wants a body even when empty (creator_info). */
  readonly json?: unknown;
  /** Parses the `data` member of a successful answer. */
  readonly schema: z.ZodType<T>;
  /** `write`: a lost answer may hide a post on TikTok (outcome unknown). */
  readonly kind: RequestKind;
}

export interface TikTokAnswer<T> {
  readonly data: T;
  /** The raw body, for int64 fields JSON.parse would round (post ids). */
  readonly text: string;
}

export interface ChunkUpload {
  readonly uploadUrl: string;
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly mimeType: string;
  readonly kind: RequestKind;
}

/**
 * A small typed fetch client for TikTok's Open API: bearer token, JSON bodies, timeout, zod
 * parsing of `data`, and every failure (including `error.code` other than `ok` on an HTTP 200)
 * turned into a classified PlatformError.
 */
export class TikTokClient {
  constructor(
    private readonly transport: TikTokTransport,
    private readonly accessToken: string | null,
  ) {}

  async api<T>(call: TikTokCall<T>): Promise<TikTokAnswer<T>> {
    const url = new URL(call.path, this.transport.apiBaseUrl);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = {};
    if (this.accessToken !== null) {
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    const init: RequestInit = { method: call.method, headers };
    if (call.method === 'POST') {
      headers['content-type'] = 'application/json; charset=UTF-8';
      init.body = JSON.stringify(call.json ?? {});
    }
    const { status, text, body, retryAfter } = await this.send(url, init, call.kind);
    const code = apiErrorCode(body);
    if (status < 200 || status >= 300 || (code !== null && code !== 'ok')) {
      throw new PlatformError(
        classifyTikTokResponse({ status, body, retryAfter }, 'api', call.kind),
      );
    }
    const parsed = z.object({ data: call.schema }).safeParse(body);
    if (!parsed.success) {
      // A success we cannot read: for a write it happened, but we do not know as what.
      throw new PlatformError(unreadable(call.kind));
    }
    return { data: parsed.data.data, text };
  }

  /** The OAuth token endpoint: form-encoded, client key and secret in the body. */
  async token<T>(form: Readonly<Record<string, string>>, schema: z.ZodType<T>): Promise<T> {
    const url = new URL('/v2/oauth/token/', this.transport.apiBaseUrl);
    const { status, body, retryAfter } = await this.send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
      'read',
    );
    // TikTok may report OAuth errors with HTTP 200; the `error` member decides.
    const failed = typeof body === 'object' && body !== null && 'error' in body;
    if (status < 200 || status >= 300 || failed) {
      throw new PlatformError(
        classifyTikTokResponse({ status, body, retryAfter }, 'token', 'read'),
      );
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new PlatformError(unreadable('read'));
    }
    return parsed.data;
  }

  /** PUTs one chunk to the upload URL; the URL carries its own credentials, no bearer token. */
  async uploadChunk(chunk: ChunkUpload): Promise<void> {
    const { status, body, retryAfter } = await this.send(
      new URL(chunk.uploadUrl),
      {
        method: 'PUT',
        headers: {
          'content-type': chunk.mimeType,
          'content-range': `bytes ${chunk.start}-${chunk.end - 1}/${chunk.total}`,
        },
        body: chunk.bytes.subarray(chunk.start, chunk.end),
      },
      chunk.kind,
    );
    if (status < 200 || status >= 300) {
      throw new PlatformError(
        classifyTikTokResponse({ status, body, retryAfter }, 'upload', chunk.kind),
      );
    }
  }

  private async send(
    url: URL,
    init: RequestInit,
    kind: RequestKind,
  ): Promise<{ status: number; text: string; body: unknown; retryAfter: string | null }> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.transport.timeoutMs),
      });
      // Read inside the try: a connection dropped mid-body is a network failure too.
      text = await response.text();
    } catch (error) {
      throw new PlatformError(tiktokNetworkFailure(error, kind));
    }
    return {
      status: response.status,
      text,
      body: parseJson(text),
      retryAfter: response.headers.get('retry-after'),
    };
  }
}

function unreadable(kind: RequestKind): PlatformFailure {
  return kind === 'write'
    ? { kind: 'outcome-unknown' }
    : { kind: 'transient', platformCode: 'unexpected-response' };
}

function parseJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
