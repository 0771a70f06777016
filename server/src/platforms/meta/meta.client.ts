import type { z } from 'zod';

import { PlatformError } from '../connector.ts';
import { classifyNetworkFailure } from '../failure.ts';
import type { RequestKind } from '../failure.ts';
import { classifyMetaResponse } from './meta.errors.ts';

export const META_GRAPH_BASE_URL = 'https://graph.facebook.com';
/** Facebook Login's dialog lives on the web host, not on the Graph API host. */
export const META_DIALOG_BASE_URL = 'https://www.facebook.com';
export const META_GRAPH_VERSION = 'v21.0';

/** One Meta app serves the Facebook and the Instagram connector. */
export interface MetaConnectorOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Graph API origin; the sandbox's origin in development and tests. */
  readonly baseUrl?: string;
  /** Origin of the login dialog; defaults to www.facebook.com, or `baseUrl` when that changed. */
  readonly dialogBaseUrl?: string;
  readonly graphVersion?: string;
  readonly timeoutMs?: number;
}

export interface MetaTransport {
  /** Origin of the Graph API (`https://graph.facebook.com`) or of the sandbox. */
  readonly baseUrl: string;
  /** Graph API version as a path segment, e.g. `v21.0`. */
  readonly graphVersion: string;
  readonly dialogBaseUrl: string;
  readonly timeoutMs: number;
}

export type GraphParams = Readonly<Record<string, string | undefined>>;

export interface GraphCall<T> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path below the version, e.g. `/123/feed`. */
  readonly path: string;
  readonly token: string | null;
  readonly params?: GraphParams;
  /** Multipart body instead of form parameters (photo bytes as `source`). */
  readonly form?: FormData;
  readonly schema: z.ZodType<T>;
  /** `write` when a lost answer may hide a visible change (publish, reply). */
  readonly kind: RequestKind;
}

/** A typed Graph API client: one fetch per call, zod-parsed answers, classified failures. */
export interface MetaClient {
  call<T>(request: GraphCall<T>): Promise<T>;
  /** URL of the Facebook Login dialog, which a browser opens. */
  dialogUrl(params: GraphParams): string;
}

function definedEntries(params: GraphParams): [string, string][] {
  return Object.entries(params).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
}

export function createMetaClient(transport: MetaTransport): MetaClient {
  const base = transport.baseUrl.replace(/\/+$/, '');
  const url = (path: string, params: GraphParams, origin = base): string => {
    const target = new URL(`${origin}/${transport.graphVersion}${path}`);
    for (const [key, value] of definedEntries(params)) {
      target.searchParams.set(key, value);
    }
    return target.toString();
  };

  const dialogBase = transport.dialogBaseUrl.replace(/\/+$/, '');
  return {
    dialogUrl: (params) => url('/dialog/oauth', params, dialogBase),
    async call<T>(request: GraphCall<T>): Promise<T> {
      const params = definedEntries(request.params ?? {});
      const headers: Record<string, string> = {};
      if (request.token !== null) {
        // A header keeps the token out of URLs, logs and proxies.
        headers.authorization = `Bearer ${request.token}`;
      }
      let target: string;
      let body: FormData | URLSearchParams | null = null;
      if (request.method === 'POST') {
        target = url(request.path, {});
        if (request.form === undefined) {
          body = new URLSearchParams(params);
        } else {
          body = request.form;
          for (const [key, value] of params) {
            body.set(key, value);
          }
        }
      } else {
        target = url(request.path, Object.fromEntries(params));
      }
      let response: Response;
      let parsedBody: unknown;
      try {
        response = await fetch(target, {
          method: request.method,
          headers,
          body,
          signal: AbortSignal.timeout(transport.timeoutMs),
        });
        parsedBody = await response.json().catch(() => null);
      } catch (error) {
        const failure = classifyNetworkFailure(error, request.kind);
        if (failure === null) {
          throw error;
        }
        throw new PlatformError(failure);
      }
      if (!response.ok) {
        throw new PlatformError(
          classifyMetaResponse(
            { status: response.status, body: parsedBody, headers: response.headers },
            request.kind,
          ),
        );
      }
      const parsed = request.schema.safeParse(parsedBody);
      if (!parsed.success) {
        // Meta answered 2xx with something we do not understand: for a write it may have acted.
        throw new PlatformError(
          request.kind === 'write'
            ? { kind: 'outcome-unknown' }
            : { kind: 'transient', platformCode: 'unexpected-body' },
        );
      }
      return parsed.data;
    },
  };
}

export function metaClientFrom(options: MetaConnectorOptions): MetaClient {
  const baseUrl = options.baseUrl ?? META_GRAPH_BASE_URL;
  return createMetaClient({
    baseUrl,
    dialogBaseUrl:
      options.dialogBaseUrl ?? (baseUrl === META_GRAPH_BASE_URL ? META_DIALOG_BASE_URL : baseUrl),
    graphVersion: options.graphVersion ?? META_GRAPH_VERSION,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}
