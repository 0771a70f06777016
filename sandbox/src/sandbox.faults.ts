import { z } from 'zod';

/**
 * Fault injection per platform, set over the admin API. Each request to a platform's endpoints
 * draws from these settings, so tests can provoke every failure class a connector must handle.
 */
export const faultSettingsSchema = z.strictObject({
  /** Added delay in milliseconds: uniform between min and max. */
  latencyMs: z
    .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) })
    .optional(),
  /** Probability of a 503 answer before the request takes effect. */
  errorRate: z.number().min(0).max(1).optional(),
  /** The next N requests get this 5xx status before they take effect. */
  serverError: z
    .strictObject({
      count: z.number().int().min(1),
      status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]),
    })
    .optional(),
  /** The next N requests get 429 with this Retry-After. */
  rateLimit: z
    .strictObject({ count: z.number().int().min(1), retryAfterSeconds: z.number().int().min(0) })
    .optional(),
  /** The next N write requests take effect, then the connection is dropped without an answer. */
  dropResponseAfterWrite: z.number().int().min(1).optional(),
  /** The next N requests hang until the client gives up. */
  timeout: z.number().int().min(1).optional(),
  /** Every token issued so far is treated as expired. */
  expireTokens: z.boolean().optional(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export interface FaultState {
  latencyMs: { min: number; max: number } | null;
  errorRate: number;
  serverErrorLeft: number;
  serverErrorStatus: number;
  rateLimitLeft: number;
  retryAfterSeconds: number;
  dropLeft: number;
  timeoutLeft: number;
  /** Tokens issued at or before this instant count as expired. */
  tokensValidAfter: number;
}

export function emptyFaults(): FaultState {
  return {
    latencyMs: null,
    errorRate: 0,
    serverErrorLeft: 0,
    serverErrorStatus: 503,
    rateLimitLeft: 0,
    retryAfterSeconds: 0,
    dropLeft: 0,
    timeoutLeft: 0,
    tokensValidAfter: Number.NEGATIVE_INFINITY,
  };
}

export function applyFaultSettings(state: FaultState, settings: FaultSettings, now: number): void {
  if (settings.latencyMs !== undefined) {
    state.latencyMs = settings.latencyMs;
  }
  if (settings.errorRate !== undefined) {
    state.errorRate = settings.errorRate;
  }
  if (settings.serverError !== undefined) {
    state.serverErrorLeft = settings.serverError.count;
    state.serverErrorStatus = settings.serverError.status;
  }
  if (settings.rateLimit !== undefined) {
    state.rateLimitLeft = settings.rateLimit.count;
    state.retryAfterSeconds = settings.rateLimit.retryAfterSeconds;
  }
  if (settings.dropResponseAfterWrite !== undefined) {
    state.dropLeft = settings.dropResponseAfterWrite;
  }
  if (settings.timeout !== undefined) {
    state.timeoutLeft = settings.timeout;
  }
  if (settings.expireTokens === true) {
    state.tokensValidAfter = now;
  }
}

/** What the platform plugin must do with this request, decided before it runs. */
export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: number }
  | { readonly kind: 'timeout' };

export function decideFault(state: FaultState, random: () => number = Math.random): FaultDecision {
  if (state.timeoutLeft > 0) {
    state.timeoutLeft -= 1;
    return { kind: 'timeout' };
  }
  if (state.rateLimitLeft > 0) {
    state.rateLimitLeft -= 1;
    return { kind: 'rate-limited', retryAfterSeconds: state.retryAfterSeconds };
  }
  if (state.serverErrorLeft > 0) {
    state.serverErrorLeft -= 1;
    return { kind: 'server-error', status: state.serverErrorStatus };
  }
  if (state.errorRate > 0 && random() < state.errorRate) {
    return { kind: 'server-error', status: 503 };
  }
  return { kind: 'none' };
}

/** True (and consumed) when this write's response should be dropped after it took effect. */
export function takeDrop(state: FaultState): boolean {
  if (state.dropLeft > 0) {
    state.dropLeft -= 1;
    return true;
  }
  return false;
}

export function latencyFor(state: FaultState, random: () => number = Math.random): number {
  if (state.latencyMs === null) {
    return 0;
  }
  const { min, max } = state.latencyMs;
  return Math.round(min + (Math.max(max, min) - min) * random());
}
