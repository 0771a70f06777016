import type { z } from 'zod';

import { PlatformError } from '../connector.ts';
import type { RequestKind } from '../failure.ts';
import { classifyGoogleResponse, googleNetworkFailure } from './youtube.errors.ts';
import type { GooglePhase } from './youtube.errors.ts';

export interface YouTubeTransport {
  /** Data API and upload origin, `https://www.googleapis.com` in production. */
  readonly apiBaseUrl: string;
  /** Consent page origin, `https://accounts.google.com`. */
  readonly authBaseUrl: string;
  /** Token endpoint origin, `https://oauth2.googleapis.com`. */
  readonly tokenBaseUrl: string;
  /** Analytics API origin, `https://youtubeanalytics.googleapis.com`. */
  readonly analyticsBaseUrl: string;
  readonly timeoutMs: number;
  readonly now: () => Date;
}

export interface YouTubeCall<T> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly json?: unknown;
  /** Parses a 2xx body; omitted for answers without one (204). */
  readonly schema?: z.ZodType<T>;
  /** `write`: a lost answer may hide a change on YouTube (outcome unknown). */
  readonly kind: RequestKind;
  readonly origin?: 'api' | 'analytics';
}

export interface VideoMetadata {
  readonly snippet: Readonly<Record<string, unknown>>;
  readonly status: Readonly<Record<string, unknown>>;
}

/** 308 Resume Incomplete's `Range: bytes=0-N`: what the upload server holds so far. */
const RANGE = /^bytes=0-(\d+)$/;

/**
 * A small typed fetch client for Google's APIs: bearer token, timeout, zod-parsed bodies and every
 * failure turned into a classified PlatformError; plus the resumable upload protocol.
 */
export class YouTubeClient {
  constructor(
    private readonly transport: YouTubeTransport,
    private readonly accessToken: string | null,
  ) {}

  async api<T>(call: YouTubeCall<T>): Promise<T | undefined> {
    const base =
      call.origin === 'analytics' ? this.transport.analyticsBaseUrl : this.transport.apiBaseUrl;
    const url = new URL(call.path, base);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      url.searchParams.set(key, String(value));
    }
    const headers = this.headers();
    const init: RequestInit = { method: call.method, headers };
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json; charset=UTF-8';
      init.body = JSON.stringify(call.json);
    }
    const { response, text } = await this.exchange(url, init, call.kind);
    return this.interpret(response, text, call.kind, call.schema, 'api');
  }

  /** The OAuth token endpoint (form-encoded, client credentials in the body). */
  async token<T>(form: Readonly<Record<string, string>>, schema: z.ZodType<T>): Promise<T> {
    const url = new URL('/token', this.transport.tokenBaseUrl);
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    };
    const { response, text } = await this.exchange(url, init, 'read');
    const data = this.interpret(response, text, 'read', schema, 'token');
    if (data === undefined) {
      throw new PlatformError({ kind: 'transient', platformCode: 'unexpected-response' });
    }
    return data;
  }

  /**
   * Opens a resumable upload session (videos.insert) and returns its URI. Nothing is visible on
   * the channel until the last byte arrives, so a lost answer here is merely transient.
   */
  async startUpload(metadata: VideoMetadata, length: number, mimeType: string): Promise<string> {
    const url = new URL('/upload/youtube/v3/videos', this.transport.apiBaseUrl);
    url.search = new URLSearchParams({
      uploadType: 'resumable',
      part: 'snippet,status',
    }).toString();
    const headers = this.headers();
    headers['content-type'] = 'application/json; charset=UTF-8';
    headers['x-upload-content-length'] = String(length);
    headers['x-upload-content-type'] = mimeType;
    const { response, text } = await this.exchange(
      url,
      { method: 'POST', headers, body: JSON.stringify(metadata) },
      'read',
    );
    this.interpret(response, text, 'read', undefined, 'api');
    const location = response.headers.get('location');
    if (location === null || location === '') {
      throw new PlatformError({ kind: 'transient', platformCode: 'no-upload-session' });
    }
    return location;
  }

  /**
   * PUTs the bytes in chunks with Content-Range; 308 Resume Incomplete says how much arrived.
   * Only the final chunk creates the video: its lost answer is outcome-unknown, earlier ones
   * are transient (a new session simply starts over).
   */
  async upload<T>(
    sessionUrl: string,
    bytes: Uint8Array,
    chunkBytes: number,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const total = bytes.length;
    let offset = 0;
    for (let attempt = 0; attempt <= Math.ceil(total / chunkBytes) + 2; attempt += 1) {
      const end = Math.min(offset + chunkBytes, total);
      const kind: RequestKind = end === total ? 'write' : 'read';
      const headers = this.headers();
      headers['content-type'] = 'application/octet-stream';
      headers['content-range'] = `bytes ${offset}-${end - 1}/${total}`;
      const { response, text } = await this.exchange(
        new URL(sessionUrl),
        { method: 'PUT', headers, body: bytes.subarray(offset, end), redirect: 'manual' },
        kind,
      );
      if (response.status === 308) {
        const held = RANGE.exec(response.headers.get('range') ?? '');
        offset = held === null ? 0 : Number(held[1]) + 1;
        continue;
      }
      const video = this.interpret(response, text, kind, schema, 'api');
      if (video === undefined) {
        throw new PlatformError({ kind: 'outcome-unknown' });
      }
      return video;
    }
    // The server kept asking for bytes it had been sent: give up on this session.
    throw new PlatformError({ kind: 'transient', platformCode: 'upload-stalled' });
  }

  private headers(): Record<string, string> {
    return this.accessToken === null ? {} : { authorization: `Bearer ${this.accessToken}` };
  }

  private async exchange(
    url: URL,
    init: RequestInit,
    kind: RequestKind,
  ): Promise<{ response: Response; text: string }> {
    try {
      const response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.transport.timeoutMs),
      });
      // The body is read inside the try: a connection dropped mid-body is a network failure too.
      return { response, text: await response.text() };
    } catch (error) {
      throw new PlatformError(googleNetworkFailure(error, kind));
    }
  }

  private interpret<T>(
    response: Response,
    text: string,
    kind: RequestKind,
    schema: z.ZodType<T> | undefined,
    phase: GooglePhase,
  ): T | undefined {
    const body = parseJson(text);
    if (!response.ok) {
      throw new PlatformError(
        classifyGoogleResponse(
          { status: response.status, body, retryAfter: response.headers.get('retry-after') },
          phase,
          kind,
          this.transport.now(),
        ),
      );
    }
    if (schema === undefined) {
      return undefined;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      // A 2xx we cannot read: for a write it happened, but we do not know as what.
      throw new PlatformError(
        kind === 'write'
          ? { kind: 'outcome-unknown' }
          : { kind: 'transient', platformCode: 'unexpected-response' },
      );
    }
    return parsed.data;
  }
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
