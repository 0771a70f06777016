import type { z } from 'zod';

import { PlatformError } from '../connector.ts';
import type { RequestKind } from '../failure.ts';
import { classifyLinkedInResponse, linkedInNetworkFailure } from './linkedin.errors.ts';
import type { LinkedInPhase } from './linkedin.errors.ts';

export interface LinkedInTransport {
  /** Origin of the REST API, `https://api.linkedin.com` in production. */
  readonly apiBaseUrl: string;
  /** Origin of the OAuth endpoints, `https://www.linkedin.com` in production. */
  readonly oauthBaseUrl: string;
  /** `LinkedIn-Version` (YYYYMM); LinkedIn supports a version for at least a year. */
  readonly apiVersion: string;
  readonly timeoutMs: number;
}

export interface LinkedInCall<T> {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly json?: unknown;
  /** Parses a 2xx body; omitted for answers without one (201 create, 204 delete). */
  readonly schema?: z.ZodType<T>;
  /** `write`: a lost answer may hide a change on LinkedIn (outcome unknown). */
  readonly kind: RequestKind;
}

export interface LinkedInAnswer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly data: T | undefined;
}

/**
 * A small typed fetch client: sets the Rest.li 2.0 and version headers, applies the timeout,
 * parses bodies with zod and turns every failure into a classified PlatformError.
 */
export class LinkedInClient {
  constructor(
    private readonly transport: LinkedInTransport,
    private readonly accessToken: string | null,
  ) {}

  /** A call to `/rest/*` with the member's bearer token. */
  async rest<T>(call: LinkedInCall<T>): Promise<LinkedInAnswer<T>> {
    const url = new URL(call.path, this.transport.apiBaseUrl);
    for (const [key, value] of Object.entries(call.query ?? {})) {
      url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      'linkedin-version': this.transport.apiVersion,
      'x-restli-protocol-version': '2.0.0',
    };
    if (this.accessToken !== null) {
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (call.method === 'DELETE') {
      // Rest.li names the method explicitly; LinkedIn's delete examples send it.
      headers['x-restli-method'] = 'DELETE';
    }
    const init: RequestInit = { method: call.method, headers };
    if (call.json !== undefined) {
      init.body = JSON.stringify(call.json);
    }
    return this.send(url, init, call, 'rest');
  }

  /** PUTs image bytes to the upload URL initializeUpload returned (may be another host). */
  async upload(uploadUrl: string, bytes: Uint8Array): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
    if (this.accessToken !== null) {
      headers.authorization = `Bearer ${this.accessToken}`;
    }
    // An upload publishes nothing until a post uses it: a lost answer is merely transient.
    await this.send(
      new URL(uploadUrl),
      { method: 'PUT', headers, body: bytes },
      { kind: 'read' },
      'rest',
    );
  }

  /** The OAuth token endpoint (form-encoded, client credentials in the body). */
  async token<T>(form: Readonly<Record<string, string>>, schema: z.ZodType<T>): Promise<T> {
    const url = new URL('/oauth/v2/accessToken', this.transport.oauthBaseUrl);
    const answer = await this.send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      },
      { kind: 'read', schema },
      'token',
    );
    if (answer.data === undefined) {
      throw new PlatformError({ kind: 'transient', platformCode: 'unexpected-response' });
    }
    return answer.data;
  }

  private async send<T>(
    url: URL,
    init: RequestInit,
    call: Pick<LinkedInCall<T>, 'kind' | 'schema'>,
    phase: LinkedInPhase,
  ): Promise<LinkedInAnswer<T>> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(this.transport.timeoutMs),
      });
      // The body is read inside the try: a connection dropped mid-body is a network failure too.
      text = await response.text();
    } catch (error) {
      throw new PlatformError(linkedInNetworkFailure(error, call.kind));
    }
    const body = parseJson(text);
    if (!response.ok) {
      throw new PlatformError(
        classifyLinkedInResponse(
          { status: response.status, body, retryAfter: response.headers.get('retry-after') },
          phase,
          call.kind,
        ),
      );
    }
    if (call.schema === undefined) {
      return { status: response.status, headers: response.headers, data: undefined };
    }
    const parsed = call.schema.safeParse(body);
    if (!parsed.success) {
      // A 2xx we cannot read: for a write it happened, but we do not know as what.
      throw new PlatformError(
        call.kind === 'write'
          ? { kind: 'outcome-unknown' }
          : { kind: 'transient', platformCode: 'unexpected-response' },
      );
    }
    return { status: response.status, headers: response.headers, data: parsed.data };
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
