import type { FastifyReply, FastifyRequest } from 'fastify';

import type { SandboxContext } from '../sandbox.server.ts';
import type { SandboxStore, SandboxToken } from '../sandbox.store.ts';

export const LINKEDIN = 'linkedin';

/** The member who "logs in" on the sandbox consent page, and the Page they administer. */
export const LINKEDIN_SANDBOX_MEMBER = 'urn:li:person:sandbox-member';
export const LINKEDIN_SANDBOX_ORGANIZATION = 'urn:li:organization:5550001';

/** Limits as data (platforms.md): LinkedIn changes them without notice. */
export interface LinkedInSandboxOptions {
  /** Member access tokens live 60 days (learn.microsoft.com, authorization code flow). */
  readonly accessTokenSeconds: number;
  /** Posts per organization per day (about 150 according to Ayrshare; not published). */
  readonly postsPerDay: number;
  readonly maxCommentaryLength: number;
  /** How long a new post stays out of `GET /rest/posts?q=author` (LinkedIn's finder lags). */
  readonly listingDelayMs: number;
  /** Organizations the sandbox member administers (organizationAcls). */
  readonly organizations: readonly string[];
}

export const DEFAULT_LINKEDIN_SANDBOX_OPTIONS: LinkedInSandboxOptions = {
  accessTokenSeconds: 5_184_000,
  postsPerDay: 150,
  maxCommentaryLength: 3000,
  listingDelayMs: 0,
  organizations: [LINKEDIN_SANDBOX_ORGANIZATION],
};

export interface LinkedInAuthCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
}

export interface LinkedInImage {
  readonly urn: string;
  readonly owner: string;
  uploaded: boolean;
  bytes: number;
}

export interface LinkedInComment {
  readonly id: string;
  readonly urn: string;
  readonly object: string;
  readonly actor: string;
  readonly text: string;
  readonly parentComment: string | null;
  readonly createdAt: number;
}

export interface LinkedInState {
  readonly codes: Map<string, LinkedInAuthCode>;
  readonly images: Map<string, LinkedInImage>;
  readonly comments: LinkedInComment[];
}

/** LinkedIn's plugin state inside the shared store's extras. */
export function linkedInState(store: SandboxStore): LinkedInState {
  const extras = store.extrasFor(LINKEDIN);
  let state = extras.get('state') as LinkedInState | undefined;
  if (state === undefined) {
    state = { codes: new Map(), images: new Map(), comments: [] };
    extras.set('state', state);
  }
  return state;
}

/** LinkedIn's REST error body: HTTP status, numeric sub-code and a machine code. */
export function restError(
  status: number,
  code: string,
  message: string,
  serviceErrorCode?: number,
): Record<string, unknown> {
  return {
    status,
    code,
    message,
    ...(serviceErrorCode === undefined ? {} : { serviceErrorCode }),
  };
}

/** What the guard sends for injected faults: the same body shape as LinkedIn's own 429/5xx. */
export function faultBody(status: number): Record<string, unknown> {
  if (status === 429) {
    return restError(
      429,
      'TOO_MANY_REQUESTS',
      'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      101,
    );
  }
  return restError(status, 'INTERNAL_SERVER_ERROR', 'Internal Server Error');
}

export function guardLinkedIn(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  return ctx.guard(LINKEDIN, request, reply, faultBody);
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') === true ? header.slice('Bearer '.length) : undefined;
}

/**
 * The checks every `/rest/*` call passes on LinkedIn: a `LinkedIn-Version` header (else 400
 * VERSION_MISSING) and a live token (else 401 with the expired / revoked / invalid code).
 * Returns the token, or undefined after answering.
 */
export async function authorizeRest(
  ctx: SandboxContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SandboxToken | undefined> {
  if (!(await guardLinkedIn(ctx, request, reply))) {
    return undefined;
  }
  if (typeof request.headers['linkedin-version'] !== 'string') {
    await reply
      .status(400)
      .send(
        restError(
          400,
          'VERSION_MISSING',
          'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
        ),
      );
    return undefined;
  }
  const presented = bearer(request);
  const token = ctx.store.validToken(LINKEDIN, presented);
  if (token !== undefined) {
    return token;
  }
  const record = presented === undefined ? undefined : ctx.store.tokens.get(presented);
  const expired =
    record?.platform === LINKEDIN &&
    record.expiresAt !== null &&
    record.expiresAt <= ctx.store.now();
  const body =
    record?.platform !== LINKEDIN
      ? restError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600)
      : expired
        ? restError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65600)
        : restError(
            401,
            'REVOKED_ACCESS_TOKEN',
            'The token used in the request has been revoked by the user',
            65601,
          );
  await reply.status(401).send(body);
  return undefined;
}

/** A token from the admin API has no scopes, which means "everything". */
export function hasScope(token: SandboxToken, scope: string): boolean {
  return token.scopes.length === 0 || token.scopes.includes(scope);
}

export async function forbidden(reply: FastifyReply, scope: string): Promise<undefined> {
  await reply
    .status(403)
    .send(restError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${scope}`, 100));
  return undefined;
}
