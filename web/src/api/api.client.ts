// The one fetch wrapper: same-origin cookies, CSRF header on writes, typed errors.

export type ApiErrorCode = string;

/** One invalid field: `path` as the server names it, e.g. `transfers.0.dpfCheckedOn`. */
export interface ApiErrorDetail {
  path: string;
  message: string;
}

/** Codes the client invents itself when the server gave no usable answer. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
} as const;

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly correlationId: string | null;
  readonly details: readonly ApiErrorDetail[];

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    correlationId: string | null,
    details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.correlationId = correlationId;
    this.details = details;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

// Module state on purpose: the token belongs to the browser session, not to any component,
// and every write needs it without threading it through props.
let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when an authenticated request gets 401, so the app can drop a stale session. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function readDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.flatMap((item: unknown) =>
    isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string'
      ? [{ path: item.path, message: item.message }]
      : [],
  );
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.message === 'string' && typeof body.code === 'string') {
    const correlationId = typeof body.correlationId === 'string' ? body.correlationId : null;
    return new ApiError(status, body.code, body.message, correlationId, readDetails(body.details));
  }
  return new ApiError(
    status,
    CLIENT_ERROR_CODES.invalidResponse,
    `Unerwartete Antwort des Servers (Status ${status}).`,
    null,
  );
}

export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken !== null) {
    headers['x-csrf-token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, CLIENT_ERROR_CODES.network, 'Der Server ist nicht erreichbar.', null);
  }

  if (response.status === 204) {
    return undefined as T;
  }
  const parsed = await readJson(response);
  if (!response.ok) {
    const error = toApiError(response.status, parsed);
    // Login answers 401 for wrong credentials; that is not an expired session.
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      unauthorizedHandler?.();
    }
    throw error;
  }
  if (parsed === undefined) {
    throw new ApiError(
      response.status,
      CLIENT_ERROR_CODES.invalidResponse,
      'Unerwartete Antwort des Servers.',
      null,
    );
  }
  // The server validates its responses against the same schema; trusting the shape here
  // keeps the bundle free of a second validator.
  return parsed as T;
}

export function apiGet<T>(path: string): Promise<T> {
  return apiRequest<T>('GET', path);
}

export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return apiRequest<T>('POST', path, body);
}

export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('PATCH', path, body);
}

export function apiPut<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('PUT', path, body);
}

export function apiDelete<T>(path: string): Promise<T> {
  return apiRequest<T>('DELETE', path);
}
