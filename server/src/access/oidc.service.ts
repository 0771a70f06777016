import * as client from 'openid-client';

import { AppError } from '../errors/errors.ts';
import type { OidcConfig } from '../config/config.ts';

/** What the login flow keeps between redirect and callback (in a signed, short-lived cookie). */
export interface OidcFlowState {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export interface OidcIdentity {
  readonly subject: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | undefined;
  /** Raw values of the configured role claim. */
  readonly roleValues: readonly string[];
}

export interface OidcLogin {
  start(): Promise<{ url: string; flow: OidcFlowState }>;
  finish(callbackUrl: URL, flow: OidcFlowState): Promise<OidcIdentity>;
}

/**
 * OpenID Connect authorization-code flow with PKCE, state and nonce against the city's identity
 * provider (Keycloak, ADFS, …). Discovery runs lazily and is retried on the next login if it fails.
 */
export function createOidcLogin(config: OidcConfig, redirectUri: string): OidcLogin {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    const issuer = new URL(config.issuer);
    discovered ??= client
      .discovery(issuer, config.clientId, config.clientSecret, undefined, {
        // Plain http only for a provider on this machine (development and tests).
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- loopback development only
        execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    async start() {
      const flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, flow };
    },

    async finish(callbackUrl, flow) {
      const tokens = await client.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (idClaims === undefined) {
        throw new AppError('sso_failed');
      }
      let claims: Record<string, unknown> = idClaims;
      // Spec-conforming providers may keep email, name and custom claims for UserInfo only.
      if (claims[config.roleClaim] === undefined || claims['email'] === undefined) {
        const info = await client.fetchUserInfo(
          await configuration(),
          tokens.access_token,
          idClaims.sub,
        );
        claims = { ...info, ...idClaims, ...pickDefined(info) };
      }
      return {
        subject: idClaims.sub,
        email: typeof claims['email'] === 'string' ? claims['email'] : undefined,
        emailVerified: claims['email_verified'] === true,
        name: typeof claims['name'] === 'string' ? claims['name'] : undefined,
        roleValues: claimValues(claims[config.roleClaim]),
      };
    },
  };
}

function pickDefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function claimValues(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.filter((item): item is string => typeof item === 'string');
  }
  if (typeof value === 'string') {
    return value.split(/[\s,]+/).filter((item) => item.length > 0);
  }
  return [];
}

function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
