import { Agent } from 'node:http';

import { TwitterApi } from 'twitter-api-v2';
import type { IClientSettings, ITwitterApiClientPlugin } from 'twitter-api-v2';

/** Where twitter-api-v2 sends everything: its v1, v2, upload and OAuth 2.0 token URLs. */
const X_API_ORIGIN = 'https://api.x.com';

export interface XTransport {
  /** Origin of the X API (no path): twitter-api-v2 picks body formats from paths under `/2/`. */
  readonly apiBaseUrl: string;
  /** Client-side limit for one request; on a tweet, expiry means the outcome is unknown. */
  readonly timeoutMs: number;
}

/**
 * twitter-api-v2 1.29 has no base-URL setting: `prefix` only covers relative v2 calls, while the
 * OAuth 2.0 token and upload URLs are absolute. Its documented plugin hook `onBeforeRequestConfig`
 * sees every request before the URL is parsed, so one rebase there covers all of them, and the
 * same hook sets the request timeout the high-level methods do not expose.
 */
function transportPlugin(transport: XTransport): ITwitterApiClientPlugin {
  const url = new URL(transport.apiBaseUrl);
  if (url.pathname !== '/' || url.search !== '') {
    throw new Error(`X apiBaseUrl must be an origin without path: ${transport.apiBaseUrl}`);
  }
  const base = url.origin;
  return {
    onBeforeRequestConfig({ params }) {
      if (base !== X_API_ORIGIN && params.url.startsWith(`${X_API_ORIGIN}/`)) {
        params.url = `${base}${params.url.slice(X_API_ORIGIN.length)}`;
      }
      params.timeout ??= transport.timeoutMs;
    },
  };
}

/** Settings shared by every client one connector creates. */
export function xClientSettings(transport: XTransport): Partial<IClientSettings> {
  const settings: Partial<IClientSettings> = { plugins: [transportPlugin(transport)] };
  // twitter-api-v2 always calls https.request; an http.Agent makes it speak plain HTTP, which a
  // sandbox on the same machine (npm start, tests) serves.
  if (new URL(transport.apiBaseUrl).protocol === 'http:') {
    settings.httpAgent = new Agent({ keepAlive: false });
  }
  return settings;
}

/** A client acting for one connected account (OAuth 2.0 user-context bearer token). */
export function xUserClient(accessToken: string, settings: Partial<IClientSettings>): TwitterApi {
  return new TwitterApi(accessToken, settings);
}

/** The app's own client for the OAuth 2.0 authorisation, token and refresh calls. */
export function xAppClient(
  clientId: string,
  clientSecret: string | null,
  settings: Partial<IClientSettings>,
): TwitterApi {
  return new TwitterApi(
    clientSecret === null ? { clientId } : { clientId, clientSecret },
    settings,
  );
}
