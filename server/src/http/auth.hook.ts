import type { FastifyInstance, FastifyRequest } from 'fastify';

import { decide } from '../access/access.policy.ts';
import { resolveSession } from '../access/sessions.service.ts';
import type { SessionSettings } from '../access/sessions.service.ts';
import { safeEqual } from '../access/tokens.ts';
import type { Database } from '../database/database.types.ts';
import { AppError } from '../errors/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { Kysely } from 'kysely';

export const SESSION_COOKIE = 'sf_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CookieSettings {
  readonly secure: boolean;
}

export function sessionCookieOptions(settings: CookieSettings, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: settings.secure,
    signed: true,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/**
 * Loads the session from its cookie, then enforces the route's declared permission and, for
 * state-changing requests within a session, the CSRF token. A route without a declared permission
 * is refused: default deny.
 */
export function registerAuthHooks(
  app: FastifyInstance,
  db: Kysely<Database>,
  settings: SessionSettings,
): void {
  app.decorateRequest('session', null);
  // Replaced in onRequest below, before any handler can read it.
  app.decorateRequest('actor', null as unknown as Actor);

  // Everything runs in onRequest, before the body is parsed or validated: an unauthorised
  // request learns nothing about the route's schema.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const config = request.routeOptions.config;
    if (config.sessionless === true && config.permission === 'public') {
      request.session = null;
      request.actor = { userId: null, role: null, correlationId: request.id };
      return;
    }
    await loadSession(request);
    enforce(request);
  });

  async function loadSession(request: FastifyRequest): Promise<void> {
    request.session = null;
    request.actor = { userId: null, role: null, correlationId: request.id };
    const raw = request.cookies[SESSION_COOKIE];
    if (raw === undefined) {
      return;
    }
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid) {
      return;
    }
    request.session = (await resolveSession(db, unsigned.value, settings)) ?? null;
    if (request.session) {
      request.actor = { userId: request.session.user.id, role: null, correlationId: request.id };
    }
  }

  function enforce(request: FastifyRequest): void {
    if (request.is404) {
      // The not-found handler answers alike for everyone.
      return;
    }
    const permission = request.routeOptions.config.permission;
    if (permission === undefined) {
      throw new AppError('forbidden');
    }
    const session = request.session;
    if (session !== null && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new AppError('csrf_invalid');
      }
    }
    if (permission === 'public') {
      return;
    }
    if (session === null) {
      throw new AppError('unauthenticated');
    }
    if (permission === 'authenticated') {
      return;
    }
    const decision = decide(session.user, permission);
    if (!decision.allowed) {
      throw new AppError('forbidden');
    }
    request.actor = { userId: session.user.id, role: decision.role, correlationId: request.id };
  }
}
