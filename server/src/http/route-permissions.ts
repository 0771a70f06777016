import type { Permission } from '../access/access.policy.ts';
import type { Actor } from '../access/actor.ts';
import type { ActiveSession } from '../access/sessions.service.ts';

/**
 * Every route declares one of these in its `config.permission`. `public` is reachable without a
 * session, `authenticated` by anyone logged in; a Permission goes through the policy.
 */
export type RoutePermission = Permission | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /**
     * A public route that never acts with a session (webhooks, the Netiquette appeal form): the
     * session cookie is not even loaded, so a signed-in browser needs no CSRF token there.
     */
    sessionless?: true;
  }
  interface FastifyRequest {
    session: ActiveSession | null;
    actor: Actor;
  }
}

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly permission: RoutePermission | undefined;
}

/** Routes added by plugins rather than by us; the list names them explicitly, nothing else. */
export const PLUGIN_PUBLIC_ROUTE_PREFIXES = ['/api/docs', '/*'] as const;

export function isPluginPublicRoute(url: string): boolean {
  return PLUGIN_PUBLIC_ROUTE_PREFIXES.some((prefix) =>
    prefix.endsWith('/') ? url.startsWith(prefix) : url === prefix || url.startsWith(`${prefix}/`),
  );
}
