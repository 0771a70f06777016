import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

import type { AppContext } from '../app-context.ts';
import { AppError } from '../errors/errors.ts';
import { SESSION_COOKIE, sessionCookieOptions } from '../http/auth.hook.ts';
import type { FastifyZod } from '../http/fastify-zod.ts';
import { permissionsOf } from './access.policy.ts';
import {
  acceptInviteBodySchema,
  loginBodySchema,
  oidcCallbackQuerySchema,
  sessionInfoSchema,
  setupBodySchema,
  signedInSchema,
} from './auth.schema.ts';
import type { SignedIn } from './auth.schema.ts';
import { acceptInvite, completeSetup, isSetupRequired, verifyLogin } from './auth.service.ts';
import { signInWithOidc } from './oidc-users.service.ts';
import type { OidcFlowState } from './oidc.service.ts';
import { endAllSessions, endSession, startSession } from './sessions.service.ts';
import { loadUser } from './users.service.ts';

const tags = ['Anmeldung'];
const OIDC_COOKIE = 'sf_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';
const oidcFlowSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string() });

export function registerAuthRoutes(app: FastifyZod, ctx: AppContext): void {
  const cookieSettings = { secure: ctx.config.secureCookies };

  /** Starts a session for the user, sets the cookie and answers with what the UI needs. */
  async function signIn(
    reply: FastifyReply,
    userId: string,
    method: 'local' | 'oidc',
  ): Promise<SignedIn> {
    const session = await startSession(ctx.db, userId, method, ctx.sessions);
    const maxAge = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
    reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(cookieSettings, maxAge));
    const user = await loadUser(ctx.db, userId);
    if (user === undefined) {
      throw new AppError('internal');
    }
    return { user, csrfToken: session.csrfToken, permissions: permissionsOf(user) };
  }

  app.get(
    '/api/session',
    { config: { permission: 'public' }, schema: { tags, response: { 200: sessionInfoSchema } } },
    async (request) => {
      const session = request.session;
      return {
        user: session?.user ?? null,
        csrfToken: session?.csrfToken ?? null,
        permissions: session ? permissionsOf(session.user) : [],
        setupRequired: session ? false : await isSetupRequired(ctx.db),
        oidcEnabled: ctx.oidc !== undefined,
      };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: loginBodySchema, response: { 200: signedInSchema } },
    },
    async (request, reply) => {
      const userId = await verifyLogin(
        ctx.db,
        request.body.email,
        request.body.password,
        request.id,
      );
      await dropCurrentSession(request);
      return signIn(reply, userId, 'local');
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { permission: 'authenticated' }, schema: { tags } },
    async (request, reply) => {
      await dropCurrentSession(request);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    { config: { permission: 'authenticated' }, schema: { tags } },
    async (request, reply) => {
      if (request.session !== null) {
        await endAllSessions(ctx.db, request.session.user.id);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/setup',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: setupBodySchema, response: { 200: signedInSchema } },
    },
    async (request, reply) => {
      const userId = await completeSetup(ctx.db, request.body, request.id);
      return signIn(reply, userId, 'local');
    },
  );

  app.post(
    '/api/auth/accept-invite',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, body: acceptInviteBodySchema, response: { 200: signedInSchema } },
    },
    async (request, reply) => {
      const userId = await acceptInvite(
        ctx.db,
        request.body.token,
        request.body.password,
        request.id,
      );
      await dropCurrentSession(request);
      return signIn(reply, userId, 'local');
    },
  );

  app.get(
    '/api/auth/oidc/login',
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags },
    },
    async (_request, reply) => {
      if (ctx.oidc === undefined) {
        throw new AppError('sso_not_configured');
      }
      const { url, flow } = await ctx.oidc.start();
      reply.setCookie(OIDC_COOKIE, JSON.stringify(flow), {
        ...sessionCookieOptions(cookieSettings, 600),
        path: OIDC_COOKIE_PATH,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { permission: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, querystring: oidcCallbackQuerySchema },
    },
    async (request, reply) => {
      const oidc = ctx.oidc;
      if (oidc === undefined) {
        throw new AppError('sso_not_configured');
      }
      const flow = readFlowCookie(request);
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      try {
        if (flow === undefined || request.query.error !== undefined) {
          throw new AppError('sso_failed');
        }
        const callbackUrl = new URL(request.url, ctx.config.publicUrl);
        const identity = await oidc.finish(callbackUrl, flow);
        const userId = await signInWithOidc(ctx.db, identity, request.id);
        await dropCurrentSession(request);
        await signIn(reply, userId, 'oidc');
        return await reply.redirect('/', 302);
      } catch (error) {
        // The browser is mid-redirect: send it to the login page with a reason, not a JSON body.
        const code = error instanceof AppError ? error.code : 'sso_failed';
        request.log.info({ code }, 'oidc login failed');
        return reply.redirect(`/login?error=${code}`, 302);
      }
    },
  );

  function readFlowCookie(request: FastifyRequest): OidcFlowState | undefined {
    const raw = request.cookies[OIDC_COOKIE];
    const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
    if (unsigned?.valid !== true) {
      return undefined;
    }
    try {
      const parsed = oidcFlowSchema.safeParse(JSON.parse(unsigned.value) as unknown);
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async function dropCurrentSession(request: FastifyRequest): Promise<void> {
    if (request.session !== null) {
      await endSession(ctx.db, request.session.idHash);
      request.session = null;
    }
  }
}
